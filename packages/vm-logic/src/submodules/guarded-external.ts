/**
 * The External a submodule's logic talks to: the caller's External with every storage key checked
 * against the submodule's storage prefixes (its own and those of every submodule above it, so a
 * submodule can never reach further than the one that called it). A key outside is refused with
 * `SubmoduleAccessDenied` after the host function charged for it, before storage is touched.
 * Everything else passes through; receipt methods are unreachable from a submodule (its host
 * functions cannot create receipts) but are forwarded so the interface stays complete.
 */
import type { External, StorageAccessTracker, ValuePtr, YieldReceipt } from '../external.js';
import type { AccountId, ActionIndex, GlobalContractDeployMode, GlobalContractIdentifier, PublicKey, ReceiptIndex } from '../types.js';
import { SubmoduleAccessDenied } from './errors.js';
import type { SubmoduleExternal } from './types.js';

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}

export class GuardedExternal implements External {
  constructor(
    readonly inner: External,
    readonly prefixes: readonly Uint8Array[],
  ) {}

  get submodules(): SubmoduleExternal | undefined {
    return this.inner.submodules;
  }

  private check(key: Uint8Array): void {
    for (const p of this.prefixes) {
      if (!startsWith(key, p)) throw new SubmoduleAccessDenied(`storage key 0x${hex(key)} is outside the submodule's prefix 0x${hex(p)}`);
    }
  }

  storageSet(tracker: StorageAccessTracker, key: Uint8Array, value: Uint8Array): Uint8Array | null {
    this.check(key);
    return this.inner.storageSet(tracker, key, value);
  }
  storageGet(tracker: StorageAccessTracker, key: Uint8Array): ValuePtr | null {
    this.check(key);
    return this.inner.storageGet(tracker, key);
  }
  storageRemove(tracker: StorageAccessTracker, key: Uint8Array): Uint8Array | null {
    this.check(key);
    return this.inner.storageRemove(tracker, key);
  }
  storageHasKey(tracker: StorageAccessTracker, key: Uint8Array): boolean {
    this.check(key);
    return this.inner.storageHasKey(tracker, key);
  }
  getRecordedStorageSize(): bigint {
    return this.inner.getRecordedStorageSize();
  }
  generateDataId(): Uint8Array {
    return this.inner.generateDataId();
  }
  validatorStake(accountId: AccountId): bigint | null {
    return this.inner.validatorStake(accountId);
  }
  validatorTotalStake(): bigint {
    return this.inner.validatorTotalStake();
  }
  chainId(): string {
    return this.inner.chainId();
  }
  createActionReceipt(receiptIndices: readonly ReceiptIndex[], receiverId: AccountId): ReceiptIndex {
    return this.inner.createActionReceipt(receiptIndices, receiverId);
  }
  createPromiseYieldReceipt(receiverId: AccountId): YieldReceipt {
    return this.inner.createPromiseYieldReceipt(receiverId);
  }
  createPromiseYieldReceiptWithId(receiverId: AccountId, yieldId: Uint8Array): YieldReceipt | null {
    return this.inner.createPromiseYieldReceiptWithId(receiverId, yieldId);
  }
  submitPromiseResumeData(dataId: Uint8Array, data: Uint8Array): boolean {
    return this.inner.submitPromiseResumeData(dataId, data);
  }
  submitPromiseResumeDataWithYieldId(yieldId: Uint8Array, data: Uint8Array): boolean {
    return this.inner.submitPromiseResumeDataWithYieldId(yieldId, data);
  }
  appendActionCreateAccount(i: ReceiptIndex): void {
    this.inner.appendActionCreateAccount(i);
  }
  appendActionDeployContract(i: ReceiptIndex, code: Uint8Array): void {
    this.inner.appendActionDeployContract(i, code);
  }
  appendActionDeployGlobalContract(i: ReceiptIndex, code: Uint8Array, mode: GlobalContractDeployMode): void {
    this.inner.appendActionDeployGlobalContract(i, code, mode);
  }
  appendActionUseGlobalContract(i: ReceiptIndex, id: GlobalContractIdentifier): void {
    this.inner.appendActionUseGlobalContract(i, id);
  }
  appendActionDeterministicStateInit(i: ReceiptIndex, id: GlobalContractIdentifier, amount: bigint): ActionIndex {
    return this.inner.appendActionDeterministicStateInit(i, id, amount);
  }
  setDeterministicStateInitDataEntry(i: ReceiptIndex, a: ActionIndex, key: Uint8Array, value: Uint8Array): void {
    this.inner.setDeterministicStateInitDataEntry(i, a, key, value);
  }
  appendActionFunctionCallWeight(i: ReceiptIndex, m: Uint8Array, args: Uint8Array, deposit: bigint, gas: bigint, weight: bigint): void {
    this.inner.appendActionFunctionCallWeight(i, m, args, deposit, gas, weight);
  }
  appendActionTransfer(i: ReceiptIndex, deposit: bigint): void {
    this.inner.appendActionTransfer(i, deposit);
  }
  appendActionTransferToGasKey(i: ReceiptIndex, key: PublicKey, deposit: bigint): void {
    this.inner.appendActionTransferToGasKey(i, key, deposit);
  }
  appendActionAddGasKeyWithFullAccess(i: ReceiptIndex, key: PublicKey, numNonces: number): void {
    this.inner.appendActionAddGasKeyWithFullAccess(i, key, numNonces);
  }
  appendActionAddGasKeyWithFunctionCall(
    i: ReceiptIndex,
    key: PublicKey,
    numNonces: number,
    allowance: bigint | null,
    receiverId: AccountId,
    methodNames: readonly Uint8Array[],
  ): void {
    this.inner.appendActionAddGasKeyWithFunctionCall(i, key, numNonces, allowance, receiverId, methodNames);
  }
  appendActionStake(i: ReceiptIndex, stake: bigint, key: PublicKey): void {
    this.inner.appendActionStake(i, stake, key);
  }
  appendActionAddKeyWithFullAccess(i: ReceiptIndex, key: PublicKey, nonce: bigint): void {
    this.inner.appendActionAddKeyWithFullAccess(i, key, nonce);
  }
  appendActionAddKeyWithFunctionCall(
    i: ReceiptIndex,
    key: PublicKey,
    nonce: bigint,
    allowance: bigint | null,
    receiverId: AccountId,
    methodNames: readonly Uint8Array[],
  ): void {
    this.inner.appendActionAddKeyWithFunctionCall(i, key, nonce, allowance, receiverId, methodNames);
  }
  appendActionDeleteKey(i: ReceiptIndex, key: PublicKey): void {
    this.inner.appendActionDeleteKey(i, key);
  }
  appendActionDeleteAccount(i: ReceiptIndex, beneficiaryId: AccountId): void {
    this.inner.appendActionDeleteAccount(i, beneficiaryId);
  }
  getReceiptReceiver(i: ReceiptIndex): AccountId {
    return this.inner.getReceiptReceiver(i);
  }
  setRefundTo(i: ReceiptIndex, refundTo: AccountId): void {
    this.inner.setRefundTo(i, refundTo);
  }
}
