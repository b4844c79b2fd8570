/**
 * The storage contract the runtime codes against. Keys and values are raw bytes; the store does
 * not know what a key means (trie-key layouts live in @nearts/primitives and the runtime).
 *
 * The interface is synchronous on purpose: both backends can serve reads and durable block
 * commits without awaiting (lmdb offers synchronous `get` and `transactionSync`), and a sync API
 * keeps the runtime's hot path (several reads/writes per action) free of promise overhead.
 */

/** A 32-byte Merkle root over the whole state (nearcore's `StateRoot`, a `CryptoHash`). */
export type StateRoot = Uint8Array;

/** One key/value pair, as yielded by iteration and used by dump/load helpers. */
export type Entry = [key: Uint8Array, value: Uint8Array];

/** The block a store last committed: its height and the state root after it. */
export interface CommittedBlock {
  readonly height: bigint;
  readonly root: StateRoot;
}

export interface State {
  /** Value stored under `key`, or `undefined`. The returned bytes are owned by the store: read-only. */
  get(key: Uint8Array): Uint8Array | undefined;
  /** Whether `key` holds a value. */
  has(key: Uint8Array): boolean;
  /**
   * Stores `value` under `key`. The key is copied; the value array is kept as it is (no copy, this
   * is the hot path), so the caller hands it over and must not modify it afterwards.
   */
  set(key: Uint8Array, value: Uint8Array): void;
  /** Deletes `key`; returns whether it held a value. */
  remove(key: Uint8Array): boolean;
  /**
   * Entries whose key starts with `prefix` (all entries for an empty prefix), in lexicographic byte
   * order of the keys — never insertion order. The iteration sees the state as it was when the
   * iterator was created; writing while iterating does not change what it yields.
   */
  iter(prefix?: Uint8Array): IterableIterator<Entry>;

  /**
   * Opens a nested checkpoint. `rollback()` discards every write made since the matching
   * `checkpoint()`; `commit()` keeps them and folds them into the enclosing checkpoint (so an outer
   * rollback still discards them).
   */
  checkpoint(): void;
  /** Closes the innermost checkpoint keeping its writes. Throws `StoreError` if none is open. */
  commit(): void;
  /** Closes the innermost checkpoint discarding its writes. Throws `StoreError` if none is open. */
  rollback(): void;
  /** Number of open checkpoints. */
  readonly checkpointDepth: number;

  /**
   * Makes every write since the previous block permanent (for `LmdbState`: in one durable lmdb
   * transaction) and returns the new state root. Throws `StoreError` when checkpoints are open or
   * when `height` is not above the last committed height.
   */
  commitBlock(height: bigint): StateRoot;
  /** The Merkle root of the current contents, including writes not yet committed to a block. */
  stateRoot(): StateRoot;
  /** The last committed block, or `undefined` before the first `commitBlock`. */
  lastCommitted(): CommittedBlock | undefined;

  /**
   * An independent copy of the current contents (uncommitted writes included, no open checkpoints,
   * same last committed block). Writes and commits on either side never affect the other. Cheap:
   * the committed data is shared structurally, never copied.
   */
  fork(): State;

  /** Releases resources (files, read transactions). Further calls throw `StoreError`. */
  close(): void;
}
