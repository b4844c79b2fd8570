import { BorshError } from './errors.js';
import { NO_EXTENSIONS, type BorshExtensions } from './extensions.js';

const U32_MAX = 0xffff_ffff;
const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
const textEncoder = new TextEncoder();

/**
 * Growable little-endian borsh writer. One buffer, doubled when full; `finish()` returns a copy
 * of exactly the written bytes.
 */
export class BorshWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;

  /** Protocol extensions whose enum variants this writer may write (none by default). */
  get extensions(): BorshExtensions {
    return this.ext;
  }

  private ext: BorshExtensions;

  constructor(initialCapacity = 256, extensions: BorshExtensions = NO_EXTENSIONS) {
    this.ext = extensions;
    this.buf = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buf.buffer);
  }

  get length(): number {
    return this.pos;
  }

  private ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new BorshError('unencodable', `u8 out of range: ${v}`);
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u16(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new BorshError('unencodable', `u16 out of range: ${v}`);
    this.ensure(2);
    this.view.setUint16(this.pos, v, true);
    this.pos += 2;
  }

  u32(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v > U32_MAX) throw new BorshError('unencodable', `u32 out of range: ${v}`);
    this.ensure(4);
    this.view.setUint32(this.pos, v, true);
    this.pos += 4;
  }

  u64(v: bigint): void {
    if (typeof v !== 'bigint' || v < 0n || v > U64_MAX) throw new BorshError('unencodable', `u64 out of range: ${String(v)}`);
    this.ensure(8);
    this.view.setBigUint64(this.pos, v, true);
    this.pos += 8;
  }

  u128(v: bigint): void {
    if (typeof v !== 'bigint' || v < 0n || v > U128_MAX) throw new BorshError('unencodable', `u128 out of range: ${String(v)}`);
    this.ensure(16);
    this.view.setBigUint64(this.pos, v & U64_MAX, true);
    this.view.setBigUint64(this.pos + 8, v >> 64n, true);
    this.pos += 16;
  }

  bool(v: boolean): void {
    this.u8(v ? 1 : 0);
  }

  /** Raw bytes with no length prefix (fixed-size arrays such as hashes and keys). */
  fixedBytes(bytes: Uint8Array, expectedLength?: number): void {
    if (expectedLength !== undefined && bytes.length !== expectedLength) {
      throw new BorshError('wrong_key_length', `expected ${expectedLength} bytes, got ${bytes.length}`);
    }
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** `Vec<u8>`: u32 length then the bytes. */
  bytes(bytes: Uint8Array): void {
    this.u32(bytes.length);
    this.fixedBytes(bytes);
  }

  /** `String`: u32 byte length then UTF-8. */
  string(s: string): void {
    // ASCII fast path: account ids and method names are nearly always ASCII.
    const n = s.length;
    let ascii = true;
    for (let i = 0; i < n; i++) {
      if (s.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      this.u32(n);
      this.ensure(n);
      for (let i = 0; i < n; i++) this.buf[this.pos + i] = s.charCodeAt(i);
      this.pos += n;
      return;
    }
    this.bytes(textEncoder.encode(s));
  }

  /** `Vec<T>`: u32 count then each item. */
  vec<T>(items: readonly T[], writeItem: (w: BorshWriter, item: T) => void): void {
    this.u32(items.length);
    for (let i = 0; i < items.length; i++) writeItem(this, items[i]);
  }

  /** `Option<T>`: 0, or 1 then the value. `undefined` and `null` both mean `None`. */
  option<T>(value: T | null | undefined, writeValue: (w: BorshWriter, v: T) => void): void {
    if (value === undefined || value === null) {
      this.u8(0);
    } else {
      this.u8(1);
      writeValue(this, value);
    }
  }

  /** A copy of the written bytes. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /**
   * The written bytes as a view of the writer's own buffer (no copy): valid only until the next
   * write or `reset`. For callers that copy the bytes somewhere themselves.
   */
  written(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** Bytes the buffer holds before it grows. */
  get capacity(): number {
    return this.buf.length;
  }

  /** Empties the writer for reuse (keeping its buffer), with the given extensions. */
  reset(extensions: BorshExtensions = NO_EXTENSIONS): void {
    this.pos = 0;
    this.ext = extensions;
  }
}
