/**
 * The chain driver: receipts move to the next block, the chunk gas limit moves the rest into the
 * delayed queue (stored under nearcore's trie keys), several shards route by account, the gas
 * price follows nearcore's rule.
 */
import {
  decode,
  NEAR,
  ReceiptOrStateStoredReceiptCodec,
  TrieQueueIndicesCodec,
  trieKeys,
} from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { MemoryState } from '@nearts/store';
import { checkSupplyInvariant, nextGasPrice, DEFAULT_GAS_PRICE, TrieShape, type Chain } from '../src/index.js';
import { execute, keyOf, signTx, testChain } from './helpers.js';

const TRANSFER_GAS = 223_182_562_500n; // receipt + transfer, send or exec

describe('chain', () => {
  it('delays receipts beyond the chunk gas limit and runs them later, oldest first', () => {
    const chain = testChain({ gasLimit: 500_000_000_000n });
    const hashes = [1n, 2n, 3n, 4n, 5n].map((nonce) =>
      chain.submit(signTx('alice.near', keyOf('alice.near'), 'bob.near', nonce, [{ type: 'Transfer', deposit: NEAR }], chain.head.hash)),
    );
    // Block 1: all five conversions (transactions are never limited).
    const b1 = chain.produceBlock();
    expect(b1.chunks[0].result.totalGasBurnt).toBe(5n * TRANSFER_GAS);
    // Block 2: 0 → 223 → 446 Ggas used before the third receipt, which still runs (446 < 500);
    // the fourth and fifth go to the delayed queue.
    const b2 = chain.produceBlock();
    expect(b2.chunks[0].result.outcomes.length).toBe(3);
    expect(b2.chunks[0].result.delayedReceiptsCount).toBe(2n);
    const state = chain.state;
    expect(decode(TrieQueueIndicesCodec, state.get(trieKeys.delayedReceiptIndices())!)).toEqual({ firstIndex: 0n, nextAvailableIndex: 2n });
    const stored = decode(ReceiptOrStateStoredReceiptCodec, state.get(trieKeys.delayedReceipt(0n))!);
    expect(stored.type).toBe('StateStoredReceipt');
    if (stored.type === 'StateStoredReceipt') {
      expect(stored.receipt.receiverId).toBe('bob.near');
      // Congestion gas: receipt exec + transfer exec (no attached gas).
      expect(stored.metadata.congestionGas).toBe(TRANSFER_GAS);
    }
    checkSupplyInvariant(chain);
    chain.runUntilIdle();
    checkSupplyInvariant(chain);
    for (const h of hashes) expect(chain.finalOutcome(h).status.kind).toBe('SuccessValue');
    expect(chain.viewAccount('bob.near')!.amount).toBe(105n * NEAR);
    expect(state.get(trieKeys.delayedReceipt(0n))).toBeUndefined();
  });

  it('builds each shard\'s trie shape at genesis as from its committed keys (empty or pre-filled state)', () => {
    const shapeOf = (chain: Chain, shard: number) => (chain as unknown as { shapes: TrieShape[] }).shapes[shard]!;
    const check = (chain: Chain) => {
      for (const [i, state] of chain.allStates.entries()) {
        const keys = [...state.iter()].map(([k]) => k);
        const expected = TrieShape.fromKeys(keys);
        const shape = shapeOf(chain, i);
        expect(shape.size).toBe(expected.size);
        const probes = [...keys, ...keys.map((k) => k.subarray(0, k.length - 1)), Uint8Array.of(9, 9)];
        for (const k of probes) expect(shape.committedTrieAccessPath(k)).toEqual(expected.committedTrieAccessPath(k));
      }
    };
    const code = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    const extra = {
      shardBoundaries: ['b'],
      globalContracts: [{ code }],
      accounts: [
        // The same key listed twice is written twice: one trie key.
        { accountId: 'carol.near', amount: NEAR, keys: [keyOf('carol.near').publicKey, keyOf('carol.near').publicKey], data: [[Uint8Array.of(1), Uint8Array.of(2)]] as Array<[Uint8Array, Uint8Array]> },
      ],
    };
    check(testChain(extra));
    // A factory handing out states that already hold something: the shape comes from reading them back.
    const prefilled = () => {
      const s = new MemoryState();
      s.set(Uint8Array.of(200, 1), Uint8Array.of(1));
      return s;
    };
    const chain = testChain({ ...extra, stateFactory: prefilled });
    expect(chain.state.get(Uint8Array.of(200, 1))).toEqual(Uint8Array.of(1));
    check(chain);
  });

  it('refuses a genesis listing an account twice', () => {
    expect(() => testChain({ accounts: [{ accountId: 'carol.near', amount: NEAR }, { accountId: 'carol.near', amount: NEAR }] })).toThrow(
      'genesis lists account carol.near twice',
    );
  });

  it('routes receipts between shards', () => {
    const chain = testChain({ shardBoundaries: ['b'] });
    expect(chain.layout.accountShard('alice.near')).toBe(0n);
    expect(chain.layout.accountShard('bob.near')).toBe(1n);
    const h = chain.submit(signTx('alice.near', keyOf('alice.near'), 'bob.near', 1n, [{ type: 'Transfer', deposit: NEAR }], chain.head.hash));
    const b1 = chain.produceBlock();
    expect(b1.chunks[0].result.outcomes.length).toBe(1); // the transaction, on alice's shard
    const b2 = chain.produceBlock();
    expect(b2.chunks[1].result.outcomes.map((o) => o.outcome.executorId)).toEqual(['bob.near']);
    chain.runUntilIdle();
    expect(chain.finalOutcome(h).receiptsOutcome.map((r) => r.outcome.outcome.executorId)).toEqual(['bob.near', 'alice.near']);
    expect(chain.viewAccount('bob.near')!.amount).toBe(101n * NEAR);
    expect(chain.shardState(0n).get(trieKeys.account('bob.near'))).toBeUndefined();
    checkSupplyInvariant(chain);
  });

  it('distributes a global contract to every shard', () => {
    const chain = testChain({ shardBoundaries: ['b'] });
    const code = new Uint8Array(100).fill(7);
    execute(chain, 'alice.near', 'alice.near', [{ type: 'DeployGlobalContract', code, deployMode: 'AccountId' }]);
    const id = { type: 'AccountId' as const, accountId: 'alice.near' };
    for (const shard of [0n, 1n]) expect(chain.shardState(shard).get(trieKeys.globalContractCode(id))).toEqual(code);
    // bob lives on shard 1 and can use it.
    const used = execute(chain, 'bob.near', 'bob.near', [{ type: 'UseGlobalContract', contractIdentifier: id }]);
    expect(used.final.status.kind).toBe('SuccessValue');
    expect(chain.viewAccount('bob.near')!.contract).toEqual({ type: 'GlobalByAccount', accountId: 'alice.near' });
    checkSupplyInvariant(chain);
  });

  it('adjusts the gas price like nearcore, within [min, max]', () => {
    const cfg = { ...DEFAULT_GAS_PRICE, min: 1n, max: 10n ** 12n };
    // price × (200·L + 2·used − L) / 200·L: a full block raises it by 0.5 %, an empty one lowers it by 0.5 %.
    expect(nextGasPrice(cfg, 1_000_000_000n, 100n, 100n)).toBe(1_005_000_000n);
    expect(nextGasPrice(cfg, 1_000_000_000n, 0n, 100n)).toBe(995_000_000n);
    expect(nextGasPrice(DEFAULT_GAS_PRICE, 100_000_000n, 0n, 100n)).toBe(100_000_000n);
    const chain = testChain();
    chain.produceBlock();
    expect(chain.head.gasPrice).toBe(100_000_000n);
  });
});
