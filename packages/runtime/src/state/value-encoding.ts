/**
 * Borsh encodings of records the runtime writes to state on every transaction and receipt (the
 * account record above all). `encode` returns an array of its own, and V8 keeps every array over
 * 64 bytes outside the JS heap: a separate allocation and a garbage-collector handle per write,
 * several times the cost of encoding a 72-byte account. Here the bytes are written into one
 * reused writer and copied into a shared slab; the state keeps a view.
 */
import { BorshWriter, type Codec } from '@nearts/primitives';
import { ValueSlab } from '../chain/value-slab.js';

/** Arrays up to this length live on V8's heap: a copy of their own is as cheap as a view. */
const ON_HEAP_MAX_BYTES = 64;

const writer = new BorshWriter(256);
const slab = new ValueSlab();

/** Same bytes as `encode(codec, value)`, as a view into a shared slab when they would live off-heap. */
export function encodeStateValue<T>(codec: Codec<T>, value: T): Uint8Array {
  // A codec that encodes nested values through `encode` uses its own writers, so this one is never re-entered.
  writer.reset();
  codec.write(writer, value);
  const bytes = writer.written();
  return bytes.length <= ON_HEAP_MAX_BYTES ? bytes.slice() : slab.copy(bytes);
}
