import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter, decodeInstructions, OperatorReader, WasmDecodeError } from '../../src/wasm/index.js';

const reader = (...bytes: number[]) => new ByteReader(Uint8Array.from(bytes));

describe('LEB128', () => {
  it('reads unsigned 32-bit values, including padded encodings up to five bytes', () => {
    expect(reader(0x00).varU32()).toBe(0);
    expect(reader(0x7f).varU32()).toBe(127);
    expect(reader(0x80, 0x01).varU32()).toBe(128);
    expect(reader(0xff, 0xff, 0xff, 0xff, 0x0f).varU32()).toBe(0xffff_ffff);
    expect(reader(0x80, 0x80, 0x80, 0x80, 0x00).varU32()).toBe(0);
  });

  it('rejects unused bits, over-long and truncated unsigned encodings', () => {
    expect(() => reader(0xff, 0xff, 0xff, 0xff, 0x1f).varU32()).toThrow(/integer too large/);
    expect(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).varU32()).toThrow(/too long/);
    expect(() => reader(0x80, 0x80).varU32()).toThrow(WasmDecodeError);
    expect(() => reader().varU32()).toThrow(/end of input/);
  });

  it('reads signed 32-bit values and checks the sign bits of the last byte', () => {
    expect(reader(0x7f).varI32()).toBe(-1);
    expect(reader(0x3f).varI32()).toBe(63);
    expect(reader(0xc0, 0x00).varI32()).toBe(64);
    expect(reader(0x80, 0x80, 0x80, 0x80, 0x78).varI32()).toBe(-(2 ** 31));
    expect(reader(0xff, 0xff, 0xff, 0xff, 0x07).varI32()).toBe(2 ** 31 - 1);
    expect(() => reader(0x80, 0x80, 0x80, 0x80, 0x70).varI32()).toThrow(WasmDecodeError);
    expect(() => reader(0xff, 0xff, 0xff, 0xff, 0x0f).varI32()).toThrow(WasmDecodeError);
  });

  it('reads signed 64-bit values as bigints', () => {
    expect(reader(0x7f).varI64()).toBe(-1n);
    expect(reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f).varI64()).toBe(-(2n ** 63n));
    expect(reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00).varI64()).toBe(2n ** 63n - 1n);
    expect(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).varI64()).toThrow(WasmDecodeError);
  });

  it('round-trips through the writer with minimal encodings', () => {
    for (const v of [0, 1, 63, 64, 127, 128, 8191, 8192, -1, -64, -65, 2 ** 31 - 1, -(2 ** 31)]) {
      const w = new ByteWriter().i32(v).finish();
      expect(new ByteReader(w).varI32()).toBe(v);
    }
    for (const v of [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 0x7ff8000000000000n, 123456789012345n]) {
      expect(new ByteReader(new ByteWriter().i64(v).finish()).varI64()).toBe(v);
      expect(new ByteReader(new ByteWriter().i64n(v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v).finish()).varI64()).toBe(v);
    }
    expect(Array.from(new ByteWriter().u32(624485).finish())).toEqual([0xe5, 0x8e, 0x26]);
    // i64n takes an integer path for values that fit an i32: the same bytes as the bigint path.
    for (const v of [0, -0, 63, 64, -64, -65, 822756, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 40, -(2 ** 40), Number.MAX_SAFE_INTEGER]) {
      expect(Array.from(new ByteWriter().i64n(v).finish())).toEqual(Array.from(new ByteWriter().i64(BigInt(v)).finish()));
    }
  });
});

describe('names', () => {
  it('accepts valid UTF-8 and rejects malformed sequences and oversized lengths', () => {
    expect(reader(2, 0xc3, 0xa9, 0).name()).toBe('é');
    expect(() => reader(2, 0xc3, 0x28).name()).toThrow(/UTF-8/);
    expect(() => reader(3, 0xed, 0xa0, 0x80).name()).toThrow(/UTF-8/); // an encoded surrogate
    expect(() => reader(0xa1, 0x8d, 0x06).name()).toThrow(/string size out of bounds/);
    expect(() => reader(5, 0x61).name()).toThrow(/end of input/);
  });
});

