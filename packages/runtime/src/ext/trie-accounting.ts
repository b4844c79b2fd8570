/**
 * Storage-access gas accounting (nearcore's `AccountingState`): during one chunk, the first
 * access to a trie node or value is charged `touching_trie_node`, later accesses to the same node
 * or value `read_cached_trie_node`. Keys written earlier in the chunk are served from memory and
 * touch nothing.
 *
 * - `storage_write` / `storage_remove` look the key up in the trie: every node on the path, then
 *   the old value if there is one;
 * - `storage_read` goes through flat storage: only the value is charged.
 *
 * The nodes on a path depend on the trie's shape at the start of the chunk (`TrieShapeSource`,
 * kept by the chain driver). Without one, no node is charged (values still are).
 */
import { sha256, latin1 } from '@nearts/primitives';
import type { StorageAccessTracker } from '@nearts/vm-logic';

/** The nodes (root first) a lookup of a key visits in the committed trie, and whether it ends at the key. */
export interface TrieAccessPath {
  readonly nodeIds: readonly string[];
  readonly found: boolean;
}

/** The shape of the committed trie of one shard. */
export interface TrieShapeSource {
  committedTrieAccessPath(key: Uint8Array): TrieAccessPath;
}

/** Values up to this many bytes are identified by their bytes rather than by their sha256. */
const VALUE_ID_BY_CONTENT_MAX = 256;

export class TrieAccounting {
  private readonly seen = new Set<string>();
  private dbReads = 0n;
  private memReads = 0n;

  constructor(readonly shape: TrieShapeSource | undefined) {}

  private touch(id: string): void {
    if (this.seen.has(id)) this.memReads++;
    else {
      this.seen.add(id);
      this.dbReads++;
    }
  }

  snapshot(): { db: bigint; mem: bigint } {
    return { db: this.dbReads, mem: this.memReads };
  }

  /** Charges what was touched since `since`: nodes read from "disk" first, then cached ones. */
  commitSince(since: { db: bigint; mem: bigint }, tracker: StorageAccessTracker): void {
    tracker.trieNodeTouched(this.dbReads - since.db);
    tracker.cachedTrieNodeAccess(this.memReads - since.mem);
  }

  /** A trie-mode lookup: every node on the path to `key`. */
  lookupNodes(key: Uint8Array): void {
    if (!this.shape) return;
    for (const id of this.shape.committedTrieAccessPath(key).nodeIds) this.touch(id);
  }

  /**
   * Loading a value: identified by its hash, as nearcore's cache does. A short value is its own
   * identity (equal bytes ⇔ equal hash), which spares hashing it; each length range has its own
   * prefix, so the two kinds of id never meet.
   */
  derefValue(value: Uint8Array): void {
    this.touch(value.length <= VALUE_ID_BY_CONTENT_MAX ? 'c' + latin1(value) : 'v' + latin1(sha256(value)));
  }
}
