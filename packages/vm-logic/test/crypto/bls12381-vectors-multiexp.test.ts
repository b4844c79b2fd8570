/** EIP-2537 multiplication and multiexp vectors (see bls12381-eip2537.ts for the rewriting). */
import { describe } from 'vitest';
import { bls12381G1Multiexp, bls12381G2Multiexp } from '../../src/crypto/index.js';
import { errorCases, fixG1, fixG2, fixMul, outputCases } from './bls12381-eip2537.js';

describe('EIP-2537 vectors: multiplication and multiexp', () => {
  outputCases('g1_mul.csv', 160, (x) => fixMul(fixG1, x), bls12381G1Multiexp, fixG1, 10);
  outputCases('g2_mul.csv', 288, (x) => fixMul(fixG2, x), bls12381G2Multiexp, fixG2, 10);
  outputCases('g1_multiexp.csv', 160, (x) => fixMul(fixG1, x), bls12381G1Multiexp, fixG1, 10);
  errorCases('multiexp_g1_error.csv', 160, (x) => fixMul(fixG1, x), bls12381G1Multiexp);
  errorCases('multiexp_g2_error.csv', 288, (x) => fixMul(fixG2, x), bls12381G2Multiexp);
});

