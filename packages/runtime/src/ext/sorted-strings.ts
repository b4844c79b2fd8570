/**
 * A sorted list of strings with O(√n)-ish inserts and removals and O(log n) access by position:
 * sorted chunks of at most CHUNK strings plus the running count before each chunk. A flat array
 * would move every later element on each insert (milliseconds per new key at millions of keys).
 */
const CHUNK = 512;

export class SortedStrings {
  private chunks: string[][] = [];
  /** starts[i] = number of strings before chunk i. */
  private starts: number[] = [];
  private count = 0;

  static from(sorted: string[]): SortedStrings {
    const s = new SortedStrings();
    for (let i = 0; i < sorted.length; i += CHUNK) s.chunks.push(sorted.slice(i, i + CHUNK));
    s.count = sorted.length;
    s.reindex(0);
    return s;
  }

  get length(): number {
    return this.count;
  }

  private reindex(from: number): void {
    let total = from === 0 ? 0 : this.starts[from - 1]! + this.chunks[from - 1]!.length;
    this.starts.length = this.chunks.length;
    for (let i = from; i < this.chunks.length; i++) {
      this.starts[i] = total;
      total += this.chunks[i]!.length;
    }
  }

  /** Index of the chunk holding position `index` (0 ≤ index < length). */
  private chunkOf(index: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  at(index: number): string {
    const c = this.chunkOf(index);
    return this.chunks[c]![index - this.starts[c]!]!;
  }

  /** First position whose string is ≥ k. */
  lowerBound(k: string): number {
    // The first chunk whose last string is ≥ k holds the answer.
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const chunk = this.chunks[mid]!;
      if (chunk[chunk.length - 1]! < k) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.chunks.length) return this.count;
    const chunk = this.chunks[lo]!;
    let a = 0;
    let b = chunk.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (chunk[mid]! < k) a = mid + 1;
      else b = mid;
    }
    return this.starts[lo]! + a;
  }

  /** Inserts k at `index` (the caller keeps the order: index = lowerBound(k)). */
  insert(index: number, k: string): void {
    if (this.chunks.length === 0) {
      this.chunks.push([k]);
      this.starts = [0];
      this.count = 1;
      return;
    }
    const c = index === this.count ? this.chunks.length - 1 : this.chunkOf(index);
    const chunk = this.chunks[c]!;
    chunk.splice(index - this.starts[c]!, 0, k);
    this.count++;
    if (chunk.length > 2 * CHUNK) this.chunks.splice(c + 1, 0, chunk.splice(CHUNK));
    this.reindex(c);
  }

  removeAt(index: number): void {
    const c = this.chunkOf(index);
    const chunk = this.chunks[c]!;
    chunk.splice(index - this.starts[c]!, 1);
    this.count--;
    if (chunk.length === 0) this.chunks.splice(c, 1);
    this.reindex(c);
  }
}
