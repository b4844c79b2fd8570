/**
 * BLS12-381 point and field encodings as nearcore's blst calls see them (ZCash serialization).
 *
 *   Fp     48 bytes big-endian, must be < p
 *   Fp2    c1‖c0 (96 bytes) for c0 + c1·u
 *   G1     uncompressed x‖y (96), compressed x (48);  G2: uncompressed x‖y (192), compressed x (96)
 *   flags  top three bits of byte 0: 0x80 compressed, 0x40 infinity, 0x20 sign of y
 *          ("lexicographically largest": y > (p−1)/2; for Fp2 decided by c1, or by c0 if c1 = 0)
 *   ∞      0x40 then zeros (uncompressed), 0xC0 then zeros (compressed); anything else with the
 *          infinity bit is a bad encoding. An all-zero uncompressed point is NOT ∞: it is off the
 *          curve.
 *
 * Parsing returns blst's verdict, because nearcore treats `POINT_NOT_IN_GROUP` specially: blst
 * only reports it for a G1 point with x = 0, i.e. (0, ±2), which is on E(Fp) but outside G1. No
 * other subgroup check happens while parsing.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bigintFromBe, writeBe } from './bytes.js';

export const G1 = bls12_381.G1.Point;
export const G2 = bls12_381.G2.Point;
export const { Fp, Fp2, Fp12 } = bls12_381.fields;
export type G1Point = InstanceType<typeof G1>;
export type G2Point = InstanceType<typeof G2>;
type Fp2Value = { c0: bigint; c1: bigint };

const P = Fp.ORDER;
const HALF_P = (P - 1n) / 2n;
const B1 = G1.CURVE().b;
const B2 = G2.CURVE().b;

export const FP_SIZE = 48;
export const FP2_SIZE = 96;
export const P1_SIZE = 96;
export const P2_SIZE = 192;
export const P1_COMPRESSED_SIZE = 48;
export const P2_COMPRESSED_SIZE = 96;

/** blst's outcome of a parse. `notInGroup` carries the (on-curve) point. */
export type Parsed<T> =
  | { status: 'ok'; point: T }
  | { status: 'notInGroup'; point: T }
  | { status: 'bad' };

const BAD = { status: 'bad' } as const;

/** A canonical Fp element (`blst_fp_from_bendian` round trip), or null if ≥ p. */
export function readFp(bytes: Uint8Array, offset: number): bigint | null {
  const v = bigintFromBe(bytes, offset, offset + FP_SIZE);
  return v < P ? v : null;
}

/** A canonical Fp2 element encoded c1‖c0, or null if either half is ≥ p. */
export function readFp2(bytes: Uint8Array, offset: number): Fp2Value | null {
  const c1 = readFp(bytes, offset);
  const c0 = readFp(bytes, offset + FP_SIZE);
  return c1 === null || c0 === null ? null : { c0, c1 };
}

