/**
 * An append-only log of byte records packed into shared 64 KiB pages, addressed by record
 * number. Unlike `ValueSlab` it hands out no view per record until one is asked for, so a record
 * kept costs no heap object at all: its place is three integers in typed columns.
 */
import { IntColumn } from './int-column.js';

const PAGE_BYTES = 64 * 1024;

export class ByteLog {
  private readonly pages: Uint8Array[] = [];
  /** The page small records go into, and how much of it is used. */
  private open = -1;
  private used = 0;
  private readonly pageOf = new IntColumn();
  private readonly startOf = new IntColumn();
  private readonly lengthOf = new IntColumn();

  get length(): number {
    return this.pageOf.length;
  }

  /** Copies `bytes` in and returns its record number (0, 1, 2, ...). */
  append(bytes: Uint8Array): number {
    const n = bytes.length;
    let page: number;
    let start: number;
    if (n > PAGE_BYTES / 4) {
      // A large record gets a page of its own; the open page stays open for small ones.
      this.pages.push(bytes.slice());
      page = this.pages.length - 1;
      start = 0;
    } else {
      if (this.open < 0 || this.used + n > PAGE_BYTES) {
        this.pages.push(new Uint8Array(PAGE_BYTES));
        this.open = this.pages.length - 1;
        this.used = 0;
      }
      page = this.open;
      start = this.used;
      this.pages[page].set(bytes, start);
      this.used += n;
    }
    this.pageOf.push(page);
    this.startOf.push(start);
    this.lengthOf.push(n);
    return this.pageOf.length - 1;
  }

  /** A view of record `i` (valid for the log's lifetime; do not write to it). */
  get(i: number): Uint8Array {
    const start = this.startOf.get(i);
    return this.pages[this.pageOf.get(i)].subarray(start, start + this.lengthOf.get(i));
  }
}
