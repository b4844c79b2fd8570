/**
 * ReceiptManager: the receipts a function call creates, as the runtime keeps them (nearcore
 * `runtime/runtime/src/receipt_manager.rs`). The runtime's `External` delegates its receipt methods
 * here; after the call it turns `actionReceipts` / `dataReceipts` into real receipts and calls
 * `distributeGas` with the call's unused gas.
 *
 * Indexes are positions: a receipt index is the position in `actionReceipts`, an action index
 * the position in that receipt's `actions`.
 */
import { HostError } from '@nearts/vm-errors';
import type { AccessKeyPermission, Action, DataReceiver, FunctionCallPermission, SubmodulePolicy } from '@nearts/primitives';
import { VMLogicUsageError } from './errors.js';
import { decodeUtf8 } from './internal/text.js';
import { U64_MAX } from './internal/u64.js';
import type { AccountId, ActionIndex, GlobalContractDeployMode, GlobalContractIdentifier, PublicKey, ReceiptIndex } from './types.js';

export interface ActionReceiptMetadata {
  readonly receiverId: AccountId;
  refundTo: AccountId | null;
  readonly outputDataReceivers: DataReceiver[];
  readonly inputDataIds: Uint8Array[];
  readonly actions: Action[];
  readonly isPromiseYield: boolean;
}

export interface DataReceiptMetadata {
  readonly dataId: Uint8Array;
  readonly data: Uint8Array | null;
  readonly isPromiseResume: boolean;
}

interface GasWeightEntry {
  readonly receiptIndex: ReceiptIndex;
  readonly actionIndex: ActionIndex;
  readonly weight: bigint;
}

function methodNameString(bytes: Uint8Array): string {
  const s = decodeUtf8(bytes);
  if (s === null) throw new HostError({ kind: 'InvalidMethodName' });
  return s;
}

export class ReceiptManager {
  readonly actionReceipts: ActionReceiptMetadata[] = [];
  readonly dataReceipts: DataReceiptMetadata[] = [];
  readonly gasWeights: GasWeightEntry[] = [];

  private receipt(receiptIndex: ReceiptIndex): ActionReceiptMetadata {
    const r = this.actionReceipts[receiptIndex];
    if (r === undefined) throw new HostError({ kind: 'InvalidReceiptIndex', receipt_index: BigInt(receiptIndex) });
    return r;
  }

  getReceiptReceiver(receiptIndex: ReceiptIndex): AccountId {
    return this.receipt(receiptIndex).receiverId;
  }

  private appendAction(receiptIndex: ReceiptIndex, action: Action): ActionIndex {
    const actions = this.receipt(receiptIndex).actions;
    actions.push(action);
    return actions.length - 1;
  }

  /**
   * A receipt to `receiverId` that waits for `receiptIndices`; `inputDataIds[i]` is the data id
   * receipt `receiptIndices[i]` will send its result under (the caller generates them).
   */
  createActionReceipt(inputDataIds: readonly Uint8Array[], receiptIndices: readonly ReceiptIndex[], receiverId: AccountId): ReceiptIndex {
    if (inputDataIds.length !== receiptIndices.length) throw new VMLogicUsageError('one data id per dependency');
    receiptIndices.forEach((ri, i) => {
      this.receipt(ri).outputDataReceivers.push({ dataId: inputDataIds[i], receiverId });
    });
    this.actionReceipts.push({
      receiverId,
      refundTo: null,
      outputDataReceivers: [],
      inputDataIds: [...inputDataIds],
      actions: [],
      isPromiseYield: false,
    });
    return this.actionReceipts.length - 1;
  }

