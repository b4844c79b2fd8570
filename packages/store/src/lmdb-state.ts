/**
 * LmdbState: the persistent backend. Three lmdb tables in one environment:
 * - `flat`:  key → value, for reads and iteration (never walks the trie);
 * - `trie`:  nibble path → trie node record (see trie/record.ts), for incremental roots;
 * - `meta`:  last committed height and root.
 *
 * Writes wait in a `WriteBuffer` until `commitBlock`, which applies them to the trie (loading only
 * the nodes on changed paths), then writes the flat changes, the rewritten nodes, the deletion of
 * obsolete nodes and the new height/root in ONE synchronous lmdb transaction. lmdb commits are
 * atomic, so a process killed at any moment reopens at the last committed block, with a root that
 * matches its contents. With `durable: true` (default) the commit is also flushed to disk before
 * `commitBlock` returns (`overlappingSync: false`), so it survives an OS crash or power loss too.
 */
import { resolve as resolvePath } from 'node:path';
import { createRequire } from 'node:module';
import type { Database, RootDatabase } from 'lmdb';

type LmdbModule = typeof import('lmdb');
let lmdbModule: LmdbModule | undefined;

/** lmdb's native module loads on first use, so importing the store costs nothing without it. */
function lmdb(): LmdbModule {
  lmdbModule ??= createRequire(import.meta.url)('lmdb') as LmdbModule;
  return lmdbModule;
}
import { StoreError } from './errors.js';
import type { CommittedBlock, Entry, State, StateRoot } from './state.js';
import { WriteBuffer } from './write-buffer.js';
import { bytesToKeyString, checkKey, checkPrefix, checkValue, copyBytes, equalBytes, keyStringToBytes } from './bytes.js';
import { MemoryState, checkHeight, trieOfWrites, type TrieSource } from './memory-state.js';
import { mergeSorted } from './merge.js';
import { APPEND, flatGet, flatRange, flatWrite, type FlatDb } from './flat.js';
import { BRANCH, EXTENSION, STUB, Stub, bytesValue, type Hash, type Node, type NodeLoader, type ResolvedNode } from './trie/node.js';
import { insert, newBatch, remove } from './trie/update.js';
import { EMPTY_ROOT, hashBytes, rootHash } from './trie/hash.js';
import { decodeRecord, encodeRecord, recordKey, recordKeyOfNibbles } from './trie/record.js';
import { concatNibbles, nibbleAt, singleNibble } from './trie/nibbles.js';
import { computeStateRoot } from './trie/build.js';

export interface LmdbStateOptions {
  /** Directory of the lmdb environment (created if missing). */
  readonly path: string;
  /**
   * Flush every block commit to disk before `commitBlock` returns (default true). With false the
   * commit is still atomic and survives the process being killed, but not an OS crash.
   */
  readonly durable?: boolean;
  /** Initial lmdb map size in bytes (it grows as needed). */
  readonly mapSize?: number;
}

const META_HEIGHT = Uint8Array.of(1);
const META_ROOT = Uint8Array.of(2);
const META_FORMAT = Uint8Array.of(3);
const FORMAT = Uint8Array.of(1);
const EMPTY = new Uint8Array(0);

type BinaryDb = Database<Uint8Array, Uint8Array>;

/**
 * Directories open in this process. Two states over one directory would each keep their own view
 * of the committed trie and overwrite each other's blocks, so the second open is refused.
 */
const openPaths = new Set<string>();

function encodeHeight(h: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, h, true);
  return out;
}

export class LmdbState implements State {
  private readonly env: RootDatabase;
  private readonly flat: FlatDb;
  private readonly nodes: BinaryDb;
  private readonly meta: BinaryDb;
  private buffer = new WriteBuffer();
  /** The committed trie: a stub for the stored root (nodes load on demand), or undefined if empty. */
  private root: Node | undefined;
  private last: CommittedBlock | undefined;
  /** The pending writes applied to the trie, as of a buffer version: `stateRoot` then `commitBlock` build it once. */
  private cachedRoot: { version: number; node: Node | undefined; root: Hash } | undefined;
  private closed = false;
  private openForks = 0;
  private readonly loader: NodeLoader;
  private readonly path: string;

