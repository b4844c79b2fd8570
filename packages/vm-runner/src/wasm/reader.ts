/**
 * Bounds-checked reading of the WebAssembly binary encoding.
 *
 * Every read checks the bytes it needs against `end` before touching them, so truncated or
 * hostile input always ends in a {@link WasmDecodeError} and never in a RangeError or a silent
 * `undefined`. LEB128 decoding follows the spec (and wasmparser): non-minimal encodings are
 * accepted up to the maximal length for the width, and unused bits of the last byte must be
 * zero (unsigned) or copies of the sign bit (signed).
 */

/** A malformed or invalid module. Preparation reports every such error as `Deserialization`. */
export class WasmDecodeError extends Error {
  override readonly name = 'WasmDecodeError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at offset 0x${offset.toString(16)})`);
  }
}

/** Longest string (import/export/custom section name) accepted, as in wasmparser. */
export const MAX_WASM_STRING_SIZE = 100_000;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class ByteReader {
  buf: Uint8Array;
  pos: number;
  end: number;

  constructor(buf: Uint8Array, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  /** Point the reader at another range (lets hot loops reuse one reader object). */
  reset(buf: Uint8Array, pos: number, end: number): void {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  eof(): boolean {
    return this.pos >= this.end;
  }

  remaining(): number {
    return this.end - this.pos;
  }

  fail(message: string, offset = this.pos): never {
    throw new WasmDecodeError(message, offset);
  }

  u8(): number {
    if (this.pos >= this.end) this.fail('unexpected end of input');
    return this.buf[this.pos++];
  }

  peek(): number {
    if (this.pos >= this.end) this.fail('unexpected end of input');
    return this.buf[this.pos];
  }

  /** Advance over `n` bytes, returning where they started. */
  skip(n: number): number {
    if (n > this.end - this.pos) this.fail('unexpected end of input');
    const start = this.pos;
    this.pos += n;
    return start;
  }

  varU32(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos < this.end) {
      const b = buf[pos];
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= this.end) this.fail('unexpected end of input');
      const b = buf[pos++];
      if (shift === 28) {
        // Fifth byte: only the low 4 bits carry value, and there must be no continuation.
        if (b & 0xf0) {
          this.fail(b & 0x80 ? 'invalid var_u32: integer representation too long' : 'invalid var_u32: integer too large', pos - 1);
        }
        result += b * 0x10000000;
        break;
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    this.pos = pos;
    return result >>> 0;
  }

  varI32(): number {
    const buf = this.buf;
    let pos = this.pos;
    let result = 0;
    let shift = 0;
    let b: number;
    for (;;) {
      if (pos >= this.end) this.fail('unexpected end of input');
      b = buf[pos++];
      if (shift === 28) {
        // Fifth byte: bits 4..6 must repeat the sign bit (bit 3) and there is no continuation.
        const rest = b & 0x78;
        if (b & 0x80 || (rest !== 0 && rest !== 0x78)) {
          this.fail(b & 0x80 ? 'invalid var_i32: integer representation too long' : 'invalid var_i32: integer too large', pos - 1);
        }
        result |= b << 28;
        break;
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        if (shift < 32 && b & 0x40) result |= -1 << shift;
        break;
      }
    }
    this.pos = pos;
    return result | 0;
  }

  /** Signed 33-bit LEB (block types, heap types); the value fits a double exactly. */
  varS33(): number {
    const buf = this.buf;
    let pos = this.pos;
    let result = 0;
    let mul = 1;
    let b: number;
    for (let i = 0; ; i++) {
      if (pos >= this.end) this.fail('unexpected end of input');
      b = buf[pos++];
      if (i === 4) {
        // Fifth byte holds bits 28..32; bits 5..6 must repeat the sign bit (bit 4).
        const rest = b & 0x70;
        if (b & 0x80 || (rest !== 0 && rest !== 0x70)) this.fail('invalid var_s33: integer representation too long', pos - 1);
        result += (b & 0x1f) * mul;
        if (b & 0x10) result -= 2 ** 33;
        break;
      }
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) {
        if (b & 0x40) result -= mul;
        break;
      }
    }
    this.pos = pos;
    return result;
  }

  /** Validate and step over a signed 64-bit LEB without materialising it. */
  skipVarI64(): void {
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; ; i++) {
      if (pos >= this.end) this.fail('unexpected end of input');
      const b = buf[pos++];
      if (i === 9) {
        // Tenth byte holds bit 63 only: it must be 0x00 or 0x7f.
        if (b !== 0 && b !== 0x7f) this.fail('invalid var_i64: integer representation too long', pos - 1);
        break;
      }
      if ((b & 0x80) === 0) break;
    }
    this.pos = pos;
  }

  varI64(): bigint {
    const start = this.pos;
    this.skipVarI64();
    let result = 0n;
    let shift = 0n;
    let b = 0;
    for (let p = start; p < this.pos; p++) {
      b = this.buf[p];
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    }
    if (shift < 64n && b & 0x40) result -= 1n << shift;
    return BigInt.asIntN(64, result);
  }

  varU64(): bigint {
    const buf = this.buf;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.fail('unexpected end of input');
      const b = buf[this.pos++];
      if (i === 9) {
        if (b & 0xfe) this.fail('invalid var_u64: integer representation too long', this.pos - 1);
        result |= BigInt(b) << 63n;
        break;
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) break;
    }
    return result;
  }

  /** A count that must not exceed `limit`, read before anything is allocated for it. */
  size(limit: number, what: string): number {
    const at = this.pos;
    const n = this.varU32();
    if (n > limit) this.fail(`${what} size is out of bounds`, at);
    return n;
  }

  /** A length-prefixed UTF-8 name, validated strictly (no surrogates, no overlong forms). */
  name(): string {
    const at = this.pos;
    const len = this.varU32();
    if (len > MAX_WASM_STRING_SIZE) this.fail('string size out of bounds', at);
    const start = this.skip(len);
    try {
      return utf8.decode(this.buf.subarray(start, start + len));
    } catch {
      return this.fail('malformed UTF-8 encoding', start);
    }
  }
}
