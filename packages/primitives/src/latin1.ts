/**
 * Bytes as latin1 strings (one char per byte) and back: exact, cheap keys for JS maps and sets of
 * hashes, public keys and trie keys. Such strings compare by UTF-16 code unit, which for chars
 * 0..255 is the lexicographic byte order.
 *
 * Node's native decoder is called on the array itself: no Buffer view per call, and no `.buffer`
 * access, which on a small array V8 keeps on its heap would first move the bytes off-heap.
 */
type Latin1Slice = (this: Uint8Array, start: number, end: number) => string;
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: Latin1Slice }).latin1Slice;

/** Chunked so that no call gets more arguments than an engine accepts. */
function latin1Portable(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 8192)));
  return out;
}

export const latin1: (bytes: Uint8Array) => string =
  typeof latin1Slice === 'function' ? (bytes) => latin1Slice.call(bytes, 0, bytes.length) : latin1Portable;

/** Inverse of `latin1`: a plain Uint8Array. */
export function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
