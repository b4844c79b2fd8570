/**
 * Receipt constructors and views shared by transaction conversion, actions and refunds
 * (nearcore `Receipt::from_tx`, `new_balance_refund`, `new_gas_refund`, `is_instant_receipt`).
 */
import {
  KeyType,
  PublicKey,
  SYSTEM_ACCOUNT_ID,
  ZERO_HASH,
  type AccountId,
  type Action,
  type ActionReceipt,
  type ActionReceiptV2,
  type CryptoHash,
  type Receipt,
} from '@nearts/primitives';

/** `PublicKey::empty(ED25519)`: the key refund receipts from `system` carry. */
export const EMPTY_ED25519_KEY = new PublicKey(KeyType.ED25519, new Uint8Array(32));

export function receiptFromTransaction(
  receiptId: CryptoHash,
  signerId: AccountId,
  receiverId: AccountId,
  signerPublicKey: PublicKey,
  gasPrice: bigint,
  actions: Action[],
): Receipt {
  return {
    predecessorId: signerId,
    receiverId,
    receiptId,
    receipt: {
      type: 'Action',
      receipt: { signerId, signerPublicKey, gasPrice, outputDataReceivers: [], inputDataIds: [], actions },
    },
  };
}

/** A refund of tokens (deposits, deleted-account balance): does not touch access-key allowances. */
export function balanceRefundReceipt(receiverId: AccountId, amount: bigint): Receipt {
  return {
    predecessorId: SYSTEM_ACCOUNT_ID,
    receiverId,
    receiptId: ZERO_HASH,
    receipt: {
      type: 'Action',
      receipt: {
        signerId: SYSTEM_ACCOUNT_ID,
        signerPublicKey: EMPTY_ED25519_KEY,
        gasPrice: 0n,
        outputDataReceivers: [],
        inputDataIds: [],
        actions: [{ type: 'Transfer', deposit: amount }],
      },
    },
  };
}

/** A gas refund to the signer: also restores the signing key's allowance (or gas-key balance). */
export function gasRefundReceipt(receiverId: AccountId, amount: bigint, signerPublicKey: PublicKey): Receipt {
  return {
    predecessorId: SYSTEM_ACCOUNT_ID,
    receiverId,
    receiptId: ZERO_HASH,
    receipt: {
      type: 'Action',
      receipt: {
        signerId: receiverId,
        signerPublicKey,
        gasPrice: 0n,
        outputDataReceivers: [],
        inputDataIds: [],
        actions: [{ type: 'Transfer', deposit: amount }],
      },
    },
  };
}

export type AnyActionReceipt = ActionReceipt | ActionReceiptV2;

export function actionReceiptOfReceipt(r: Receipt): AnyActionReceipt | undefined {
  const e = r.receipt;
  return e.type === 'Action' || e.type === 'PromiseYield' || e.type === 'ActionV2' || e.type === 'PromiseYieldV2' ? e.receipt : undefined;
}

export function refundToOf(a: AnyActionReceipt): AccountId | null {
  return 'refundTo' in a ? a.refundTo : null;
}

/** Executed right after the receipt that created it: yields, and lone DeleteAccount receipts without inputs. */
export function isInstantReceipt(r: Receipt): boolean {
  const e = r.receipt;
  if (e.type === 'PromiseYield' || e.type === 'PromiseYieldV2') return true;
  if (e.type === 'Action' || e.type === 'ActionV2') {
    return e.receipt.actions.length === 1 && e.receipt.actions[0].type === 'DeleteAccount' && e.receipt.inputDataIds.length === 0;
  }
  return false;
}

export function withReceiptId(r: Receipt, receiptId: CryptoHash): Receipt {
  return { ...r, receiptId };
}
