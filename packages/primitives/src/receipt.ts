/**
 * Receipts at protocol 86. `Receipt` is the plain `ReceiptV0` struct (no version byte):
 * `predecessor_id, receiver_id, receipt_id, receipt: ReceiptEnum`, with ReceiptEnum tags
 * 0 Action · 1 Data · 2 PromiseYield · 3 PromiseResume · 4 GlobalContractDistribution ·
 * 5 ActionV2 · 6 PromiseYieldV2.
 */
import { AccountIdCodec, SYSTEM_ACCOUNT_ID, type AccountId } from './account-id.js';
import { ActionCodec, type Action } from './action.js';
import {
  BytesCodec,
  U128Codec,
  U64Codec,
  optionCodec,
  readField,
  vecCodec,
  type Codec,
} from './borsh/codec.js';
import { CryptoHashCodec, type CryptoHash } from './hash.js';
import { GlobalContractIdentifierCodec, type GlobalContractIdentifier } from './global-contract.js';
import { PublicKeyCodec, type PublicKey } from './keys.js';
import type { Balance, ShardId } from './units.js';

export interface DataReceiver {
  dataId: CryptoHash;
  receiverId: AccountId;
}

export interface ActionReceipt {
  signerId: AccountId;
  signerPublicKey: PublicKey;
  gasPrice: Balance;
  outputDataReceivers: DataReceiver[];
  inputDataIds: CryptoHash[];
  actions: Action[];
}

/** ActionReceipt plus `refund_to` (who gets balance refunds instead of the predecessor). */
export interface ActionReceiptV2 {
  signerId: AccountId;
  refundTo: AccountId | null;
  signerPublicKey: PublicKey;
  gasPrice: Balance;
  outputDataReceivers: DataReceiver[];
  inputDataIds: CryptoHash[];
  actions: Action[];
}

export interface DataReceipt {
  dataId: CryptoHash;
  /** `null` = the producing promise failed. */
  data: Uint8Array | null;
}

/**
 * `GlobalContractDistributionReceipt`: V1 (tag 0) and V2 (tag 1, adds the deployment nonce).
 * Field order of V2 (nonce last) is taken from nearcore's notes, not checked byte for byte.
 */
export type GlobalContractDistributionReceipt =
  | {
      version: 'V1';
      id: GlobalContractIdentifier;
      targetShard: ShardId;
      alreadyDeliveredShards: ShardId[];
      code: Uint8Array;
    }
  | {
      version: 'V2';
      id: GlobalContractIdentifier;
      targetShard: ShardId;
      alreadyDeliveredShards: ShardId[];
      code: Uint8Array;
      nonce: bigint;
    };

export type ReceiptEnum =
  | { type: 'Action'; receipt: ActionReceipt }
  | { type: 'Data'; receipt: DataReceipt }
  | { type: 'PromiseYield'; receipt: ActionReceipt }
  | { type: 'PromiseResume'; receipt: DataReceipt }
  | { type: 'GlobalContractDistribution'; receipt: GlobalContractDistributionReceipt }
  | { type: 'ActionV2'; receipt: ActionReceiptV2 }
  | { type: 'PromiseYieldV2'; receipt: ActionReceiptV2 };

export interface Receipt {
  predecessorId: AccountId;
  receiverId: AccountId;
  receiptId: CryptoHash;
  receipt: ReceiptEnum;
}

export const DataReceiverCodec: Codec<DataReceiver> = {
  name: 'DataReceiver',
  minSize: 36,
  write: (w, v) => {
    CryptoHashCodec.write(w, v.dataId);
    AccountIdCodec.write(w, v.receiverId);
  },
  read: (r) => ({
    dataId: readField(r, 'data_id', CryptoHashCodec),
    receiverId: readField(r, 'receiver_id', AccountIdCodec),
  }),
};

