/**
 * alt_bn128 (BN254) host functions with nearcore's encoding (`logic/alt_bn128.rs`, zeropool-bn):
 *
 *   Fq, Fr   32 bytes, little-endian (NOT the big-endian EIP-196 layout)
 *   G1       x‖y (64 bytes); (0, 0) is the point at infinity
 *   G2       x‖y, each Fq2 = re‖im (128 bytes); all-zero is the point at infinity
 *   sign     1 byte: 0 = +, 1 = −
 *
 * Host-function order (all three): charge `*_base`; read the input; count the items with
 * `altBn128*Elements(data)`, which throws `AltBn128InvalidInput` if the length is not a multiple of
 * the item size; charge count·`*_element`; then call the function (point errors are thrown here);
 * multiexp and sum write 64 bytes to the register (RW(64)), pairing returns 1/0.
 *
 * Items are decoded in order and the first bad one decides the error: Fq ≥ q ("invalid fq"),
 * point not on the curve ("invalid g1"), G2 off the curve or outside the order-r subgroup
 * ("invalid g2"), scalar ≥ r ("invalid fr"), sign byte not 0/1 ("invalid bool"). Each message ends
 * with the offending bytes in Rust's `{:X?}` form.
 *
 * Cost (test/crypto/crypto.bench.ts, same caveats as bls12381.ts): about 90 ms for a two-pair
 * pairing check, 35 ms for a 16-point multiexp.
 */
import { bn254 } from '@noble/curves/bn254.js';
import { HostError } from '@nearts/vm-errors';
import { bigintFromLe, rustUpperHexDebug, writeLe } from './bytes.js';
import { multiScalarMul } from './msm.js';

const G1 = bn254.G1.Point;
const G2 = bn254.G2.Point;
const { Fp, Fp2, Fp12 } = bn254.fields;
const Q = Fp.ORDER;
const R = G1.CURVE().n;
const B1 = G1.CURVE().b;
const B2 = G2.CURVE().b;

type G1Point = InstanceType<typeof G1>;
type G2Point = InstanceType<typeof G2>;

export const ALT_BN128_G1_MULTIEXP_ITEM_SIZE = 96;
export const ALT_BN128_G1_SUM_ITEM_SIZE = 65;
export const ALT_BN128_PAIRING_CHECK_ITEM_SIZE = 192;

function invalidInput(msg: string): HostError {
  return new HostError({ kind: 'AltBn128InvalidInput', msg });
}

function invalidValue(what: string, raw: Uint8Array): HostError {
  return invalidInput(`${what}: ${rustUpperHexDebug(raw)}`);
}

/** nearcore's `split_elements`: item count, or the `InexactChunkingError` text. */
function splitElements(data: Uint8Array, itemSize: number): number {
  if (data.length % itemSize !== 0) {
    throw invalidInput(
      `slice of size ${data.length} cannot be precisely split into chunks of size ${itemSize}`,
    );
  }
  return data.length / itemSize;
}

/** Items charged as `alt_bn128_g1_multiexp_element` (throws on a bad length). */
export function altBn128G1MultiexpElements(data: Uint8Array): number {
  return splitElements(data, ALT_BN128_G1_MULTIEXP_ITEM_SIZE);
}

/** Items charged as `alt_bn128_g1_sum_element` (throws on a bad length). */
export function altBn128G1SumElements(data: Uint8Array): number {
  return splitElements(data, ALT_BN128_G1_SUM_ITEM_SIZE);
}

/** Items charged as `alt_bn128_pairing_check_element` (throws on a bad length). */
export function altBn128PairingCheckElements(data: Uint8Array): number {
  return splitElements(data, ALT_BN128_PAIRING_CHECK_ITEM_SIZE);
}

/** Σ sᵢ·Pᵢ over items (G1 64 bytes, Fr 32 bytes); returns the 64-byte point. */
export function altBn128G1Multiexp(data: Uint8Array): Uint8Array {
  const count = altBn128G1MultiexpElements(data);
  const points: G1Point[] = [];
  const scalars: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const item = data.subarray(i * 96, (i + 1) * 96);
    points.push(decodeG1(item.subarray(0, 64)));
    scalars.push(decodeFr(item.subarray(64, 96)));
  }
  return encodeG1(multiScalarMul(G1, points, scalars));
}

