/**
 * BLS12-381 behaviour beyond the EIP-2537 vectors, following nearcore logic/tests/bls12381.rs:
 * every malformed-input class with its 0/1/2 outcome, the (0, ±2) corner case under both values
 * of `bls12381_not_in_group_fix`, decompression, and the length errors.
 */
import { createHash } from 'node:crypto';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { describe, expect, it } from 'vitest';
import {
  BLS12381_G1_MULTIEXP_ITEM_SIZE,
  BLS12381_P1_SUM_ITEM_SIZE,
  BLS12381_PAIRING_CHECK_ITEM_SIZE,
  bls12381ElementCount,
  bls12381G1Multiexp,
  bls12381G2Multiexp,
  bls12381MapFp2ToG2,
  bls12381MapFpToG1,
  bls12381P1Decompress,
  bls12381P1Sum,
  bls12381P2Decompress,
  bls12381P2Sum,
  bls12381PairingCheck,
  bls12381PairingElementCount,
} from '../../src/crypto/index.js';
import { concat, expectHostError, hex, toHex } from './helpers.js';

const G1 = bls12_381.G1.Point;
const G2 = bls12_381.G2.Point;
const { Fp, Fp2 } = bls12_381.fields;
const P = Fp.ORDER;
const R = G1.CURVE().n;
const FLAGS = [false, true];

const be48 = (v: bigint) => hex(v.toString(16).padStart(96, '0'));
const le32 = (v: bigint) => hex(v.toString(16).padStart(64, '0')).reverse();
const scalar = (label: string) => BigInt('0x' + createHash('sha256').update(label).digest('hex')) % R;

type G1P = InstanceType<typeof G1>;
type G2P = InstanceType<typeof G2>;

// Uncompressed encodings straight from noble (ZCash format, same as blst).
const ser1 = (p: G1P) => p.toBytes(false);
const ser2 = (p: G2P) => p.toBytes(false);

/** Points of E(Fp) / E'(Fp2) outside the subgroup: lift x = 1, 2, … until a y exists. */
function curvePoint1(start: bigint): G1P {
  for (let x = start; ; x++) {
    try {
      const y = Fp.sqrt(Fp.add(Fp.mul(Fp.sqr(x), x), 4n));
      const p = G1.fromAffine({ x, y });
      if (!p.isTorsionFree()) return p;
    } catch {
      /* no point with this x */
    }
  }
}
function curvePoint2(start: bigint): G2P {
  for (let x0 = start; ; x0++) {
    const x = { c0: x0, c1: 1n };
    try {
      const y = Fp2.sqrt(Fp2.add(Fp2.mul(Fp2.sqr(x), x), { c0: 4n, c1: 4n }));
      const p = G2.fromAffine({ x, y });
      if (!p.isTorsionFree()) return p;
    } catch {
      /* no point with this x */
    }
  }
}
/** Uncompressed encoding of any curve point (noble refuses to serialize non-subgroup points). */
function raw1(p: G1P): Uint8Array {
  const { x, y } = p.toAffine();
  return concat(be48(x), be48(y));
}
function raw2(p: G2P): Uint8Array {
  const { x, y } = p.toAffine();
  return concat(be48(x.c1), be48(x.c0), be48(y.c1), be48(y.c0));
}
/** ZCash compression of any curve point, sign bit = y lexicographically largest. */
function compress1(p: G1P): Uint8Array {
  const { x, y } = p.toAffine();
  const out = be48(x);
  out[0]! |= 0x80 | (y > (P - 1n) / 2n ? 0x20 : 0);
  return out;
}
function compress2(p: G2P): Uint8Array {
  const { x, y } = p.toAffine();
  const out = concat(be48(x.c1), be48(x.c0));
  const largest = y.c1 !== 0n ? y.c1 > (P - 1n) / 2n : y.c0 > (P - 1n) / 2n;
  out[0]! |= 0x80 | (largest ? 0x20 : 0);
  return out;
}

