/** EIP-2537 G2 multiexp vectors, the slowest file, kept apart so it runs in its own worker. */
import { describe } from 'vitest';
import { bls12381G2Multiexp } from '../../src/crypto/index.js';
import { fixG2, fixMul, outputCases } from './bls12381-eip2537.js';

describe('EIP-2537 vectors: G2 multiexp', () => {
  outputCases('g2_multiexp.csv', 288, (x) => fixMul(fixG2, x), bls12381G2Multiexp, fixG2, 10);
});
