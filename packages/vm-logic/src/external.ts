/**
 * External: what the runtime provides to host functions (nearcore `logic/dependencies.rs`,
 * trait `External`). vm-logic knows no state implementation; the runtime implements this over its
 * trie/state, and `MockedExternal` implements it in memory for tests and single-call runs.
 *
 * Errors: a method may throw a `HostError` (guest-visible, e.g. `InvalidMethodName`,
 * `DataEntryAlreadyExists`) or a `VMRunnerError` (`ExternalError` for a storage failure,
 * `InconsistentStateError`), which aborts the whole call at node level. Nothing else.
 *
 * Byte arrays handed to an External may be the very buffers held in registers: an implementation
 * must copy what it keeps. Byte arrays it returns are not modified by VMLogic.
 */
import type { SubmoduleExternal } from './submodules/types.js';
import type {
  AccountId,
  ActionIndex,
  GlobalContractDeployMode,
  GlobalContractIdentifier,
  PublicKey,
  ReceiptIndex,
} from './types.js';

/**
 * Charges storage-access fees through the call's gas counter. The runtime's External calls it for
 * every trie node it touches and for the bytes of values it evicts or removes; each method may
 * throw the gas errors the charge produces. (nearcore `StorageAccessTracker`)
 */
export interface StorageAccessTracker {
  /** `touching_trie_node` × count (nodes read from the database). */
  trieNodeTouched(count: bigint): void;
  /** `read_cached_trie_node` × count (nodes served from the chunk cache). */
  cachedTrieNodeAccess(count: bigint): void;
  /** `storage_write_evicted_byte` × bytes of the value a write replaced. */
  derefWriteEvictedValueBytes(bytes: bigint): void;
  /** `storage_remove_ret_value_byte` × bytes of the removed value. */
  derefRemovedValueBytes(bytes: bigint): void;
}

/** A tracker that charges nothing (nearcore `FreeGasCounter`). */
export const FREE_STORAGE_TRACKER: StorageAccessTracker = {
  trieNodeTouched() {},
  cachedTrieNodeAccess() {},
  derefWriteEvictedValueBytes() {},
  derefRemovedValueBytes() {},
};

/**
 * A value found in storage whose length is known before it is loaded, so that
 * `storage_read_value_byte` can be charged first (nearcore `ValuePtr`).
 */
export interface ValuePtr {
  readonly length: number;
  deref(tracker: StorageAccessTracker): Uint8Array;
}

export interface YieldReceipt {
  readonly receiptIndex: ReceiptIndex;
  /** The 32-byte data id the yielded receipt waits on (the resumption token). */
  readonly dataId: Uint8Array;
}

export interface External {
  /**
   * The submodules extension's state access (NEP-481), present only where the extension can be on;
   * an External without it has no submodules (`submodule_call` reports NotFound).
   */
  readonly submodules?: SubmoduleExternal;

  // ---- storage of the current account ----
  /** Writes key → value; returns the previous value, or null. */
  storageSet(tracker: StorageAccessTracker, key: Uint8Array, value: Uint8Array): Uint8Array | null;
  storageGet(tracker: StorageAccessTracker, key: Uint8Array): ValuePtr | null;
  /** Removes key; returns the removed value, or null. */
  storageRemove(tracker: StorageAccessTracker, key: Uint8Array): Uint8Array | null;
  storageHasKey(tracker: StorageAccessTracker, key: Uint8Array): boolean;
  /** Size in bytes of the storage proof recorded so far (0 without a state witness). */
  getRecordedStorageSize(): bigint;

  // ---- chain information ----
  /** A fresh 32-byte data id (nearcore derives it from the action hash, block height and a counter). */
  generateDataId(): Uint8Array;
  /** Stake of `accountId` in the current epoch, or null when it is not a validator. */
  validatorStake(accountId: AccountId): bigint | null;
  validatorTotalStake(): bigint;
  chainId(): string;

