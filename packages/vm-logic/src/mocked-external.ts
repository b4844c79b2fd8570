/**
 * MockedExternal: nearcore's `logic/mocks/mock_external.rs` in TypeScript. In-memory storage
 * with no trie-node charges, chain id "test" (configurable), no validators unless set, and a log
 * of every receipt operation. Like nearcore's mock, a receipt index is the position of its
 * `CreateReceipt`/`YieldCreate` entry in `actionLog`, which is what the conformance vectors and
 * nearcore's unit tests were produced with. (The runtime uses `ReceiptManager` instead.)
 */
import { HostError } from '@nearts/vm-errors';
import { sha256 } from '@nearts/primitives';
import type { External, StorageAccessTracker, ValuePtr, YieldReceipt } from './external.js';
import { u64ToLeBytes } from './internal/u64.js';
import { MockedSubmodules } from './submodules/mocked-store.js';
import type { AccountId, ActionIndex, GlobalContractDeployMode, GlobalContractIdentifier, PublicKey, ReceiptIndex } from './types.js';

export type MockAction =
  | { kind: 'CreateReceipt'; receiptIndices: ReceiptIndex[]; receiverId: AccountId }
  | { kind: 'CreateAccount'; receiptIndex: ReceiptIndex }
  | { kind: 'DeployContract'; receiptIndex: ReceiptIndex; code: Uint8Array }
  | { kind: 'DeployGlobalContract'; receiptIndex: ReceiptIndex; code: Uint8Array; mode: GlobalContractDeployMode }
  | { kind: 'UseGlobalContract'; receiptIndex: ReceiptIndex; contractId: GlobalContractIdentifier }
  | {
      kind: 'DeterministicStateInit';
      receiptIndex: ReceiptIndex;
      contractId: GlobalContractIdentifier;
      data: Map<string, { key: Uint8Array; value: Uint8Array }>;
      amount: bigint;
    }
  | {
      kind: 'FunctionCallWeight';
      receiptIndex: ReceiptIndex;
      methodName: Uint8Array;
      args: Uint8Array;
      attachedDeposit: bigint;
      prepaidGas: bigint;
      gasWeight: bigint;
    }
  | { kind: 'Transfer'; receiptIndex: ReceiptIndex; deposit: bigint }
  | { kind: 'TransferToGasKey'; receiptIndex: ReceiptIndex; publicKey: PublicKey; deposit: bigint }
  | { kind: 'Stake'; receiptIndex: ReceiptIndex; stake: bigint; publicKey: PublicKey }
  | { kind: 'DeleteAccount'; receiptIndex: ReceiptIndex; beneficiaryId: AccountId }
  | { kind: 'DeleteKey'; receiptIndex: ReceiptIndex; publicKey: PublicKey }
  | {
      kind: 'AddKeyWithFunctionCall';
      receiptIndex: ReceiptIndex;
      publicKey: PublicKey;
      nonce: bigint;
      allowance: bigint | null;
      receiverId: AccountId;
      methodNames: Uint8Array[];
    }
  | { kind: 'AddKeyWithFullAccess'; receiptIndex: ReceiptIndex; publicKey: PublicKey; nonce: bigint }
  | { kind: 'AddGasKeyWithFullAccess'; receiptIndex: ReceiptIndex; publicKey: PublicKey; numNonces: number }
  | {
      kind: 'AddGasKeyWithFunctionCall';
      receiptIndex: ReceiptIndex;
      publicKey: PublicKey;
      numNonces: number;
      allowance: bigint | null;
      receiverId: AccountId;
      methodNames: Uint8Array[];
    }
  | { kind: 'YieldCreate'; dataId: Uint8Array; receiverId: AccountId; yieldId: Uint8Array | null }
  | { kind: 'YieldResume'; dataId: Uint8Array; data: Uint8Array }
  | { kind: 'SetRefundTo'; receiptIndex: ReceiptIndex; refundTo: AccountId };

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export interface MockedExternalOptions {
  /** Defaults to "test", like nearcore's mock. */
  readonly chainId?: string;
  /** Validator stakes of the current epoch. */
  readonly validators?: ReadonlyMap<AccountId, bigint> | Record<AccountId, bigint>;
  /** Submodules extension: give the mock an in-memory submodule store (`external.submodules`). */
  readonly submodules?: boolean;
}

type TrieEntry = { key: Uint8Array; value: Uint8Array };

export class MockedExternal implements External {
  /** Storage, keyed by the hex of the key (sorted iteration via `storageEntries`). */
  private readonly trie = new Map<string, TrieEntry>();
  readonly validators = new Map<AccountId, bigint>();
  readonly actionLog: MockAction[] = [];
  chainIdValue: string;
  private dataCount = 0n;
  /** Submodules extension only: undo logs of open checkpoints (previous entry per changed key). */
  private readonly journals: Map<string, TrieEntry | undefined>[] = [];
  readonly submodules: MockedSubmodules | undefined;

  constructor(options: MockedExternalOptions = {}) {
    this.chainIdValue = options.chainId ?? 'test';
    const v = options.validators;
    if (v !== undefined) {
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
      for (const [k, stake] of entries) this.validators.set(k, stake);
    }
    this.submodules = options.submodules === true ? new MockedSubmodules(this) : undefined;
  }

