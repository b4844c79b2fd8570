/**
 * How the lmdb backend stores trie nodes: one record per node, keyed by the node's absolute nibble
 * path (so rewriting a path overwrites in place and no reference counting is needed).
 *
 * Record value = borsh(RawTrieNodeWithSize) exactly as hashed, followed by the memory usage (u64)
 * of each child in index order, so a loaded node's children can be stubs that still know their
 * memory usage.
 */
import { StoreError } from '../errors.js';
import { equalBytes } from '../bytes.js';
import { BRANCH, Branch, EXTENSION, Extension, Leaf, Stub, type Node, type ResolvedNode, type ValueSlot } from './node.js';
import { encodeNode, sha256, writeU64 } from './hash.js';
import { concatNibbles, decodeEncodedPath, writeEncodedPath } from './nibbles.js';

/** Paths whose encoding is longer than this are keyed by their hash (lmdb keys are ≤ 1978 bytes). */
const MAX_DIRECT_PATH_KEY = 1024;

/** The record key of the node at nibbles [0, nibbles) of `path`. */
export function recordKey(path: Uint8Array, nibbles: number): Uint8Array {
  const enc = new Uint8Array(1 + (nibbles >> 1));
  writeEncodedPath(enc, 0, path, 0, nibbles, false);
  if (enc.length <= MAX_DIRECT_PATH_KEY) return enc;
  // 0xff never starts a hex-prefix encoding (its first byte is 0x00 or 0x1N).
  const out = new Uint8Array(33);
  out[0] = 0xff;
  out.set(sha256(enc), 1);
  return out;
}

/** Encodes a resolved node (children hashed) as its stored record. */
export function encodeRecord(node: ResolvedNode): Uint8Array {
  const { bytes, length } = encodeNode(node);
  const childMems: number[] = [];
  if (node.kind === EXTENSION) childMems.push(node.child.mem);
  else if (node.kind === BRANCH) {
    for (let i = 0; i < 16; i++) {
      const c = node.children[i];
      if (c !== undefined) childMems.push(c.mem);
    }
  }
  const out = new Uint8Array(length + 8 * childMems.length);
  out.set(bytes.subarray(0, length));
  let at = length;
  for (const m of childMems) at = writeU64(out, at, m);
  return out;
}

class Reader {
  at = 0;
  constructor(readonly b: Uint8Array) {}
  need(n: number): void {
    if (this.at + n > this.b.length) throw new StoreError('Corrupted', 'truncated trie node record');
  }
  u8(): number {
    this.need(1);
    return this.b[this.at++]!;
  }
  u16(): number {
    this.need(2);
    const v = this.b[this.at]! | (this.b[this.at + 1]! << 8);
    this.at += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const b = this.b;
    const v = (b[this.at]! | (b[this.at + 1]! << 8) | (b[this.at + 2]! << 16)) + b[this.at + 3]! * 0x100_0000;
    this.at += 4;
    return v;
  }
  u64(): number {
    const lo = this.u32();
    const hi = this.u32();
    return hi * 0x1_0000_0000 + lo;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const out = new Uint8Array(n);
    out.set(this.b.subarray(this.at, this.at + n));
    this.at += n;
    return out;
  }
}

function readValueRef(r: Reader): ValueSlot {
  const length = r.u32();
  return { bytes: undefined, length, hash: r.bytes(32) };
}

function fullKey(path: Uint8Array, nibbles: number): Uint8Array {
  if (nibbles & 1) throw new StoreError('Corrupted', 'a value sits at an odd nibble depth');
  return path.slice(0, nibbles >> 1);
}

/**
 * Decodes the record of the node at absolute path `path` (`nibbles` long). Children become stubs;
 * the stored memory usage and the given hash are checked against the decoded node.
 */
export function decodeRecord(record: Uint8Array, hash: Uint8Array, path: Uint8Array, nibbles: number): ResolvedNode {
  const r = new Reader(record);
  const tag = r.u8();
  let node: ResolvedNode;
  let storedMem: number;
  let borshEnd: number;
  switch (tag) {
    case 0: {
      const enc = r.bytes(r.u32());
      const { start, end, isLeaf } = decodeEncodedPath(enc);
      if (!isLeaf) throw new StoreError('Corrupted', 'leaf path without the leaf flag');
      const key = concatNibbles(path, 0, nibbles, enc, start, end);
      if ((nibbles + end - start) & 1) throw new StoreError('Corrupted', 'leaf key with an odd nibble count');
      node = new Leaf(key, nibbles, readValueRef(r));
      storedMem = r.u64();
      borshEnd = r.at;
      break;
    }
    case 1:
    case 2: {
      const value = tag === 2 ? readValueRef(r) : undefined;
      const bitmap = r.u16();
      const hashes: Array<Uint8Array | undefined> = [];
      for (let i = 0; i < 16; i++) hashes.push(bitmap & (1 << i) ? r.bytes(32) : undefined);
      storedMem = r.u64();
      borshEnd = r.at;
      const children: Array<Node | undefined> = [];
      for (let i = 0; i < 16; i++) {
        const h = hashes[i];
        children.push(h === undefined ? undefined : new Stub(h, r.u64(), concatNibbles(path, 0, nibbles, Uint8Array.of(i << 4), 0, 1), nibbles + 1));
      }
      node = new Branch(children, value === undefined ? undefined : fullKey(path, nibbles), value);
      break;
    }
    case 3: {
      const enc = r.bytes(r.u32());
      const { start, end, isLeaf } = decodeEncodedPath(enc);
      if (isLeaf) throw new StoreError('Corrupted', 'extension path with the leaf flag');
      const childHash = r.bytes(32);
      storedMem = r.u64();
      borshEnd = r.at;
      const childPath = concatNibbles(path, 0, nibbles, enc, start, end);
      const child = new Stub(childHash, r.u64(), childPath, nibbles + end - start);
      node = new Extension(enc, start, end, child);
      break;
    }
    default:
      throw new StoreError('Corrupted', `unknown trie node tag ${tag}`);
  }
  if (r.at !== record.length) throw new StoreError('Corrupted', 'trailing bytes in a trie node record');
  if (node.mem !== storedMem) throw new StoreError('Corrupted', 'trie node memory usage does not match its contents');
  if (!equalBytes(sha256(record.subarray(0, borshEnd)), hash)) {
    throw new StoreError('Corrupted', 'trie node record does not match its hash');
  }
  node.hash = hash;
  return node;
}
