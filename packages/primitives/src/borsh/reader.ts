import { BorshError } from './errors.js';
import { NO_EXTENSIONS, type BorshExtensions } from './extensions.js';

// fatal: reject malformed UTF-8; ignoreBOM: keep a leading U+FEFF so re-encoding gives the same bytes.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Little-endian borsh reader over one Uint8Array (a DataView for multi-byte integers).
 *
 * Every read checks the remaining length first, so running off the end is a `truncated`
 * BorshError, never a RangeError. Length prefixes are checked against the remaining bytes before
 * anything is allocated (`vec_too_long`).
 */
export class BorshReader {
  readonly bytes: Uint8Array;
  /**
   * Made on first use (u128 only): `bytes.buffer` on a small array V8 keeps on its heap moves the
   * bytes into a new off-heap buffer, which costs more than decoding a small value.
   */
  private viewCache: DataView | undefined;
  private pos: number;

  /** Protocol extensions whose enum variants this reader accepts (none by default). */
  readonly extensions: BorshExtensions;

  constructor(bytes: Uint8Array, extensions: BorshExtensions = NO_EXTENSIONS) {
    this.bytes = bytes;
    this.extensions = extensions;
    this.viewCache = undefined;
    this.pos = 0;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Peeks at a byte `ahead` positions from the cursor without consuming it; -1 past the end. */
  peek(ahead = 0): number {
    const i = this.pos + ahead;
    return i < this.bytes.length ? this.bytes[i] : -1;
  }

  private need(n: number, what: string): void {
    if (this.bytes.length - this.pos < n) {
      throw new BorshError(
        'truncated',
        `need ${n} byte(s) for ${what}, ${this.bytes.length - this.pos} left`,
        this.pos,
      );
    }
  }

  u8(): number {
    this.need(1, 'u8');
    return this.bytes[this.pos++];
  }

  u16(): number {
    this.need(2, 'u16');
    const b = this.bytes;
    const p = this.pos;
    this.pos = p + 2;
    return b[p] | (b[p + 1] << 8);
  }

  u32(): number {
    this.need(4, 'u32');
    const v = this.u32At(this.pos);
    this.pos += 4;
    return v;
  }

  u64(): bigint {
    this.need(8, 'u64');
    const lo = this.u32At(this.pos);
    const hi = this.u32At(this.pos + 4);
    this.pos += 8;
    // Below 2^53 the value is an exact double: one BigInt instead of three.
    return hi < 0x20_0000 ? BigInt(hi * 0x1_0000_0000 + lo) : (BigInt(hi) << 32n) | BigInt(lo);
  }

  private u32At(p: number): number {
    const b = this.bytes;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  private get view(): DataView {
    return (this.viewCache ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength));
  }

  u128(): bigint {
    this.need(16, 'u128');
    const lo = this.view.getBigUint64(this.pos, true);
    const hi = this.view.getBigUint64(this.pos + 8, true);
    this.pos += 16;
    return (hi << 64n) | lo;
  }

  bool(): boolean {
    this.need(1, 'bool');
    const b = this.bytes[this.pos];
    if (b > 1) throw new BorshError('invalid_bool', `bool byte must be 0 or 1, got ${b}`, this.pos);
    this.pos++;
    return b === 1;
  }

  /** `n` raw bytes (a copy, so decoded values never alias the input buffer). */
  fixedBytes(n: number): Uint8Array {
    this.need(n, `${n} fixed bytes`);
    const out = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /**
   * Reads a u32 element count and checks that `count * minItemSize` bytes can still follow,
   * so a forged length cannot make us allocate or loop far beyond the input.
   */
  length(minItemSize: number, what: string): number {
    const at = this.pos;
    const n = this.u32();
    if (n * minItemSize > this.bytes.length - this.pos) {
      throw new BorshError(
        'vec_too_long',
        `${what} length ${n} exceeds the ${this.bytes.length - this.pos} byte(s) left`,
        at,
      );
    }
    return n;
  }

  /** `Vec<u8>` (a copy). */
  bytesVec(): Uint8Array {
    const n = this.length(1, 'Vec<u8>');
    const out = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** `String`: u32 length then strictly valid UTF-8. */
  string(): string {
    const n = this.length(1, 'String');
    const start = this.pos;
    const end = start + n;
    const b = this.bytes;
    // ASCII fast path (account ids, method names): no TextDecoder call.
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (b[i] > 0x7f) {
        ascii = false;
        break;
      }
    }
    let s: string;
    if (ascii) {
      s = n <= 256 ? String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]) : latin(b, start, end);
    } else {
      try {
        s = utf8.decode(b.subarray(start, end));
      } catch (e) {
        throw new BorshError('invalid_utf8', `string of ${n} byte(s) is not valid UTF-8`, start, { cause: e });
      }
    }
    this.pos = end;
    return s;
  }

  /** Enum discriminant byte; `variantCount` is the number of defined tags (0..variantCount-1). */
  tag(typeName: string, variantCount: number): number {
    this.need(1, `${typeName} tag`);
    const t = this.bytes[this.pos];
    if (t >= variantCount) {
      throw new BorshError('bad_enum_tag', `unknown ${typeName} tag ${t}`, this.pos);
    }
    this.pos++;
    return t;
  }

  /** Option<T> discriminant: 0 → false, 1 → true, anything else is a bad tag. */
  optionTag(): boolean {
    this.need(1, 'Option tag');
    const t = this.bytes[this.pos];
    if (t > 1) throw new BorshError('bad_enum_tag', `unknown Option tag ${t}`, this.pos);
    this.pos++;
    return t === 1;
  }

  /** Fails with `trailing_bytes` unless the whole input was consumed. */
  expectEnd(): void {
    if (this.pos !== this.bytes.length) {
      throw new BorshError('trailing_bytes', `${this.bytes.length - this.pos} byte(s) left after the value`, this.pos);
    }
  }
}

function latin(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i += 4096) {
    s += String.fromCharCode.apply(null, b.subarray(i, Math.min(end, i + 4096)) as unknown as number[]);
  }
  return s;
}
