/**
 * The shape of nearcore's Merkle-Patricia trie over a set of keys, enough to tell which nodes a
 * lookup visits (for `touching_trie_node` / `read_cached_trie_node` gas). nearcore's trie is a
 * 16-ary nibble trie of Leaf, Extension and Branch(-with-value) nodes; a lookup visits nodes
 * from the root until it finds the key or a mismatch:
 *
 * - one key under the current prefix: a Leaf;
 * - several keys: an Extension over their common nibbles (if any), then a Branch, which holds
 *   the value of a key ending there and one child per next nibble.
 *
 * The shape is computed from the sorted key set (no hashing): the nodes a lookup visits are
 * identified by their kind and nibble position, which within one trie is what their hash
 * identifies.
 */
import { latin1 } from '@nearts/primitives';
import type { TrieAccessPath, TrieShapeSource } from './trie-accounting.js';
import { SortedStrings } from './sorted-strings.js';


function nibble(k: string, d: number): number {
  if (d >= 2 * k.length) return -1;
  const byte = k.charCodeAt(d >> 1);
  return d & 1 ? byte & 0x0f : byte >> 4;
}

function lcpNibbles(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return 2 * i;
  return (a.charCodeAt(i) >> 4) === (b.charCodeAt(i) >> 4) ? 2 * i + 1 : 2 * i;
}

/** Paths remembered per shape before the memo starts over (bounds its memory). */
const MAX_REMEMBERED_PATHS = 1 << 16;

/** The keys of one shard's committed trie, sorted by bytes. */
export class TrieShape implements TrieShapeSource {
  private keys = new SortedStrings();
  /**
   * Access paths already computed, by latin1 key. A path depends only on the key set, so the memo
   * stays valid until a key is inserted or removed; hot keys (a contract's state, its busiest
   * records) are written by every call and would otherwise be looked up again each time.
   */
  private readonly paths = new Map<string, TrieAccessPath>();

  static fromKeys(keys: Iterable<Uint8Array>): TrieShape {
    const s = new TrieShape();
    s.keys = SortedStrings.from([...keys].map(latin1).sort());
    return s;
  }

  /** From key strings (latin1, see `latin1`) in any order, duplicates allowed; sorts `keys` in place. */
  static fromKeyStrings(keys: string[]): TrieShape {
    keys.sort();
    let n = 0;
    for (let i = 0; i < keys.length; i++) if (n === 0 || keys[i] !== keys[n - 1]) keys[n++] = keys[i]!;
    keys.length = n;
    const s = new TrieShape();
    s.keys = SortedStrings.from(keys);
    return s;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Records that `key` now exists (`present`) or not in the committed trie. */
  update(key: Uint8Array, present: boolean): void {
    const k = latin1(key);
    const at = this.keys.lowerBound(k);
    const exists = at < this.keys.length && this.keys.at(at) === k;
    if (present && !exists) {
      this.keys.insert(at, k);
      this.paths.clear();
    } else if (!present && exists) {
      this.keys.removeAt(at);
      this.paths.clear();
    }
  }

  /** First index in [lo, hi) whose nibble at depth `d` is ≥ `c` (nibbles are sorted there). */
  private nibbleBound(lo: number, hi: number, d: number, c: number): number {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (nibble(this.keys.at(mid), d) < c) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  committedTrieAccessPath(key: Uint8Array): TrieAccessPath {
    const k = latin1(key);
    const known = this.paths.get(k);
    if (known !== undefined) return known;
    const path = this.accessPath(k);
    if (this.paths.size >= MAX_REMEMBERED_PATHS) this.paths.clear();
    this.paths.set(k, path);
    return path;
  }

  private accessPath(k: string): TrieAccessPath {
    const ids: string[] = [];
    let lo = 0;
    let hi = this.keys.length;
    let depth = 0;
    // A node is identified by its kind and the d-nibble prefix it sits at.
    const prefixId = (kind: string, d: number): string => `${kind}${d}:${k.slice(0, d >> 1)}${d & 1 ? nibble(k, d - 1).toString(16) : ''}`;
    while (hi > lo) {
      if (hi - lo === 1) {
        ids.push(prefixId('L', depth));
        return { nodeIds: ids, found: this.keys.at(lo) === k };
      }
      const common = lcpNibbles(this.keys.at(lo), this.keys.at(hi - 1));
      if (common > depth) {
        ids.push(prefixId('E', depth));
        if (lcpNibbles(k, this.keys.at(lo)) < common) return { nodeIds: ids, found: false };
        depth = common;
      }
      ids.push(prefixId('B', depth));
      const c = nibble(k, depth);
      if (c < 0) return { nodeIds: ids, found: this.keys.at(lo) === k };
      const from = this.nibbleBound(lo, hi, depth, c);
      const to = this.nibbleBound(from, hi, depth, c + 1);
      lo = from;
      hi = to;
      depth++;
    }
    return { nodeIds: ids, found: false };
  }
}
