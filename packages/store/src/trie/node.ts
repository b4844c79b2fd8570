/**
 * In-memory trie nodes, following nearcore's 16-ary Patricia trie (core/store/src/trie):
 * Leaf(path, value), Extension(path, child), Branch(children[16], optional value).
 *
 * Nodes are immutable once built; an update builds new nodes along the changed path and shares
 * every untouched subtree, so an old root stays a valid snapshot (that is how forks and
 * checkpoints stay cheap). Only the lazily computed hash is filled in later.
 *
 * A `Stub` stands for a node kept elsewhere (the lmdb node table): it knows the node's hash,
 * memory usage and absolute nibble path, and is resolved through a `NodeLoader` when an update or
 * a read needs to look inside.
 *
 * Keys, paths and hashes are latin1 strings (one char per byte; see nibbles.ts for why).
 */
import { concatNibbles, encodedPathLength } from './nibbles.js';

export const LEAF = 0;
export const EXTENSION = 1;
export const BRANCH = 2;
export const STUB = 3;

/** nearcore's TRIE_COSTS: node_cost 50, byte_of_key 2, byte_of_value 1. */
export const NODE_COST = 50;
export const BYTE_OF_KEY = 2;
export const BYTE_OF_VALUE = 1;

/** A 32-byte sha256 digest as a 32-char latin1 string. */
export type Hash = string;

/**
 * A value slot: the bytes when known (in-memory writes), plus length and hash. Values read back
 * from the lmdb node table carry only length and hash (nearcore's `ValueRef`).
 */
export interface ValueSlot {
  readonly bytes: Uint8Array | undefined;
  readonly length: number;
  /** sha256(bytes); computed on first hashing when bytes are known. */
  hash: Hash | undefined;
}

/**
 * Nodes are immutable once published. The one exception: while a batch of writes is applied, the
 * nodes that batch created carry its `owner` token and the batch may change them in place (like
 * Clojure's transients); this avoids copying a 16-slot branch on every write of a large block.
 * A finished batch's token is never used again, so its nodes are frozen from then on.
 */
export type Owner = object;

export class Leaf {
  readonly kind = LEAF;
  hash: Hash | undefined = undefined;
  readonly mem: number;
  /**
   * `key` is the full key of the entry; the leaf's own path is its nibbles [start, 2·key.length):
   * everything before `start` is the path from the root to this leaf.
   */
  constructor(
    readonly key: string,
    readonly start: number,
    readonly value: ValueSlot,
    readonly owner: Owner | undefined = undefined,
  ) {
    this.mem = 2 * NODE_COST + BYTE_OF_KEY * encodedPathLength(key.length * 2 - start) + BYTE_OF_VALUE * value.length;
  }
}

export class Extension {
  readonly kind = EXTENSION;
  hash: Hash | undefined = undefined;
  mem: number;
  /** The path is nibbles [start, end) of `path` (a window; the bytes may be shared). */
  constructor(
    readonly path: string,
    readonly start: number,
    readonly end: number,
    public child: Node,
    readonly owner: Owner | undefined = undefined,
  ) {
    this.mem = NODE_COST + BYTE_OF_KEY * encodedPathLength(end - start) + child.mem;
  }

  /** After an in-place change of `child` (owner only). */
  updateMem(): void {
    this.mem = NODE_COST + BYTE_OF_KEY * encodedPathLength(this.end - this.start) + this.child.mem;
  }
}

export class Branch {
  readonly kind = BRANCH;
  hash: Hash | undefined = undefined;
  mem = 0;
  /**
   * `valueKey` is the full key whose path ends at this branch when it holds a value (its nibble
   * count is this branch's depth). `children` belongs to this node (16 slots).
   */
  constructor(
    public children: Array<Node | undefined>,
    public valueKey: string | undefined,
    public value: ValueSlot | undefined,
    readonly owner: Owner | undefined = undefined,
  ) {
    this.updateMem();
  }

  updateMem(): void {
    let mem = NODE_COST;
    const children = this.children;
    for (let i = 0; i < 16; i++) {
      const c = children[i];
      if (c !== undefined) mem += c.mem;
    }
    if (this.value !== undefined) mem += NODE_COST + BYTE_OF_VALUE * this.value.length;
    this.mem = mem;
  }
}

export class Stub {
  readonly kind = STUB;
  readonly owner: Owner | undefined = undefined;
  /** The node once loaded; a cache, the stub itself never changes meaning. */
  loaded: ResolvedNode | undefined = undefined;
  readonly pathNibbles: number;
  private pathCache: string | undefined;
  /**
   * The node's absolute position is base[0..baseNibbles) followed by suffix[suffixStart..suffixEnd);
   * it is packed into one string only when needed (most stubs are never loaded).
   */
  constructor(
    readonly hash: Hash,
    readonly mem: number,
    private readonly base: string,
    private readonly baseNibbles: number,
    private readonly suffix = '',
    private readonly suffixStart = 0,
    private readonly suffixEnd = 0,
  ) {
    this.pathNibbles = baseNibbles + suffixEnd - suffixStart;
  }

  /** The absolute path, packed from nibble 0 (`pathNibbles` nibbles). */
  get path(): string {
    if (this.pathCache === undefined) {
      this.pathCache =
        this.suffixEnd === this.suffixStart
          ? this.base
          : concatNibbles(this.base, 0, this.baseNibbles, this.suffix, this.suffixStart, this.suffixEnd);
    }
    return this.pathCache;
  }
}

export type ResolvedNode = Leaf | Extension | Branch;
export type Node = ResolvedNode | Stub;

/** Resolves stubs; the in-memory backend never creates any. */
export type NodeLoader = (stub: Stub) => ResolvedNode;

export function resolve(node: Node, load: NodeLoader | undefined): ResolvedNode {
  if (node.kind !== STUB) return node;
  let r = node.loaded;
  if (r === undefined) {
    if (load === undefined) throw new Error('trie stub without a loader');
    r = node.loaded = load(node);
  }
  return r;
}

export function bytesValue(bytes: Uint8Array): ValueSlot {
  return { bytes, length: bytes.length, hash: undefined };
}
