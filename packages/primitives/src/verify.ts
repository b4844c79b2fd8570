/**
 * Signature verification with nearcore's rules (`near_crypto::Signature::verify`):
 *
 * - ed25519: the key must decode to a curve point; the signature is checked over the raw data
 *   (for transactions that data is the 32-byte transaction hash). Done with node:crypto, which
 *   needs the raw key wrapped in an SPKI DER structure.
 * - secp256k1: `data` must be exactly 32 bytes (a message digest, not hashed again); the last
 *   signature byte (recovery id) must be 0..3; r and s must be below the curve order; the
 *   signature is then checked as plain ECDSA against the stored 64-byte key. libsecp256k1, which
 *   nearcore uses, rejects high-s signatures, so we do too. As in nearcore, the recovery id is
 *   only range-checked, not used.
 * - ml-dsa-65: not supported here (returns false).
 * - mismatched key/signature types: false.
 */
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { KeyType, type PublicKey, type Signature } from './keys.js';
import { BoundedCache } from './bounded-cache.js';
import { latin1 } from './latin1.js';

const ED25519_SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

// Parsing the same key over and over (one signer, many transactions) is the common case: the
// SPKI DER wrapping and KeyObject construction cost nearly as much as the verification itself.
// Keyed by the exact 32 key bytes; bounded (a dropped key is only rebuilt, never judged
// differently). Keys that fail to parse are remembered as null.
const ED25519_KEY_CACHE_CAPACITY = 4096;
const ed25519KeyCache = new BoundedCache<string, KeyObject | null>(ED25519_KEY_CACHE_CAPACITY);

function ed25519KeyObject(raw: Uint8Array): KeyObject | null {
  const cacheKey = latin1(raw);
  const hit = ed25519KeyCache.get(cacheKey);
  if (hit !== undefined) return hit;
  const der = Buffer.allocUnsafe(ED25519_SPKI_PREFIX.length + 32);
  der.set(ED25519_SPKI_PREFIX);
  der.set(raw, ED25519_SPKI_PREFIX.length);
  let key: KeyObject | null;
  try {
    key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    key = null;
  }
  ed25519KeyCache.set(cacheKey, key);
  return key;
}

function bytesToBigInt(b: Uint8Array): bigint {
  let v = 0n;
  for (let i = 0; i < b.length; i++) v = (v << 8n) | BigInt(b[i]);
  return v;
}

export function verifyEd25519(data: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  const key = ed25519KeyObject(publicKey);
  if (key === null) return false;
  try {
    return nodeVerify(null, data, key, signature);
  } catch {
    return false;
  }
}

export function verifySecp256k1(data: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 65 || publicKey.length !== 64 || data.length !== 32) return false;
  if (signature[64] > 3) return false;
  const r = bytesToBigInt(signature.subarray(0, 32));
  const s = bytesToBigInt(signature.subarray(32, 64));
  if (r === 0n || s === 0n || r >= SECP256K1_N || s >= SECP256K1_N) return false;
  const sec1 = new Uint8Array(65);
  sec1[0] = 4;
  sec1.set(publicKey, 1);
  try {
    return secp256k1.verify(signature.subarray(0, 64), data, sec1, { prehash: false, lowS: true });
  } catch {
    return false;
  }
}

/** True when `signature` signs `data` under `publicKey` by nearcore's rules (see above). */
export function verifySignature(data: Uint8Array, signature: Signature, publicKey: PublicKey): boolean {
  if (signature.keyType !== publicKey.keyType) return false;
  switch (publicKey.keyType) {
    case KeyType.ED25519:
      return verifyEd25519(data, signature.data, publicKey.data);
    case KeyType.SECP256K1:
      return verifySecp256k1(data, signature.data, publicKey.data);
    default:
      return false;
  }
}
