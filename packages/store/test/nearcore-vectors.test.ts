/**
 * Checks against values published in nearcore's own tests (nearcore master):
 * - integration-tests/src/tests/runtime/state_viewer.rs `test_view_state`: the storage proof of
 *   alice.near's contract data, i.e. the borsh bytes of every trie node on the path, which pins
 *   node layout, hex-prefix paths, value refs, memory usage and hashing for a real key set;
 * - core/store/src/trie/raw_node.rs `test_encode_decode`: RawTrieNode layouts;
 * - core/store/src/trie/mem/node/tests.rs: memory usage of leaves, extensions and branches.
 */
import { describe, expect, it } from 'vitest';
import { MemoryState, computeStateRoot } from '../src/index.js';
import { buildTrie } from '../src/trie/build.js';
import { encodeNode, hashNode, sha256 } from '../src/trie/hash.js';
import { bytesToKeyString } from '../src/bytes.js';
import { BRANCH, Branch, EXTENSION, Extension, Leaf, Stub, bytesValue, type Node } from '../src/trie/node.js';
import { insert, newBatch } from '../src/trie/update.js';
import { utf8 } from './backends.js';

/** nearcore's TrieKey::ContractData layout: col 9, account id, ',', data key. */
const contractData = (account: string, key: string) => Uint8Array.from([9, ...utf8(account), 44, ...utf8(key)]);

// test_view_state writes these four entries on top of a genesis state.
const viewStateEntries: Array<[Uint8Array, Uint8Array]> = [
  [contractData('alice.near', 'test123'), utf8('123')],
  [contractData('alice.near', 'test321'), utf8('321')],
  [contractData('alina', 'qqq'), utf8('321')],
  [contractData('alex', 'qqq'), utf8('321')],
];

// The proof nearcore expects for view_state(alice.near, prefix ""), minus its first two nodes (the
// root and the column branch, which depend on non-hermetic test contracts). The first node listed
// is the subtree of column 9 (contract data).
const viewStateProof = [
  'AwMAAAAWFsbwm2TFX4GHLT5G1LSpF8UkG7zQV1ohXBMR/OQcUAKZ3gwDAAAAAAAA',
  'ASAC7S1KwgLNl0HPdSo8soL8sGOmPhL7O0xTSR8sDDR5pZrzu0ty3UPYJ5UKrFGKxXoyyyNG75AF9hnJHO3xxFkf5NQCAAAAAAAA',
  'AwEAAAAW607KPj2q3O8dF6XkfALiIrd9mqGir2UlYIcZuLNksTsvAgAAAAAAAA==',
  'AQhAP4sMdbiWZPtV6jz8hYKzRFSgwaSlQKiGsQXogAmMcrLOl+SJfiCOXMTEZ2a1ebmQOEGkRYa30FaIlB46sLI2IPsBAAAAAAAA',
  'AwwAAAAWUubmVhcix0ZXN0PKtrEndk0LxM+qpzp0PVtjf+xlrzz4TT0qA+hTtm6BLlYBAAAAAAAA',
  'AQoAVWCdny7wv/M1LvZASC3Fw0D/NNhI1NYwch9Ux+KZ2qRdQXPC1rNsCGRJ7nd66SfcNmRUVVvQY6EYCbsIiugO6gwBAAAAAAAA',
  'AAMAAAAgMjMDAAAApmWkWSBCL51Bfkhn79xPuKBKHz//H6B+mY6G9/eieuNtAAAAAAAAAA==',
  'AAMAAAAgMjEDAAAAjSPPbIboNKeqbt7VTCbOK7LnSQNTjGG91dIZeZerL3JtAAAAAAAAAA==',
].map((b64) => new Uint8Array(Buffer.from(b64, 'base64')));

/** borsh encoding of every node under `node`, keyed by hash. */
function encodings(node: Node | undefined, out = new Map<string, Uint8Array>()): Map<string, Uint8Array> {
  if (node === undefined || node.kind === 3) return out;
  const hash = hashNode(node);
  out.set(hash, encodeNode(node).slice());
  if (node.kind === EXTENSION) encodings(node.child, out);
  if (node.kind === BRANCH) for (const c of node.children) encodings(c, out);
  return out;
}

/** The node at nibble 9 under the root branch, once a column-0 key forces that branch. */
function contractDataSubtree(root: Node | undefined): Node {
  // Root: Extension([0]) → Branch{0: the extra key, 9: contract data}.
  expect(root?.kind).toBe(EXTENSION);
  const branch = (root as Extension).child;
  expect(branch.kind).toBe(BRANCH);
  return (branch as Branch).children[9]!;
}

