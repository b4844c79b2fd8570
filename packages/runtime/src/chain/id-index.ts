/**
 * Record numbers by 32-byte id (transaction hashes, receipt ids), without a heap object per id:
 * the ids sit in one byte array, a Map keyed by 30 bits of the id (a small integer V8 stores
 * inline) points at the newest record with that prefix, and records sharing a prefix are chained.
 * Ids are hashes, so prefixes are spread evenly and chains stay short.
 */
import { IntColumn } from './int-column.js';

const ID_BYTES = 32;

function prefixOf(id: Uint8Array): number {
  return id[0] | (id[1] << 8) | (id[2] << 16) | ((id[3] & 0x3f) << 24);
}

export class IdIndex {
  private readonly newest = new Map<number, number>();
  /** Per record: the previous record with the same prefix, or -1. */
  private readonly older = new IntColumn();
  private ids = new Uint8Array(ID_BYTES * 1024);

  get length(): number {
    return this.older.length;
  }

  /** Records `id` as the next record number; a repeated id shadows its earlier record. */
  add(id: Uint8Array): number {
    if (id.length !== ID_BYTES) throw new RangeError(`an id has ${ID_BYTES} bytes, not ${id.length}`);
    const n = this.older.length;
    if ((n + 1) * ID_BYTES > this.ids.length) {
      const next = new Uint8Array(this.ids.length * 2);
      next.set(this.ids);
      this.ids = next;
    }
    this.ids.set(id, n * ID_BYTES);
    const p = prefixOf(id);
    this.older.push(this.newest.get(p) ?? -1);
    this.newest.set(p, n);
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
    let n = this.newest.get(prefixOf(id)) ?? -1;
    while (n >= 0 && !this.idIs(n, id)) n = this.older.get(n);
    return n;
  }

  private idIs(n: number, id: Uint8Array): boolean {
    const ids = this.ids;
    const at = n * ID_BYTES;
    for (let i = 0; i < ID_BYTES; i++) if (ids[at + i] !== id[i]) return false;
    return true;
  }
}