  constructor(options: LmdbStateOptions) {
    if (typeof options?.path !== 'string') throw new StoreError('InvalidArgument', 'LmdbState needs a path');
    this.path = resolvePath(options.path);
    if (openPaths.has(this.path)) throw new StoreError('Conflict', `${this.path} is already open in this process`);
    const durable = options.durable ?? true;
    this.env = lmdb().open({
      path: options.path,
      // Always a directory, even when its name looks like a file name with an extension.
      noSubdir: false,
      maxDbs: 4,
      overlappingSync: false,
      noSync: !durable,
      ...(options.mapSize !== undefined ? { mapSize: options.mapSize } : {}),
    });
    const binary = { keyEncoding: 'binary', encoding: 'binary' } as const;
    this.flat = this.env.openDB({ name: 'flat', ...binary });
    this.nodes = this.env.openDB({ name: 'trie', ...binary });
    this.meta = this.env.openDB({ name: 'meta', ...binary });
    this.loader = (stub) => this.loadNode(stub, undefined);
    try {
      this.readMeta();
    } catch (e) {
      void this.env.close();
      throw e;
    }
    openPaths.add(this.path);
  }

  get checkpointDepth(): number {
    return this.buffer.depth;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    this.checkOpen();
    checkKey(key);
    const w = this.buffer.lookup(bytesToKeyString(key));
    if (w !== undefined) return w ?? undefined;
    return flatGet(this.flat, key);
  }

  has(key: Uint8Array): boolean {
    return this.get(key) !== undefined;
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
    const existed = w !== undefined ? w !== null : flatGet(this.flat, key) !== undefined;
    if (existed) this.buffer.put(ks, null);
    return existed;
  }

