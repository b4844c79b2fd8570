/**
 * Writes made since the last committed block, with nested checkpoints. Both backends keep their
 * uncommitted writes here; only `commitBlock` moves them into the committed structure.
 *
 * Checkpoints use an undo journal: while at least one checkpoint is open, every write records
 * the entry it replaced, and `rollback` replays that record backwards. With no checkpoint open
 * nothing is journaled, so the plain get/set path costs one map operation.
 */
import { StoreError } from './errors.js';
import { startsWith } from './bytes.js';

/** A pending write: `value === null` marks a deletion. */
export interface PendingWrite {
  readonly key: Uint8Array;
  readonly value: Uint8Array | null;
}

export class WriteBuffer {
  private map: Map<string, PendingWrite>;
  /** Flattened (keyString, previous write or undefined) pairs, oldest first. */
  private journal: Array<string | PendingWrite | undefined> = [];
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

  lookup(keyString: string): PendingWrite | undefined {
    return this.map.get(keyString);
  }

  put(keyString: string, key: Uint8Array, value: Uint8Array | null): void {
    if (this.marks.length > 0) this.journal.push(keyString, this.map.get(keyString));
    this.map.set(keyString, { key, value });
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
      const previous = j[i + 1] as PendingWrite | undefined;
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

  /** All pending writes, in map order (callers that need determinism sort). */
  writes(): IterableIterator<PendingWrite> {
    return this.map.values();
  }

  /** Pending writes under `prefix`, sorted by key bytes. */
  sorted(prefix: Uint8Array): PendingWrite[] {
    const out: Array<[string, PendingWrite]> = [];
    for (const [ks, w] of this.map) if (prefix.length === 0 || startsWith(w.key, prefix)) out.push([ks, w]);
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return out.map((e) => e[1]);
  }
}
