import { NEAR } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { checkSupplyInvariant } from '../src/index.js';
import { keyOf, signTx, testChain } from './helpers.js';

describe('smoke', () => {
  it('transfers', () => {
    const chain = testChain();
    const tx = signTx('alice.near', keyOf('alice.near'), 'bob.near', 1n, [{ type: 'Transfer', deposit: NEAR }], chain.head.hash);
    const hash = chain.submit(tx);
    chain.runUntilIdle();
    const f = chain.finalOutcome(hash);
    console.log(JSON.stringify(chain.finalOutcomeView(hash), (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 1));
    expect(f.status.kind).toBe('SuccessValue');
    console.log(chain.viewAccount('alice.near'), chain.viewAccount('bob.near'));
    checkSupplyInvariant(chain);
  });
});
