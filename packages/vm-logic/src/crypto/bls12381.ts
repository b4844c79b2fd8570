/**
 * The `bls12381_*` host functions (nearcore `logic/bls12381.rs`, blst underneath). Encodings are
 * described in `bls12381-codec.ts`.
 *
 * Host-function order for every function except pairing (the `bls12381_impl!` macro):
 *   1. charge `*_base`
 *   2. charge `bls12381ElementCount(value_len, ITEM_SIZE)`·`*_element`, computed from the
 *      `value_len` ARGUMENT before anything is read (with value_len = u64::MAX in register mode the
 *      product usually overflows → IntegerOverflow, or exhausts gas: a nearcore quirk)
 *   3. read the input
 *   4. call the function: a length not divisible by the item size throws `BLS12381InvalidInput`;
 *      null means "return 1, write nothing"; bytes mean "write them to the register (RW), return 0"
 * Pairing: charge `bls12381_pairing_base`, read, charge `bls12381PairingElementCount(data)`·
 * `bls12381_pairing_element` (from the data length), then `bls12381PairingCheck` (0/1/2).
 *
 * `notInGroupFix` is the `bls12381_not_in_group_fix` config flag (nightly, NEP-488). It makes the
 * sum and decompress functions accept (0, ±2), which blst flags as not in the group; without it
 * they return 1 for it. Multiexp and pairing reject that point either way (subgroup check).
 *
 * Cost (test/crypto/crypto.bench.ts, noble bigint arithmetic, a loaded 2-core dev box): about
 * 10 ms per G1 multiexp point and 20–35 ms per G2 point (subgroup check included), 70 ms for a
 * two-pair pairing check, 17 ms per map_fp2_to_g2 element.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { HostError } from '@nearts/vm-errors';
import { bigintFromLe } from './bytes.js';
import {
  Fp12,
  FP_SIZE,
  FP2_SIZE,
  G1,
  G2,
  P1_COMPRESSED_SIZE,
  P1_SIZE,
  P2_COMPRESSED_SIZE,
  P2_SIZE,
  deserializeP1,
  deserializeP2,
  readFp,
  readFp2,
  serializeP1,
  serializeP2,
  uncompressP1,
  uncompressP2,
  type G1Point,
  type G2Point,
  type Parsed,
} from './bls12381-codec.js';
import { multiScalarMul } from './msm.js';

const SCALAR_SIZE = 32;
const R = G1.CURVE().n;

// noble's hasher `mapToCurve` returns the cofactor-cleared point and takes a bare bigint when the
// extension degree is 1; its declared type (affine result, array argument) says otherwise.
const mapToG1 = bls12_381.G1.mapToCurve as unknown as (u: bigint) => G1Point;
const mapToG2 = bls12_381.G2.mapToCurve as unknown as (u: [bigint, bigint]) => G2Point;

export const BLS12381_P1_SUM_ITEM_SIZE = 1 + P1_SIZE; // 97
export const BLS12381_P2_SUM_ITEM_SIZE = 1 + P2_SIZE; // 193
export const BLS12381_G1_MULTIEXP_ITEM_SIZE = P1_SIZE + SCALAR_SIZE; // 128
export const BLS12381_G2_MULTIEXP_ITEM_SIZE = P2_SIZE + SCALAR_SIZE; // 224
export const BLS12381_MAP_FP_TO_G1_ITEM_SIZE = FP_SIZE; // 48
export const BLS12381_MAP_FP2_TO_G2_ITEM_SIZE = FP2_SIZE; // 96
export const BLS12381_P1_DECOMPRESS_ITEM_SIZE = P1_COMPRESSED_SIZE; // 48
export const BLS12381_P2_DECOMPRESS_ITEM_SIZE = P2_COMPRESSED_SIZE; // 96
export const BLS12381_PAIRING_CHECK_ITEM_SIZE = P1_SIZE + P2_SIZE; // 288

/** Element count charged before the read: `value_len / item_size` on the u64 argument. */
export function bls12381ElementCount(valueLen: bigint, itemSize: number): bigint {
  return valueLen / BigInt(itemSize);
}

/** Element count charged by `bls12381_pairing_check`, from the data actually read. */
export function bls12381PairingElementCount(data: Uint8Array): bigint {
  return BigInt(Math.floor(data.length / BLS12381_PAIRING_CHECK_ITEM_SIZE));
}

