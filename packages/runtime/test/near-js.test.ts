/**
 * Transactions built and signed by the real client libraries (@near-js/transactions, crypto,
 * signers 2.5.1), submitted as the borsh bytes a wallet would send.
 *
 * Derivation of the first transaction (alice.near → counter.alice.near, not sender-is-receiver;
 * `increment` with args `{}` = 11 bytes of method name + args):
 *   send  = receipt 108_059_500_000 + create_account 500_000_000_000 + transfer 115_123_062_500
 *         + add_full_access_key 101_765_125_000 + deploy 184_765_750_000 + 47_683_715 × code bytes
 *         + function_call 200_000_000_000 + 47_683_715 × 11
 *   exec  = receipt 108_059_500_000 + create_account 7_200_000_000_000 + transfer 115_123_062_500
 *         + add_full_access_key 101_765_125_000 + deploy 184_765_750_000 + 64_572_944 × code bytes
 *         + function_call 780_000_000_000 + 2_235_934 × 11
 * Conversion burns `send` at 1e8; the receipt burns exec + the VM's gas at 1e8 plus the
 * 0.007 NEAR account-creation charge (less 7.2e12 × 1e8 already burnt by create_account); the new
 * contract account receives 30 % of the VM's gas at 1e8.
 */
import { readFileSync } from 'node:fs';
import { KeyPair as NearKeyPair } from '@near-js/crypto';
import { KeyPairSigner } from '@near-js/signers';
import { actionCreators, createTransaction, encodeTransaction } from '@near-js/transactions';
import { NEAR } from '@nearts/primitives';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSupplyInvariant } from '../src/index.js';
import { buildContracts } from './contracts.js';
import { keyOf, testChain } from './helpers.js';

let counter: Uint8Array;
beforeAll(() => {
  buildContracts();
  counter = new Uint8Array(readFileSync(new URL('../../../fixtures/contracts/built/counter.wasm', import.meta.url)));
});

async function signed(signerId: string, secret: string, receiverId: string, nonce: bigint, actions: ReturnType<typeof actionCreators.transfer>[], blockHash: Uint8Array) {
  const key = NearKeyPair.fromString(secret as `ed25519:${string}`);
  const tx = createTransaction(signerId, key.getPublicKey(), receiverId, nonce, actions, blockHash);
  const [, stx] = await new KeyPairSigner(key).signTransaction(tx);
  return encodeTransaction(stx);
}

describe('@near-js signed transactions', () => {
  it('create account + transfer + add key + deploy + function call in one transaction, then a call with the new key', async () => {
    const chain = testChain();
    const aliceSecret = keyOf('alice.near').toString();
    const newKey = NearKeyPair.fromString(keyOf('counter owner').toString() as `ed25519:${string}`);
    const bytes = await signed('alice.near', aliceSecret, 'counter.alice.near', 1n, [
      actionCreators.createAccount(),
      actionCreators.transfer(10n * NEAR),
      actionCreators.addKey(newKey.getPublicKey(), actionCreators.fullAccessKey()),
      actionCreators.deployContract(counter),
      actionCreators.functionCall('increment', {}, 30_000_000_000_000n, 0n),
    ], chain.head.hash);
    const hash = chain.submit(bytes);
    chain.runUntilIdle();
    checkSupplyInvariant(chain);

    const n = BigInt(counter.length);
    const send =
      108_059_500_000n + 500_000_000_000n + 115_123_062_500n + 101_765_125_000n + 184_765_750_000n + 47_683_715n * n + 200_000_000_000n + 47_683_715n * 11n;
    const exec =
      108_059_500_000n + 7_200_000_000_000n + 115_123_062_500n + 101_765_125_000n + 184_765_750_000n + 64_572_944n * n + 780_000_000_000n + 2_235_934n * 11n;
    const charge = 7_000_000_000_000_000_000_000n - 7_200_000_000_000n * 100_000_000n;
    const f = chain.finalOutcome(hash);
    expect(f.status.kind).toBe('SuccessValue');
    expect(f.transactionOutcome.outcome.outcome.gasBurnt).toBe(send);
    const receipt = f.receiptsOutcome[0].outcome.outcome;
    expect(receipt.logs).toEqual(['counter is now 1']);
    if (receipt.metadata.version !== 4) throw new Error('V4 metadata expected');
    const p = receipt.metadata.profile;
    const vm = p.wasmGas + p.hostGas();
    expect(receipt.gasBurnt).toBe(exec + vm);
    expect(receipt.tokensBurnt).toBe((exec + vm) * 100_000_000n + charge);
    const acc = chain.viewAccount('counter.alice.near')!;
    expect(acc.amount).toBe(10n * NEAR + ((vm * 3n) / 10n) * 100_000_000n);
    // 100 + key (33 + 9 + 40) + code + the counter's entry ("c" + 8 bytes + 40).
    expect(acc.storageUsage).toBe(182n + n + 49n);
    expect(chain.viewAccount('alice.near')!.amount).toBe(90n * NEAR - (send + exec + vm) * 100_000_000n - charge);

    // The RPC JSON of the final outcome has nearcore's shape.
    const view = chain.finalOutcomeView(hash) as Record<string, unknown>;
    expect(Object.keys(view)).toEqual(['status', 'transaction', 'transaction_outcome', 'receipts_outcome']);
    expect(view.status).toEqual({ SuccessValue: '' });

    // A function call signed with the key the first transaction added (nonce after its initial
    // (height − 1) × 1e6), sent to the account itself (sender is receiver).
    const nonce = chain.viewAccessKey('counter.alice.near', keyOf('counter owner').publicKey)!.nonce + 1n;
    const callBytes = await signed('counter.alice.near', keyOf('counter owner').toString(), 'counter.alice.near', nonce, [
      actionCreators.functionCall('increment', new Uint8Array(0), 30_000_000_000_000n, 0n),
    ], chain.head.hash);
    const callHash = chain.submit(callBytes);
    chain.runUntilIdle();
    checkSupplyInvariant(chain);
    const call = chain.finalOutcome(callHash);
    expect(call.status.kind).toBe('SuccessValue');
    // sir: receipt 108_059_500_000 + function_call 200_000_000_000 + 9 × 2_235_934 (send_sir per byte).
    expect(call.transactionOutcome.outcome.outcome.gasBurnt).toBe(308_079_623_406n);
    expect(call.receiptsOutcome[0].outcome.outcome.logs).toEqual(['counter is now 2']);
    expect(new TextDecoder().decode(chain.view('counter.alice.near', 'get_num').result)).toBe('2');
  });
});
