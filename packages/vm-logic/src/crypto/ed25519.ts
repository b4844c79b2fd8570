/**
 * `ed25519_verify` with nearcore's semantics: ed25519-dalek 2.x `VerifyingKey::verify` (the
 * non-strict, cofactorless check) behind the legacy high-bits check on the signature.
 *
 * Host-function order (nearcore `logic.rs::ed25519_verify`):
 *   1. charge `ed25519_verify_base`
 *   2. read the signature; `ed25519SignatureEarlyReject(sig)` throws on a length ≠ 64 and returns
 *      true when the host must return 0 right away (before the message is read or charged)
 *   3. read the message; charge len·`ed25519_verify_byte`
 *   4. read the public key; `ed25519Verify(sig, msg, pk)` throws on a key length ≠ 32, else
 *      gives the result (1/0)
 *
 * dalek's verify, and so this function:
 *   - s (sig[32..64], little-endian) must be canonical (< L); otherwise false;
 *   - A is decompressed leniently: y is taken mod p (non-canonical y ≥ p is accepted), and the sign
 *     bit of x = 0 is ignored; an undecodable A gives false; small-order A is accepted;
 *   - R is never decoded: the check is encode([s]B − [k]A) == sig[0..32] byte for byte, with
 *     k = SHA-512(R ‖ A-as-given ‖ M) mod L. So a non-canonical R never verifies.
 * OpenSSL's verify (node:crypto) computes the same equation, so it is the fast path; keys with a
 * non-canonical y, and keys OpenSSL refuses to import, go through the bigint implementation below.
 */
import { createHash, createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { HostError } from '@nearts/vm-errors';
import { bigintFromLe, mod } from './bytes.js';

const Point = ed25519.Point;
const Fp = Point.Fp;
const P = Fp.ORDER;
const L = Point.CURVE().n;
const D = Point.CURVE().d;

const SPKI_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);

function invalidInput(msg: string): HostError {
  return new HostError({ kind: 'Ed25519VerifyInvalidInput', msg });
}

/**
 * Step 2. Throws `Ed25519VerifyInvalidInput("invalid signature length")` if `sig` is not 64 bytes.
 * Returns true if any of the top three bits of the last byte is set: nearcore keeps this check
 * (dropped from dalek 2) so that costs stay as they were, and answers 0 without reading the message.
 */
export function ed25519SignatureEarlyReject(signature: Uint8Array): boolean {
  if (signature.length !== 64) throw invalidInput('invalid signature length');
  return (signature[63]! & 0xe0) !== 0;
}

/** Full check in nearcore's order (see the module comment). */
export function ed25519Verify(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (ed25519SignatureEarlyReject(signature)) return false;
  if (publicKey.length !== 32) throw invalidInput('invalid public key length');
  if (!isCanonicalScalar(signature)) return false;
  if (!hasCanonicalY(publicKey)) return ed25519VerifyReference(signature, message, publicKey);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  } catch {
    return ed25519VerifyReference(signature, message, publicKey);
  }
  return nodeVerify(null, message, key, signature);
}

/**
 * The same verification on bigints, mirroring dalek step by step. Used for keys that node does not
 * take, and by the tests as an oracle for the node path.
 */
export function ed25519VerifyReference(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (ed25519SignatureEarlyReject(signature)) return false;
  if (publicKey.length !== 32) throw invalidInput('invalid public key length');
  const A = decompressLenient(publicKey);
  if (A === null) return false;
  if (!isCanonicalScalar(signature)) return false;
  const s = bigintFromLe(signature, 32, 64);
  const digest = createHash('sha512')
    .update(signature.subarray(0, 32))
    .update(publicKey)
    .update(message)
    .digest();
  const k = mod(bigintFromLe(digest), L);
  const expectedR = Point.BASE.multiplyUnsafe(s).subtract(A.multiplyUnsafe(k)).toBytes();
  for (let i = 0; i < 32; i++) if (expectedR[i] !== signature[i]) return false;
  return true;
}

/** s = sig[32..64] little-endian must be < L (dalek 2 `Scalar::from_canonical_bytes`). */
function isCanonicalScalar(signature: Uint8Array): boolean {
  return bigintFromLe(signature, 32, 64) < L;
}

function hasCanonicalY(publicKey: Uint8Array): boolean {
  const last = publicKey[31]! & 0x7f;
  const masked = Uint8Array.from(publicKey);
  masked[31] = last;
  return bigintFromLe(masked) < P;
}

/**
 * curve25519-dalek's `CompressedEdwardsY::decompress`: y is the low 255 bits reduced mod p;
 * x = √((y² − 1)/(d·y² + 1)) taken non-negative, then negated if the sign bit is set (−0 = 0).
 */
function decompressLenient(bytes: Uint8Array) {
  const masked = Uint8Array.from(bytes);
  masked[31] = masked[31]! & 0x7f;
  const y = mod(bigintFromLe(masked), P);
  const yy = Fp.sqr(y);
  const u = Fp.sub(yy, 1n);
  const v = Fp.add(Fp.mul(yy, D), 1n);
  let x: bigint;
  try {
    x = Fp.sqrt(Fp.div(u, v));
  } catch {
    return null;
  }
  if ((x & 1n) === 1n) x = Fp.neg(x);
  if ((bytes[31]! & 0x80) !== 0) x = Fp.neg(x);
  return Point.fromAffine({ x, y });
}