const INF1 = concat(Uint8Array.of(0x40), new Uint8Array(95));
const INF2 = concat(Uint8Array.of(0x40), new Uint8Array(191));
/** (0, 2) on E(Fp): outside G1, order 3; blst reports it as "not in group". */
const X0_POS = concat(new Uint8Array(95), Uint8Array.of(2));
const X0_NEG = concat(new Uint8Array(48), be48(P - 2n));

const g1a = G1.BASE.multiply(scalar('g1a'));
const g1b = G1.BASE.multiply(scalar('g1b'));
const g2a = G2.BASE.multiply(scalar('g2a'));
const e1 = curvePoint1(1n);
const e2 = curvePoint2(1n);

/** nearcore `get_incorrect_points`: each must make sum/multiexp/pairing return 1. */
function incorrectPoints(point: Uint8Array): Uint8Array[] {
  const len = point.length;
  const badInfinity = concat(Uint8Array.of(0x40), new Uint8Array(len - 1));
  badInfinity[len - 1] = 1;
  const compressedFlag = new Uint8Array(len);
  compressedFlag[0] = 0xc0;
  const withCompressionBit = Uint8Array.from(point);
  withCompressionBit[0]! |= 0x80;
  const offCurve = Uint8Array.from(point);
  offCurve[len - 1]! ^= 1;
  const withSignBit = Uint8Array.from(point);
  withSignBit[0]! ^= 0x20;
  // Last coordinate + p: same point mod p, but not canonical.
  const yPlusP = concat(point.subarray(0, len - 48), be48(BigInt('0x' + toHex(point.subarray(len - 48))) + P));
  return [badInfinity, compressedFlag, withCompressionBit, offCurve, withSignBit, yPlusP];
}

