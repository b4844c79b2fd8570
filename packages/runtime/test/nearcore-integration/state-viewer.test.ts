/**
 * nearcore integration-tests/src/tests/runtime/state_viewer.rs (f0c7706), the parts nearts has:
 * view calls (a value, arguments, a write refused with nearcore's error message, logs kept when
 * the method panics) and the contract data of an account by prefix. Not translated: state
 * proofs, pagination (`after_key`, limits) and the state-size limit of `view_state`, which our
 * `Chain.viewState` does not have. The test contract is the WAT stand-in of runtime-node.ts.
 */
import { NEAR } from '@nearts/primitives';
import { beforeAll, describe, expect, it } from 'vitest';
import { Chain, ViewCallError } from '../../src/index.js';
import { ALICE, TEST_CONTRACT_WAT, signerOf, u64le, wat2wasm } from './runtime-node.js';

const TEST_CONTRACT_EXTRA = TEST_CONTRACT_WAT.replace(
  /\)$/,
  `
  (func (export "run_test_with_storage_change")
    (drop (call $storage_write (i64.const 5) (i64.const 32) (i64.const 5) (i64.const 48) (i64.const 0))))
  (data (i32.const 48) "world")
  (func (export "panic_after_logging")
    (call $log_utf8 (i64.const 5) (i64.const 32))
    (call $panic_utf8 (i64.const 4) (i64.const 16))))`,
);

const utf8 = (s: string) => new TextEncoder().encode(s);
let chain: Chain;

/** `get_test_trie_viewer`: the test contract on test.contract; contract data for alice, alina and alex. */
beforeAll(async () => {
  const code = await wat2wasm(TEST_CONTRACT_EXTRA);
  chain = Chain.create({
    accounts: [
      {
        accountId: ALICE,
        amount: 100n * NEAR,
        keys: [signerOf(ALICE).publicKey],
        data: [
          [utf8('test123'), utf8('123')],
          [utf8('test321'), utf8('321')],
        ],
      },
      { accountId: 'alina', amount: NEAR, data: [[utf8('qqq'), utf8('321')]] },
      { accountId: 'alex', amount: NEAR, data: [[utf8('qqq'), utf8('321')]] },
      { accountId: 'test.contract', amount: 100n * NEAR, code },
    ],
  });
});

function viewError(method: string, account = 'test.contract'): ViewCallError {
  try {
    chain.view(account, method);
  } catch (e) {
    if (e instanceof ViewCallError) return e;
    throw e;
  }
  throw new Error(`${method} did not fail`);
}

describe('state viewer (state_viewer.rs)', () => {
  it('test_view_call: run_test returns 10i32', () => {
    expect(chain.view('test.contract', 'run_test').result).toEqual(new Uint8Array(new Int32Array([10]).buffer));
  });

  it('test_view_call_try_changing_storage: the Debug form of ProhibitedInView in the message', () => {
    expect(viewError('run_test_with_storage_change').message).toContain('ProhibitedInView { method_name: "storage_write" }');
  });

  it('the whole message as the RPC reports it: no code, no such method', () => {
    expect(viewError('run_test', ALICE).message).toBe('wasm execution failed with error: CompilationError(CodeDoesNotExist { account_id: "alice.near" })');
    expect(viewError('nope').message).toBe('wasm execution failed with error: MethodResolveError(MethodNotFound)');
  });

  it('test_view_call_with_args: sum_with_input(1, 2) = 3', () => {
    expect(chain.view('test.contract', 'sum_with_input', u64le(1n, 2n)).result).toEqual(u64le(3n));
  });

  it('test_log_when_panic: the logs before the panic come with the error', () => {
    expect(viewError('panic_after_logging').logs).toEqual(['hello']);
  });

  it('test_view_state: alice’s contract data by prefix, nothing of alina or alex', () => {
    const values = [
      [utf8('test123'), utf8('123')],
      [utf8('test321'), utf8('321')],
    ];
    const view = (prefix: string) => chain.viewState(ALICE, utf8(prefix)).map(([k, v]) => [new Uint8Array(k), new Uint8Array(v)]);
    expect(view('')).toEqual(values);
    expect(view('test')).toEqual(values);
    expect(view('xyz')).toEqual([]);
    expect(view('test123')).toEqual([values[0]]);
  });
});
