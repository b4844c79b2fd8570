/**
 * Packs many small values into shared 64 KiB buffers. A genesis keeps one account record per
 * account for good; as separate arrays each of them would carry its own backing store (arrays
 * over 64 bytes live outside the JS heap), which costs memory and garbage-collector work per
 * array at a million accounts. Views into a slab cost only the view.
 */
const SLAB_BYTES = 64 * 1024;

export class ValueSlab {
  private slab = new Uint8Array(0);
  private used = 0;

  /** A copy of `bytes` inside a shared slab (large values get an array of their own). */
  copy(bytes: Uint8Array): Uint8Array {
    const n = bytes.length;
    if (n > SLAB_BYTES / 16) return bytes.slice();
    if (this.used + n > this.slab.length) {
      this.slab = new Uint8Array(SLAB_BYTES);
      this.used = 0;
    }
    const view = this.slab.subarray(this.used, this.used + n);
    view.set(bytes);
    this.used += n;
    return view;
  }
}
