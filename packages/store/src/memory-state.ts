/**
 * MemoryState: the default backend. Committed data is a persistent Merkle-Patricia trie held in
 * memory (nodes are immutable and shared) plus a flat key → value index for reads; uncommitted
 * writes sit in a `WriteBuffer`.
 *
 * - get: pending map, then the flat index (hash-map lookups, no trie walk).
 * - iter: the trie, merged with the sorted pending writes.
 * - fork: shares the committed trie and flat index (O(1)) and copies only the pending map.
 * - commitBlock: applies the pending writes to the trie (rebuilding only the changed paths) and
 *   hashes only the new nodes.
 *
 * The same class also serves as the writable fork of an `LmdbState`: then the committed trie
 * starts as a stub of the database's root, nodes and values come from a read-only snapshot.
 */
import { StoreError } from './errors.js';
import type { CommittedBlock, Entry, State, StateRoot } from './state.js';
import { WriteBuffer } from './write-buffer.js';
import { bytesToKeyString, checkKey, checkPrefix, checkValue, copyBytes, keyStringToBytes } from './bytes.js';
import { bytesValue, type Hash, type Node, type NodeLoader, type ValueSlot } from './trie/node.js';
import { buildSorted } from './trie/build.js';
import { insert, newBatch, remove } from './trie/update.js';
import { iterate, valueNodeKey, type ValueNode } from './trie/read.js';
import { FlatLayers } from './flat-layers.js';
import { hashBytes, rootHash } from './trie/hash.js';
import { mergeSorted } from './merge.js';

/** Where a trie that does not live fully in memory gets its nodes and values (a read-only snapshot). */
export interface TrieSource {
  readonly load: NodeLoader;
  /** The committed value of a key, if any. */
  readonly get: (key: Uint8Array) => Uint8Array | undefined;
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
  private flat: FlatLayers;
  private buffer: WriteBuffer;
  private last: CommittedBlock | undefined;
  private readonly source: SourceHandle | undefined;
  private readonly load: NodeLoader | undefined;
  /** The pending writes applied to the trie, as of a buffer version: `stateRoot` then `commitBlock` build it once. */
  private cachedRoot: { version: number; node: Node | undefined; root: Hash } | undefined;
  private closed = false;

  constructor() {
    this.root = undefined;
    this.flat = new FlatLayers();
    this.buffer = new WriteBuffer();
    this.last = undefined;
    this.source = undefined;
    this.load = undefined;
  }

  /** A state over an existing trie; used by forks and by `LmdbState.fork`. */
  static over(
    root: Node | undefined,
    flat: FlatLayers | undefined,
    buffer: WriteBuffer,
    last: CommittedBlock | undefined,
    source: SourceHandle | TrieSource | undefined,
  ): MemoryState {
    const s = new MemoryState();
    const handle = source === undefined ? undefined : 'users' in source ? source : { source, users: 0 };
    if (handle) handle.users++;
    const src = handle?.source;
    flat ??= new FlatLayers(src && ((ks) => src.get(keyStringToBytes(ks))));
    Object.assign(s, { root, flat, buffer, last, source: handle, load: src?.load });
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
    const ks = bytesToKeyString(key);
    const w = this.buffer.lookup(ks);
    if (w !== undefined) return w ?? undefined;
    return this.flat.get(ks);
  }

  has(key: Uint8Array): boolean {
    this.checkOpen();
    checkKey(key);
    const ks = bytesToKeyString(key);
    const w = this.buffer.lookup(ks);
    if (w !== undefined) return w !== null;
    return this.flat.get(ks) !== undefined;
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.checkOpen();
    checkKey(key);
    checkValue(value);
    this.buffer.put(bytesToKeyString(key), value);
  }

  remove(key: Uint8Array): boolean {
    this.checkOpen();
    checkKey(key);
    const ks = bytesToKeyString(key);
    const w = this.buffer.lookup(ks);
    const existed = w !== undefined ? w !== null : this.flat.get(ks) !== undefined;
    if (existed) this.buffer.put(ks, null);
    return existed;
  }

  iter(prefix: Uint8Array = EMPTY): IterableIterator<Entry> {
    this.checkOpen();
    checkPrefix(prefix);
    const prefixString = bytesToKeyString(prefix);
    const nodes = iterate(this.root, prefixString, this.load);
    const committed = (function* (self: MemoryState): Generator<[string, Uint8Array]> {
      for (const n of nodes) yield [valueNodeKey(n), self.valueOf(n)];
    })(this);
    return mergeSorted(committed, this.buffer.sorted(prefixString));
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
    this.root = this.appliedNow();
    this.flat.writeAll(this.buffer.take());
    const root = hashBytes(rootHash(this.root));
    this.last = { height, root };
    return copyBytes(root);
  }

  stateRoot(): StateRoot {
    this.checkOpen();
    if (this.buffer.size === 0) return hashBytes(rootHash(this.root));
    const v = this.buffer.version;
    if (this.cachedRoot?.version !== v) {
      const node = this.applied();
      this.cachedRoot = { version: v, node, root: rootHash(node) };
    }
    return hashBytes(this.cachedRoot.root);
  }

  lastCommitted(): CommittedBlock | undefined {
    this.checkOpen();
    return this.last;
  }

  fork(): MemoryState {
    this.checkOpen();
    return MemoryState.over(this.root, this.flat.fork(), new WriteBuffer(this.buffer), this.last, this.source);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const h = this.source;
    if (h !== undefined && --h.users === 0) h.source.release();
  }

  /** The committed trie with every pending write applied (the committed trie itself is untouched). */
  /** `applied()`, reusing the trie `stateRoot` built if no write came since. */
  private appliedNow(): Node | undefined {
    const cached = this.cachedRoot;
    this.cachedRoot = undefined;
    return cached?.version === this.buffer.version ? cached.node : this.applied();
  }

  private applied(): Node | undefined {
    if (this.root === undefined) return trieOfWrites(this.buffer);
    let root: Node | undefined = this.root;
    const batch = newBatch(this.load);
    // forEach: no [key, value] entry array per write, as a for-of over the entries makes.
    this.buffer.forEachWrite((value, ks) => {
      root = value === null ? remove(root, ks, batch) : insert(root, ks, bytesValue(value), batch);
    });
    return root;
  }

  private valueOf(n: ValueNode): Uint8Array {
    const slot = n.value!;
    if (slot.bytes !== undefined) return slot.bytes;
    const v = this.source?.source.get(keyStringToBytes(valueNodeKey(n)));
    if (v === undefined) throw new StoreError('Corrupted', 'a trie leaf without its value');
    return v;
  }

  private checkOpen(): void {
    if (this.closed) throw new StoreError('Closed', 'the state is closed');
  }
}

/**
 * The trie of the pending writes alone (for an empty committed trie, e.g. a genesis): built
 * bottom-up from the sorted keys, the same nodes as inserting them one by one.
 */
export function trieOfWrites(buffer: WriteBuffer): Node | undefined {
  const keys: string[] = [];
  const values: ValueSlot[] = [];
  const writes = buffer.sortedWrites();
  let slot: ValueSlot | undefined;
  for (let i = 0; i < writes.keys.length; i++) {
    const v = writes.values[i]!;
    // null: a deletion, of a key that is not in an empty trie anyway.
    if (v !== null) {
      keys.push(writes.keys[i]!);
      // Neighbours often hold the very same value array (e.g. every default access key of a
      // genesis): one slot for them, so its hash is computed once (a slot only ever gains its hash).
      if (slot?.bytes !== v) slot = bytesValue(v);
      values.push(slot);
    }
  }
  return buildSorted(keys, values);
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
