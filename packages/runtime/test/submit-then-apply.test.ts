/**
 * What the chain checked on submission is not checked again in the block only when nothing could
 * have changed it: a transaction it decoded from bytes itself. The outcome is the same either way.
 */
import { NEAR, type Action } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { keyOf, signTx, testChain, txBytes } from './helpers.js';

const transfer: Action[] = [{ type: 'Transfer', deposit: NEAR }];

describe('stateless validation between submit and apply', () => {
  it('a transaction submitted as bytes gets the same outcome whether or not it was checked on submission', () => {
    const outcomes = [true, false].map((check) => {
      const chain = testChain();
      const tx = signTx('alice.near', keyOf('alice.near'), 'bob.near', 1n, transfer, chain.head.hash);
      const hash = chain.submit(txBytes(tx), { check });
      chain.produceBlock();
      chain.produceBlock();
      return { tx: chain.outcome(hash)!.outcome, final: chain.finalOutcomeView(hash), head: chain.head.hash };
    });
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]!.tx.outcome.status.kind).toBe('SuccessReceiptId');
  });

  it('a transaction object changed after submission is validated again in its block', () => {
    const chain = testChain();
    const tx = signTx('alice.near', keyOf('alice.near'), 'bob.near', 1n, [...transfer], chain.head.hash);
    const hash = chain.submit(tx);
    // The caller still holds the object: a DeleteAccount that is not last must now fail validation.
    (tx.transaction.actions as Action[]).unshift({ type: 'DeleteAccount', beneficiaryId: 'bob.near' });
    chain.produceBlock();
    expect(chain.outcome(hash)!.outcome.outcome.status).toEqual({
      kind: 'Failure',
      error: { kind: 'InvalidTxError', error: { kind: 'ActionsValidation', error: { kind: 'DeleteActionMustBeFinal' } } },
    });
  });

  it('a transaction kept as its bytes comes back from finalOutcome as the transaction that was signed', () => {
    const chain = testChain();
    const tx = signTx('alice.near', keyOf('alice.near'), 'bob.near', 1n, transfer, chain.head.hash);
    const bytes = txBytes(tx);
    const hash = chain.submit(bytes);
    bytes.fill(0); // the caller's array is not what the chain keeps
    chain.runUntilIdle();
    const final = chain.finalOutcome(hash);
    expect(final.transaction).toEqual(tx);
    expect(txBytes(final.transaction)).toEqual(txBytes(tx));
    expect(chain.finalOutcome(hash)).toEqual(final);
    expect(final.status).toEqual({ kind: 'SuccessValue', value: new Uint8Array(0) });
  });
});
