/** A rawTransaction step takes signed borsh bytes as a wallet sends them; the runtime decodes and verifies them. */
import { encode, KeyPair, NEAR, SignedTransactionCodec, transactionHash, type Action, type JsonValue } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { readScenario, runScenarioPath, sandboxForScenario } from '../../src/scenario/index.js';
import { writeScenario } from './helpers.js';

const genesis = { accounts: { 'alice.near': { balance: '100 NEAR' }, 'bob.near': { balance: '100 NEAR' } } };

function signedBase64(blockHash: Uint8Array, actions: Action[], nonce = 1n): string {
  const key = KeyPair.fromNearcoreTestSeed('alice.near');
  const transaction = { version: 'V0' as const, signerId: 'alice.near', publicKey: key.publicKey, nonce, receiverId: 'bob.near', blockHash, actions };
  return `base64:${Buffer.from(encode(SignedTransactionCodec, { transaction, signature: key.sign(transactionHash(transaction)) })).toString('base64')}`;
}

describe('rawTransaction', () => {
  it('runs bytes signed against the scenario genesis block', () => {
    // The chain is deterministic: the genesis block hash follows from the genesis state.
    const head = sandboxForScenario(readScenario({ genesis, steps: [] } as JsonValue, { file: 'x', dir: '.' })).head.hash;
    const bytes = signedBase64(head, [{ type: 'Transfer', deposit: 3n * NEAR }]);
    const file = writeScenario({
      genesis,
      steps: [
        { step: 'rawTransaction', bytes, expect: { status: 'success', accounts: { 'bob.near': { balance: '103 NEAR' } } } },
        { step: 'rawTransaction', id: 'replayed', bytes, expect: { status: 'failure', failure: { kind: 'InvalidNonce' }, receipts: [] } },
      ],
    });
    const { report } = runScenarioPath(file);
    expect(report.steps.map((s) => s.ok)).toEqual([true, true]);
  });

  it('explains an unknown block hash', () => {
    const file = writeScenario({ genesis, steps: [{ step: 'rawTransaction', bytes: signedBase64(new Uint8Array(32).fill(7), []) }] });
    const { report } = runScenarioPath(file);
    const actual = report.steps[0].actual as Record<string, unknown>;
    expect(actual.failure).toEqual({ kind: 'InvalidTxError.Expired', message: 'Transaction has expired' });
    expect(actual.note).toMatch(/^the transaction's block_hash must be a recent block of this scenario's chain; the head is block 0 \w+$/);
  });

  it('refuses bytes that are not a signed transaction, pointing at them', () => {
    const file = writeScenario({ genesis, steps: [{ step: 'rawTransaction', bytes: 'hex:0102' }] });
    const e = runScenarioPath(file).report.error!;
    expect(e.path).toBe('$.steps[0].bytes');
    expect(e.reason).toMatch(/^cannot decode the signed transaction: /);
  });
});
