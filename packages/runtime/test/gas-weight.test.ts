/**
 * Unused gas goes to promises created with a gas weight (nearcore `distribute_gas`): a call
 * created with gas 0 and weight 1 receives everything the parent did not burn or reserve.
 */
import { NEAR } from '@nearts/primitives';
import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import { checkSupplyInvariant } from '../src/index.js';
import { keyOf, signTx, testChain } from './helpers.js';

const WAT = `(module
  (import "env" "promise_batch_create" (func $create (param i64 i64) (result i64)))
  (import "env" "promise_batch_action_function_call_weight" (func $call (param i64 i64 i64 i64 i64 i64 i64 i64)))
  (memory 1)
  (data (i32.const 0) "bob.near")
  (data (i32.const 16) "ping")
  (func (export "forward")
    (call $call (call $create (i64.const 8) (i64.const 0))
      (i64.const 4) (i64.const 16) (i64.const 0) (i64.const 0) (i64.const 32) (i64.const 0) (i64.const 1))))`;

describe('gas weights', () => {
  it('the weighted call gets all unused gas', async () => {
    const wabt = await wabtInit();
    const mod = wabt.parseWat('fwd.wat', WAT);
    const code = new Uint8Array(mod.toBinary({}).buffer);
    mod.destroy();
    const chain = testChain({ accounts: [{ accountId: 'fwd.near', amount: 10n * NEAR, code }] });
    const attached = 50n * 10n ** 12n;
    chain.submit(
      signTx('alice.near', keyOf('alice.near'), 'fwd.near', 1n, [
        { type: 'FunctionCall', methodName: 'forward', args: new Uint8Array(0), gas: attached, deposit: 0n },
      ], chain.head.hash),
    );
    chain.produceBlock();
    const block = chain.produceBlock();
    const parent = block.chunks[0].result.outcomes[0].outcome;
    const created = block.chunks[0].result.outgoingReceipts.find((r) => r.receiverId === 'bob.near')!;
    if (created.receipt.type !== 'ActionV2') throw new Error('expected an ActionV2 receipt');
    const fc = created.receipt.receipt.actions[0];
    if (fc.type !== 'FunctionCall') throw new Error('expected a function call');
    // Parent: receipt exec + function_call exec (7 bytes "forward") + VM burnt gas.
    const vmBurnt = parent.gasBurnt - 108_059_500_000n - 780_000_000_000n - 7n * 2_235_934n;
    // Reserved for the new receipt: its receipt exec + function_call exec + 4 bytes ("ping").
    const reserved = 108_059_500_000n + 780_000_000_000n + 4n * 2_235_934n;
    expect(fc.gas).toBe(attached - vmBurnt - reserved);
    // Nothing unused is left for the parent's refund: only the price surplus (9e8/gas burnt) comes back.
    const refund = block.chunks[0].result.outgoingReceipts.find((r) => r.predecessorId === 'system')!;
    const transfer = refund.receipt.type === 'Action' ? refund.receipt.receipt.actions[0] : undefined;
    expect(transfer).toEqual({ type: 'Transfer', deposit: parent.gasBurnt * 900_000_000n });
    chain.runUntilIdle();
    checkSupplyInvariant(chain);
  });
});
