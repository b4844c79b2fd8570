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
  private readonly committedKeys = new Set<string>();
  private readonly prospectiveKeys = new Set<string>();
  private finished = false;
  /** Per open nested checkpoint: keys it added to `prospectiveKeys`. */
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
    if (this.nested.length !== 0 && !this.prospectiveKeys.has(k)) this.nested[this.nested.length - 1].push(k);
    this.prospectiveKeys.add(k);
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
    for (const k of added) this.prospectiveKeys.delete(k);
  }

  iter(prefix: Uint8Array): IterableIterator<Entry> {
    return this.state.iter(prefix);
  }

  /** Whether `key` was written (set or removed) earlier in this chunk and is still in memory. */
  writtenInChunk(key: Uint8Array): boolean {
    const k = keyString(key);
    return this.prospectiveKeys.has(k) || this.committedKeys.has(k);
  }

  /** Keys set or removed during the chunk and kept (committed), in no particular order. */
  touchedKeys(): Uint8Array[] {
    return Array.from(this.committedKeys, latin1Bytes);
  }

  /** Accepts the prospective changes. */
  commit(): void {
    this.state.commit();
    this.state.checkpoint();
    for (const k of this.prospectiveKeys) this.committedKeys.add(k);
    this.prospectiveKeys.clear();
  }

  /** Drops the prospective changes. */
  rollback(): void {
    this.state.rollback();
    this.state.checkpoint();
    this.prospectiveKeys.clear();
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
