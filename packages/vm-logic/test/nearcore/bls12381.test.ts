/**
 * nearcore runtime/near-vm-runner/src/logic/tests/bls12381.rs, the deterministic tests translated
 * through the host functions (`run_bls12381_fn!`: both values of `bls12381_not_in_group_fix`, the
 * return code, register 0). The fuzzers' properties and every EIP-2537 vector are checked on
 * the crypto functions in ../crypto/bls12381*.test.ts; here a sample of each vector file runs
 * through the host functions too.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { describe, expect, it } from 'vitest';
import { fixFp, fixFp2, fixG1, fixG2, fixMul, fixPairing, fixSum, transform } from '../crypto/bls12381-eip2537.js';
import { hex, readCsvVector } from '../crypto/helpers.js';
import { VMLogicBuilder, hostErrorOf } from './logic-builder.js';

const FLAGS = [true, false];
const P_HEX = '1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab';

/** The host function on `input` with the flag set; its return code and register 0. */
function run(name: string, input: Uint8Array, notInGroupFix: boolean): { code: unknown; out: Uint8Array | undefined } {
  const b = VMLogicBuilder.default();
  b.config.bls12381NotInGroupFix = notInGroupFix;
  const t = b.build();
  const slice = t.memWrite(input);
  const args = name === 'bls12381_pairing_check' ? [slice.len, slice.ptr] : [slice.len, slice.ptr, 0n];
  return { code: t.call(name, ...args), out: t.logic.registers.peek(0n) };
}

/** `run_bls12381_fn!(fn, buf, expected)`: the same code under both flags. */
function expectCode(name: string, input: Uint8Array, code: bigint): void {
  for (const fix of FLAGS) expect(run(name, input, fix).code, `${name} fix=${fix}`).toBe(code);
}

/** `run_bls12381_fn!(fn, buf)`: success under both flags, the same register; returns it. */
function expectOk(name: string, input: Uint8Array): Uint8Array {
  const outs = FLAGS.map((fix) => {
    const r = run(name, input, fix);
    expect(r.code, `${name} fix=${fix}`).toBe(0n);
    return r.out!;
  });
  expect(outs[0]).toEqual(outs[1]);
  return outs[0];
}

const zero = (len: number): Uint8Array => {
  const z = new Uint8Array(len);
  z[0] = 0x40;
  return z;
};
/** (0, 2): on E(Fp), outside G1. */
const X0_POS = (() => {
  const b = new Uint8Array(96);
  b[95] = 2;
  return b;
})();

