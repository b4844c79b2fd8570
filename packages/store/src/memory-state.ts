/**
 * MemoryState: the default backend. Committed data is a persistent Merkle-Patricia trie held in
 * memory (nodes are immutable and shared), uncommitted writes sit in a `WriteBuffer`.
 *
 * - get: pending map, then a trie walk.
 * - fork: shares the committed trie (O(1)) and copies only the pending map.
 * - commitBlock: applies the pending writes to the trie (rebuilding only the changed paths) and
 *   hashes only the new nodes.
 *
 * The same class also serves as the writable fork of an `LmdbState`: then the committed trie
 * starts as a stub of the database's root, nodes and values come from a read-only snapshot.
 */
import { StoreError } from './errors.js';
import type { CommittedBlock, Entry, State, StateRoot } from './state.js';
import { WriteBuffer } from './write-buffer.js';
import { bytesToKeyString, checkKey, checkPrefix, checkValue, copyBytes } from './bytes.js';
import { bytesValue, type Node, type NodeLoader } from './trie/node.js';
import { insert, remove } from './trie/update.js';
import { iterate, lookup, valueNodeKey, type ValueNode } from './trie/read.js';
import { rootHash } from './trie/hash.js';
import { mergeSorted } from './merge.js';

/** Where a trie that does not live fully in memory gets its nodes and values (a read-only snapshot). */
export interface TrieSource {
  readonly load: NodeLoader;
  /** The value of a key whose trie node carries only the value's length and hash. */
  readonly readValue: (key: Uint8Array) => Uint8Array;
  /** Releases the snapshot once no state uses it any more. */
  release(): void;
}

/** Shared by a state and its forks, so the snapshot is released when the last of them closes. */
interface SourceHandle {
  readonly source: TrieSource;
  users: number;
}

const EMPTY = new Uint8Array(0);

export class MemoryState implements State {
  private root: Node | undefined;
  private buffer: WriteBuffer;
  private last: CommittedBlock | undefined;
  private readonly source: SourceHandle | undefined;
  private readonly load: NodeLoader | undefined;
  private cachedRoot: { version: number; root: Uint8Array } | undefined;
  private closed = false;

  constructor() {
    this.root = undefined;
    this.buffer = new WriteBuffer();
    this.last = undefined;
    this.source = undefined;
    this.load = undefined;
  }

  /** A state over an existing trie; used by forks and by `LmdbState.fork`. */
  static over(
    root: Node | undefined,
    buffer: WriteBuffer,
    last: CommittedBlock | undefined,
    source: SourceHandle | TrieSource | undefined,
  ): MemoryState {
    const s = new MemoryState();
    const handle = source === undefined ? undefined : 'users' in source ? source : { source, users: 0 };
    if (handle) handle.users++;
    Object.assign(s, { root, buffer, last, source: handle, load: handle?.source.load });
    return s;
  }

  /** A MemoryState holding `entries` (not yet committed to a block). */
  static fromEntries(entries: Iterable<Entry>): MemoryState {
    const s = new MemoryState();
    for (const [k, v] of entries) s.set(k, v);
    return s;
  }

  get checkpointDepth(): number {
    return this.buffer.depth;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    this.checkOpen();
    checkKey(key);
    const w = this.buffer.lookup(bytesToKeyString(key));
    if (w !== undefined) return w.value ?? undefined;
    const n = lookup(this.root, key, this.load);
    return n === undefined ? undefined : this.valueOf(n);
  }

  has(key: Uint8Array): boolean {
    this.checkOpen();
    checkKey(key);
    const w = this.buffer.lookup(bytesToKeyString(key));
    if (w !== undefined) return w.value !== null;
    return lookup(this.root, key, this.load) !== undefined;
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.checkOpen();
    checkKey(key);
    checkValue(value);
    this.buffer.put(bytesToKeyString(key), copyBytes(key), copyBytes(value));
  }

  remove(key: Uint8Array): boolean {
    this.checkOpen();
    checkKey(key);
    const ks = bytesToKeyString(key);
    const w = this.buffer.lookup(ks);
    const existed = w !== undefined ? w.value !== null : lookup(this.root, key, this.load) !== undefined;
    if (existed) this.buffer.put(ks, copyBytes(key), null);
    return existed;
  }

  iter(prefix: Uint8Array = EMPTY): IterableIterator<Entry> {
    this.checkOpen();
    checkPrefix(prefix);
    const nodes = iterate(this.root, prefix, this.load);
    const committed = (function* (self: MemoryState): Generator<Entry> {
      for (const n of nodes) yield [valueNodeKey(n), self.valueOf(n)];
    })(this);
    return mergeSorted(committed, this.buffer.sorted(prefix));
  }

  checkpoint(): void {
    this.checkOpen();
    this.buffer.checkpoint();
  }

  commit(): void {
    this.checkOpen();
    this.buffer.commit();
  }

  rollback(): void {
    this.checkOpen();
    this.buffer.rollback();
  }

  commitBlock(height: bigint): StateRoot {
    this.checkOpen();
    checkHeight(height, this.last, this.buffer.depth);
    this.root = this.applied();
    this.buffer.clear();
    const root = rootHash(this.root);
    this.last = { height, root: copyBytes(root) };
    return copyBytes(root);
  }

  stateRoot(): StateRoot {
    this.checkOpen();
    if (this.buffer.size === 0) return copyBytes(rootHash(this.root));
    const v = this.buffer.version;
    if (this.cachedRoot?.version !== v) this.cachedRoot = { version: v, root: rootHash(this.applied()) };
    return copyBytes(this.cachedRoot.root);
  }

  lastCommitted(): CommittedBlock | undefined {
    this.checkOpen();
    return this.last;
  }

  fork(): MemoryState {
    this.checkOpen();
    return MemoryState.over(this.root, new WriteBuffer(this.buffer), this.last, this.source);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const h = this.source;
    if (h !== undefined && --h.users === 0) h.source.release();
  }

  /** The committed trie with every pending write applied (the committed trie itself is untouched). */
  private applied(): Node | undefined {
    let root = this.root;
    for (const w of this.buffer.writes()) {
      root = w.value === null ? remove(root, w.key, this.load) : insert(root, w.key, bytesValue(w.value), this.load);
    }
    return root;
  }

  private valueOf(n: ValueNode): Uint8Array {
    const slot = n.value!;
    if (slot.bytes !== undefined) return slot.bytes;
    if (this.source === undefined) throw new StoreError('Corrupted', 'trie value without bytes and no source');
    return this.source.source.readValue(valueNodeKey(n));
  }

  private checkOpen(): void {
    if (this.closed) throw new StoreError('Closed', 'the state is closed');
  }
}

export function checkHeight(height: bigint, last: CommittedBlock | undefined, depth: number): void {
  if (typeof height !== 'bigint' || height < 0n || height >= 1n << 64n) {
    throw new StoreError('InvalidArgument', 'height must be a u64 bigint');
  }
  if (depth > 0) throw new StoreError('CheckpointOpen', `commitBlock with ${depth} open checkpoint(s)`);
  if (last !== undefined && height <= last.height) {
    throw new StoreError('HeightNotIncreasing', `height ${height} is not above the last committed height ${last.height}`);
  }
}