  // ---- receipts created by the call ----
  /** A new action receipt to `receiverId` that waits for the receipts `receiptIndices`. */
  createActionReceipt(receiptIndices: readonly ReceiptIndex[], receiverId: AccountId): ReceiptIndex;
  /** A yielded receipt on `receiverId` waiting for one data dependency. */
  createPromiseYieldReceipt(receiverId: AccountId): YieldReceipt;
  /** Like `createPromiseYieldReceipt` keyed by a user yield id; null if that id is already pending. */
  createPromiseYieldReceiptWithId(receiverId: AccountId, yieldId: Uint8Array): YieldReceipt | null;
  /** Delivers `data` to a yielded receipt of this account; false if there is none to resume. */
  submitPromiseResumeData(dataId: Uint8Array, data: Uint8Array): boolean;
  submitPromiseResumeDataWithYieldId(yieldId: Uint8Array, data: Uint8Array): boolean;

  appendActionCreateAccount(receiptIndex: ReceiptIndex): void;
  appendActionDeployContract(receiptIndex: ReceiptIndex, code: Uint8Array): void;
  appendActionDeployGlobalContract(receiptIndex: ReceiptIndex, code: Uint8Array, mode: GlobalContractDeployMode): void;
  appendActionUseGlobalContract(receiptIndex: ReceiptIndex, contractId: GlobalContractIdentifier): void;
  /** Appends a DeterministicStateInit action; returns its action index. */
  appendActionDeterministicStateInit(receiptIndex: ReceiptIndex, contractId: GlobalContractIdentifier, amount: bigint): ActionIndex;
  /** Throws HostError `InvalidActionIndex` or `DataEntryAlreadyExists`. */
  setDeterministicStateInitDataEntry(receiptIndex: ReceiptIndex, actionIndex: ActionIndex, key: Uint8Array, value: Uint8Array): void;
  /** Throws HostError `InvalidMethodName` when the name is not UTF-8. Weight 0 = no share of unused gas. */
  appendActionFunctionCallWeight(
    receiptIndex: ReceiptIndex,
    methodName: Uint8Array,
    args: Uint8Array,
    attachedDeposit: bigint,
    prepaidGas: bigint,
    gasWeight: bigint,
  ): void;
  appendActionTransfer(receiptIndex: ReceiptIndex, deposit: bigint): void;
  appendActionTransferToGasKey(receiptIndex: ReceiptIndex, publicKey: PublicKey, deposit: bigint): void;
  appendActionAddGasKeyWithFullAccess(receiptIndex: ReceiptIndex, publicKey: PublicKey, numNonces: number): void;
  appendActionAddGasKeyWithFunctionCall(
    receiptIndex: ReceiptIndex,
    publicKey: PublicKey,
    numNonces: number,
    allowance: bigint | null,
    receiverId: AccountId,
    methodNames: readonly Uint8Array[],
  ): void;
  appendActionStake(receiptIndex: ReceiptIndex, stake: bigint, publicKey: PublicKey): void;
  appendActionAddKeyWithFullAccess(receiptIndex: ReceiptIndex, publicKey: PublicKey, nonce: bigint): void;
  /** Throws HostError `InvalidMethodName` when a name is not UTF-8. Allowance null = unlimited. */
  appendActionAddKeyWithFunctionCall(
    receiptIndex: ReceiptIndex,
    publicKey: PublicKey,
    nonce: bigint,
    allowance: bigint | null,
    receiverId: AccountId,
    methodNames: readonly Uint8Array[],
  ): void;
  appendActionDeleteKey(receiptIndex: ReceiptIndex, publicKey: PublicKey): void;
  appendActionDeleteAccount(receiptIndex: ReceiptIndex, beneficiaryId: AccountId): void;

  /** Receiver of a receipt created earlier in this call. */
  getReceiptReceiver(receiptIndex: ReceiptIndex): AccountId;
  setRefundTo(receiptIndex: ReceiptIndex, refundTo: AccountId): void;
}
