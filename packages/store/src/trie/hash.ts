/**
 * Node encoding and hashing, byte-identical to nearcore's `RawTrieNodeWithSize` borsh encoding
 * (core/store/src/trie/raw_node.rs): node hash = sha256(borsh(RawTrieNodeWithSize)).
 *
 *   Leaf:            0, u32 len, hex-prefix path (leaf flag), u32 value len, value sha256, u64 mem
 *   BranchNoValue:   1, u16 child bitmap, child hashes in index order, u64 mem
 *   BranchWithValue: 2, u32 value len, value sha256, u16 bitmap, child hashes, u64 mem
 *   Extension:       3, u32 len, hex-prefix path, child hash, u64 mem
 */
import { createHash, hash as oneShotHash } from 'node:crypto';
import { BRANCH, EXTENSION, LEAF, STUB, type Hash, type Node, type ValueSlot } from './node.js';
import { writeEncodedPath } from './nibbles.js';

/** nearcore's `Trie::EMPTY_ROOT`: `CryptoHash::default()`, 32 zero bytes. */
export const EMPTY_ROOT: Uint8Array = new Uint8Array(32);
export const EMPTY_HASH: Hash = '\0'.repeat(32);

// The digest straight as a latin1 string ('binary' is Node's name for latin1): a digest Buffer
// would cost a separate backing store per hash, several times the hashing of a trie node itself.
const digestLatin1: (data: Uint8Array) => string =
  typeof oneShotHash === 'function'
    ? (data) => oneShotHash('sha256', data, 'binary')
    : (data) => createHash('sha256').update(data).digest('binary');

/** sha256 as a 32-char latin1 string. */
export function sha256(data: Uint8Array): Hash {
  return digestLatin1(data);
}

/** A hash string as bytes. */
export function hashBytes(h: Hash): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = h.charCodeAt(i);
  return out;
}

let scratch = new Uint8Array(1024);
/** views[n] = scratch[0, n): one view per length, not a new typed array per encoded node. */
let views: Array<Uint8Array | undefined> = [];

function ensure(size: number): Uint8Array {
  if (scratch.length < size) {
    scratch = new Uint8Array(Math.max(size, scratch.length * 2));
    views = [];
  }
  return scratch;
}

function scratchView(length: number): Uint8Array {
  return (views[length] ??= scratch.subarray(0, length));
}

function writeU32(out: Uint8Array, at: number, v: number): number {
  out[at] = v & 0xff;
  out[at + 1] = (v >>> 8) & 0xff;
  out[at + 2] = (v >>> 16) & 0xff;
  out[at + 3] = (v >>> 24) & 0xff;
  return at + 4;
}

export function writeU64(out: Uint8Array, at: number, v: number): number {
  writeU32(out, at, v >>> 0);
  writeU32(out, at + 4, Math.floor(v / 0x1_0000_0000));
  return at + 8;
}

function valueHash(v: ValueSlot): Hash {
  let h = v.hash;
  if (h === undefined) h = v.hash = sha256(v.bytes!);
  return h;
}

function writeHash(out: Uint8Array, at: number, h: Hash): number {
  for (let i = 0; i < 32; i++) out[at + i] = h.charCodeAt(i);
  return at + 32;
}

function writeValueRef(out: Uint8Array, at: number, v: ValueSlot): number {
  at = writeU32(out, at, v.length);
  return writeHash(out, at, valueHash(v));
}

/**
 * Encodes `node` as borsh(RawTrieNodeWithSize) into a shared scratch buffer and returns the
 * encoding: a view of that buffer, valid until the next call. Children must already have their hashes.
 */
export function encodeNode(node: Exclude<Node, { kind: typeof STUB }>): Uint8Array {
  let out: Uint8Array;
  let at = 0;
  switch (node.kind) {
    case LEAF: {
      const nibbles = node.key.length * 2 - node.start;
      const pathLen = 1 + (nibbles >> 1);
      out = ensure(1 + 4 + pathLen + 4 + 32 + 8);
      out[at++] = 0;
      at = writeU32(out, at, pathLen);
      at = writeEncodedPath(out, at, node.key, node.start, node.key.length * 2, true);
      at = writeValueRef(out, at, node.value);
      break;
    }
    case EXTENSION: {
      const pathLen = 1 + ((node.end - node.start) >> 1);
      out = ensure(1 + 4 + pathLen + 32 + 8);
      out[at++] = 3;
      at = writeU32(out, at, pathLen);
      at = writeEncodedPath(out, at, node.path, node.start, node.end, false);
      at = writeHash(out, at, node.child.hash!);
      break;
    }
    case BRANCH: {
      out = ensure(1 + 40 + 2 + 16 * 32 + 8);
      out[at++] = node.value === undefined ? 1 : 2;
      if (node.value !== undefined) at = writeValueRef(out, at, node.value);
      let bitmap = 0;
      for (let i = 0; i < 16; i++) if (node.children[i] !== undefined) bitmap |= 1 << i;
      out[at++] = bitmap & 0xff;
      out[at++] = bitmap >> 8;
      for (let i = 0; i < 16; i++) {
        const c = node.children[i];
        if (c !== undefined) at = writeHash(out, at, c.hash!);
      }
      break;
    }
  }
  at = writeU64(out, at, node.mem);
  return scratchView(at);
}

/** Hashes every node under `node` that has no hash yet (post-order) and returns the node's hash. */
export function hashNode(node: Node): Hash {
  if (node.hash !== undefined) return node.hash;
  // Stubs always carry a hash, so `node` is resolved here.
  const n = node as Exclude<Node, { kind: typeof STUB }>;
  if (n.kind === EXTENSION) hashNode(n.child);
  else if (n.kind === BRANCH) {
    for (let i = 0; i < 16; i++) {
      const c = n.children[i];
      if (c !== undefined && c.hash === undefined) hashNode(c);
    }
  }
  const h = sha256(encodeNode(n));
  n.hash = h;
  return h;
}

/** The state root of a trie whose root is `node` (32 zero bytes for an empty trie). */
export function rootHash(node: Node | undefined): Hash {
  return node === undefined ? EMPTY_HASH : hashNode(node);
}
