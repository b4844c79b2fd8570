/**
 * Byte and integer helpers shared by the crypto host functions.
 *
 * Curves disagree on endianness (alt_bn128 and scalars are little-endian, BLS12-381, secp256k1
 * and P-256 coordinates are big-endian), so every conversion names its byte order.
 */

/** Unsigned big-endian bytes → bigint. */
export function bigintFromBe(bytes: Uint8Array, start = 0, end = bytes.length): bigint {
  let hex = '';
  for (let i = start; i < end; i++) hex += HEX_BYTE[bytes[i]!];
  return hex === '' ? 0n : BigInt('0x' + hex);
}

/** Unsigned little-endian bytes → bigint. */
export function bigintFromLe(bytes: Uint8Array, start = 0, end = bytes.length): bigint {
  let hex = '';
  for (let i = end - 1; i >= start; i--) hex += HEX_BYTE[bytes[i]!];
  return hex === '' ? 0n : BigInt('0x' + hex);
}

/** Writes `value` (which must fit) as `length` big-endian bytes into `out` at `offset`. */
export function writeBe(out: Uint8Array, offset: number, length: number, value: bigint): void {
  let v = value;
  for (let i = offset + length - 1; i >= offset; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** Writes `value` (which must fit) as `length` little-endian bytes into `out` at `offset`. */
export function writeLe(out: Uint8Array, offset: number, length: number, value: bigint): void {
  let v = value;
  for (let i = offset; i < offset + length; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/**
 * Rust's `{:X?}` rendering of a byte slice, e.g. `[0, 1A, FF]`. nearcore's alt_bn128 errors embed
 * the offending bytes this way, so the text must match exactly.
 */
export function rustUpperHexDebug(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (const b of bytes) parts.push(b.toString(16).toUpperCase());
  return `[${parts.join(', ')}]`;
}

const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);

/** Non-negative remainder. */
export function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** Modular inverse by the extended Euclidean algorithm; `a` must be invertible mod `m`. */
export function invert(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, m);
}
