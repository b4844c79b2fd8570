/**
 * The receipts one function call creates (nearcore runtime/src/receipt_manager.rs): action
 * receipts with their actions, dependencies and refund target, yield receipts, resume data, and
 * the gas weights used to share out the call's unused gas.
 */
import {
  PublicKey,
  type AccessKey,
  type AccountId,
  type Action,
  type CryptoHash,
  type DataReceiver,
  type KeyType,
} from '@nearts/primitives';
import { HostError } from '@nearts/vm-errors';
import type { GlobalContractDeployMode, GlobalContractIdentifier, PublicKeyData } from '@nearts/vm-logic';
import { IntegerOverflowError, U64_MAX } from '../math.js';

export interface ActionReceiptMetadata {
  receiverId: AccountId;
  refundTo: AccountId | null;
  outputDataReceivers: DataReceiver[];
  inputDataIds: CryptoHash[];
  actions: Action[];
  isPromiseYield: boolean;
}

export interface DataReceiptMetadata {
  dataId: CryptoHash;
  data: Uint8Array | null;
  isPromiseResume: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function methodName(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new HostError({ kind: 'InvalidMethodName' });
  }
}

export function toPublicKey(k: PublicKeyData): PublicKey {
  return new PublicKey(k.keyType as KeyType, k.data);
}

function toGlobalId(id: GlobalContractIdentifier): import('@nearts/primitives').GlobalContractIdentifier {
  return id.kind === 'CodeHash' ? { type: 'CodeHash', hash: id.hash } : { type: 'AccountId', accountId: id.accountId };
}

export class ReceiptManager {
  readonly actionReceipts: ActionReceiptMetadata[] = [];
  readonly dataReceipts: DataReceiptMetadata[] = [];
  private readonly gasWeights: Array<{ receiptIndex: number; actionIndex: number; weight: bigint }> = [];

  private receipt(index: number): ActionReceiptMetadata {
    const r = this.actionReceipts[index];
    if (r === undefined) throw new HostError({ kind: 'InvalidReceiptIndex', receipt_index: BigInt(index) });
    return r;
  }

  private append(index: number, action: Action): number {
    const actions = this.receipt(index).actions;
    actions.push(action);
    return actions.length - 1;
  }

  getReceiptReceiver(index: number): AccountId {
    return this.receipt(index).receiverId;
  }

  createActionReceipt(inputDataIds: CryptoHash[], receiptIndices: readonly number[], receiverId: AccountId): number {
    for (let i = 0; i < receiptIndices.length; i++) {
      this.receipt(receiptIndices[i]).outputDataReceivers.push({ dataId: inputDataIds[i], receiverId });
    }
    this.actionReceipts.push({ receiverId, refundTo: null, outputDataReceivers: [], inputDataIds, actions: [], isPromiseYield: false });
    return this.actionReceipts.length - 1;
  }

  createPromiseYieldReceipt(inputDataId: CryptoHash, receiverId: AccountId): number {
    this.actionReceipts.push({
      receiverId,
      refundTo: null,
      outputDataReceivers: [],
      inputDataIds: [inputDataId],
      actions: [],
      isPromiseYield: true,
    });
    return this.actionReceipts.length - 1;
  }

  createPromiseResumeReceipt(dataId: CryptoHash, data: Uint8Array): void {
    this.dataReceipts.push({ dataId, data, isPromiseResume: true });
  }

  appendCreateAccount(i: number): void {
    this.append(i, { type: 'CreateAccount' });
  }

  appendDeployContract(i: number, code: Uint8Array): void {
    this.append(i, { type: 'DeployContract', code });
  }

  appendDeployGlobalContract(i: number, code: Uint8Array, mode: GlobalContractDeployMode): void {
    this.append(i, { type: 'DeployGlobalContract', code, deployMode: mode });
  }

  appendUseGlobalContract(i: number, id: GlobalContractIdentifier): void {
    this.append(i, { type: 'UseGlobalContract', contractIdentifier: toGlobalId(id) });
  }

