/** A growable column of 32-bit integers: one typed array, no heap object per entry. */
export class IntColumn {
  private values = new Int32Array(1024);
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(v: number): void {
    if (this.size === this.values.length) {
      const next = new Int32Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.size++] = v;
  }

  get(i: number): number {
    if (i < 0 || i >= this.size) throw new RangeError(`column index ${i} out of 0..${this.size}`);
    return this.values[i];
  }
}
