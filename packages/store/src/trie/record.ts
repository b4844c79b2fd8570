/**
 * How the lmdb backend stores trie nodes: one record per node, keyed by the node's absolute nibble
 * path (so rewriting a path overwrites in place and no reference counting is needed).
 *
 * Record value = borsh(RawTrieNodeWithSize) exactly as hashed, followed by the memory usage (u64)
 * of each child in index order, so a loaded node's children can be stubs that still know their
 * memory usage.
 */
import { StoreError } from '../errors.js';
import { bytesToKeyString } from '../bytes.js';
import { BRANCH, Branch, EXTENSION, Extension, Leaf, Stub, type Hash, type Node, type ResolvedNode, type ValueSlot } from './node.js';
import { encodeNode, sha256, writeU64 } from './hash.js';
import { concatNibbles, decodeEncodedPath, singleNibble, writeEncodedPath } from './nibbles.js';

const NIBBLES = Array.from({ length: 16 }, (_, i) => singleNibble(i));

/** Paths whose encoding is longer than this are keyed by their hash (lmdb keys are ≤ 1978 bytes). */
const MAX_DIRECT_PATH_KEY = 1024;

/** The record key of the node at nibbles [0, nibbles) of `path`. */
export function recordKey(path: string, nibbles: number): Uint8Array {
  const enc = new Uint8Array(1 + (nibbles >> 1));
  writeEncodedPath(enc, 0, path, 0, nibbles, false);
  return keyOfEncodedPath(enc);
}

/** `recordKey` of a path given as one nibble per byte: `nibbles[0, count)`. */
export function recordKeyOfNibbles(nibbles: Uint8Array, count: number): Uint8Array {
  const enc = new Uint8Array(1 + (count >> 1));
  let i = 0;
  if (count & 1) enc[0] = 0x10 + nibbles[i++]!;
  for (let at = 1; i < count; i += 2) enc[at++] = (nibbles[i]! << 4) | nibbles[i + 1]!;
  return keyOfEncodedPath(enc);
}

function keyOfEncodedPath(enc: Uint8Array): Uint8Array {
  if (enc.length <= MAX_DIRECT_PATH_KEY) return enc;
  // 0xff never starts a hex-prefix encoding (its first byte is 0x00 or 0x1N).
  const h = sha256(enc);
  const out = new Uint8Array(33);
  out[0] = 0xff;
  for (let i = 0; i < 32; i++) out[i + 1] = h.charCodeAt(i);
  return out;
}

/** Encodes a resolved node (children hashed) as its stored record. */
export function encodeRecord(node: ResolvedNode): Uint8Array {
  const encoded = encodeNode(node);
  const length = encoded.length;
  const childMems: number[] = [];
  if (node.kind === EXTENSION) childMems.push(node.child.mem);
  else if (node.kind === BRANCH) {
    for (let i = 0; i < 16; i++) {
      const c = node.children[i];
      if (c !== undefined) childMems.push(c.mem);
    }
  }
  const out = new Uint8Array(length + 8 * childMems.length);
  out.set(encoded);
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
  /** The next n bytes as a latin1 string. */
  str(n: number): string {
    this.need(n);
    const s = bytesToKeyString(this.b.subarray(this.at, this.at + n));
    this.at += n;
    return s;
  }
}

function readValueRef(r: Reader): ValueSlot {
  const length = r.u32();
  return { bytes: undefined, length, hash: r.str(32) };
}

/**
 * Decodes the record of the node at absolute path `path` (`nibbles` long). Children become stubs;
 * the record must hash to `hash` and its stored memory usage must match the decoded node.
 */
export function decodeRecord(record: Uint8Array, hash: Hash, path: string, nibbles: number): ResolvedNode {
  const r = new Reader(record);
  const tag = r.u8();
  let node: ResolvedNode;
  let storedMem: number;
  let borshEnd: number;
  switch (tag) {
    case 0: {
      const enc = r.str(r.u32());
      const { start, end, isLeaf } = decodeEncodedPath(enc);
      if (!isLeaf) throw new StoreError('Corrupted', 'leaf path without the leaf flag');
      if ((nibbles + end - start) & 1) throw new StoreError('Corrupted', 'leaf key with an odd nibble count');
      node = new Leaf(concatNibbles(path, 0, nibbles, enc, start, end), nibbles, readValueRef(r));
      storedMem = r.u64();
      borshEnd = r.at;
      break;
    }
    case 1:
    case 2: {
      const value = tag === 2 ? readValueRef(r) : undefined;
      if (value !== undefined && nibbles & 1) throw new StoreError('Corrupted', 'a value sits at an odd nibble depth');
      const bitmap = r.u16();
      const hashes: Array<Hash | undefined> = [];
      for (let i = 0; i < 16; i++) hashes.push(bitmap & (1 << i) ? r.str(32) : undefined);
      storedMem = r.u64();
      borshEnd = r.at;
      const children: Array<Node | undefined> = [];
      for (let i = 0; i < 16; i++) {
        const h = hashes[i];
        children.push(h === undefined ? undefined : new Stub(h, r.u64(), path, nibbles, NIBBLES[i], 0, 1));
      }
      node = new Branch(children, value === undefined ? undefined : path.slice(0, nibbles >> 1), value);
      break;
    }
    case 3: {
      const enc = r.str(r.u32());
      const { start, end, isLeaf } = decodeEncodedPath(enc);
      if (isLeaf) throw new StoreError('Corrupted', 'extension path with the leaf flag');
      const childHash = r.str(32);
      storedMem = r.u64();
      borshEnd = r.at;
      const child = new Stub(childHash, r.u64(), path, nibbles, enc, start, end);
      node = new Extension(enc, start, end, child);
      break;
    }
    default:
      throw new StoreError('Corrupted', `unknown trie node tag ${tag}`);
  }
  if (r.at !== record.length) throw new StoreError('Corrupted', 'trailing bytes in a trie node record');
  if (node.mem !== storedMem) throw new StoreError('Corrupted', 'trie node memory usage does not match its contents');
  if (sha256(record.subarray(0, borshEnd)) !== hash) throw new StoreError('Corrupted', 'trie node record does not match its hash');
  node.hash = hash;
  return node;
}