describe('bls12381_p1_sum / p2_sum', () => {
  const sum1 = (items: [number, Uint8Array][], fix = true) =>
    bls12381P1Sum(concat(...items.flatMap(([s, p]) => [Uint8Array.of(s), p])), fix);
  const sum2 = (items: [number, Uint8Array][], fix = true) =>
    bls12381P2Sum(concat(...items.flatMap(([s, p]) => [Uint8Array.of(s), p])), fix);

  it('empty input and 0 + 0 are ∞ (0x40‖0…); −0 = 0', () => {
    for (const fix of FLAGS) {
      expect(toHex(bls12381P1Sum(new Uint8Array(), fix)!)).toBe(toHex(INF1));
      expect(toHex(bls12381P2Sum(new Uint8Array(), fix)!)).toBe(toHex(INF2));
      expect(toHex(sum1([[0, INF1], [0, INF1]], fix)!)).toBe(toHex(INF1));
      expect(toHex(sum1([[1, INF1]], fix)!)).toBe(toHex(INF1));
      expect(toHex(sum2([[1, INF2]], fix)!)).toBe(toHex(INF2));
    }
  });

  it('P + Q, P + P, P − P, −(−P) match noble in G1 and G2', () => {
    expect(toHex(sum1([[0, ser1(g1a)], [0, ser1(g1b)]])!)).toBe(toHex(ser1(g1a.add(g1b))));
    expect(toHex(sum1([[0, ser1(g1a)], [0, ser1(g1a)]])!)).toBe(toHex(ser1(g1a.double())));
    expect(toHex(sum1([[0, ser1(g1a)], [1, ser1(g1a)]])!)).toBe(toHex(INF1));
    expect(toHex(sum1([[1, ser1(g1a.negate())]])!)).toBe(toHex(ser1(g1a)));
    expect(toHex(sum2([[0, ser2(g2a)], [1, ser2(G2.BASE)]])!)).toBe(toHex(ser2(g2a.subtract(G2.BASE))));
    expect(toHex(sum2([[0, ser2(g2a)], [1, ser2(g2a)]])!)).toBe(toHex(INF2));
  });

  it('accepts on-curve points outside the subgroup (no subgroup check in sum)', () => {
    const e1b = curvePoint1(1000n);
    expect(toHex(sum1([[0, raw1(e1)], [0, raw1(e1b)]], false)!)).toBe(toHex(raw1(e1.add(e1b))));
    expect(toHex(sum2([[0, raw2(e2)], [1, raw2(curvePoint2(50n))]], false)!)).toBe(
      toHex(raw2(e2.subtract(curvePoint2(50n)))),
    );
  });

  it('every incorrect encoding, and a sign byte other than 0/1, returns 1 (null)', () => {
    for (const fix of FLAGS) {
      for (const bad of incorrectPoints(raw1(e1))) expect(sum1([[0, bad]], fix), toHex(bad)).toBeNull();
      for (const bad of incorrectPoints(raw2(e2))) expect(sum2([[0, bad]], fix), toHex(bad)).toBeNull();
      expect(sum1([[2, INF1]], fix)).toBeNull();
      expect(sum2([[2, INF2]], fix)).toBeNull();
      // A bad item after a good one still fails the whole call.
      expect(sum1([[0, ser1(g1a)], [0, new Uint8Array(96)]], fix)).toBeNull();
    }
  });

  it('all-zero bytes are not ∞ but a point off the curve', () => {
    expect(sum1([[0, new Uint8Array(96)]])).toBeNull();
    expect(sum2([[0, new Uint8Array(192)]])).toBeNull();
  });

  it('(0, ±2): 1 without the fix; with it, (0,2) + (0,2) = (0,−2) and three of them give ∞', () => {
    for (const x0 of [X0_POS, X0_NEG]) expect(sum1([[0, x0]], false)).toBeNull();
    expect(toHex(sum1([[0, X0_POS]], true)!)).toBe(toHex(X0_POS));
    expect(toHex(sum1([[0, X0_POS], [0, X0_POS]], true)!)).toBe(toHex(X0_NEG));
    expect(toHex(sum1([[0, X0_POS], [0, X0_POS], [0, X0_POS]], true)!)).toBe(toHex(INF1));
    expect(toHex(sum1([[1, X0_POS]], true)!)).toBe(toHex(X0_NEG));
    const p = G1.fromAffine({ x: 0n, y: 2n });
    expect(toHex(sum1([[0, ser1(g1a)], [0, X0_POS]], true)!)).toBe(toHex(raw1(g1a.add(p))));
  });
});

