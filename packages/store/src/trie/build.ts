/**
 * Builds the canonical trie for a whole key set at once, from entries sorted by key. This is a
 * second, independent way to reach a state root (no incremental updates involved), used to check
 * a store's recorded root against its contents and to root a state dump without a store.
 */
import { Branch, Extension, Leaf, bytesValue, type Node, type ValueSlot } from './node.js';
import { commonPrefix, nibbleAt } from './nibbles.js';
import { hashBytes, rootHash } from './hash.js';
import { bytesToKeyString, compareBytes } from '../bytes.js';
import { StoreError } from '../errors.js';
import type { Entry } from '../state.js';

function build(keys: string[], values: ValueSlot[], from: number, to: number, depth: number): Node {
  if (to - from === 1) return new Leaf(keys[from]!, depth, values[from]!);
  // Sorted keys: the common prefix of the first and last is common to all of them.
  const first = keys[from]!;
  const last = keys[to - 1]!;
  const c = commonPrefix(first, depth, first.length * 2, last, depth, last.length * 2);
  const at = depth + c;
  const children: Array<Node | undefined> = new Array<Node | undefined>(16).fill(undefined);
  let valueKey: string | undefined;
  let value: ValueSlot | undefined;
  let i = from;
  if (first.length * 2 === at) {
    // Only the first (shortest) key can end exactly here.
    valueKey = first;
    value = values[from];
    i++;
  }
  while (i < to) {
    const nib = nibbleAt(keys[i]!, at);
    let j = i + 1;
    while (j < to && nibbleAt(keys[j]!, at) === nib) j++;
    children[nib] = build(keys, values, i, j, at + 1);
    i = j;
  }
  const branch = new Branch(children, valueKey, value);
  return c > 0 ? new Extension(first, depth, at, branch) : branch;
}

/**
 * The canonical trie over `keys` (key strings, strictly increasing, non-empty) with `values[i]`
 * under `keys[i]`, built bottom-up in one pass: the same nodes as inserting the keys one by one,
 * without the per-insert path copies.
 */
export function buildSorted(keys: string[], values: ValueSlot[]): Node | undefined {
  return keys.length === 0 ? undefined : build(keys, values, 0, keys.length, 0);
}

/** The canonical trie root node of `entries` (any order; keys must be distinct and non-empty). */
export function buildTrie(entries: Iterable<Entry>): Node | undefined {
  const sorted = [...entries].sort((a, b) => compareBytes(a[0], b[0]));
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]![0].length === 0) throw new StoreError('EmptyKey', 'keys must not be empty');
    if (i > 0 && compareBytes(sorted[i - 1]![0], sorted[i]![0]) === 0) {
      throw new StoreError('InvalidArgument', 'duplicate key');
    }
  }
  if (sorted.length === 0) return undefined;
  return build(
    sorted.map((e) => bytesToKeyString(e[0])),
    sorted.map((e) => bytesValue(e[1])),
    0,
    sorted.length,
    0,
  );
}

/** nearcore's state root of the key/value set `entries`, computed from scratch. */
export function computeStateRoot(entries: Iterable<Entry>): Uint8Array {
  return hashBytes(rootHash(buildTrie(entries)));
}
