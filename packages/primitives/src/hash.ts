/** CryptoHash: 32 raw bytes, shown as base58. SHA-256 via node:crypto. */
import { createHash, hash as oneShotHash } from 'node:crypto';
import { base58Decode, base58Encode } from './base58.js';
import { BorshError } from './borsh/errors.js';
import { fixedBytesCodec, type Codec } from './borsh/codec.js';

/** 32 bytes. A plain Uint8Array so it can be passed to hashing and storage code directly. */
export type CryptoHash = Uint8Array;

export const CRYPTO_HASH_LENGTH = 32;

/** The all-zero hash (`CryptoHash::default()`), e.g. "no contract" in AccountV1.code_hash. */
export const ZERO_HASH: CryptoHash = new Uint8Array(32);

// node:crypto's one-shot `hash` (Node >= 20.12) skips the Hash object, and asking it for a latin1
// ('binary') string instead of a Buffer skips a separate backing store per digest: both cost
// more than hashing a few dozen bytes.
const oneShotLatin1 = typeof oneShotHash === 'function' ? (data: Uint8Array) => oneShotHash('sha256', data, 'binary') : undefined;

export function sha256(data: Uint8Array): CryptoHash {
  if (oneShotLatin1 !== undefined) {
    const s = oneShotLatin1(data);
    const out = new Uint8Array(32);
    for (let i = 0; i < 32; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** SHA-256 of several byte strings concatenated, without building the concatenation. */
export function sha256Concat(...parts: Uint8Array[]): CryptoHash {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

export function hashToBase58(hash: CryptoHash): string {
  return base58Encode(hash);
}

/** Parses a base58 hash; anything that does not decode to exactly 32 bytes is a BorshError. */
export function hashFromBase58(s: string): CryptoHash {
  const bytes = base58Decode(s);
  if (bytes.length !== CRYPTO_HASH_LENGTH) {
    throw new BorshError('invalid_string', `a CryptoHash needs 32 bytes, ${JSON.stringify(s)} decodes to ${bytes.length}`);
  }
  return bytes;
}

export function hashEquals(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Strict hex decoding (even length, hex digits only). */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new BorshError('invalid_string', `not a hex string (length ${hex.length})`);
  }
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

export const CryptoHashCodec: Codec<CryptoHash> = fixedBytesCodec(32, 'CryptoHash');