describe('bls12381_g1_multiexp / g2_multiexp', () => {
  const item1 = (p: Uint8Array, s: bigint) => concat(p, le32(s));
  const item2 = (p: Uint8Array, s: bigint) => concat(p, le32(s));

  it('Σ sᵢPᵢ matches noble (few points and the Pippenger path)', () => {
    const pts = Array.from({ length: 10 }, (_, i) => G1.BASE.multiply(scalar(`p${i}`)));
    const sc = pts.map((_, i) => scalar(`s${i}`));
    const expected = pts.reduce((acc, p, i) => acc.add(p.multiply(sc[i]!)), G1.ZERO);
    expect(toHex(bls12381G1Multiexp(concat(...pts.map((p, i) => item1(ser1(p), sc[i]!))), true)!)).toBe(toHex(ser1(expected)));
    expect(toHex(bls12381G1Multiexp(concat(...pts.slice(0, 3).map((p, i) => item1(ser1(p), sc[i]!))), true)!)).toBe(
      toHex(ser1(pts.slice(0, 3).reduce((acc, p, i) => acc.add(p.multiply(sc[i]!)), G1.ZERO))),
    );
    expect(toHex(bls12381G2Multiexp(item2(ser2(g2a), 5n), true)!)).toBe(toHex(ser2(g2a.multiply(5n))));
  });

  it('scalars are any 256-bit little-endian value: r·P = ∞, (s + r)·P = s·P, 0·P = ∞, 1·P = P', () => {
    const s = scalar('x');
    expect(toHex(bls12381G1Multiexp(item1(ser1(g1a), R), true)!)).toBe(toHex(INF1));
    expect(toHex(bls12381G1Multiexp(item1(ser1(g1a), s + R), true)!)).toBe(toHex(ser1(g1a.multiply(s))));
    expect(toHex(bls12381G1Multiexp(item1(ser1(g1a), 2n ** 256n - 1n), true)!)).toBe(
      toHex(ser1(g1a.multiply((2n ** 256n - 1n) % R))),
    );
    expect(toHex(bls12381G1Multiexp(item1(ser1(g1a), 0n), true)!)).toBe(toHex(INF1));
    expect(toHex(bls12381G1Multiexp(item1(ser1(g1a), 1n), true)!)).toBe(toHex(ser1(g1a)));
    expect(toHex(bls12381G1Multiexp(item1(INF1, s), true)!)).toBe(toHex(INF1));
    expect(toHex(bls12381G2Multiexp(item2(ser2(g2a), R), true)!)).toBe(toHex(INF2));
    expect(toHex(bls12381G2Multiexp(new Uint8Array(), true)!)).toBe(toHex(INF2));
  });

  it('points outside the subgroup, (0, ±2) and every incorrect encoding return 1 under both flags', () => {
    for (const fix of FLAGS) {
      expect(bls12381G1Multiexp(item1(raw1(e1), 0n), fix)).toBeNull();
      expect(bls12381G2Multiexp(item2(raw2(e2), 0n), fix)).toBeNull();
      for (const x0 of [X0_POS, X0_NEG]) expect(bls12381G1Multiexp(item1(x0, 1n), fix)).toBeNull();
      for (const bad of incorrectPoints(ser1(g1a))) expect(bls12381G1Multiexp(item1(bad, 0n), fix)).toBeNull();
      for (const bad of incorrectPoints(ser2(g2a))) expect(bls12381G2Multiexp(item2(bad, 0n), fix)).toBeNull();
    }
  });
});

describe('bls12381_p1_decompress / p2_decompress', () => {
  it('inverts noble compression of subgroup points, ∞ and −P', () => {
    for (const p of [g1a, g1b, g1a.negate(), G1.BASE]) {
      expect(toHex(bls12381P1Decompress(p.toBytes(true), false)!)).toBe(toHex(ser1(p)));
    }
    for (const p of [g2a, g2a.negate(), G2.BASE]) {
      expect(toHex(bls12381P2Decompress(p.toBytes(true), false)!)).toBe(toHex(ser2(p)));
    }
    expect(toHex(bls12381P1Decompress(G1.ZERO.toBytes(true), false)!)).toBe(toHex(INF1));
    expect(toHex(bls12381P2Decompress(G2.ZERO.toBytes(true), false)!)).toBe(toHex(INF2));
  });

  it('decompresses points outside the subgroup, several per call, and the empty input', () => {
    const pts = [e1, e1.negate(), curvePoint1(77n)];
    expect(toHex(bls12381P1Decompress(concat(...pts.map(compress1)), false)!)).toBe(toHex(concat(...pts.map(raw1))));
    const pts2 = [e2, e2.negate()];
    expect(toHex(bls12381P2Decompress(concat(...pts2.map(compress2)), false)!)).toBe(toHex(concat(...pts2.map(raw2))));
    expect(bls12381P1Decompress(new Uint8Array(), false)).toEqual(new Uint8Array());
    expect(bls12381P2Decompress(new Uint8Array(), true)).toEqual(new Uint8Array());
  });

  it('malformed encodings return 1 under both flags (nearcore decompress_incorrect_input)', () => {
    for (const fix of FLAGS) {
      for (const [fn, len, good] of [
        [bls12381P1Decompress, 48, g1a.toBytes(true)],
        [bls12381P2Decompress, 96, g2a.toBytes(true)],
      ] as const) {
        const badInfinity = new Uint8Array(len);
        badInfinity[0] = 0xc0;
        badInfinity[len - 1] = 1;
        const infinityWithoutCompression = new Uint8Array(len);
        infinityWithoutCompression[0] = 0x40;
        const infinityWithSign = new Uint8Array(len);
        infinityWithSign[0] = 0xe0;
        const noCompressionBit = Uint8Array.from(good);
        noCompressionBit[0]! ^= 0x80;
        const xAboveP = Uint8Array.from(good);
        xAboveP[0]! |= 0x1f;
        for (const bad of [badInfinity, infinityWithoutCompression, infinityWithSign, noCompressionBit, xAboveP]) {
          expect(fn(bad, fix), toHex(bad)).toBeNull();
        }
        // One bad item fails the whole call.
        expect(fn(concat(good, noCompressionBit), fix)).toBeNull();
      }
      // x with no point on the curve.
      for (let x = 1n; ; x++) {
        let onCurve = true;
        try {
          Fp.sqrt(Fp.add(Fp.mul(Fp.sqr(x), x), 4n));
        } catch {
          onCurve = false;
        }
        if (onCurve) continue;
        const enc = be48(x);
        enc[0]! |= 0x80;
        expect(bls12381P1Decompress(enc, fix)).toBeNull();
        break;
      }
    }
  });

  it('(0, ±2) compressed: 1 without the fix, (0, 2) / (0, −2) with it', () => {
    const zeroX = new Uint8Array(48);
    zeroX[0] = 0x80;
    expect(bls12381P1Decompress(zeroX, false)).toBeNull();
    expect(toHex(bls12381P1Decompress(zeroX, true)!)).toBe(toHex(X0_POS));
    const zeroXLargest = Uint8Array.from(zeroX);
    zeroXLargest[0] = 0xa0;
    expect(bls12381P1Decompress(zeroXLargest, false)).toBeNull();
    expect(toHex(bls12381P1Decompress(zeroXLargest, true)!)).toBe(toHex(X0_NEG));
  });
});