  iter(prefix: Uint8Array = EMPTY): IterableIterator<Entry> {
    this.checkOpen();
    checkPrefix(prefix);
    return mergeSorted(flatRange(this.flat, prefix), this.buffer.sorted(bytesToKeyString(prefix)));
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

  commitBlock(height: bigint): StateRoot {
    this.checkOpen();
    checkHeight(height, this.last, this.buffer.depth);
    const oldRoot = this.root;
    const newRoot = this.appliedNow();
    const hash = rootHash(newRoot);
    const root = hashBytes(hash);
    // In key order: lmdb's B-tree takes sorted inserts at about half the cost of scattered ones.
    const writes = this.buffer.sortedWrites();
    this.env.transactionSync(() => {
      // Another process writing the same directory would make our cached view wrong: refuse.
      const storedRoot = this.meta.getBinary(META_ROOT);
      if (!equalBytes(storedRoot ?? EMPTY_ROOT, this.last?.root ?? EMPTY_ROOT)) {
        throw new StoreError('Conflict', 'the database was changed by another writer');
      }
      // Without a stored trie (a first block) both tables are empty (the flat table holds exactly
      // the trie's keys), and keys come in increasing order: lmdb appends instead of searching.
      const empty = oldRoot === undefined;
      for (let i = 0; i < writes.keys.length; i++) flatWrite(this.flat, keyStringToBytes(writes.keys[i]!), writes.values[i]!, empty);
      // Nothing can be obsolete then either: no need to track what was written.
      const written = empty ? undefined : new Set<string>();
      const retained = new Set<Node>();
      const hashedKeys: Array<[Uint8Array, Uint8Array]> = [];
      // A record key is the hex-prefix encoding of the node's path: 0x00 + bytes for an even
      // length, 0x1N + bytes for an odd one. Depth-first order visits each parity's keys in
      // increasing order, so one pass per parity writes them all in key order.
      for (const parity of [0, 1]) {
        collectNewNodes(newRoot, new NibblePath(), 0, parity, (key, record) => {
          written?.add(bytesToKeyString(key));
          // Keys of very long paths are hashes (0xff…, see recordKey): not in order, written last.
          if (!empty) this.nodes.putSync(key, record);
          else if (key[0] === 0xff) hashedKeys.push([key, record]);
          else this.nodes.putSync(key, record, APPEND);
        }, retained);
      }
      for (const [key, record] of hashedKeys) this.nodes.putSync(key, record);
      collectObsolete(oldRoot, '', 0, retained, this.loader, (key) => {
        if (!written!.has(bytesToKeyString(key))) this.nodes.removeSync(key);
      });
      this.meta.putSync(META_FORMAT, FORMAT);
      this.meta.putSync(META_HEIGHT, encodeHeight(height));
      this.meta.putSync(META_ROOT, root);
    });
    this.buffer.clear();
    // Drop the loaded nodes: the next block loads what it touches from the database again.
    this.root = newRoot === undefined ? undefined : new Stub(hash, newRoot.mem, '', 0);
    this.last = { height, root };
    return copyBytes(root);
  }

  /**
   * A writable in-memory fork over a read-only snapshot of the last committed block (plus a copy
   * of the pending writes). The database file is never written by the fork.
   */
  fork(): State {
    this.checkOpen();
    const transaction = this.env.useReadTransaction();
    const root = this.root === undefined ? undefined : new Stub(this.root.hash!, this.root.mem, '', 0);
    this.openForks++;
    let released = false;
    const source: TrieSource = {
      load: (stub) => this.loadNode(stub, transaction),
      get: (key) => flatGet(this.flat, key, transaction),
      release: () => {
        if (released) return;
        released = true;
        transaction.done();
        if (--this.openForks === 0 && this.closed) this.closeEnv();
      },
    };
    return MemoryState.over(root, undefined, new WriteBuffer(this.buffer), this.last, source);
  }

  /** Closes the database (once every fork of it is closed too). Pending writes are discarded. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.openForks === 0) this.closeEnv();
  }

  private closeEnv(): void {
    openPaths.delete(this.path);
    void this.env.close();
  }

  /**
   * Full consistency check of the committed data (reads everything; for tests and tools): the
   * recorded root equals the root recomputed from the flat entries, every stored trie node is
   * reachable from the root and matches its hash, and no stale node records remain.
   */
  verify(): { entries: number; nodes: number } {
    this.checkOpen();
    const entries: Entry[] = [];
    const range = flatRange(this.flat, EMPTY);
    for (let r = range.next(); !r.done; r = range.next()) entries.push([keyStringToBytes(r.value[0]), r.value[1]]);
    const recomputed = computeStateRoot(entries);
    const recorded = this.last?.root ?? EMPTY_ROOT;
    if (!equalBytes(recomputed, recorded)) throw new StoreError('Corrupted', 'recorded root does not match the contents');
    let nodes = 0;
    const walk = (node: Node | undefined): void => {
      if (node === undefined) return;
      nodes++;
      // A fresh stub tree: every node is loaded (and checked against its hash) from the table.
      const n = node.kind === STUB ? this.loadNode(node, undefined) : node;
      if (n.kind === EXTENSION) walk(n.child);
      else if (n.kind === BRANCH) for (const c of n.children) walk(c);
    };
    walk(this.root === undefined ? undefined : new Stub(this.root.hash!, this.root.mem, '', 0));
    const stored = this.nodes.getKeysCount();
    if (stored !== nodes) throw new StoreError('Corrupted', `${stored} trie node records for ${nodes} reachable nodes`);
    return { entries: entries.length, nodes };
  }

  /** `applied()`, reusing the trie `stateRoot` built if no write came since. */
  private appliedNow(): Node | undefined {
    const cached = this.cachedRoot;
    this.cachedRoot = undefined;
    return cached?.version === this.buffer.version ? cached.node : this.applied();
  }

  private applied(): Node | undefined {
    if (this.root === undefined) return trieOfWrites(this.buffer);
    let root: Node | undefined = this.root;
    const batch = newBatch(this.loader);
    this.buffer.forEachWrite((value, ks) => {
      root = value === null ? remove(root, ks, batch) : insert(root, ks, bytesValue(value), batch);
    });
    return root;
  }

  private loadNode(stub: Stub, transaction: import('lmdb').Transaction | undefined): ResolvedNode {
    const key = recordKey(stub.path, stub.pathNibbles);
    // decodeRecord copies what it keeps, so lmdb's reused buffer is fine here.
    const record = (transaction === undefined ? this.nodes.getBinaryFast(key) : this.nodes.get(key, { transaction })) as
      | Uint8Array
      | undefined;
    if (record === undefined) throw new StoreError('Corrupted', 'missing trie node record');
    return decodeRecord(record, stub.hash, stub.path, stub.pathNibbles);
  }

  private readMeta(): void {
    const height = this.meta.getBinary(META_HEIGHT);
    const root = this.meta.getBinary(META_ROOT);
    if (height === undefined || root === undefined) {
      if (this.flat.getKeysCount({ limit: 1 }) > 0) throw new StoreError('Corrupted', 'state without a committed block');
      this.root = undefined;
      this.last = undefined;
      return;
    }
    const h = new DataView(height.buffer, height.byteOffset, 8).getBigUint64(0, true);
    const r = copyBytes(root);
    this.last = { height: h, root: r };
    if (equalBytes(r, EMPTY_ROOT)) {
      this.root = undefined;
      return;
    }
    // The root stub needs its memory usage: read it from the root record.
    const hash = bytesToKeyString(r);
    const node = this.loadNode(new Stub(hash, 0, '', 0), undefined);
    const stub = new Stub(hash, node.mem, '', 0);
    stub.loaded = node;
    this.root = stub;
  }

  private checkOpen(): void {
    if (this.closed) throw new StoreError('Closed', 'the state is closed');
  }
}

/** The nibbles of the path to the node being visited, one per byte (grown as needed). */
class NibblePath {
  nibbles = new Uint8Array(256);

