/**
 * Record numbers by 32-byte id (transaction hashes, receipt ids), without a heap object per id:
 * the ids sit in one byte array, and an open hash table of typed arrays maps 30 bits of an id to
 * the newest record in its bucket, records of one bucket chained newest first (no `Map`: its
 * lookups and growth cost more than the rest of an insert together). Ids are hashes, so their
 * bits are spread evenly and chains stay short: the table keeps at least one bucket per record.
 */
import { IntColumn } from './int-column.js';

const ID_BYTES = 32;

function prefixOf(id: Uint8Array): number {
  return id[0] | (id[1] << 8) | (id[2] << 16) | ((id[3] & 0x3f) << 24);
}

export class IdIndex {
  /** Per bucket: the newest record in it, or -1. */
  private buckets = new Int32Array(1024).fill(-1);
  /** Per record: the previous record of its bucket, or -1. */
  private older = new IntColumn();
  private ids = new Uint8Array(ID_BYTES * 1024);

  get length(): number {
    return this.older.length;
  }

  /** Records `id` as the next record number; a repeated id shadows its earlier record. */
  add(id: Uint8Array): number {
    if (id.length !== ID_BYTES) throw new RangeError(`an id has ${ID_BYTES} bytes, not ${id.length}`);
    const n = this.older.length;
    if (n >= this.buckets.length) this.rehash(this.buckets.length * 2);
    if ((n + 1) * ID_BYTES > this.ids.length) {
      const next = new Uint8Array(this.ids.length * 2);
      next.set(this.ids);
      this.ids = next;
    }
    // A loop: for 32 bytes it is cheaper than `set`'s call.
    const ids = this.ids;
    const at = n * ID_BYTES;
    for (let i = 0; i < ID_BYTES; i++) ids[at + i] = id[i];
    const b = prefixOf(id) & (this.buckets.length - 1);
    this.older.push(this.buckets[b]);
    this.buckets[b] = n;
    return n;
  }

  /** A copy of the id of record `n`. */
  idAt(n: number): Uint8Array {
    if (!Number.isInteger(n) || n < 0 || n >= this.older.length) throw new RangeError(`id index ${n} out of 0..${this.older.length}`);
    return this.ids.slice(n * ID_BYTES, (n + 1) * ID_BYTES);
  }

  /** The newest record number of `id`, or -1. */
  find(id: Uint8Array): number {
    if (id.length !== ID_BYTES) return -1;
    let n = this.buckets[prefixOf(id) & (this.buckets.length - 1)];
    while (n >= 0 && !this.idIs(n, id)) n = this.older.get(n);
    return n;
  }

  /** Rebuilds the chains for `size` buckets, oldest record first so each chain is newest first. */
  private rehash(size: number): void {
    const buckets = new Int32Array(size).fill(-1);
    const older = new IntColumn();
    const ids = this.ids;
    for (let n = 0; n < this.older.length; n++) {
      const at = n * ID_BYTES;
      const b = (ids[at] | (ids[at + 1] << 8) | (ids[at + 2] << 16) | ((ids[at + 3] & 0x3f) << 24)) & (size - 1);
      older.push(buckets[b]);
      buckets[b] = n;
    }
    this.buckets = buckets;
    this.older = older;
  }

  private idIs(n: number, id: Uint8Array): boolean {
    const ids = this.ids;
    const at = n * ID_BYTES;
    for (let i = 0; i < ID_BYTES; i++) if (ids[at + i] !== id[i]) return false;
    return true;
  }
}
