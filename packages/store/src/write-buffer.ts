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

export class WriteBuffer {
  private map: Map<string, Uint8Array | null>;
  /** Flattened (keyString, previous pending value) pairs, oldest first. */
  private journal: Array<string | Pending> = [];
  private marks: number[] = [];
  /** Bumped by every change of the visible contents; lets callers cache derived data. */
  version = 0;

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
    this.version++;
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
    this.version++;
  }

  /** Drops every pending write (after they were committed to a block). */
  clear(): void {
    if (this.marks.length > 0) throw new StoreError('CheckpointOpen', 'cannot clear with open checkpoints');
    this.map.clear();
    this.journal.length = 0;
    this.version++;
  }

  /** All pending writes as (key string, value or null), in map order. */
  writes(): IterableIterator<[string, Uint8Array | null]> {
    return this.map.entries();
  }

  /** Pending writes whose key starts with `prefix` (a key string), sorted by key. */
  sorted(prefix: string): Array<[string, Uint8Array | null]> {
    const out: Array<[string, Uint8Array | null]> = [];
    for (const e of this.map) if (e[0].startsWith(prefix)) out.push(e);
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
}