describe('nearcore test_view_state proof', () => {
  const withColumnZero: Array<[Uint8Array, Uint8Array]> = [...viewStateEntries, [Uint8Array.of(0, 1, 2), utf8('acc')]];

  it('the contract-data subtree hashes to the first proof node, from scratch and incrementally', () => {
    const expected = sha256(viewStateProof[0]!);
    const built = contractDataSubtree(buildTrie(withColumnZero));
    expect(hashNode(built)).toEqual(expected);
    // One key per batch, so every insert copies the path (no in-place changes).
    let root: Node | undefined;
    for (const [k, v] of [...withColumnZero].reverse()) root = insert(root, bytesToKeyString(k), bytesValue(v), newBatch(undefined));
    expect(hashNode(contractDataSubtree(root))).toEqual(expected);
  });

  it('every proof node is byte-identical to a node of our trie', () => {
    const ours = encodings(contractDataSubtree(buildTrie(withColumnZero)));
    for (const proofNode of viewStateProof) {
      expect(ours.get(sha256(proofNode))).toEqual(proofNode);
    }
    // The 8 proof nodes plus the two leaves off alice's path (alex and alina).
    expect(ours.size).toBe(10);
  });

  it('a store holding these entries reaches the same root as the from-scratch builder', () => {
    const s = new MemoryState();
    for (const [k, v] of withColumnZero) s.set(k, v);
    expect(s.commitBlock(1n)).toEqual(computeStateRoot(withColumnZero));
  });
});

describe('nearcore node layouts and memory usage', () => {
  const valueRef = bytesValue(Uint8Array.of(123, 245, 255));

  it('value refs hash the value with sha256 (raw_node.rs vector)', () => {
    const leaf = new Leaf('\x12', 2, valueRef);
    const bytes = encodeNode(leaf);
    const length = bytes.length;
    // tag 0, path [0x20] (empty leaf path), then value ref (3, sha256([123,245,255])).
    expect([...bytes.subarray(0, 1 + 4 + 1)]).toEqual([0, 1, 0, 0, 0, 0x20]);
    expect([...bytes.subarray(6, 6 + 36)]).toEqual([
      3, 0, 0, 0, 194, 40, 8, 24, 64, 219, 69, 132, 86, 52, 110, 175, 57, 198, 165, 200, 83, 237, 211, 11, 194, 83, 251, 33,
      145, 138, 234, 226, 7, 242, 186, 73,
    ]);
    expect(length).toBe(6 + 36 + 8);
  });

  it('branch layouts match raw_node.rs except for the computed memory usage', () => {
    const child = (fill: number) => new Stub(String.fromCharCode(fill).repeat(32), 7, '', 0);
    const noValue = new Array<Node | undefined>(16).fill(undefined);
    noValue[3] = child(1);
    noValue[5] = child(2);
    const a = encodeNode(new Branch(noValue, undefined, undefined));
    const la = a.length;
    expect([...a.subarray(0, 3)]).toEqual([1, 40, 0]);
    expect([...a.subarray(3, 35)]).toEqual(new Array(32).fill(1));
    expect([...a.subarray(35, 67)]).toEqual(new Array(32).fill(2));
    expect(la).toBe(67 + 8);
    const withValue = new Array<Node | undefined>(16).fill(undefined);
    withValue[3] = child(1);
    const b = encodeNode(new Branch(withValue, '\x01', valueRef));
    const lb = b.length;
    expect(b[0]).toBe(2);
    expect([...b.subarray(1, 5)]).toEqual([3, 0, 0, 0]);
    expect([...b.subarray(37, 39)]).toEqual([8, 0]);
    expect(lb).toBe(39 + 32 + 8);
  });

  it('memory usage follows TRIE_COSTS (mem/node/tests.rs values)', () => {
    // Leaf with a 5-byte encoded path and a 5-byte value: 115.
    expect(new Leaf('\x01\x02\x03\x04', 0, bytesValue(new Uint8Array(5))).mem).toBe(115);
    // An empty leaf path still encodes as one byte (0x20, as nearcore's squash_node writes it): 102.
    expect(new Leaf('\x01', 2, bytesValue(new Uint8Array(0))).mem).toBe(102);
    const leaf = new Leaf('\x01\x02\x03\x04', 0, bytesValue(new Uint8Array(5)));
    // Extension with a 5-byte encoded path: child + 60.
    expect(new Extension('\x05\x06\x07\x08', 0, 8, leaf).mem).toBe(leaf.mem + 60);
    // Branch: children + 50; with a 3-byte value: children + 103.
    const children = new Array<Node | undefined>(16).fill(undefined);
    children[0] = leaf;
    children[15] = leaf;
    expect(new Branch(children, undefined, undefined).mem).toBe(2 * leaf.mem + 50);
    expect(new Branch(children, '\x01', bytesValue(Uint8Array.of(3, 4, 5))).mem).toBe(2 * leaf.mem + 103);
  });
});
