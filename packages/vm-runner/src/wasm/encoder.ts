/**
 * Writing the WebAssembly binary encoding: a growable byte buffer with LEB128 helpers and
 * section framing. Always emits minimal LEB128.
 */

const textEncoder = new TextEncoder();
const EMPTY = new Uint8Array(0);
const EMPTY_VIEW = new DataView(EMPTY.buffer);

export class ByteWriter {
  private buf: Uint8Array<ArrayBuffer>;
  /** `buf` as a DataView, for copying short runs four bytes at a time. */
  private view: DataView;
  /** The last source of {@link bytes} and a DataView of it (sources repeat: the contract's code). */
  private source: Uint8Array = EMPTY;
  private sourceView: DataView = EMPTY_VIEW;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buf = new Uint8Array(Math.max(1, initialCapacity));
    // Made on the first short copy: most writers are small and never need one.
    this.view = EMPTY_VIEW;
  }

  /** Forget the content, keeping the (grown) buffer for reuse (and no reference to a source). */
  clear(): this {
    this.length = 0;
    this.source = EMPTY;
    this.sourceView = EMPTY_VIEW;
    return this;
  }

  /** Bytes the buffer holds before it has to grow. */
  get capacity(): number {
    return this.buf.length;
  }

  // The per-byte methods stay small so that the engine inlines them into the emitting loops;
  // growing and word-wise copying are out of line.
  private ensure(extra: number): void {
    if (this.length + extra > this.buf.length) this.grow(this.length + extra);
  }

  private grow(need: number): void {
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const grown = new Uint8Array(cap);
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
    this.view = EMPTY_VIEW;
  }

  byte(b: number): this {
    this.ensure(1);
    this.buf[this.length++] = b;
    return this;
  }

  /** Append `src[start, end)`. */
  bytes(src: Uint8Array, start = 0, end = src.length): this {
    const n = end - start;
    this.ensure(n);
    if (n < 4) {
      const buf = this.buf;
      let at = this.length;
      for (let i = start; i < end; i++) buf[at++] = src[i];
      this.length = at;
    } else if (n < 64) {
      // Short copies (runs of instructions) are much cheaper as a loop than via subarray + set,
      // and a loop over 32-bit words is cheaper than one over bytes.
      this.copyShort(src, start, end);
    } else {
      this.buf.set(src.subarray(start, end), this.length);
      this.length += n;
    }
    return this;
  }

  private copyShort(src: Uint8Array, start: number, end: number): void {
    if (src !== this.source) {
      this.source = src;
      this.sourceView = new DataView(src.buffer, src.byteOffset, src.byteLength);
    }
    const from = this.sourceView;
    let to = this.view;
    if (to === EMPTY_VIEW) to = this.view = new DataView(this.buf.buffer);
    let at = this.length;
    let i = start;
    for (; i + 4 <= end; i += 4, at += 4) to.setUint32(at, from.getUint32(i, true), true);
    const buf = this.buf;
    for (; i < end; i++) buf[at++] = src[i];
    this.length = at;
  }

  /** Leave `n` bytes to be written later (see {@link writeSizeBefore}). */
  reserve(n: number): this {
    this.ensure(n);
    this.length += n;
    return this;
  }

  /**
   * Write, at `at`, the minimal LEB128 size of what follows the `reserved` bytes left there, and
   * close the gap (or widen it) when the size takes another number of bytes.
   */
  writeSizeBefore(at: number, reserved: number): this {
    const contentStart = at + reserved;
    const size = this.length - contentStart;
    const n = u32Size(size);
    if (n !== reserved) {
      if (n > reserved) this.ensure(n - reserved);
      this.buf.copyWithin(at + n, contentStart, this.length);
      this.length += n - reserved;
    }
    const buf = this.buf;
    let v = size;
    let i = at;
    while (v >= 0x80) {
      buf[i++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[i] = v;
    return this;
  }

  /** Append a whole array (one native copy, no view allocated). */
  array(src: Uint8Array): this {
    const n = src.length;
    this.ensure(n);
    this.buf.set(src, this.length);
    this.length += n;
    return this;
  }

  u32(value: number): this {
    this.ensure(5);
    let v = value >>> 0;
    const buf = this.buf;
    while (v >= 0x80) {
      buf[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[this.length++] = v;
    return this;
  }

  i32(value: number): this {
    this.ensure(5);
    let v = value | 0;
    const buf = this.buf;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        buf[this.length++] = b;
        return this;
      }
      buf[this.length++] = b | 0x80;
    }
  }

  /** Signed LEB128 of a 64-bit value given as a bigint in [-2^63, 2^64) (bit pattern kept). */
  i64(value: bigint): this {
    this.ensure(10);
    let v = BigInt.asIntN(64, value);
    const buf = this.buf;
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
        buf[this.length++] = b;
        return this;
      }
      buf[this.length++] = b | 0x80;
    }
  }

  /**
   * Signed LEB128 of a 64-bit value given as a JS number or bigint. Numbers must be safe
   * integers; they are encoded without bigint arithmetic (the common, fast case).
   */
  i64n(value: number | bigint): this {
    if (typeof value === 'bigint') return this.i64(value);
    // Values that fit an i32 (most charges) take the integer path.
    if (value === (value | 0)) return this.i32(value);
    this.ensure(10);
    const buf = this.buf;
    let v = value;
    for (;;) {
      // Low 7 bits of a possibly negative safe integer, and an arithmetic shift by 7.
      const b = ((v % 128) + 128) % 128;
      v = (v - b) / 128;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        buf[this.length++] = b;
        return this;
      }
      buf[this.length++] = b | 0x80;
    }
  }

  name(text: string): this {
    const n = text.length;
    let ascii = true;
    for (let i = 0; i < n && ascii; i++) ascii = text.charCodeAt(i) < 0x80;
    if (!ascii) {
      const encoded = textEncoder.encode(text);
      this.u32(encoded.length);
      return this.array(encoded);
    }
    // ASCII (nearly every import and export name): one byte per character, no temporary array.
    this.u32(n);
    this.ensure(n);
    const buf = this.buf;
    let at = this.length;
    for (let i = 0; i < n; i++) buf[at++] = text.charCodeAt(i);
    this.length = at;
    return this;
  }

  /** Append `id`, the LEB size of `payload`, then `payload`. */
  section(id: number, payload: ByteWriter): this {
    this.byte(id);
    this.u32(payload.length);
    return this.bytes(payload.buf, 0, payload.length);
  }

  /** Append another writer's content. */
  append(other: ByteWriter): this {
    return this.bytes(other.buf, 0, other.length);
  }

  /** The written bytes (the buffer itself when it is exactly full, else a copy). */
  finish(): Uint8Array<ArrayBuffer> {
    return this.length === this.buf.length ? this.buf : this.buf.slice(0, this.length);
  }
}

/** Number of bytes of the minimal unsigned LEB128 encoding of `value` (a u32). */
export function u32Size(value: number): number {
  let v = value >>> 0;
  let n = 1;
  while (v >= 0x80) {
    v >>>= 7;
    n++;
  }
  return n;
}

/** Minimal signed LEB128 encoding of a 64-bit value (bit pattern of `value`). */
export function encodeI64(value: bigint): Uint8Array {
  const w = new ByteWriter(16);
  w.i64(value);
  return w.finish();
}
