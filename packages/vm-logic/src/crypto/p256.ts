/**
 * `p256_verify` (NEP-635, gated by `p256_verify_host_fn`): ECDSA over NIST P-256 where the
 * message IS the prehash (RustCrypto p256 0.13 `VerifyingKey::verify_prehash`).
 *
 * Host-function order (nearcore `logic.rs::p256_verify`):
 *   1. charge `p256_verify_base`
 *   2. read the signature; `p256SignatureEarlyReject(sig)` throws on a length ≠ 64 and returns
 *      true when the host must return 0 right away (r or s outside [1, n−1])
 *   3. read the message; charge len·`p256_verify_byte`
 *   4. read the public key; `p256Verify(sig, msg, pk)` throws on a key length ≠ 33, else gives 1/0
 *
 * Semantics:
 *   - signature r‖s, 32-byte big-endian each, both in [1, n−1]; high s is accepted (no low-s rule);
 *   - key: 33-byte compressed SEC1 (tag 0x02/0x03, x < p, on the curve); anything else gives false;
 *   - prehash → z (ecdsa `bits2field`): shorter than 16 bytes gives false; shorter than 32 is
 *     left-padded with zeros; longer than 32 is truncated to its first 32 bytes; then z mod n;
 *   - accept iff x(u1·G + u2·Q) mod n == r, with u1 = z/s, u2 = r/s (identity never accepts).
 */
import { p256 } from '@noble/curves/nist.js';
import { HostError } from '@nearts/vm-errors';
import { bigintFromBe, invert, mod } from './bytes.js';

const Point = p256.Point;
const { n: N, a: A, b: B } = Point.CURVE();

function invalidInput(msg: string): HostError {
  return new HostError({ kind: 'P256VerifyInvalidInput', msg });
}

/**
 * Step 2. Throws `P256VerifyInvalidInput("invalid signature length")` unless 64 bytes; returns
 * true if `Signature::from_slice` would fail (r or s is zero or ≥ n).
 */
export function p256SignatureEarlyReject(signature: Uint8Array): boolean {
  if (signature.length !== 64) throw invalidInput('invalid signature length');
  const r = bigintFromBe(signature, 0, 32);
  const s = bigintFromBe(signature, 32, 64);
  return r === 0n || r >= N || s === 0n || s >= N;
}

/** Full check in nearcore's order (see the module comment). */
export function p256Verify(
  signature: Uint8Array,
  prehash: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (p256SignatureEarlyReject(signature)) return false;
  if (publicKey.length !== 33) throw invalidInput('invalid public key length');
  const Q = decodeCompressedKey(publicKey);
  if (Q === null) return false;
  if (prehash.length < 16) return false;

  const r = bigintFromBe(signature, 0, 32);
  const s = bigintFromBe(signature, 32, 64);
  const z = mod(bigintFromBe(prehash, 0, Math.min(prehash.length, 32)), N);
  const sInv = invert(s, N);
  const u1 = mod(z * sInv, N);
  const u2 = mod(r * sInv, N);
  const R = Point.BASE.multiplyUnsafe(u1).add(Q.multiplyUnsafe(u2));
  if (R.is0()) return false;
  return mod(R.toAffine().x, N) === r;
}

/** SEC1 compressed point → curve point, or null (bad tag, x ≥ p, no square root). */
function decodeCompressedKey(bytes: Uint8Array) {
  const tag = bytes[0];
  if (tag !== 0x02 && tag !== 0x03) return null;
  const Fp = Point.Fp;
  const x = bigintFromBe(bytes, 1, 33);
  if (x >= Fp.ORDER) return null;
  const rhs = Fp.add(Fp.add(Fp.mul(Fp.sqr(x), x), Fp.mul(A, x)), B);
  let y: bigint;
  try {
    y = Fp.sqrt(rhs);
  } catch {
    return null;
  }
  if (((y & 1n) === 1n) !== (tag === 0x03)) y = Fp.neg(y);
  return Point.fromAffine({ x, y });
}