function checkInputSize(data: Uint8Array, itemSize: number, fnName: string): number {
  if (data.length % itemSize !== 0) {
    throw new HostError({
      kind: 'BLS12381InvalidInput',
      msg: `Incorrect input length for ${fnName}: ${data.length} is not divisible by ${itemSize}`,
    });
  }
  return data.length / itemSize;
}

function accepted<T>(parsed: Parsed<T>, notInGroupFix: boolean): T | null {
  if (parsed.status === 'ok') return parsed.point;
  if (parsed.status === 'notInGroup' && notInGroupFix) return parsed.point;
  return null;
}

/** nearcore's `parse_p*`: the compression bit is refused, then blst deserialization. */
function parseP1(bytes: Uint8Array, notInGroupFix: boolean): G1Point | null {
  if ((bytes[0]! & 0x80) !== 0) return null;
  return accepted(deserializeP1(bytes), notInGroupFix);
}

function parseP2(bytes: Uint8Array, notInGroupFix: boolean): G2Point | null {
  if ((bytes[0]! & 0x80) !== 0) return null;
  return accepted(deserializeP2(bytes), notInGroupFix);
}

/** Shape shared by G1 and G2 so each algorithm is written once. */
interface Group<T> {
  name: 'bls12381_p1' | 'bls12381_p2';
  pointSize: number;
  compressedSize: number;
  Point: typeof G1 | typeof G2;
  parse(bytes: Uint8Array, notInGroupFix: boolean): T | null;
  uncompress(bytes: Uint8Array): Parsed<T>;
  serialize(p: T): Uint8Array;
}

const GROUP1: Group<G1Point> = {
  name: 'bls12381_p1',
  pointSize: P1_SIZE,
  compressedSize: P1_COMPRESSED_SIZE,
  Point: G1,
  parse: parseP1,
  uncompress: uncompressP1,
  serialize: serializeP1,
};

const GROUP2: Group<G2Point> = {
  name: 'bls12381_p2',
  pointSize: P2_SIZE,
  compressedSize: P2_COMPRESSED_SIZE,
  Point: G2,
  parse: parseP2,
  uncompress: uncompressP2,
  serialize: serializeP2,
};

type AnyPoint = G1Point | G2Point;

function sum<T extends AnyPoint>(g: Group<T>, data: Uint8Array, fix: boolean): Uint8Array | null {
  const itemSize = 1 + g.pointSize;
  const count = checkInputSize(data, itemSize, `${g.name}_sum`);
  let acc = g.Point.ZERO as T;
  for (let i = 0; i < count; i++) {
    const item = data.subarray(i * itemSize, (i + 1) * itemSize);
    const point = g.parse(item.subarray(1), fix);
    if (point === null) return null;
    const sign = item[0];
    if (sign !== 0 && sign !== 1) return null;
    acc = (sign === 1 ? acc.subtract(point as never) : acc.add(point as never)) as T;
  }
  return g.serialize(acc);
}

function multiexp<T extends AnyPoint>(
  g: Group<T>,
  data: Uint8Array,
  fix: boolean,
): Uint8Array | null {
  const itemSize = g.pointSize + SCALAR_SIZE;
  const count = checkInputSize(data, itemSize, `${g.name}_multiexp`);
  const points: T[] = [];
  const scalars: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const item = data.subarray(i * itemSize, (i + 1) * itemSize);
    const point = g.parse(item.subarray(0, g.pointSize), fix);
    if (point === null || !point.isTorsionFree()) return null;
    points.push(point);
    // Little-endian scalar, any 256-bit value; reducing mod r is exact on the subgroup.
    scalars.push(bigintFromLe(item, g.pointSize, itemSize) % R);
  }
  return g.serialize(multiScalarMul(g.Point as never, points as never[], scalars) as T);
}

function decompress<T extends AnyPoint>(
  g: Group<T>,
  data: Uint8Array,
  fix: boolean,
): Uint8Array | null {
  const count = checkInputSize(data, g.compressedSize, `${g.name}_decompress`);
  const out = new Uint8Array(count * g.pointSize);
  for (let i = 0; i < count; i++) {
    const item = data.subarray(i * g.compressedSize, (i + 1) * g.compressedSize);
    const point = accepted(g.uncompress(item), fix);
    if (point === null) return null;
    out.set(g.serialize(point), i * g.pointSize);
  }
  return out;
}