describe('nearcore logic tests: bls12381 (host functions)', () => {
  it('0 + 0 = 0 in G1 and G2', () => {
    expect(expectOk('bls12381_p1_sum', new Uint8Array([0, ...zero(96), 0, ...zero(96)]))).toEqual(zero(96));
    expect(expectOk('bls12381_p2_sum', new Uint8Array([0, ...zero(192), 0, ...zero(192)]))).toEqual(zero(192));
  });

  it('a sign byte other than 0/1 is 1', () => {
    expectCode('bls12381_p1_sum', new Uint8Array([2, ...zero(96)]), 1n);
    expectCode('bls12381_p2_sum', new Uint8Array([2, ...zero(192)]), 1n);
  });

  it('input lengths that are not a multiple of the item size are BLS12381InvalidInput', () => {
    const sizes: [string, number][] = [
      ['bls12381_p1_sum', 97],
      ['bls12381_p2_sum', 193],
      ['bls12381_g1_multiexp', 128],
      ['bls12381_g2_multiexp', 224],
      ['bls12381_map_fp_to_g1', 48],
      ['bls12381_map_fp2_to_g2', 96],
      ['bls12381_p1_decompress', 48],
      ['bls12381_p2_decompress', 96],
      ['bls12381_pairing_check', 288],
    ];
    for (const [name, size] of sizes) {
      expect(hostErrorOf(() => run(name, new Uint8Array(size - 1), true)).kind, name).toBe('BLS12381InvalidInput');
    }
  });

  it('an input past the end of memory is MemoryAccessViolation', () => {
    const t = VMLogicBuilder.default().build();
    expect(hostErrorOf(() => t.call('bls12381_p1_sum', 97n * 676n, 0n, 0n))).toEqual({ kind: 'MemoryAccessViolation' });
  });

  it('empty input: ∞ for multiexp, nothing for map and decompress, 0 for pairing', () => {
    expect(expectOk('bls12381_g1_multiexp', new Uint8Array(0))).toEqual(zero(96));
    expect(expectOk('bls12381_g2_multiexp', new Uint8Array(0))).toEqual(zero(192));
    expect(expectOk('bls12381_map_fp_to_g1', new Uint8Array(0))).toHaveLength(0);
    expect(expectOk('bls12381_map_fp2_to_g2', new Uint8Array(0))).toHaveLength(0);
    expectCode('bls12381_pairing_check', new Uint8Array(0), 0n);
    expect(expectOk('bls12381_p1_decompress', new Uint8Array(0))).toHaveLength(0);
    expect(expectOk('bls12381_p2_decompress', new Uint8Array(0))).toHaveLength(0);
  });

  it('map: an element equal to p is 1 (each half of an Fp2)', () => {
    const p = hex(P_HEX);
    expectCode('bls12381_map_fp_to_g1', p, 1n);
    expectCode('bls12381_map_fp2_to_g2', new Uint8Array([...p, ...new Uint8Array(48)]), 1n);
    expectCode('bls12381_map_fp2_to_g2', new Uint8Array([...new Uint8Array(48), ...p]), 1n);
  });

  it('decompress: ∞ with a stray bit and a missing compression flag are 1', () => {
    for (const len of [48, 96]) {
      const name = len === 48 ? 'bls12381_p1_decompress' : 'bls12381_p2_decompress';
      const inf = new Uint8Array(len);
      inf[0] = 0x80 | 0x40;
      inf[len - 1] = 1;
      expectCode(name, inf, 1n);
      const noFlag = new Uint8Array(len);
      noFlag[0] = 0x40;
      expectCode(name, noFlag, 1n);
    }
  });

  it('decompress (0, ±2): 1 without the fix, (0, 2) with it', () => {
    const x0 = new Uint8Array(48);
    x0[0] = 0x80;
    expect(run('bls12381_p1_decompress', x0, false).code).toBe(1n);
    const r = run('bls12381_p1_decompress', x0, true);
    expect(r.code).toBe(0n);
    expect(r.out).toEqual(X0_POS);
  });

  it('g1_multiexp of (0, ±2) by 1 is 1 under both flags', () => {
    const neg = new Uint8Array(96);
    const y = hex(P_HEX);
    // −2 mod p = p − 2
    y[47] -= 2;
    neg.set(y, 48);
    const one = new Uint8Array(32);
    one[0] = 1;
    for (const point of [X0_POS, neg]) expectCode('bls12381_g1_multiexp', new Uint8Array([...point, ...one]), 1n);
  });

  it('pairing with (0, 2) in G1 is 1 under both flags', () => {
    const g2 = bls12_381.G2.Point.BASE.toBytes(false);
    expectCode('bls12381_pairing_check', new Uint8Array([...X0_POS, ...g2]), 1n);
  });

  describe('EIP-2537 vectors through the host functions (every 10th row)', () => {
    const outputs: [string, string, number, (x: Uint8Array) => Uint8Array, (g: Uint8Array) => Uint8Array][] = [
      ['g1_add.csv', 'bls12381_p1_sum', 256, (x) => fixSum(fixG1, x), fixG1],
      ['g2_add.csv', 'bls12381_p2_sum', 512, (x) => fixSum(fixG2, x), fixG2],
      ['g1_mul.csv', 'bls12381_g1_multiexp', 160, (x) => fixMul(fixG1, x), fixG1],
      ['g2_mul.csv', 'bls12381_g2_multiexp', 288, (x) => fixMul(fixG2, x), fixG2],
      ['fp_to_g1.csv', 'bls12381_map_fp_to_g1', 64, fixFp, fixG1],
      ['fp2_to_g2.csv', 'bls12381_map_fp2_to_g2', 128, fixFp2, fixG2],
    ];
    it.each(outputs)('%s', { timeout: 120_000 }, (file, name, itemSize, fix, fixOut) => {
      const rows = readCsvVector(`bls12381/${file}`).filter((_, i) => i % 10 === 0);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(expectOk(name, transform(row.input, itemSize, fix))).toEqual(fixOut(hex(row.result)));
    });

    it('pairing.csv: 0 for EIP output 1, 2 for EIP output 0', { timeout: 120_000 }, () => {
      const rows = readCsvVector('bls12381/pairing.csv').filter((_, i) => i % 10 === 0);
      for (const row of rows) {
        const want = row.result === '0'.repeat(64) ? 2n : row.result === `${'0'.repeat(63)}1` ? 0n : 1n;
        expectCode('bls12381_pairing_check', transform(row.input, 384, fixPairing), want);
      }
    });

    it('g1_add_x0.csv: the sum with the fix, 1 without it', () => {
      for (const row of readCsvVector('bls12381/g1_add_x0.csv')) {
        const input = transform(row.input, 256, (x) => fixSum(fixG1, x));
        const fixed = run('bls12381_p1_sum', input, true);
        expect(fixed.code).toBe(0n);
        expect(fixed.out).toEqual(fixG1(hex(row.result)));
        expect(run('bls12381_p1_sum', input, false).code).toBe(1n);
      }
    });
  });
});
