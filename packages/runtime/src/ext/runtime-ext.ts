/**
 * RuntimeExt: the `External` a contract call talks to (nearcore runtime/src/ext.rs). Storage of
 * the current account goes to the receipt's StateUpdate, promises go to a ReceiptManager, data
 * ids derive from the action hash.
 */
import {
  createDataId,
  trieKeys,
  type AccountId,
  type CryptoHash,
} from '@nearts/primitives';
import type {
  ActionIndex,
  External,
  GlobalContractDeployMode,
  GlobalContractIdentifier,
  PublicKey,
  ReceiptIndex,
  StorageAccessTracker,
  ValuePtr,
  YieldReceipt,
} from '@nearts/vm-logic';
import { ReceiptManager } from '@nearts/vm-logic';
import type { StateUpdate } from '../state/state-update.js';
import { RuntimeSubmodules } from './submodule-store.js';
import type { TrieAccounting } from './trie-accounting.js';

/** Validator information a contract can ask for (nearcore `EpochInfoProvider`, the part contracts see). */
export interface EpochInfo {
  validatorStake(accountId: AccountId): bigint | null;
  validatorTotalStake(): bigint;
  /** Minimum stake a `Stake` action must reach. */
  minimumStake(): bigint;
}

export const NO_VALIDATORS: EpochInfo = {
  validatorStake: () => null,
  validatorTotalStake: () => 0n,
  minimumStake: () => 0n,
};

/** Borsh `PromiseYieldStatus`: 0 Yielded, 1 ResumeInitiated. */
export const YIELD_STATUS_YIELDED = Uint8Array.of(0);
export const YIELD_STATUS_RESUME_INITIATED = Uint8Array.of(1);

export interface RuntimeExtOptions {
  state: StateUpdate;
  accountId: AccountId;
  actionHash: CryptoHash;
  blockHeight: bigint;
  epochInfo: EpochInfo;
  chainId: string;
  accounting: TrieAccounting;
  /** The submodules extension is on (gives the External its `submodules` part). */
  submodules?: boolean;
}

export class RuntimeExt implements External {
  readonly receiptManager = new ReceiptManager();
  private dataCount = 0n;
  /** Present only with the submodules extension on. */
  readonly submodules: RuntimeSubmodules | undefined;

  constructor(private readonly o: RuntimeExtOptions) {
    this.submodules = o.submodules === true ? new RuntimeSubmodules(o.state, o.accountId, o.accounting, this.receiptManager) : undefined;
  }

  private dataKey(key: Uint8Array): Uint8Array {
    return trieKeys.contractData(this.o.accountId, key);
  }

  /** Reads the current value of `key` the way `storage_write`/`storage_remove` do (trie mode). */
  private previousValue(tracker: StorageAccessTracker, trieKey: Uint8Array, charge: (len: bigint) => void): Uint8Array | null {
    const { state, accounting } = this.o;
    const since = accounting.snapshot();
    const inMemory = state.writtenInChunk(trieKey);
    if (!inMemory) accounting.lookupNodes(trieKey);
    const current = state.get(trieKey);
    let evicted: Uint8Array | null = null;
    if (current !== undefined) {
      charge(BigInt(current.length));
      if (!inMemory) accounting.derefValue(current);
      evicted = current.slice();
    }
    accounting.commitSince(since, tracker);
    return evicted;
  }

  storageSet(tracker: StorageAccessTracker, key: Uint8Array, value: Uint8Array): Uint8Array | null {
    const trieKey = this.dataKey(key);
    const evicted = this.previousValue(tracker, trieKey, (n) => tracker.derefWriteEvictedValueBytes(n));
    this.o.state.set(trieKey, value);
    return evicted;
  }