  /** Remembers the entry of `k` before its first change inside the innermost checkpoint. */
  private journal(k: string): void {
    const j = this.journals[this.journals.length - 1];
    if (!j.has(k)) j.set(k, this.trie.get(k));
  }

  beginJournal(): void {
    this.journals.push(new Map());
  }

  commitJournal(): void {
    const j = this.journals.pop();
    const outer = this.journals[this.journals.length - 1];
    if (j !== undefined && outer !== undefined) for (const [k, e] of j) if (!outer.has(k)) outer.set(k, e);
  }

  rollbackJournal(): void {
    const j = this.journals.pop();
    if (j === undefined) return;
    for (const [k, e] of j) {
      if (e === undefined) this.trie.delete(k);
      else this.trie.set(k, e);
    }
  }

  /** Storage contents sorted by key bytes (for inspection and deterministic dumps). */
  storageEntries(): { key: Uint8Array; value: Uint8Array }[] {
    return [...this.trie.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
  }

  storageSet(_tracker: StorageAccessTracker, key: Uint8Array, value: Uint8Array): Uint8Array | null {
    const k = hex(key);
    const old = this.trie.get(k);
    if (this.journals.length !== 0) this.journal(k);
    this.trie.set(k, { key: key.slice(), value: value.slice() });
    return old === undefined ? null : old.value;
  }

  storageGet(_tracker: StorageAccessTracker, key: Uint8Array): ValuePtr | null {
    const e = this.trie.get(hex(key));
    if (e === undefined) return null;
    const value = e.value;
    return { length: value.length, deref: () => value.slice() };
  }

  storageRemove(_tracker: StorageAccessTracker, key: Uint8Array): Uint8Array | null {
    const k = hex(key);
    const old = this.trie.get(k);
    if (old === undefined) return null;
    if (this.journals.length !== 0) this.journal(k);
    this.trie.delete(k);
    return old.value;
  }

  storageHasKey(_tracker: StorageAccessTracker, key: Uint8Array): boolean {
    return this.trie.has(hex(key));
  }

  getRecordedStorageSize(): bigint {
    return 0n;
  }

  /** sha256 of a little-endian counter, like nearcore's mock (not functionally meaningful). */
  generateDataId(): Uint8Array {
    const id = sha256(u64ToLeBytes(this.dataCount));
    this.dataCount++;
    return id;
  }

  validatorStake(accountId: AccountId): bigint | null {
    return this.validators.get(accountId) ?? null;
  }

  validatorTotalStake(): bigint {
    let sum = 0n;
    for (const s of this.validators.values()) sum += s;
    return sum;
  }

  chainId(): string {
    return this.chainIdValue;
  }

  createActionReceipt(receiptIndices: readonly ReceiptIndex[], receiverId: AccountId): ReceiptIndex {
    const index = this.actionLog.length;
    this.actionLog.push({ kind: 'CreateReceipt', receiptIndices: [...receiptIndices], receiverId });
    return index;
  }

  createPromiseYieldReceipt(receiverId: AccountId): YieldReceipt {
    const index = this.actionLog.length;
    const dataId = this.generateDataId();
    this.actionLog.push({ kind: 'YieldCreate', dataId, receiverId, yieldId: null });
    return { receiptIndex: index, dataId };
  }

  createPromiseYieldReceiptWithId(receiverId: AccountId, yieldId: Uint8Array): YieldReceipt | null {
    for (const a of this.actionLog) {
      if (a.kind === 'YieldCreate' && a.yieldId !== null && bytesEqual(a.yieldId, yieldId)) return null;
    }
    const index = this.actionLog.length;
    const dataId = this.generateDataId();
    this.actionLog.push({ kind: 'YieldCreate', dataId, receiverId, yieldId: yieldId.slice() });
    return { receiptIndex: index, dataId };
  }

  /** Logs the resume, then reports whether a yield with that data id was created (no timeouts). */
  submitPromiseResumeData(dataId: Uint8Array, data: Uint8Array): boolean {
    this.actionLog.push({ kind: 'YieldResume', dataId: dataId.slice(), data: data.slice() });
    return this.actionLog.some((a) => a.kind === 'YieldCreate' && bytesEqual(a.dataId, dataId));
  }

  submitPromiseResumeDataWithYieldId(yieldId: Uint8Array, data: Uint8Array): boolean {
    for (const a of this.actionLog) {
      if (a.kind === 'YieldCreate' && a.yieldId !== null && bytesEqual(a.yieldId, yieldId)) {
        return this.submitPromiseResumeData(a.dataId, data);
      }
    }
    return false;
  }

  appendActionCreateAccount(receiptIndex: ReceiptIndex): void {
    this.actionLog.push({ kind: 'CreateAccount', receiptIndex });
  }

  appendActionDeployContract(receiptIndex: ReceiptIndex, code: Uint8Array): void {
    this.actionLog.push({ kind: 'DeployContract', receiptIndex, code });
  }

  appendActionDeployGlobalContract(receiptIndex: ReceiptIndex, code: Uint8Array, mode: GlobalContractDeployMode): void {
    this.actionLog.push({ kind: 'DeployGlobalContract', receiptIndex, code, mode });
  }

  appendActionUseGlobalContract(receiptIndex: ReceiptIndex, contractId: GlobalContractIdentifier): void {
    this.actionLog.push({ kind: 'UseGlobalContract', receiptIndex, contractId });
  }

  /** Like nearcore's mock, the returned "action index" is the position in the action log. */
  appendActionDeterministicStateInit(receiptIndex: ReceiptIndex, contractId: GlobalContractIdentifier, amount: bigint): ActionIndex {
    const index = this.actionLog.length;
    this.actionLog.push({ kind: 'DeterministicStateInit', receiptIndex, contractId, data: new Map(), amount });
    return index;
  }

  setDeterministicStateInitDataEntry(receiptIndex: ReceiptIndex, actionIndex: ActionIndex, key: Uint8Array, value: Uint8Array): void {
    const a = this.actionLog[actionIndex];
    if (a === undefined || a.kind !== 'DeterministicStateInit' || a.receiptIndex !== receiptIndex) {
      throw new HostError({ kind: 'InvalidActionIndex', receipt_index: BigInt(receiptIndex), action_index: BigInt(actionIndex) });
    }
    const k = hex(key);
    if (a.data.has(k)) throw new HostError({ kind: 'DataEntryAlreadyExists' });
    a.data.set(k, { key, value });
  }

  appendActionFunctionCallWeight(
    receiptIndex: ReceiptIndex,
    methodName: Uint8Array,
    args: Uint8Array,
    attachedDeposit: bigint,
    prepaidGas: bigint,
    gasWeight: bigint,
  ): void {
    this.actionLog.push({ kind: 'FunctionCallWeight', receiptIndex, methodName, args, attachedDeposit, prepaidGas, gasWeight });
  }

  appendActionTransfer(receiptIndex: ReceiptIndex, deposit: bigint): void {
    this.actionLog.push({ kind: 'Transfer', receiptIndex, deposit });
  }

  appendActionTransferToGasKey(receiptIndex: ReceiptIndex, publicKey: PublicKey, deposit: bigint): void {
    this.actionLog.push({ kind: 'TransferToGasKey', receiptIndex, publicKey, deposit });
  }

  appendActionAddGasKeyWithFullAccess(receiptIndex: ReceiptIndex, publicKey: PublicKey, numNonces: number): void {
    this.actionLog.push({ kind: 'AddGasKeyWithFullAccess', receiptIndex, publicKey, numNonces });
  }

  appendActionAddGasKeyWithFunctionCall(
    receiptIndex: ReceiptIndex,
    publicKey: PublicKey,
    numNonces: number,
    allowance: bigint | null,
    receiverId: AccountId,
    methodNames: readonly Uint8Array[],
  ): void {
    this.actionLog.push({ kind: 'AddGasKeyWithFunctionCall', receiptIndex, publicKey, numNonces, allowance, receiverId, methodNames: [...methodNames] });
  }

  appendActionStake(receiptIndex: ReceiptIndex, stake: bigint, publicKey: PublicKey): void {
    this.actionLog.push({ kind: 'Stake', receiptIndex, stake, publicKey });
  }

  appendActionAddKeyWithFullAccess(receiptIndex: ReceiptIndex, publicKey: PublicKey, nonce: bigint): void {
    this.actionLog.push({ kind: 'AddKeyWithFullAccess', receiptIndex, publicKey, nonce });
  }

  appendActionAddKeyWithFunctionCall(
    receiptIndex: ReceiptIndex,
    publicKey: PublicKey,
    nonce: bigint,
    allowance: bigint | null,
    receiverId: AccountId,
    methodNames: readonly Uint8Array[],
  ): void {
    this.actionLog.push({ kind: 'AddKeyWithFunctionCall', receiptIndex, publicKey, nonce, allowance, receiverId, methodNames: [...methodNames] });
  }

  appendActionDeleteKey(receiptIndex: ReceiptIndex, publicKey: PublicKey): void {
    this.actionLog.push({ kind: 'DeleteKey', receiptIndex, publicKey });
  }

  appendActionDeleteAccount(receiptIndex: ReceiptIndex, beneficiaryId: AccountId): void {
    this.actionLog.push({ kind: 'DeleteAccount', receiptIndex, beneficiaryId });
  }

  getReceiptReceiver(receiptIndex: ReceiptIndex): AccountId {
    const a = this.actionLog[receiptIndex];
    if (a !== undefined && (a.kind === 'CreateReceipt' || a.kind === 'YieldCreate')) return a.receiverId;
    // VMLogic only passes indexes it got from this External; anything else is a bug.
    throw new HostError({ kind: 'InvalidReceiptIndex', receipt_index: BigInt(receiptIndex) });
  }

  setRefundTo(receiptIndex: ReceiptIndex, refundTo: AccountId): void {
    this.actionLog.push({ kind: 'SetRefundTo', receiptIndex, refundTo });
  }
}