const DataReceiversCodec = vecCodec(DataReceiverCodec);
const HashesCodec = vecCodec(CryptoHashCodec);
const ActionsCodec = vecCodec(ActionCodec);
const OptionAccountIdCodec = optionCodec(AccountIdCodec);
const OptionBytesCodec = optionCodec(BytesCodec);
const ShardIdsCodec = vecCodec(U64Codec);

export const ActionReceiptCodec: Codec<ActionReceipt> = {
  name: 'ActionReceipt',
  minSize: 4 + 33 + 16 + 12,
  write: (w, v) => {
    AccountIdCodec.write(w, v.signerId);
    PublicKeyCodec.write(w, v.signerPublicKey);
    w.u128(v.gasPrice);
    DataReceiversCodec.write(w, v.outputDataReceivers);
    HashesCodec.write(w, v.inputDataIds);
    ActionsCodec.write(w, v.actions);
  },
  read: (r) => ({
    signerId: readField(r, 'signer_id', AccountIdCodec),
    signerPublicKey: readField(r, 'signer_public_key', PublicKeyCodec),
    gasPrice: readField(r, 'gas_price', U128Codec),
    outputDataReceivers: readField(r, 'output_data_receivers', DataReceiversCodec),
    inputDataIds: readField(r, 'input_data_ids', HashesCodec),
    actions: readField(r, 'actions', ActionsCodec),
  }),
};

export const ActionReceiptV2Codec: Codec<ActionReceiptV2> = {
  name: 'ActionReceiptV2',
  minSize: 4 + 1 + 33 + 16 + 12,
  write: (w, v) => {
    AccountIdCodec.write(w, v.signerId);
    OptionAccountIdCodec.write(w, v.refundTo);
    PublicKeyCodec.write(w, v.signerPublicKey);
    w.u128(v.gasPrice);
    DataReceiversCodec.write(w, v.outputDataReceivers);
    HashesCodec.write(w, v.inputDataIds);
    ActionsCodec.write(w, v.actions);
  },
  read: (r) => ({
    signerId: readField(r, 'signer_id', AccountIdCodec),
    refundTo: readField(r, 'refund_to', OptionAccountIdCodec),
    signerPublicKey: readField(r, 'signer_public_key', PublicKeyCodec),
    gasPrice: readField(r, 'gas_price', U128Codec),
    outputDataReceivers: readField(r, 'output_data_receivers', DataReceiversCodec),
    inputDataIds: readField(r, 'input_data_ids', HashesCodec),
    actions: readField(r, 'actions', ActionsCodec),
  }),
};

export const DataReceiptCodec: Codec<DataReceipt> = {
  name: 'DataReceipt',
  minSize: 33,
  write: (w, v) => {
    CryptoHashCodec.write(w, v.dataId);
    OptionBytesCodec.write(w, v.data);
  },
  read: (r) => ({
    dataId: readField(r, 'data_id', CryptoHashCodec),
    data: readField(r, 'data', OptionBytesCodec),
  }),
};

export const GlobalContractDistributionReceiptCodec: Codec<GlobalContractDistributionReceipt> = {
  name: 'GlobalContractDistributionReceipt',
  minSize: 1 + 5 + 8 + 4 + 4,
  write: (w, v) => {
    w.u8(v.version === 'V1' ? 0 : 1);
    GlobalContractIdentifierCodec.write(w, v.id);
    w.u64(v.targetShard);
    ShardIdsCodec.write(w, v.alreadyDeliveredShards);
    w.bytes(v.code);
    if (v.version === 'V2') w.u64(v.nonce);
  },
  read: (r) => {
    const tag = r.tag('GlobalContractDistributionReceipt', 2);
    const prefix = tag === 0 ? 'V1.' : 'V2.';
    const id = readField(r, prefix + 'id', GlobalContractIdentifierCodec);
    const targetShard = readField(r, prefix + 'target_shard', U64Codec);
    const alreadyDeliveredShards = readField(r, prefix + 'already_delivered_shards', ShardIdsCodec);
    const code = readField(r, prefix + 'code', BytesCodec);
    if (tag === 0) return { version: 'V1', id, targetShard, alreadyDeliveredShards, code };
    return { version: 'V2', id, targetShard, alreadyDeliveredShards, code, nonce: readField(r, 'V2.nonce', U64Codec) };
  },
};