  storageGet(tracker: StorageAccessTracker, key: Uint8Array): ValuePtr | null {
    const { state, accounting } = this.o;
    const trieKey = this.dataKey(key);
    const value = state.get(trieKey);
    if (value === undefined) return null;
    const inMemory = state.writtenInChunk(trieKey);
    const copy = value.slice();
    return {
      length: copy.length,
      deref: (t: StorageAccessTracker) => {
        if (!inMemory) {
          const since = accounting.snapshot();
          accounting.derefValue(copy);
          accounting.commitSince(since, t);
        }
        return copy;
      },
    };
  }

  storageRemove(tracker: StorageAccessTracker, key: Uint8Array): Uint8Array | null {
    const trieKey = this.dataKey(key);
    const removed = this.previousValue(tracker, trieKey, (n) => tracker.derefRemovedValueBytes(n));
    this.o.state.remove(trieKey);
    return removed;
  }

  storageHasKey(_tracker: StorageAccessTracker, key: Uint8Array): boolean {
    return this.o.state.has(this.dataKey(key));
  }

  getRecordedStorageSize(): bigint {
    return 0n;
  }

  generateDataId(): Uint8Array {
    const id = createDataId(this.o.actionHash, this.o.blockHeight, this.dataCount);
    this.dataCount++;
    return id;
  }

  validatorStake(accountId: AccountId): bigint | null {
    return this.o.epochInfo.validatorStake(accountId);
  }

  validatorTotalStake(): bigint {
    return this.o.epochInfo.validatorTotalStake();
  }

  chainId(): string {
    return this.o.chainId;
  }

  createActionReceipt(receiptIndices: readonly ReceiptIndex[], receiverId: AccountId): ReceiptIndex {
    const dataIds = receiptIndices.map(() => this.generateDataId());
    return this.receiptManager.createActionReceipt(dataIds, receiptIndices, receiverId);
  }

  createPromiseYieldReceipt(receiverId: AccountId): YieldReceipt {
    const dataId = this.generateDataId();
    const receiptIndex = this.receiptManager.createPromiseYieldReceipt(dataId, receiverId);
    this.o.state.set(trieKeys.promiseYieldStatus(receiverId, dataId), YIELD_STATUS_YIELDED);
    return { receiptIndex, dataId };
  }

  createPromiseYieldReceiptWithId(receiverId: AccountId, yieldId: Uint8Array): YieldReceipt | null {
    const { state } = this.o;
    if (state.has(trieKeys.yieldIdToDataId(receiverId, yieldId))) return null;
    const dataId = this.generateDataId();
    state.set(trieKeys.yieldIdToDataId(receiverId, yieldId), dataId);
    state.set(trieKeys.dataIdToYieldId(receiverId, dataId), yieldId.slice());
    const receiptIndex = this.receiptManager.createPromiseYieldReceipt(dataId, receiverId);
    state.set(trieKeys.promiseYieldStatus(receiverId, dataId), YIELD_STATUS_YIELDED);
    return { receiptIndex, dataId };
  }

  submitPromiseResumeData(dataId: Uint8Array, data: Uint8Array): boolean {
    const { state, accountId } = this.o;
    const hasReceipt = state.has(trieKeys.promiseYieldReceipt(accountId, dataId));
    const hasStatus = state.has(trieKeys.promiseYieldStatus(accountId, dataId));
    if (!hasReceipt && !hasStatus) return false;
    this.receiptManager.createPromiseResumeReceipt(dataId.slice(), data.slice());
    state.set(trieKeys.promiseYieldStatus(accountId, dataId), YIELD_STATUS_RESUME_INITIATED);
    return true;
  }

  submitPromiseResumeDataWithYieldId(yieldId: Uint8Array, data: Uint8Array): boolean {
    const dataId = this.o.state.get(trieKeys.yieldIdToDataId(this.o.accountId, yieldId));
    if (dataId === undefined) return false;
    return this.submitPromiseResumeData(dataId.slice(), data);
  }

  appendActionCreateAccount(i: ReceiptIndex): void {
    this.receiptManager.appendActionCreateAccount(i);
  }