  appendDeterministicStateInit(i: number, id: GlobalContractIdentifier, deposit: bigint): number {
    return this.append(i, { type: 'DeterministicStateInit', stateInit: { version: 'V1', code: toGlobalId(id), data: [] }, deposit });
  }

  setDeterministicStateInitDataEntry(i: number, actionIndex: number, key: Uint8Array, value: Uint8Array): void {
    const action = this.receipt(i).actions[actionIndex];
    if (action === undefined || action.type !== 'DeterministicStateInit') {
      throw new HostError({ kind: 'InvalidActionIndex', receipt_index: BigInt(i), action_index: BigInt(actionIndex) });
    }
    const data = action.stateInit.data;
    // BTreeMap insert: keep the entries sorted by key bytes.
    let at = 0;
    while (at < data.length && Buffer.compare(data[at][0], key) < 0) at++;
    if (at < data.length && Buffer.compare(data[at][0], key) === 0) {
      data[at] = [key, value];
      throw new HostError({ kind: 'DataEntryAlreadyExists' });
    }
    data.splice(at, 0, [key, value]);
  }

  appendFunctionCallWeight(i: number, name: Uint8Array, args: Uint8Array, deposit: bigint, gas: bigint, weight: bigint): void {
    const actionIndex = this.append(i, { type: 'FunctionCall', methodName: methodName(name), args, gas, deposit });
    if (weight > 0n) this.gasWeights.push({ receiptIndex: i, actionIndex, weight });
  }

  appendTransfer(i: number, deposit: bigint): void {
    this.append(i, { type: 'Transfer', deposit });
  }

  appendTransferToGasKey(i: number, key: PublicKeyData, deposit: bigint): void {
    this.append(i, { type: 'TransferToGasKey', publicKey: toPublicKey(key), deposit });
  }

  appendAddKey(i: number, key: PublicKeyData, accessKey: AccessKey): void {
    this.append(i, { type: 'AddKey', publicKey: toPublicKey(key), accessKey });
  }

  functionCallPermission(allowance: bigint | null, receiverId: AccountId, names: readonly Uint8Array[]) {
    return { allowance, receiverId, methodNames: names.map(methodName) };
  }

  appendStake(i: number, stake: bigint, key: PublicKeyData): void {
    this.append(i, { type: 'Stake', stake, publicKey: toPublicKey(key) });
  }

  appendDeleteKey(i: number, key: PublicKeyData): void {
    this.append(i, { type: 'DeleteKey', publicKey: toPublicKey(key) });
  }

  appendDeleteAccount(i: number, beneficiaryId: AccountId): void {
    this.append(i, { type: 'DeleteAccount', beneficiaryId });
  }

  setRefundTo(i: number, refundTo: AccountId): void {
    this.receipt(i).refundTo = refundTo;
  }

  /**
   * Shares `unusedGas` among function calls created with a gas weight, proportionally, the
   * rounding remainder going to the last one. Returns the gas handed out (0 or `unusedGas`).
   */
  distributeGas(unusedGas: bigint): bigint {
    let weightSum = 0n;
    for (const w of this.gasWeights) weightSum += w.weight;
    if (weightSum === 0n || unusedGas === 0n) return 0n;
    let distributed = 0n;
    for (let k = 0; k < this.gasWeights.length; k++) {
      const { receiptIndex, actionIndex, weight } = this.gasWeights[k];
      const action = this.actionReceipts[receiptIndex].actions[actionIndex];
      if (action.type !== 'FunctionCall') throw new Error('gas weight points at a non-function-call action');
      let assign = (unusedGas * weight) / weightSum;
      distributed += assign;
      if (k === this.gasWeights.length - 1) {
        const remainder = unusedGas - distributed;
        distributed += remainder;
        assign += remainder;
      }
      action.gas += assign;
      if (action.gas > U64_MAX) throw new IntegerOverflowError('function call gas overflow while distributing gas');
    }
    return distributed;
  }
}