  createPromiseYieldReceipt(inputDataId: Uint8Array, receiverId: AccountId): ReceiptIndex {
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

  createPromiseResumeReceipt(dataId: Uint8Array, data: Uint8Array): void {
    this.dataReceipts.push({ dataId, data, isPromiseResume: true });
  }

  appendActionCreateAccount(receiptIndex: ReceiptIndex): void {
    this.appendAction(receiptIndex, { type: 'CreateAccount' });
  }

  appendActionDeployContract(receiptIndex: ReceiptIndex, code: Uint8Array): void {
    this.appendAction(receiptIndex, { type: 'DeployContract', code });
  }

  /** Submodules extension. */
  appendActionDeploySubmodule(receiptIndex: ReceiptIndex, key: Uint8Array, code: Uint8Array, policy: SubmodulePolicy): void {
    this.appendAction(receiptIndex, { type: 'DeploySubmodule', key, code, policy });
  }

  /** Submodules extension. */
  appendActionDeleteSubmodule(receiptIndex: ReceiptIndex, key: Uint8Array): void {
    this.appendAction(receiptIndex, { type: 'DeleteSubmodule', key });
  }

  appendActionDeployGlobalContract(receiptIndex: ReceiptIndex, code: Uint8Array, mode: GlobalContractDeployMode): void {
    this.appendAction(receiptIndex, { type: 'DeployGlobalContract', code, deployMode: mode });
  }

  appendActionUseGlobalContract(receiptIndex: ReceiptIndex, contractId: GlobalContractIdentifier): void {
    this.appendAction(receiptIndex, { type: 'UseGlobalContract', contractIdentifier: contractId });
  }

  appendActionDeterministicStateInit(receiptIndex: ReceiptIndex, contractId: GlobalContractIdentifier, deposit: bigint): ActionIndex {
    return this.appendAction(receiptIndex, {
      type: 'DeterministicStateInit',
      stateInit: { version: 'V1', code: contractId, data: [] },
      deposit,
    });
  }

  /** Inserts key → value keeping the entries sorted by key bytes (a BTreeMap in nearcore). */
  setDeterministicStateInitDataEntry(receiptIndex: ReceiptIndex, actionIndex: ActionIndex, key: Uint8Array, value: Uint8Array): void {
    const action = this.receipt(receiptIndex).actions[actionIndex];
    if (action === undefined || action.type !== 'DeterministicStateInit') {
      throw new HostError({ kind: 'InvalidActionIndex', receipt_index: BigInt(receiptIndex), action_index: BigInt(actionIndex) });
    }
    const data = action.stateInit.data;
    let lo = 0;
    let hi = data.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = compareBytes(data[mid][0], key);
      if (c === 0) throw new HostError({ kind: 'DataEntryAlreadyExists' });
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    data.splice(lo, 0, [key, value]);
  }

  appendActionFunctionCallWeight(
    receiptIndex: ReceiptIndex,
    methodName: Uint8Array,
    args: Uint8Array,
    attachedDeposit: bigint,
    prepaidGas: bigint,
    gasWeight: bigint,
  ): void {
    const actionIndex = this.appendAction(receiptIndex, {
      type: 'FunctionCall',
      methodName: methodNameString(methodName),
      args,
      gas: prepaidGas,
      deposit: attachedDeposit,
    });
    if (gasWeight > 0n) this.gasWeights.push({ receiptIndex, actionIndex, weight: gasWeight });
  }

  appendActionTransfer(receiptIndex: ReceiptIndex, deposit: bigint): void {
    this.appendAction(receiptIndex, { type: 'Transfer', deposit });
  }

  appendActionTransferToGasKey(receiptIndex: ReceiptIndex, publicKey: PublicKey, deposit: bigint): void {
    this.appendAction(receiptIndex, { type: 'TransferToGasKey', publicKey, deposit });
  }

  private addKey(receiptIndex: ReceiptIndex, publicKey: PublicKey, nonce: bigint, permission: AccessKeyPermission): void {
    this.appendAction(receiptIndex, { type: 'AddKey', publicKey, accessKey: { nonce, permission } });
  }

  appendActionAddGasKeyWithFullAccess(receiptIndex: ReceiptIndex, publicKey: PublicKey, numNonces: number): void {
    this.addKey(receiptIndex, publicKey, 0n, { type: 'GasKeyFullAccess', gasKeyInfo: { balance: 0n, numNonces } });
  }

  appendActionAddGasKeyWithFunctionCall(
    receiptIndex: ReceiptIndex,
    publicKey: PublicKey,
    numNonces: number,
    allowance: bigint | null,
    receiverId: AccountId,
    methodNames: readonly Uint8Array[],
  ): void {
    const functionCall = functionCallPermission(allowance, receiverId, methodNames);
    this.addKey(receiptIndex, publicKey, 0n, { type: 'GasKeyFunctionCall', gasKeyInfo: { balance: 0n, numNonces }, functionCall });
  }

  appendActionStake(receiptIndex: ReceiptIndex, stake: bigint, publicKey: PublicKey): void {
    this.appendAction(receiptIndex, { type: 'Stake', stake, publicKey });
  }

  appendActionAddKeyWithFullAccess(receiptIndex: ReceiptIndex, publicKey: PublicKey, nonce: bigint): void {
    this.addKey(receiptIndex, publicKey, nonce, { type: 'FullAccess' });
  }

  appendActionAddKeyWithFunctionCall(
    receiptIndex: ReceiptIndex,
    publicKey: PublicKey,
    nonce: bigint,
    allowance: bigint | null,
    receiverId: AccountId,
    methodNames: readonly Uint8Array[],
  ): void {
    const functionCall = functionCallPermission(allowance, receiverId, methodNames);
    this.addKey(receiptIndex, publicKey, nonce, { type: 'FunctionCall', functionCall });
  }

  appendActionDeleteKey(receiptIndex: ReceiptIndex, publicKey: PublicKey): void {
    this.appendAction(receiptIndex, { type: 'DeleteKey', publicKey });
  }

  appendActionDeleteAccount(receiptIndex: ReceiptIndex, beneficiaryId: AccountId): void {
    this.appendAction(receiptIndex, { type: 'DeleteAccount', beneficiaryId });
  }

  setRefundTo(receiptIndex: ReceiptIndex, refundTo: AccountId): void {
    this.receipt(receiptIndex).refundTo = refundTo;
  }

  /**
   * Splits `unusedGas` among function calls with a gas weight: each gets
   * ⌊unused·weight/Σweights⌋ (u128 arithmetic) and the last one also gets the remainder.
   * Returns the gas distributed (0 without weights or without unused gas). A call whose gas
   * would pass u64::MAX is an error (nearcore: IntegerOverflowError, a runtime error).
   */
  distributeGas(unusedGas: bigint): bigint {
    const weightSum = this.gasWeights.reduce((s, w) => s + w.weight, 0n);
    if (weightSum === 0n || unusedGas === 0n) return 0n;
    let distributed = 0n;
    this.gasWeights.forEach((w, i) => {
      const action = this.actionReceipts[w.receiptIndex]?.actions[w.actionIndex];
      if (action === undefined || action.type !== 'FunctionCall') {
        throw new VMLogicUsageError(`invalid function call index (receipt ${w.receiptIndex}, action ${w.actionIndex})`);
      }
      let add = (unusedGas * w.weight) / weightSum;
      distributed += add;
      if (i === this.gasWeights.length - 1) {
        const remainder = unusedGas - distributed;
        distributed += remainder;
        add += remainder;
      }
      const gas = action.gas + add;
      if (gas > U64_MAX) throw new HostError({ kind: 'IntegerOverflow' });
      action.gas = gas;
    });
    return distributed;
  }
}

function functionCallPermission(allowance: bigint | null, receiverId: AccountId, methodNames: readonly Uint8Array[]): FunctionCallPermission {
  return { allowance, receiverId, methodNames: methodNames.map(methodNameString) };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