/** Infinity marker: byte 0 is exactly `flags` (its other low bits zero) and the rest is zero. */
function isInfinityEncoding(bytes: Uint8Array, flags: number): boolean {
  if (bytes[0] !== flags) return false;
  for (let i = 1; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * `blst_p1_deserialize` for an input whose compression bit is clear (every nearcore caller
 * rejects that bit first).
 */
export function deserializeP1(bytes: Uint8Array): Parsed<G1Point> {
  const b0 = bytes[0]!;
  if ((b0 & 0xe0) !== 0) {
    return (b0 & 0x80) === 0 && isInfinityEncoding(bytes, 0x40)
      ? { status: 'ok', point: G1.ZERO }
      : BAD;
  }
  const x = readFp(bytes, 0);
  const y = readFp(bytes, FP_SIZE);
  if (x === null || y === null) return BAD;
  if (Fp.sqr(y) !== Fp.add(Fp.mul(Fp.sqr(x), x), B1)) return BAD;
  const point = G1.fromAffine({ x, y });
  return x === 0n ? { status: 'notInGroup', point } : { status: 'ok', point };
}

/** `blst_p2_deserialize`, compression bit clear. G2 has no x = 0 point, so never `notInGroup`. */
export function deserializeP2(bytes: Uint8Array): Parsed<G2Point> {
  const b0 = bytes[0]!;
  if ((b0 & 0xe0) !== 0) {
    return (b0 & 0x80) === 0 && isInfinityEncoding(bytes, 0x40)
      ? { status: 'ok', point: G2.ZERO }
      : BAD;
  }
  const x = readFp2(bytes, 0);
  const y = readFp2(bytes, FP2_SIZE);
  if (x === null || y === null) return BAD;
  if (!Fp2.eql(Fp2.sqr(y), Fp2.add(Fp2.mul(Fp2.sqr(x), x), B2))) return BAD;
  return { status: 'ok', point: G2.fromAffine({ x, y }) };
}

/** `blst_p1_uncompress` (48 bytes). */
export function uncompressP1(bytes: Uint8Array): Parsed<G1Point> {
  const b0 = bytes[0]!;
  if ((b0 & 0x80) === 0) return BAD;
  if ((b0 & 0x40) !== 0) {
    return isInfinityEncoding(bytes, 0xc0) ? { status: 'ok', point: G1.ZERO } : BAD;
  }
  const masked = Uint8Array.from(bytes);
  masked[0] = b0 & 0x1f;
  const x = readFp(masked, 0);
  if (x === null) return BAD;
  let y = sqrtOrNull(() => Fp.sqrt(Fp.add(Fp.mul(Fp.sqr(x), x), B1)));
  if (y === null) return BAD;
  if (y > HALF_P !== ((b0 & 0x20) !== 0)) y = Fp.neg(y);
  const point = G1.fromAffine({ x, y });
  return x === 0n ? { status: 'notInGroup', point } : { status: 'ok', point };
}

/** `blst_p2_uncompress` (96 bytes). */
export function uncompressP2(bytes: Uint8Array): Parsed<G2Point> {
  const b0 = bytes[0]!;
  if ((b0 & 0x80) === 0) return BAD;
  if ((b0 & 0x40) !== 0) {
    return isInfinityEncoding(bytes, 0xc0) ? { status: 'ok', point: G2.ZERO } : BAD;
  }
  const masked = Uint8Array.from(bytes);
  masked[0] = b0 & 0x1f;
  const x = readFp2(masked, 0);
  if (x === null) return BAD;
  let y = sqrtOrNull(() => Fp2.sqrt(Fp2.add(Fp2.mul(Fp2.sqr(x), x), B2)));
  if (y === null) return BAD;
  const largest = y.c1 !== 0n ? y.c1 > HALF_P : y.c0 > HALF_P;
  if (largest !== ((b0 & 0x20) !== 0)) y = Fp2.neg(y);
  return { status: 'ok', point: G2.fromAffine({ x, y }) };
}

function sqrtOrNull<T>(root: () => T): T | null {
  try {
    return root();
  } catch {
    return null;
  }
}

/** `blst_p1_affine_serialize`: x‖y big-endian, or 0x40‖0… for ∞. */
export function serializeP1(p: G1Point): Uint8Array {
  const out = new Uint8Array(P1_SIZE);
  if (p.is0()) {
    out[0] = 0x40;
    return out;
  }
  const { x, y } = p.toAffine();
  writeBe(out, 0, FP_SIZE, x);
  writeBe(out, FP_SIZE, FP_SIZE, y);
  return out;
}

/** `blst_p2_affine_serialize`: x.c1‖x.c0‖y.c1‖y.c0 big-endian, or 0x40‖0… for ∞. */
export function serializeP2(p: G2Point): Uint8Array {
  const out = new Uint8Array(P2_SIZE);
  if (p.is0()) {
    out[0] = 0x40;
    return out;
  }
  const { x, y } = p.toAffine();
  writeBe(out, 0, FP_SIZE, x.c1);
  writeBe(out, FP_SIZE, FP_SIZE, x.c0);
  writeBe(out, 2 * FP_SIZE, FP_SIZE, y.c1);
  writeBe(out, 3 * FP_SIZE, FP_SIZE, y.c0);
  return out;
}