  appendActionDeployContract(i: ReceiptIndex, code: Uint8Array): void {
    this.receiptManager.appendActionDeployContract(i, code.slice());
  }

  appendActionDeployGlobalContract(i: ReceiptIndex, code: Uint8Array, mode: GlobalContractDeployMode): void {
    this.receiptManager.appendActionDeployGlobalContract(i, code.slice(), mode);
  }

  appendActionUseGlobalContract(i: ReceiptIndex, contractId: GlobalContractIdentifier): void {
    this.receiptManager.appendActionUseGlobalContract(i, contractId);
  }

  appendActionDeterministicStateInit(i: ReceiptIndex, contractId: GlobalContractIdentifier, amount: bigint): ActionIndex {
    return this.receiptManager.appendActionDeterministicStateInit(i, contractId, amount);
  }

  setDeterministicStateInitDataEntry(i: ReceiptIndex, actionIndex: ActionIndex, key: Uint8Array, value: Uint8Array): void {
    this.receiptManager.setDeterministicStateInitDataEntry(i, actionIndex, key.slice(), value.slice());
  }

  appendActionFunctionCallWeight(i: ReceiptIndex, methodName: Uint8Array, args: Uint8Array, deposit: bigint, gas: bigint, weight: bigint): void {
    this.receiptManager.appendActionFunctionCallWeight(i, methodName, args.slice(), deposit, gas, weight);
  }

  appendActionTransfer(i: ReceiptIndex, deposit: bigint): void {
    this.receiptManager.appendActionTransfer(i, deposit);
  }

  appendActionTransferToGasKey(i: ReceiptIndex, publicKey: PublicKey, deposit: bigint): void {
    this.receiptManager.appendActionTransferToGasKey(i, publicKey, deposit);
  }

  appendActionAddGasKeyWithFullAccess(i: ReceiptIndex, publicKey: PublicKey, numNonces: number): void {
    this.receiptManager.appendActionAddGasKeyWithFullAccess(i, publicKey, numNonces);
  }

  appendActionAddGasKeyWithFunctionCall(
    i: ReceiptIndex,
    publicKey: PublicKey,
    numNonces: number,
    allowance: bigint | null,
    receiverId: AccountId,
    methodNames: readonly Uint8Array[],
  ): void {
    this.receiptManager.appendActionAddGasKeyWithFunctionCall(i, publicKey, numNonces, allowance, receiverId, methodNames);
  }

  appendActionStake(i: ReceiptIndex, stake: bigint, publicKey: PublicKey): void {
    this.receiptManager.appendActionStake(i, stake, publicKey);
  }

  appendActionAddKeyWithFullAccess(i: ReceiptIndex, publicKey: PublicKey, nonce: bigint): void {
    this.receiptManager.appendActionAddKeyWithFullAccess(i, publicKey, nonce);
  }

  appendActionAddKeyWithFunctionCall(
    i: ReceiptIndex,
    publicKey: PublicKey,
    nonce: bigint,
    allowance: bigint | null,
    receiverId: AccountId,
    methodNames: readonly Uint8Array[],
  ): void {
    this.receiptManager.appendActionAddKeyWithFunctionCall(i, publicKey, nonce, allowance, receiverId, methodNames);
  }

  appendActionDeleteKey(i: ReceiptIndex, publicKey: PublicKey): void {
    this.receiptManager.appendActionDeleteKey(i, publicKey);
  }

  appendActionDeleteAccount(i: ReceiptIndex, beneficiaryId: AccountId): void {
    this.receiptManager.appendActionDeleteAccount(i, beneficiaryId);
  }

  getReceiptReceiver(i: ReceiptIndex): AccountId {
    return this.receiptManager.getReceiptReceiver(i);
  }

  setRefundTo(i: ReceiptIndex, refundTo: AccountId): void {
    this.receiptManager.setRefundTo(i, refundTo);
  }
}
