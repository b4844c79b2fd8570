/**
 * Bytes as latin1 strings (one char per byte): exact, cheap keys for JS maps and sets of hashes,
 * public keys and trie keys, and back.
 */
type Latin1Slice = (this: Uint8Array, start: number, end: number) => string;
// Node's native decoder, called on the array itself (no Buffer view object per call).
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: Latin1Slice }).latin1Slice;

export const latin1: (bytes: Uint8Array) => string =
  typeof latin1Slice === 'function'
    ? (bytes) => latin1Slice.call(bytes, 0, bytes.length)
    : (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** Inverse of `latin1`: a plain Uint8Array. */
export function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
