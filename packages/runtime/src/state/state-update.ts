/**
 * StateUpdate: nearcore's `TrieUpdate` semantics over a `State`.
 *
 * nearcore keeps "prospective" changes (the receipt or transaction being processed) apart from
 * "committed" ones (everything accepted earlier in the chunk): `commit()` accepts the
 * prospective changes, `rollback()` drops them. Here two checkpoints of the underlying State are
 * open: the outer one holds the chunk's committed changes (so `abort()` can drop the whole
 * chunk), the inner one the prospective changes. `finish()` keeps everything.
 *
 * It also remembers which keys were written during the chunk: nearcore serves those from memory
 * without touching trie nodes, which matters for storage gas (see `TrieAccessAccounting`).
 *
 * Submodules extension: `checkpointNested` / `commitNested` / `rollbackNested` nest inside the
 * prospective changes around one submodule call; a rollback also forgets that the keys first
 * written inside it were written (so a failed call leaves storage gas as if it never ran).
 */
import { latin1, latin1Bytes } from '@nearts/primitives';
import type { Entry, State } from '@nearts/store';

const keyString = latin1;

export class StateUpdate {
  readonly state: State;
  private readonly baseDepth: number;
  /**
   * Every key written in the chunk and not rolled back (committed or prospective): one set, so
   * accepting the prospective changes moves nothing.
   */
  private readonly writtenKeys = new Set<string>();
  /** Keys the prospective changes added to `writtenKeys` (a rollback removes them again). */
  private prospectiveAdded: string[] = [];
  private finished = false;
  /** Per open nested checkpoint: keys it added to `writtenKeys`. */
  private readonly nested: string[][] = [];

  constructor(state: State) {
    this.state = state;
    this.baseDepth = state.checkpointDepth;
    state.checkpoint();
    state.checkpoint();
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.state.get(key);
  }

  has(key: Uint8Array): boolean {
    return this.state.has(key);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.touch(keyString(key));
    this.state.set(key, value);
  }

  remove(key: Uint8Array): void {
    this.touch(keyString(key));
    this.state.remove(key);
  }

  private touch(k: string): void {
    // One hash lookup: `add` of a present key leaves the size as it was.
    const size = this.writtenKeys.size;
    this.writtenKeys.add(k);
    if (this.writtenKeys.size === size) return;
    this.prospectiveAdded.push(k);
    if (this.nested.length !== 0) this.nested[this.nested.length - 1].push(k);
  }

  /** Opens a checkpoint inside the prospective changes (one submodule call). */
  checkpointNested(): void {
    this.state.checkpoint();
    this.nested.push([]);
  }

  /** Keeps the writes of the innermost nested checkpoint (they stay prospective). */
  commitNested(): void {
    const added = this.nested.pop();
    if (added === undefined) throw new Error('commitNested without checkpointNested');
    this.state.commit();
    const outer = this.nested[this.nested.length - 1];
    if (outer !== undefined) outer.push(...added);
  }

  /** Drops the writes of the innermost nested checkpoint. */
  rollbackNested(): void {
    const added = this.nested.pop();
    if (added === undefined) throw new Error('rollbackNested without checkpointNested');
    this.state.rollback();
    // They stay in `prospectiveAdded`: removing a key that is gone already changes nothing.
    for (const k of added) this.writtenKeys.delete(k);
  }

  iter(prefix: Uint8Array): IterableIterator<Entry> {
    return this.state.iter(prefix);
  }

  /** Whether `key` was written (set or removed) earlier in this chunk and is still in memory. */
  writtenInChunk(key: Uint8Array): boolean {
    return this.writtenKeys.has(keyString(key));
  }

  /** Keys set or removed during the chunk and kept (committed), in the order they were first written. */
  touchedKeys(): Uint8Array[] {
    if (this.prospectiveAdded.length === 0) return Array.from(this.writtenKeys, latin1Bytes);
    const prospective = new Set(this.prospectiveAdded);
    const out: Uint8Array[] = [];
    for (const k of this.writtenKeys) if (!prospective.has(k)) out.push(latin1Bytes(k));
    return out;
  }

  /** Accepts the prospective changes. */
  commit(): void {
    this.state.commit();
    this.state.checkpoint();
    if (this.prospectiveAdded.length !== 0) this.prospectiveAdded = [];
  }

  /** Drops the prospective changes. */
  rollback(): void {
    this.state.rollback();
    this.state.checkpoint();
    for (const k of this.prospectiveAdded) this.writtenKeys.delete(k);
    if (this.prospectiveAdded.length !== 0) this.prospectiveAdded = [];
  }

  /** Keeps every committed change; the State is left at the depth it was given at. */
  finish(): void {
    if (this.finished) return;
    this.commit();
    this.state.commit();
    this.state.commit();
    this.finished = true;
    if (this.state.checkpointDepth !== this.baseDepth) {
      throw new Error(`state checkpoint depth ${this.state.checkpointDepth} after apply, expected ${this.baseDepth}`);
    }
  }

  /** Drops everything written through this update (used when apply fails with a runtime error). */
  abort(): void {
    if (this.finished) return;
    this.state.rollback();
    this.state.rollback();
    this.finished = true;
  }
}
