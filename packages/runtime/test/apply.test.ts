/** `apply` used directly: local receipts, missing chunks, and node-level failures that change nothing. */
import { encode, hashToBase58, NEAR, ReceiptCodec, transactionHashAndSize, trieKeys, type Receipt } from '@nearts/primitives';
import { runtimeConfig } from '@nearts/runtime-fees';
import { MemoryState } from '@nearts/store';
import { describe, expect, it } from 'vitest';
import { apply, NO_VALIDATORS, RuntimeError, type ApplyState } from '../src/index.js';
import { keyOf, signTx, testChain } from './helpers.js';

function applyState(height: bigint, over: Partial<ApplyState> = {}): ApplyState {
  return {
    blockHeight: height,
    prevBlockHash: new Uint8Array(32),
    shardId: 0n,
    epochId: new Uint8Array(32),
    epochHeight: 1n,
    gasPrice: 100_000_000n,
    blockTimestamp: 0n,
    gasLimit: null,
    randomSeed: new Uint8Array(32),
    protocolVersion: 86,
    config: runtimeConfig(86),
    chainId: 'localnet',
    isNewChunk: true,
    epochInfo: NO_VALIDATORS,
    ...over,
  };
}

describe('apply', () => {
  it('runs a receipt to the signer itself in the same chunk', () => {
    const chain = testChain();
    const state = chain.state.fork();
    const tx = signTx('alice.near', keyOf('alice.near'), 'alice.near', 1n, [{ type: 'Transfer', deposit: NEAR }], chain.head.hash);
    const { hash, size } = transactionHashAndSize(tx.transaction);
    const result = apply(state, applyState(1n), [], [{ tx: { signed: tx, hash, size }, withinValidityPeriod: true }]);
    // The transaction and its local receipt; the gas refund leaves as an outgoing receipt.
    expect(result.outcomes.map((o) => o.outcome.executorId)).toEqual(['alice.near', 'alice.near']);
    expect(result.outcomes[1].id).toEqual(result.outcomes[0].outcome.receiptIds[0]);
    expect(result.outgoingReceipts.map((r) => r.receiverId)).toEqual(['alice.near']);
    expect(state.checkpointDepth).toBe(0);
  });

  it('an invalid incoming receipt fails the whole chunk and writes nothing', () => {
    const chain = testChain();
    const state = chain.state.fork();
    const root = hashToBase58(state.stateRoot());
    const tx = signTx('alice.near', keyOf('alice.near'), 'bob.near', 1n, [{ type: 'Transfer', deposit: NEAR }], chain.head.hash);
    const { hash, size } = transactionHashAndSize(tx.transaction);
    const bad: Receipt = {
      predecessorId: 'alice.near',
      receiverId: 'Not Valid',
      receiptId: new Uint8Array(32),
      receipt: { type: 'Data', receipt: { dataId: new Uint8Array(32), data: null } },
    };
    let error: unknown;
    try {
      apply(state, applyState(1n), [bad], [{ tx: { signed: tx, hash, size }, withinValidityPeriod: true }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as RuntimeError).data).toEqual({ kind: 'ReceiptValidationError', error: { kind: 'InvalidReceiverId', account_id: 'Not Valid' } });
    expect(hashToBase58(state.stateRoot())).toBe(root);
    expect(state.checkpointDepth).toBe(0);
  });

  it('a missing chunk processes nothing', () => {
    const state = new MemoryState();
    const receipt: Receipt = {
      predecessorId: 'alice.near',
      receiverId: 'bob.near',
      receiptId: new Uint8Array(32),
      receipt: { type: 'Data', receipt: { dataId: new Uint8Array(32), data: null } },
    };
    const result = apply(state, applyState(1n, { isNewChunk: false }), [receipt], []);
    expect(result.outcomes).toEqual([]);
    expect([...state.iter()]).toEqual([]);
    // A data receipt for a receipt that is not waiting is kept as ReceivedData (in a real chunk).
    apply(state, applyState(2n), [receipt], []);
    expect(state.has(trieKeys.receivedData('bob.near', new Uint8Array(32)))).toBe(true);
    expect(encode(ReceiptCodec, receipt).length).toBeGreaterThan(0);
  });
});
