/**
 * Writes made since the last committed block, with nested checkpoints. Both backends keep their
 * uncommitted writes here; only `commitBlock` moves them into the committed structure.
 *
 * Keys are latin1 key strings (see bytes.ts); a value of `null` marks a deletion. Checkpoints use
 * an undo journal: while at least one checkpoint is open, every write records the value it
 * replaced, and `rollback` replays that record backwards. With no checkpoint open nothing is
 * journaled, so the plain get/set path costs one map operation.
 */
import { StoreError } from './errors.js';

/** `undefined` = not written since the last block; `null` = deleted. */
export type Pending = Uint8Array | null | undefined;

/** Pending writes as parallel arrays sorted by key (`null` = deleted). */
export interface SortedWrites {
  readonly keys: readonly string[];
  readonly values: ReadonlyArray<Uint8Array | null>;
}

export class WriteBuffer {
  private map: Map<string, Uint8Array | null>;
  /** Flattened (keyString, previous pending value) pairs, oldest first. */
  private journal: Array<string | Pending> = [];
  private marks: number[] = [];
  /** Bumped by every change of the visible contents; lets callers cache derived data. */
  version = 0;
  /** Every pending key sorted, as of `version` (built on demand, see `sortedWrites`; dropped on any change). */
  private sortedCache: { version: number; writes: SortedWrites } | undefined;

  constructor(from?: WriteBuffer) {
    this.map = from ? new Map(from.map) : new Map();
  }

  get size(): number {
    return this.map.size;
  }

  get depth(): number {
    return this.marks.length;
  }

  lookup(keyString: string): Pending {
    return this.map.get(keyString);
  }

  put(keyString: string, value: Uint8Array | null): void {
    if (this.marks.length > 0) this.journal.push(keyString, this.map.get(keyString));
    this.map.set(keyString, value);
    this.changed();
  }

  checkpoint(): void {
    this.marks.push(this.journal.length);
  }

  commit(): void {
    if (this.marks.pop() === undefined) throw new StoreError('NoCheckpoint', 'commit() without an open checkpoint');
    if (this.marks.length === 0) this.journal.length = 0;
  }

  rollback(): void {
    const mark = this.marks.pop();
    if (mark === undefined) throw new StoreError('NoCheckpoint', 'rollback() without an open checkpoint');
    const j = this.journal;
    for (let i = j.length - 2; i >= mark; i -= 2) {
      const keyString = j[i] as string;
      const previous = j[i + 1] as Pending;
      if (previous === undefined) this.map.delete(keyString);
      else this.map.set(keyString, previous);
    }
    j.length = mark;
    this.changed();
  }

  /** Drops every pending write (after they were committed to a block). */
  clear(): void {
    if (this.marks.length > 0) throw new StoreError('CheckpointOpen', 'cannot clear with open checkpoints');
    this.map.clear();
    this.journal.length = 0;
    this.changed();
  }

  private changed(): void {
    this.version++;
    this.sortedCache = undefined;
  }

  /** Hands over every pending write (key string → value or null) and empties the buffer. */
  take(): Map<string, Uint8Array | null> {
    if (this.marks.length > 0) throw new StoreError('CheckpointOpen', 'cannot clear with open checkpoints');
    const map = this.map;
    this.map = new Map();
    this.clear();
    return map;
  }

  /** All pending writes as (key string, value or null), in map order. */
  writes(): IterableIterator<[string, Uint8Array | null]> {
    return this.map.entries();
  }

  /** Calls `fn(value or null, key string)` for every pending write, in map order. */
  forEachWrite(fn: (value: Uint8Array | null, keyString: string) => void): void {
    this.map.forEach(fn);
  }

  /**
   * Every pending write (deletions included: value null), sorted by key; cached until the next
   * change. Sorting the plain key strings (no comparator, so V8 compares them natively) is far
   * cheaper than sorting entries.
   */
  sortedWrites(): SortedWrites {
    if (this.sortedCache?.version !== this.version) {
      const keys = [...this.map.keys()].sort();
      const values = keys.map((k) => this.map.get(k) as Uint8Array | null);
      this.sortedCache = { version: this.version, writes: { keys, values } };
    }
    return this.sortedCache.writes;
  }

  /** Pending writes whose key starts with `prefix` (a key string), sorted by key. */
  sorted(prefix: string): Array<[string, Uint8Array | null]> {
    const out: Array<[string, Uint8Array | null]> = [];
    // With the whole buffer sorted already (a large genesis or block about to be committed), take
    // the prefix's range of it instead of scanning and sorting again.
    const cached = this.sortedCache;
    if (cached?.version === this.version) {
      const { keys, values } = cached.writes;
      for (let i = lowerBound(keys, prefix); i < keys.length && keys[i]!.startsWith(prefix); i++) out.push([keys[i]!, values[i]!]);
      return out;
    }
    for (const e of this.map) if (e[0].startsWith(prefix)) out.push(e);
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
}

/** First index of sorted `keys` whose key is ≥ `k`. */
function lowerBound(keys: readonly string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
