/**
 * Storage-access gas accounting (nearcore's `AccountingState`): during one chunk, the first
 * access to a trie node or value is charged `touching_trie_node`, later accesses to the same node
 * `read_cached_trie_node`. Keys written earlier in the chunk are served from memory and touch
 * nothing.
 *
 * Which nodes a lookup touches depends on the trie's shape at the start of the chunk. A State that
 * can tell (`TrieShapeSource`) gives exact charges; without it no node is charged, which
 * undercharges storage writes and removes of keys not yet written in the chunk.
 */
import type { StorageAccessTracker } from '@nearts/vm-logic';

/** The hashes of the trie nodes (root first) a lookup of `key` visits in the committed trie, and the value's hash. */
export interface TrieAccessPath {
  readonly nodeHashes: readonly Uint8Array[];
  readonly valueHash: Uint8Array | undefined;
}

/** Optional capability of a State: lookups that report the nodes they visit. */
export interface TrieShapeSource {
  committedTrieAccessPath(key: Uint8Array): TrieAccessPath;
}

export function trieShapeSource(state: unknown): TrieShapeSource | undefined {
  const s = state as Partial<TrieShapeSource> | null;
  return s !== null && typeof s === 'object' && typeof s.committedTrieAccessPath === 'function' ? (s as TrieShapeSource) : undefined;
}

function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export class TrieAccounting {
  private readonly seen = new Set<string>();
  private dbReads = 0n;
  private memReads = 0n;

  constructor(readonly source: TrieShapeSource | undefined) {}

  private touch(hash: Uint8Array): void {
    const k = hex(hash);
    if (this.seen.has(k)) this.memReads++;
    else {
      this.seen.add(k);
      this.dbReads++;
    }
  }

  snapshot(): { db: bigint; mem: bigint } {
    return { db: this.dbReads, mem: this.memReads };
  }

  /** Charges what was touched since `since`, nodes read from "disk" first. */
  commitSince(since: { db: bigint; mem: bigint }, tracker: StorageAccessTracker): void {
    tracker.trieNodeTouched(this.dbReads - since.db);
    tracker.cachedTrieNodeAccess(this.memReads - since.mem);
  }

  /** A trie lookup (MemOrTrie mode): every node on the path. */
  lookupNodes(key: Uint8Array): TrieAccessPath | undefined {
    if (!this.source) return undefined;
    const path = this.source.committedTrieAccessPath(key);
    for (const h of path.nodeHashes) this.touch(h);
    return path;
  }

  /** Loading a value found by a lookup. */
  derefValue(path: TrieAccessPath | undefined, key: Uint8Array): void {
    if (path?.valueHash) {
      this.touch(path.valueHash);
      return;
    }
    if (!path && this.source) {
      const p = this.source.committedTrieAccessPath(key);
      if (p.valueHash) this.touch(p.valueHash);
    }
  }
}