describe('instruction stream', () => {
  it('decodes a body into instructions with their immediates', () => {
    // block; i32.const -2; br_if 0; i64.const -1; drop; call 7; i32.load offset=8 align=2; end
    const body = Uint8Array.of(0x02, 0x40, 0x41, 0x7e, 0x0d, 0x00, 0x42, 0x7f, 0x1a, 0x10, 0x07, 0x41, 0, 0x28, 0x02, 0x08, 0x1a, 0x0b);
    const ins = decodeInstructions(body);
    expect(ins.map((i) => i.name)).toEqual(['block', 'i32.const', 'br_if', 'i64.const', 'drop', 'call', 'i32.const', '0x28', 'drop', 'end']);
    expect(ins[1].immediates).toEqual([-2]);
    expect(ins[3].i64).toBe(-1n);
    expect(ins[5].immediates).toEqual([7]);
    expect(ins[7].immediates).toEqual([2, 8]);
    expect(ins[7].offset).toBe(13);
    expect(ins[7].end).toBe(16);
  });

  it('decodes br_table labels and bulk-memory operands', () => {
    const ins = decodeInstructions(Uint8Array.of(0x0e, 0x02, 0x00, 0x01, 0x02, 0xfc, 0x0a, 0x00, 0x00, 0xfc, 0x08, 0x03, 0x00));
    expect(ins[0].immediates).toEqual([0, 1, 2]);
    expect(ins[1].name).toBe('memory.copy');
    expect(ins[2].name).toBe('memory.init');
    expect(ins[2].immediates).toEqual([3, 0]);
  });

  it('rejects SIMD, atomics, exceptions, tail calls and unknown opcodes', () => {
    for (const bytes of [[0xfd, 0x0c], [0xfe, 0x10, 0x02, 0x00], [0x06, 0x40], [0x12, 0x00], [0xfc, 0x13], [0xff]]) {
      expect(() => decodeInstructions(Uint8Array.from(bytes))).toThrow(WasmDecodeError);
    }
  });

  it('requires the reserved zero byte of memory.size and an explicit arity of 1 for typed select', () => {
    expect(() => decodeInstructions(Uint8Array.of(0x3f, 0x01))).toThrow(/zero byte/);
    expect(() => decodeInstructions(Uint8Array.of(0x1c, 0x02, 0x7f, 0x7f))).toThrow(/arity/);
  });

  it('refuses a br_table label count the remaining bytes cannot hold without allocating for it', () => {
    const r = new OperatorReader();
    r.reset(Uint8Array.of(0x0e, 0xff, 0xff, 0x07, 0x00), 0, 5);
    expect(() => r.next()).toThrow(/end of input/);
    expect(r.brTargets.length).toBe(0);
  });

  it('reads padded and multi-byte index and memarg immediates like one-byte ones', () => {
    // local.get 200; local.get 5 (padded); i64.load align=3 offset=300; i32.load align=2 (padded flags) offset=0
    const ins = decodeInstructions(Uint8Array.of(0x20, 0xc8, 0x01, 0x20, 0x85, 0x00, 0x29, 0x03, 0xac, 0x02, 0x28, 0x82, 0x00, 0x00));
    expect(ins.map((i) => i.immediates)).toEqual([[200], [5], [3, 300], [2, 0]]);
    expect(ins.map((i) => i.end)).toEqual([3, 6, 10, 14]);
  });

  it('rejects truncated immediates and memarg flags with the memory-index bit', () => {
    expect(() => decodeInstructions(Uint8Array.of(0x20))).toThrow(/end of input/);
    expect(() => decodeInstructions(Uint8Array.of(0x20, 0x80))).toThrow(/end of input/);
    expect(() => decodeInstructions(Uint8Array.of(0x28, 0x02))).toThrow(/end of input/);
    expect(() => decodeInstructions(Uint8Array.of(0x28))).toThrow(/end of input/);
    expect(() => decodeInstructions(Uint8Array.of(0x28, 0x40, 0x00))).toThrow(/alignment too large/);
    expect(() => decodeInstructions(Uint8Array.of(0x28, 0xc0, 0x00, 0x00))).toThrow(/alignment too large/);
  });
});

describe('ByteWriter', () => {
  it('copies byte ranges of every short length exactly, from views at any offset, across growth', () => {
    const backing = Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff);
    const source = backing.subarray(3, 290); // a view with a non-zero byteOffset, like a pooled Buffer
    const w = new ByteWriter(1);
    const expected: number[] = [];
    for (let n = 0; n <= 70; n++) {
      const start = (n * 13) % 200;
      w.bytes(source, start, start + n);
      expected.push(...source.subarray(start, start + n));
      w.byte(n); // keeps the destination offsets unaligned
      expected.push(n);
    }
    w.bytes(backing, 1, 9); // another source after the first
    expected.push(...backing.subarray(1, 9));
    expect(Array.from(w.finish())).toEqual(expected);
    w.clear();
    expect(w.finish().length).toBe(0);
    expect(Array.from(w.bytes(source, 0, 5).finish())).toEqual(Array.from(source.subarray(0, 5)));
  });

  it('writes a minimal size prefix into reserved room, whatever the guess', () => {
    for (const [contentLength, reserved] of [[0, 1], [5, 1], [5, 3], [200, 1], [200, 2], [200, 5], [20000, 2], [20000, 1]]) {
      const content = Uint8Array.from({ length: contentLength }, (_, i) => (i * 7) & 0xff);
      const w = new ByteWriter(2).byte(0xaa);
      const at = w.length;
      w.reserve(reserved).bytes(content, 0, content.length).writeSizeBefore(at, reserved);
      w.byte(0xbb);
      const expected = new ByteWriter().byte(0xaa).u32(contentLength).bytes(content, 0, content.length).byte(0xbb).finish();
      expect(Array.from(w.finish())).toEqual(Array.from(expected));
    }
  });

  it('writes names as length-prefixed UTF-8, ASCII or not', () => {
    for (const text of ['', 'memory', '\0get_balance', 'é', 'ascii then é', '😀', 'x'.repeat(200)]) {
      const bytes = new TextEncoder().encode(text);
      const expected = new ByteWriter().u32(bytes.length).bytes(bytes, 0, bytes.length).finish();
      expect(Array.from(new ByteWriter(1).name(text).finish())).toEqual(Array.from(expected));
    }
  });
});