describe('bls12381_map_fp_to_g1 / map_fp2_to_g2', () => {
  it('maps 0 and p − 1, several elements per call, the empty input', () => {
    const out = bls12381MapFpToG1(concat(be48(0n), be48(P - 1n)), false)!;
    expect(out).toHaveLength(192);
    for (const i of [0, 1]) {
      const p = G1.fromBytes(out.subarray(i * 96, (i + 1) * 96));
      expect(p.isTorsionFree()).toBe(true);
    }
    expect(bls12381MapFpToG1(new Uint8Array(), false)).toEqual(new Uint8Array());
    expect(bls12381MapFp2ToG2(new Uint8Array(), true)).toEqual(new Uint8Array());
  });

  it('an element ≥ p returns 1 (each half of an Fp2)', () => {
    expect(bls12381MapFpToG1(be48(P), false)).toBeNull();
    expect(bls12381MapFpToG1(concat(be48(1n), be48(2n ** 384n - 1n)), true)).toBeNull();
    expect(bls12381MapFp2ToG2(concat(be48(P), be48(0n)), false)).toBeNull();
    expect(bls12381MapFp2ToG2(concat(be48(0n), be48(P)), false)).toBeNull();
  });

  it('Fp2 input is c1‖c0', () => {
    const u = { c0: 3n, c1: 5n };
    const expected = (bls12_381.G2.mapToCurve as unknown as (v: bigint[]) => G2P)([u.c0, u.c1]);
    expect(toHex(bls12381MapFp2ToG2(concat(be48(u.c1), be48(u.c0)), false)!)).toBe(toHex(ser2(expected)));
  });
});

