/**
 * Bytes as a latin1 string (one char per byte), through Node's native decoder called on the
 * array itself: no Buffer view per call, and no `.buffer` access, which on a small array V8 keeps
 * on its heap would first move the bytes into a new off-heap buffer.
 */
type Latin1Slice = (this: Uint8Array, start: number, end: number) => string;
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: Latin1Slice }).latin1Slice;

export const latin1: (bytes: Uint8Array) => string =
  typeof latin1Slice === 'function'
    ? (bytes) => latin1Slice.call(bytes, 0, bytes.length)
    : (bytes) => String.fromCharCode.apply(null, Array.from(bytes));