const RECEIPT_ENUM_NAMES = [
  'Action',
  'Data',
  'PromiseYield',
  'PromiseResume',
  'GlobalContractDistribution',
  'ActionV2',
  'PromiseYieldV2',
] as const;

export const ReceiptEnumCodec: Codec<ReceiptEnum> = {
  name: 'ReceiptEnum',
  minSize: 1,
  write: (w, v) => {
    w.u8(RECEIPT_ENUM_NAMES.indexOf(v.type));
    switch (v.type) {
      case 'Action':
      case 'PromiseYield':
        ActionReceiptCodec.write(w, v.receipt);
        return;
      case 'Data':
      case 'PromiseResume':
        DataReceiptCodec.write(w, v.receipt);
        return;
      case 'GlobalContractDistribution':
        GlobalContractDistributionReceiptCodec.write(w, v.receipt);
        return;
      case 'ActionV2':
      case 'PromiseYieldV2':
        ActionReceiptV2Codec.write(w, v.receipt);
        return;
    }
  },
  read: (r) => {
    const tag = r.tag('ReceiptEnum', RECEIPT_ENUM_NAMES.length);
    const type = RECEIPT_ENUM_NAMES[tag];
    switch (type) {
      case 'Action':
      case 'PromiseYield':
        return { type, receipt: readField(r, type, ActionReceiptCodec) };
      case 'Data':
      case 'PromiseResume':
        return { type, receipt: readField(r, type, DataReceiptCodec) };
      case 'GlobalContractDistribution':
        return { type, receipt: readField(r, type, GlobalContractDistributionReceiptCodec) };
      default:
        return { type, receipt: readField(r, type, ActionReceiptV2Codec) };
    }
  },
};

export const ReceiptCodec: Codec<Receipt> = {
  name: 'Receipt',
  minSize: 4 + 4 + 32 + 1,
  write: (w, v) => {
    AccountIdCodec.write(w, v.predecessorId);
    AccountIdCodec.write(w, v.receiverId);
    CryptoHashCodec.write(w, v.receiptId);
    ReceiptEnumCodec.write(w, v.receipt);
  },
  read: (r) => ({
    predecessorId: readField(r, 'predecessor_id', AccountIdCodec),
    receiverId: readField(r, 'receiver_id', AccountIdCodec),
    receiptId: readField(r, 'receipt_id', CryptoHashCodec),
    receipt: readField(r, 'receipt', ReceiptEnumCodec),
  }),
};

/** The fields shared by ActionReceipt and ActionReceiptV2, or undefined for data/distribution. */
export function actionReceiptOf(r: ReceiptEnum): ActionReceiptV2 | ActionReceipt | undefined {
  switch (r.type) {
    case 'Action':
    case 'PromiseYield':
    case 'ActionV2':
    case 'PromiseYieldV2':
      return r.receipt;
    default:
      return undefined;
  }
}

/** Where balance refunds of a receipt go: `refund_to` if set, else the predecessor. */
export function balanceRefundReceiver(receipt: Receipt): AccountId {
  const inner = receipt.receipt;
  if ((inner.type === 'ActionV2' || inner.type === 'PromiseYieldV2') && inner.receipt.refundTo !== null) {
    return inner.receipt.refundTo;
  }
  return receipt.predecessorId;
}

/** Refund receipts come from `system`. */
export function isRefundReceipt(receipt: Receipt): boolean {
  return receipt.predecessorId === SYSTEM_ACCOUNT_ID;
}