describe('bls12381_pairing_check', () => {
  const item = (p1: Uint8Array, p2: Uint8Array) => concat(p1, p2);
  const a = scalar('a');
  const b = scalar('b');

  it('0 when the product is 1, 2 when not, 0 for empty input and pairs with ∞', () => {
    expect(bls12381PairingCheck(new Uint8Array())).toBe(0);
    const pa = G1.BASE.multiply(a);
    const qb = G2.BASE.multiply(b);
    const pab = G1.BASE.multiply((a * b) % R);
    // e(aG1, bG2) · e(−abG1, G2) = 1
    expect(bls12381PairingCheck(concat(item(ser1(pa), ser2(qb)), item(ser1(pab.negate()), ser2(G2.BASE))))).toBe(0);
    expect(bls12381PairingCheck(concat(item(ser1(pa), ser2(qb)), item(ser1(pab), ser2(G2.BASE))))).toBe(2);
    expect(bls12381PairingCheck(item(ser1(pa), ser2(qb)))).toBe(2);
    expect(bls12381PairingCheck(item(INF1, ser2(qb)))).toBe(0);
    expect(bls12381PairingCheck(item(ser1(pa), INF2))).toBe(0);
    expect(bls12381PairingCheck(item(INF1, INF2))).toBe(0);
  });

  it('1 for points outside the subgroups, (0, ±2), and every incorrect encoding', () => {
    expect(bls12381PairingCheck(item(raw1(e1), ser2(G2.BASE)))).toBe(1);
    expect(bls12381PairingCheck(item(ser1(G1.BASE), raw2(e2)))).toBe(1);
    expect(bls12381PairingCheck(item(X0_POS, ser2(G2.BASE)))).toBe(1);
    for (const bad of incorrectPoints(ser1(g1a))) expect(bls12381PairingCheck(item(bad, ser2(G2.BASE)))).toBe(1);
    for (const bad of incorrectPoints(ser2(g2a))) expect(bls12381PairingCheck(item(ser1(G1.BASE), bad))).toBe(1);
    // A malformed later pair wins over a failing earlier product.
    expect(bls12381PairingCheck(concat(item(ser1(g1a), ser2(g2a)), item(raw1(e1), ser2(g2a))))).toBe(1);
  });
});

describe('BLS12-381 length errors and element counts', () => {
  const cases: [string, (d: Uint8Array) => unknown, number][] = [
    ['bls12381_p1_sum', (d) => bls12381P1Sum(d, true), 97],
    ['bls12381_p2_sum', (d) => bls12381P2Sum(d, false), 193],
    ['bls12381_p1_multiexp', (d) => bls12381G1Multiexp(d, true), 128],
    ['bls12381_p2_multiexp', (d) => bls12381G2Multiexp(d, true), 224],
    ['bls12381_map_fp_to_g1', (d) => bls12381MapFpToG1(d, true), 48],
    ['bls12381_map_fp2_to_g2', (d) => bls12381MapFp2ToG2(d, true), 96],
    ['bls12381_p1_decompress', (d) => bls12381P1Decompress(d, true), 48],
    ['bls12381_p2_decompress', (d) => bls12381P2Decompress(d, true), 96],
    ['bls12381_pairing_check', (d) => bls12381PairingCheck(d), 288],
  ];
  it.each(cases)('%s: length not divisible by %#', (name, fn, size) => {
    for (const len of [1, size - 1, size + 1]) {
      expectHostError(() => fn(new Uint8Array(len)), {
        kind: 'BLS12381InvalidInput',
        msg: `Incorrect input length for ${name}: ${len} is not divisible by ${size}`,
      });
    }
  });

  it('element count for the pre-read charge comes from the value_len argument', () => {
    expect(bls12381ElementCount(97n * 3n + 96n, BLS12381_P1_SUM_ITEM_SIZE)).toBe(3n);
    expect(bls12381ElementCount(127n, BLS12381_G1_MULTIEXP_ITEM_SIZE)).toBe(0n);
    expect(bls12381ElementCount(2n ** 64n - 1n, BLS12381_P1_SUM_ITEM_SIZE)).toBe((2n ** 64n - 1n) / 97n);
    expect(bls12381PairingElementCount(new Uint8Array(BLS12381_PAIRING_CHECK_ITEM_SIZE * 2 + 5))).toBe(2n);
  });
});
