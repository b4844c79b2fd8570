/**
 * Promise yield / resume (NEP-519) on the chain: the yield receipt waits in state under
 * `PromiseYieldReceipt`, a resume delivers data, a timeout after 200 blocks delivers a failure.
 * The contract is a small WAT module compiled here with wabt.
 */
import { NEAR, trieKeys, type Action } from '@nearts/primitives';
import wabtInit from 'wabt';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSupplyInvariant } from '../src/index.js';
import { execute, testChain } from './helpers.js';

const WAT = `(module
  (import "env" "promise_yield_create" (func $yield_create (param i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "promise_yield_resume" (func $yield_resume (param i64 i64 i64 i64) (result i32)))
  (import "env" "promise_result" (func $promise_result (param i64 i64) (result i64)))
  (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))
  (import "env" "storage_read" (func $storage_read (param i64 i64 i64) (result i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "input" (func $input (param i64)))
  (memory 1)
  (data (i32.const 0) "on_resume")
  (data (i32.const 16) "id")
  (data (i32.const 24) "r")
  ;; yields to on_resume (10 Tgas) and keeps the data id under "id"
  (func (export "start")
    (drop (call $yield_create (i64.const 9) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 10000000000000) (i64.const 0) (i64.const 1)))
    (call $read_register (i64.const 1) (i64.const 64))
    (drop (call $storage_write (i64.const 2) (i64.const 16) (i64.const 32) (i64.const 64) (i64.const 2))))
  ;; resumes the stored yield with the call's input as payload
  (func (export "resume")
    (drop (call $storage_read (i64.const 2) (i64.const 16) (i64.const 3)))
    (call $read_register (i64.const 3) (i64.const 64))
    (call $input (i64.const 4))
    (call $read_register (i64.const 4) (i64.const 128))
    (drop (call $yield_resume (i64.const 32) (i64.const 64) (call $register_len (i64.const 4)) (i64.const 128))))
  ;; stores the promise status (1 ok, 2 failed) and the payload under "r"
  (func (export "on_resume")
    (local $status i64)
    (local.set $status (call $promise_result (i64.const 0) (i64.const 5)))
    (i64.store8 (i32.const 200) (local.get $status))
    (if (i64.eq (local.get $status) (i64.const 1))
      (then
        (call $read_register (i64.const 5) (i64.const 201))
        (drop (call $storage_write (i64.const 1) (i64.const 24) (i64.add (call $register_len (i64.const 5)) (i64.const 1)) (i64.const 200) (i64.const 6))))
      (else
        (drop (call $storage_write (i64.const 1) (i64.const 24) (i64.const 1) (i64.const 200) (i64.const 6)))))))`;

let code: Uint8Array;
beforeAll(async () => {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('yield.wat', WAT);
  code = new Uint8Array(mod.toBinary({}).buffer);
  mod.destroy();
});

const call = (method: string, args = ''): Action => ({
  type: 'FunctionCall',
  methodName: method,
  args: new TextEncoder().encode(args),
  gas: 50n * 10n ** 12n,
  deposit: 0n,
});

const result = (chain: ReturnType<typeof testChain>): string => {
  const r = chain.viewState('yield.near').find(([k]) => new TextDecoder().decode(k) === 'r');
  return r === undefined ? '' : `${r[1][0]}:${new TextDecoder().decode(r[1].subarray(1))}`;
};

describe('yield / resume', () => {
  it('a resume runs the yielded callback with its payload', () => {
    const chain = testChain({ accounts: [{ accountId: 'yield.near', amount: 10n * NEAR, code }] });
    const started = execute(chain, 'alice.near', 'yield.near', [call('start')]);
    expect(started.final.status.kind).toBe('SuccessValue');
    // The yielded receipt waits in state; its timeout is queued.
    const dataId = chain.viewState('yield.near').find(([k]) => new TextDecoder().decode(k) === 'id')![1];
    expect(chain.state.has(trieKeys.promiseYieldReceipt('yield.near', dataId))).toBe(true);
    expect(chain.state.has(trieKeys.promiseYieldTimeout(0n))).toBe(true);
    expect(result(chain)).toBe('');
    execute(chain, 'bob.near', 'yield.near', [call('resume', 'hello')]);
    expect(result(chain)).toBe('1:hello');
    expect(chain.state.has(trieKeys.promiseYieldReceipt('yield.near', dataId))).toBe(false);
    // The callback's outcome now belongs to the first transaction's tree.
    const tree = chain.finalOutcome(started.hash).receiptsOutcome.map((r) => r.outcome.outcome.executorId);
    expect(tree.filter((e) => e === 'yield.near').length).toBe(2);
    checkSupplyInvariant(chain);
  });

  it('without a resume the callback runs with a failed result 200 blocks later', () => {
    const chain = testChain({ accounts: [{ accountId: 'yield.near', amount: 10n * NEAR, code }] });
    execute(chain, 'alice.near', 'yield.near', [call('start')]);
    // Blocks: 1 the transaction, 2 `start` (the yield expires at 2 + 200), 3 the gas refund.
    const yieldedAt = chain.head.height - 1n;
    while (chain.head.height < yieldedAt + 199n) chain.produceBlock();
    expect(result(chain)).toBe('');
    const timeoutBlock = chain.produceBlock(); // height 202: the timeout becomes a PromiseResume receipt
    expect(timeoutBlock.chunks[0].result.processedYieldTimeouts.length).toBe(1);
    chain.runUntilIdle();
    expect(result(chain)).toBe('2:');
    expect(chain.state.has(trieKeys.promiseYieldTimeout(0n))).toBe(false);
    checkSupplyInvariant(chain);
  });
});
