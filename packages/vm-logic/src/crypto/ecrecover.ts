/**
 * `ecrecover`: secp256k1 public-key recovery (nearcore `logic.rs::ecrecover`, near-crypto
 * `Secp256K1Signature::{check_signature_values, recover}`, libsecp256k1's recovery).
 *
 * Host-function order (the wrapper must interleave reads and checks exactly so):
 *   1. charge `ecrecover_base`
 *   2. read the signature, then `ecrecoverCheckSignature(sig, v)`  (length, then v)
 *   3. read the hash, then `ecrecoverCheckHash(hash)`
 *   4. `ecrecover(hash, sig, v, malleabilityFlag)`: checks the flag, returns the 64-byte key or
 *      null (the host returns 0 and writes nothing); on a key, write it to the register (RW(64))
 *      and return 1.
 * There is no per-byte fee.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { HostError } from '@nearts/vm-errors';
import { bigintFromBe, invert, mod, writeBe } from './bytes.js';

const Point = secp256k1.Point;
const P = Point.CURVE().p;
const N = Point.CURVE().n;
/** near-crypto's `SECP256K1_N_HALF_ONE` = ⌊n/2⌋ + 1: with the malleability flag, s must be below. */
const N_HALF_ONE = N / 2n + 1n;

function recoverError(msg: string): HostError {
  return new HostError({ kind: 'ECRecoverError', msg });
}

/** Step 2: signature length (must be 64), then the recovery byte v (must be 0..=3). */
export function ecrecoverCheckSignature(signature: Uint8Array, v: bigint): void {
  if (signature.length !== 64) {
    throw recoverError(
      `The length of the signature: ${signature.length}, exceeds the limit of 64 bytes`,
    );
  }
  if (v < 0n || v >= 4n) {
    throw recoverError(`V recovery byte 0 through 3 are valid but was provided ${v}`);
  }
}

/** Step 3: the hash must be exactly 32 bytes. */
export function ecrecoverCheckHash(hash: Uint8Array): void {
  if (hash.length !== 32) {
    throw recoverError(`The length of the hash: ${hash.length}, exceeds the limit of 32 bytes`);
  }
}

/** The malleability flag must be 0 or 1 (checked after both reads). */
export function ecrecoverCheckMalleabilityFlag(flag: bigint): void {
  if (flag !== 0n && flag !== 1n) {
    throw recoverError(`Malleability flag needs to be 0 or 1, but is instead ${flag}`);
  }
}

/**
 * Recovers the signer's uncompressed public key (x‖y, 64 bytes, no 0x04 prefix), or null when
 * nearcore returns 0: r ≥ n, s ≥ n (s > n/2 with the flag set), r or s zero, no curve point with
 * the x-coordinate r (+n for v ≥ 2), or the recovered point is the identity.
 * Throws ECRecoverError for the malformed-argument cases, in nearcore's order.
 */
export function ecrecover(
  hash: Uint8Array,
  signature: Uint8Array,
  v: bigint,
  malleabilityFlag: bigint,
): Uint8Array | null {
  ecrecoverCheckSignature(signature, v);
  ecrecoverCheckHash(hash);
  ecrecoverCheckMalleabilityFlag(malleabilityFlag);

  const r = bigintFromBe(signature, 0, 32);
  const s = bigintFromBe(signature, 32, 64);
  // near-crypto's range check; it does not reject zero, but libsecp256k1's recovery does.
  if (!(r < N && s < (malleabilityFlag === 1n ? N_HALF_ONE : N))) return null;
  if (r === 0n || s === 0n) return null;

  const recid = Number(v);
  let x = r;
  if (recid & 2) {
    // The nonce point's x was ≥ n; it is only representable if r + n < p.
    if (r >= P - N) return null;
    x = r + N;
  }
  const R = liftX(x, (recid & 1) === 1);
  if (R === null) return null;

  const e = mod(bigintFromBe(hash), N);
  const rInv = invert(r, N);
  const u1 = mod(-e * rInv, N);
  const u2 = mod(s * rInv, N);
  const Q = Point.BASE.multiplyUnsafe(u1).add(R.multiplyUnsafe(u2));
  if (Q.is0()) return null;

  const { x: qx, y: qy } = Q.toAffine();
  const out = new Uint8Array(64);
  writeBe(out, 0, 32, qx);
  writeBe(out, 32, 32, qy);
  return out;
}

/** The curve point with x-coordinate `x` and the given y parity, or null if none exists. */
function liftX(x: bigint, odd: boolean) {
  const Fp = Point.Fp;
  const rhs = Fp.add(Fp.mul(Fp.sqr(x), x), 7n);
  let y: bigint;
  try {
    y = Fp.sqrt(rhs);
  } catch {
    return null;
  }
  if (((y & 1n) === 1n) !== odd) y = Fp.neg(y);
  return Point.fromAffine({ x, y });
}
