import { BorshError } from './errors.js';
import type { BorshExtensions } from './extensions.js';
import { BorshReader } from './reader.js';
import { BorshWriter } from './writer.js';

/**
 * A borsh layout for values of type `T`: the one encoding style used for every type in this
 * package. `encode(Codec, value)` / `decode(Codec, bytes)` work on whole byte strings; `write` /
 * `read` compose codecs inside bigger layouts.
 */
export interface Codec<T> {
  /** Type name used in error paths (`Transaction`, `Action`, …). */
  readonly name: string;
  /** Lower bound of the encoded size in bytes; lets `vec()` reject forged counts early. */
  readonly minSize: number;
  write(w: BorshWriter, value: T): void;
  read(r: BorshReader): T;
}

// Writers `encode` reuses (their buffers are scratch space: `finish` copies the bytes out). A
// stack, so an encode nested inside a codec's write takes its own writer; a writer that grew
// large is dropped instead of kept.
const spareWriters: BorshWriter[] = [];
const MAX_SPARE_WRITERS = 8;
const MAX_SPARE_CAPACITY = 64 * 1024;

/** Encodes one value into a fresh byte array (`extensions`: protocol extensions allowed, default none). */
export function encode<T>(codec: Codec<T>, value: T, extensions?: BorshExtensions): Uint8Array {
  const w = spareWriters.pop() ?? new BorshWriter(256);
  w.reset(extensions);
  try {
    codec.write(w, value);
    return w.finish();
  } finally {
    if (spareWriters.length < MAX_SPARE_WRITERS && w.capacity <= MAX_SPARE_CAPACITY) spareWriters.push(w);
  }
}

/** The length of `encode(codec, value, extensions)`, without copying the bytes out. */
export function encodedLength<T>(codec: Codec<T>, value: T, extensions?: BorshExtensions): number {
  const w = spareWriters.pop() ?? new BorshWriter(256);
  w.reset(extensions);
  try {
    codec.write(w, value);
    return w.length;
  } finally {
    if (spareWriters.length < MAX_SPARE_WRITERS && w.capacity <= MAX_SPARE_CAPACITY) spareWriters.push(w);
  }
}

/** Decodes exactly one value; leftover bytes are a `trailing_bytes` error. */
export function decode<T>(codec: Codec<T>, bytes: Uint8Array, extensions?: BorshExtensions): T {
  const r = new BorshReader(bytes, extensions);
  try {
    const v = codec.read(r);
    r.expectEnd();
    return v;
  } catch (e) {
    throw withPath(e, codec.name);
  }
}

/** Adds a path segment to a BorshError on its way out; other errors pass through untouched. */
export function withPath(e: unknown, segment: string): unknown {
  if (e instanceof BorshError) e.addPath(segment);
  return e;
}

/** Reads a named field so that failures inside it carry the field name in their path. */
export function readField<T>(r: BorshReader, name: string, codec: Codec<T>): T {
  try {
    return codec.read(r);
  } catch (e) {
    throw withPath(e, name);
  }
}

/** Runs `read` with `segment` added to the path of any BorshError it throws. */
export function inPath<T>(segment: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw withPath(e, segment);
  }
}

export const U8Codec: Codec<number> = { name: 'u8', minSize: 1, write: (w, v) => w.u8(v), read: (r) => r.u8() };
export const U16Codec: Codec<number> = { name: 'u16', minSize: 2, write: (w, v) => w.u16(v), read: (r) => r.u16() };
export const U32Codec: Codec<number> = { name: 'u32', minSize: 4, write: (w, v) => w.u32(v), read: (r) => r.u32() };
export const U64Codec: Codec<bigint> = { name: 'u64', minSize: 8, write: (w, v) => w.u64(v), read: (r) => r.u64() };
export const U128Codec: Codec<bigint> = { name: 'u128', minSize: 16, write: (w, v) => w.u128(v), read: (r) => r.u128() };
export const BoolCodec: Codec<boolean> = { name: 'bool', minSize: 1, write: (w, v) => w.bool(v), read: (r) => r.bool() };
export const StringCodec: Codec<string> = { name: 'String', minSize: 4, write: (w, v) => w.string(v), read: (r) => r.string() };
/** `Vec<u8>` (also nearcore's `Arc<[u8]>`). */
export const BytesCodec: Codec<Uint8Array> = { name: 'Vec<u8>', minSize: 4, write: (w, v) => w.bytes(v), read: (r) => r.bytesVec() };
/** `()` / an empty struct: zero bytes. */
export const UnitCodec: Codec<undefined> = { name: '()', minSize: 0, write: () => {}, read: () => undefined };

/** `[u8; n]`. */
export function fixedBytesCodec(n: number, name = `[u8; ${n}]`): Codec<Uint8Array> {
  return {
    name,
    minSize: n,
    write: (w, v) => {
      if (v.length !== n) throw new BorshError('wrong_key_length', `${name} needs ${n} bytes, got ${v.length}`);
      w.fixedBytes(v);
    },
    read: (r) => r.fixedBytes(n),
  };
}

/** `Vec<T>`: u32 count then items; each item's errors carry `[i]` in their path. */
export function vecCodec<T>(item: Codec<T>): Codec<T[]> {
  const min = Math.max(1, item.minSize);
  return {
    name: `Vec<${item.name}>`,
    minSize: 4,
    write: (w, v) => {
      w.u32(v.length);
      for (let i = 0; i < v.length; i++) item.write(w, v[i]);
    },
    read: (r) => {
      const n = r.length(min, `Vec<${item.name}>`);
      const out: T[] = new Array(n);
      for (let i = 0; i < n; i++) {
        try {
          out[i] = item.read(r);
        } catch (e) {
          throw withPath(e, `[${i}]`);
        }
      }
      return out;
    },
  };
}

/** `Option<T>` as `T | null`. */
export function optionCodec<T>(inner: Codec<T>): Codec<T | null> {
  return {
    name: `Option<${inner.name}>`,
    minSize: 1,
    write: (w, v) => {
      if (v === null || v === undefined) w.u8(0);
      else {
        w.u8(1);
        inner.write(w, v);
      }
    },
    read: (r) => (r.optionTag() ? inner.read(r) : null),
  };
}