export function bls12381P1Sum(data: Uint8Array, notInGroupFix: boolean): Uint8Array | null {
  return sum(GROUP1, data, notInGroupFix);
}

export function bls12381P2Sum(data: Uint8Array, notInGroupFix: boolean): Uint8Array | null {
  return sum(GROUP2, data, notInGroupFix);
}

export function bls12381G1Multiexp(data: Uint8Array, notInGroupFix: boolean): Uint8Array | null {
  return multiexp(GROUP1, data, notInGroupFix);
}

export function bls12381G2Multiexp(data: Uint8Array, notInGroupFix: boolean): Uint8Array | null {
  return multiexp(GROUP2, data, notInGroupFix);
}

export function bls12381P1Decompress(data: Uint8Array, notInGroupFix: boolean): Uint8Array | null {
  return decompress(GROUP1, data, notInGroupFix);
}

export function bls12381P2Decompress(data: Uint8Array, notInGroupFix: boolean): Uint8Array | null {
  return decompress(GROUP2, data, notInGroupFix);
}

/**
 * Maps each 48-byte Fp element to G1 (RFC 9380 simplified SWU + 11-isogeny, then cofactor
 * clearing: blst `map_to_g1` without a second element). An element ≥ p gives null.
 * `notInGroupFix` is accepted for a uniform signature; mapping does not depend on it.
 */
export function bls12381MapFpToG1(data: Uint8Array, _notInGroupFix?: boolean): Uint8Array | null {
  const count = checkInputSize(data, FP_SIZE, 'bls12381_map_fp_to_g1');
  const out = new Uint8Array(count * P1_SIZE);
  for (let i = 0; i < count; i++) {
    const u = readFp(data, i * FP_SIZE);
    if (u === null) return null;
    out.set(serializeP1(mapToG1(u)), i * P1_SIZE);
  }
  return out;
}

/** Maps each 96-byte Fp2 element (c1‖c0) to G2 (SWU + 3-isogeny + cofactor clearing). */
export function bls12381MapFp2ToG2(data: Uint8Array, _notInGroupFix?: boolean): Uint8Array | null {
  const count = checkInputSize(data, FP2_SIZE, 'bls12381_map_fp2_to_g2');
  const out = new Uint8Array(count * P2_SIZE);
  for (let i = 0; i < count; i++) {
    const u = readFp2(data, i * FP2_SIZE);
    if (u === null) return null;
    out.set(serializeP2(mapToG2([u.c0, u.c1])), i * P2_SIZE);
  }
  return out;
}

/**
 * 0 if Π e(G1ᵢ, G2ᵢ) = 1 (empty input included), 2 if not, 1 if any point is malformed, off the
 * curve or outside its subgroup — (0, ±2) included, regardless of the not-in-group fix.
 */
export function bls12381PairingCheck(data: Uint8Array): 0 | 1 | 2 {
  const count = checkInputSize(data, BLS12381_PAIRING_CHECK_ITEM_SIZE, 'bls12381_pairing_check');
  const pairs: { g1: G1Point; g2: G2Point }[] = [];
  for (let i = 0; i < count; i++) {
    const item = data.subarray(i * 288, (i + 1) * 288);
    const p1 = item.subarray(0, P1_SIZE);
    if ((p1[0]! & 0x80) !== 0) return 1;
    const g1 = deserializeP1(p1);
    if (g1.status !== 'ok' || !g1.point.isTorsionFree()) return 1;
    const p2 = item.subarray(P1_SIZE);
    if ((p2[0]! & 0x80) !== 0) return 1;
    const g2 = deserializeP2(p2);
    if (g2.status !== 'ok' || !g2.point.isTorsionFree()) return 1;
    // A pair with ∞ on either side contributes 1 (blst's Miller loop does the same).
    if (!g1.point.is0() && !g2.point.is0()) pairs.push({ g1: g1.point, g2: g2.point });
  }
  if (pairs.length === 0) return 0;
  // The points are validated above; `pairingBatch` would re-check every subgroup membership.
  const loops = pairs.map(({ g1, g2 }) => {
    const { x, y } = g1.toAffine();
    return [bls12_381.utils.calcPairingPrecomputes(g2), x, y] as Parameters<typeof bls12_381.millerLoopBatch>[0][number];
  });
  return Fp12.eql(Fp12.finalExponentiate(bls12_381.millerLoopBatch(loops)), Fp12.ONE) ? 0 : 2;
}