  /** Makes room for positions below `end`. */
  reserve(end: number): Uint8Array {
    if (end > this.nibbles.length) {
      const grown = new Uint8Array(Math.max(end, this.nibbles.length * 2));
      grown.set(this.nibbles);
      this.nibbles = grown;
    }
    return this.nibbles;
  }
}

/**
 * Emits the record of every node of the new trie at a path of the given parity (nibble count
 * mod 2) that is not a reused stub (those are stored already, at the same path), and collects the
 * reused stubs into `retained`. `path` holds the nibbles [0, depth) leading to `node`.
 */
function collectNewNodes(
  node: Node | undefined,
  path: NibblePath,
  depth: number,
  parity: number,
  emit: (key: Uint8Array, record: Uint8Array) => void,
  retained: Set<Node>,
): void {
  if (node === undefined) return;
  if (node.kind === STUB) {
    retained.add(node);
    return;
  }
  if ((depth & 1) === parity) emit(recordKeyOfNibbles(path.nibbles, depth), encodeRecord(node));
  if (node.kind === EXTENSION) {
    const child = node.child;
    if (child.kind === STUB) retained.add(child);
    else {
      const end = depth + node.end - node.start;
      const nibbles = path.reserve(end);
      for (let i = node.start, at = depth; at < end; i++, at++) nibbles[at] = nibbleAt(node.path, i);
      collectNewNodes(child, path, end, parity, emit, retained);
    }
  } else if (node.kind === BRANCH) {
    for (let i = 0; i < 16; i++) {
      const c = node.children[i];
      if (c === undefined) continue;
      if (c.kind === STUB) retained.add(c);
      else {
        // Set again for every child: a deeper visit may have grown (replaced) the array.
        path.reserve(depth + 1)[depth] = i;
        collectNewNodes(c, path, depth + 1, parity, emit, retained);
      }
    }
  }
}

/** Emits the record key of every stored node of the old trie that the new trie no longer reuses. */
function collectObsolete(
  node: Node | undefined,
  path: string,
  nibbles: number,
  retained: Set<Node>,
  load: NodeLoader,
  emit: (key: Uint8Array) => void,
): void {
  if (node === undefined || retained.has(node)) return;
  emit(recordKey(path, nibbles));
  // The old trie is a stub tree; a stub the update did not reuse was loaded by it.
  const n = node.kind === STUB ? (node.loaded ?? (node.loaded = load(node))) : node;
  if (n.kind === EXTENSION) {
    if (!retained.has(n.child)) {
      collectObsolete(n.child, concatNibbles(path, 0, nibbles, n.path, n.start, n.end), nibbles + n.end - n.start, retained, load, emit);
    }
  } else if (n.kind === BRANCH) {
    for (let i = 0; i < 16; i++) {
      const c = n.children[i];
      if (c !== undefined && !retained.has(c)) {
        collectObsolete(c, concatNibbles(path, 0, nibbles, singleNibble(i), 0, 1), nibbles + 1, retained, load, emit);
      }
    }
  }
}