/** Σ ±Pᵢ over items (sign byte, G1 64 bytes); returns the 64-byte point. */
export function altBn128G1Sum(data: Uint8Array): Uint8Array {
  const count = altBn128G1SumElements(data);
  const items: [boolean, G1Point][] = [];
  for (let i = 0; i < count; i++) {
    const item = data.subarray(i * 65, (i + 1) * 65);
    const negative = decodeBool(item.subarray(0, 1));
    items.push([negative, decodeG1(item.subarray(1, 65))]);
  }
  let acc = G1.ZERO;
  for (const [negative, p] of items) acc = negative ? acc.subtract(p) : acc.add(p);
  return encodeG1(acc);
}

/**
 * True iff Π e(G1ᵢ, G2ᵢ) = 1 over items (G1 64 bytes, G2 128 bytes). Empty input is true; a pair
 * with a point at infinity contributes 1.
 */
export function altBn128PairingCheck(data: Uint8Array): boolean {
  const count = altBn128PairingCheckElements(data);
  const pairs: { g1: G1Point; g2: G2Point }[] = [];
  for (let i = 0; i < count; i++) {
    const item = data.subarray(i * 192, (i + 1) * 192);
    const g1 = decodeG1(item.subarray(0, 64));
    const g2 = decodeG2(item.subarray(64, 192));
    if (!g1.is0() && !g2.is0()) pairs.push({ g1, g2 });
  }
  if (pairs.length === 0) return true;
  // The points are validated while decoding; `pairingBatch` would re-check the G2 subgroup.
  const loops = pairs.map(({ g1, g2 }) => {
    const { x, y } = g1.toAffine();
    return [bn254.utils.calcPairingPrecomputes(g2), x, y] as Parameters<typeof bn254.millerLoopBatch>[0][number];
  });
  return Fp12.eql(Fp12.finalExponentiate(bn254.millerLoopBatch(loops)), Fp12.ONE);
}

function decodeFq(raw: Uint8Array): bigint {
  const v = bigintFromLe(raw);
  if (v >= Q) throw invalidValue('invalid fq', raw);
  return v;
}

function decodeFr(raw: Uint8Array): bigint {
  const v = bigintFromLe(raw);
  if (v >= R) throw invalidValue('invalid fr', raw);
  return v;
}

function decodeBool(raw: Uint8Array): boolean {
  if (raw[0] === 0) return false;
  if (raw[0] === 1) return true;
  throw invalidValue('invalid bool', raw);
}

function decodeG1(raw: Uint8Array): G1Point {
  const x = decodeFq(raw.subarray(0, 32));
  const y = decodeFq(raw.subarray(32, 64));
  if (x === 0n && y === 0n) return G1.ZERO;
  // G1 has cofactor 1: on the curve means in the group.
  if (Fp.sqr(y) !== Fp.add(Fp.mul(Fp.sqr(x), x), B1)) throw invalidValue('invalid g1', raw);
  return G1.fromAffine({ x, y });
}

function decodeG2(raw: Uint8Array): G2Point {
  const x = { c0: decodeFq(raw.subarray(0, 32)), c1: decodeFq(raw.subarray(32, 64)) };
  const y = { c0: decodeFq(raw.subarray(64, 96)), c1: decodeFq(raw.subarray(96, 128)) };
  if (Fp2.is0(x) && Fp2.is0(y)) return G2.ZERO;
  const onCurve = Fp2.eql(Fp2.sqr(y), Fp2.add(Fp2.mul(Fp2.sqr(x), x), B2));
  if (!onCurve) throw invalidValue('invalid g2', raw);
  const p = G2.fromAffine({ x, y });
  if (!p.isTorsionFree()) throw invalidValue('invalid g2', raw);
  return p;
}

function encodeG1(p: G1Point): Uint8Array {
  const out = new Uint8Array(64);
  if (p.is0()) return out;
  const { x, y } = p.toAffine();
  writeLe(out, 0, 32, x);
  writeLe(out, 32, 32, y);
  return out;
}
