/** EIP-2537 sum, map-to-curve and pairing vectors (see bls12381-eip2537.ts for the rewriting). */
import { describe, expect, it } from 'vitest';
import {
  bls12381MapFp2ToG2,
  bls12381MapFpToG1,
  bls12381P1Sum,
  bls12381P2Sum,
  bls12381PairingCheck,
} from '../../src/crypto/index.js';
import { errorCases, fixFp, fixFp2, fixG1, fixG2, fixPairing, fixSum, outputCases, transform } from './bls12381-eip2537.js';
import { hex, readCsvVector, toHex } from './helpers.js';

describe('EIP-2537 vectors: sums', () => {
  outputCases('g1_add.csv', 256, (x) => fixSum(fixG1, x), bls12381P1Sum, fixG1);
  outputCases('g2_add.csv', 512, (x) => fixSum(fixG2, x), bls12381P2Sum, fixG2);

  it('g1_add_x0.csv: sums with (0, ±2) need the not-in-group fix, else return 1', () => {
    const rows = readCsvVector('bls12381/g1_add_x0.csv');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const input = transform(row.input, 256, (x) => fixSum(fixG1, x));
      expect(toHex(bls12381P1Sum(input, true)!)).toBe(toHex(fixG1(hex(row.result))));
      expect(bls12381P1Sum(input, false)).toBeNull();
    }
  });
});

describe('EIP-2537 vectors: map to curve', () => {
  outputCases('fp_to_g1.csv', 64, fixFp, bls12381MapFpToG1, fixG1);
  outputCases('fp2_to_g2.csv', 128, fixFp2, bls12381MapFp2ToG2, fixG2);
  errorCases('fp_to_g1_error.csv', 64, fixFp, bls12381MapFpToG1);
  errorCases('fp2_to_g2_error.csv', 128, fixFp2, bls12381MapFp2ToG2);
});

describe('EIP-2537 vectors: pairing', () => {
  for (const file of ['pairing.csv', 'pairing_error.csv']) {
    const rows = readCsvVector(`bls12381/${file}`);
    it(`${file}: 0 for EIP output 1, 2 for EIP output 0, 1 for errors`, { timeout: 120_000 }, () => {
      expect(rows.length).toBeGreaterThan(0);
      for (const [i, row] of rows.entries()) {
        const expected = row.result === '0'.repeat(64) ? 2 : row.result === '0'.repeat(63) + '1' ? 0 : 1;
        expect(bls12381PairingCheck(transform(row.input, 384, fixPairing)), `${file} row ${i}`).toBe(expected);
      }
    });
  }
});
