/** nearcore runtime/near-vm-runner/src/logic/tests/promises.rs, translated. */
import { PublicKey, sha256 } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import type { MockAction } from '../../src/index.js';
import { U64_MAX, VMLogicBuilder, hostErrorOf, le128, le64, utf8, type TestVMLogic } from './logic-builder.js';
import {
  promiseBatchActionAddGasKeyWithFullAccess,
  promiseBatchActionAddGasKeyWithFunctionCall,
  promiseBatchActionAddKeyWithFunctionCall,
  promiseBatchActionFunctionCall,
  promiseBatchActionFunctionCallWeight,
  promiseBatchCreate,
  promiseCreate,
} from './promise-helpers.js';

const TEST_PK = PublicKey.fromString('ed25519:5do5nkAEVhL8iteDvXNgxi4pWK78Y7DDadX11ArFNyrf');
const TEST_PK_BORSH = new Uint8Array([TEST_PK.keyType, ...TEST_PK.data]);

/** The CreateReceipt + FunctionCallWeight that `promiseCreate` logs; returns the actions after them. */
function afterPromiseCreatePreamble(log: readonly MockAction[], receiver: string): MockAction[] {
  expect(log.length).toBeGreaterThanOrEqual(2);
  expect(log[0]).toEqual({ kind: 'CreateReceipt', receiptIndices: [], receiverId: receiver });
  expect(log[1]).toEqual({
    kind: 'FunctionCallWeight',
    receiptIndex: 0,
    methodName: utf8('promise_create'),
    args: utf8('args'),
    attachedDeposit: 0n,
    prepaidGas: 0n,
    gasWeight: 0n,
  });
  return log.slice(2);
}

/** An index that exists and a joint promise over it, for the "not a receipt" checks. */
function jointPromise(t: TestVMLogic, index: bigint): bigint {
  const ptr = t.memWrite(le64(index)).ptr;
  return t.call('promise_and', ptr, 1n) as bigint;
}

function expectFails(f: () => unknown): void {
  expect(hostErrorOf(f).kind).toBeTypeOf('string');
}

describe('nearcore logic tests: promises', () => {
  it('promise_results_count and promise_result for each result kind', () => {
    const b = VMLogicBuilder.default();
    b.context.promiseResults = [{ kind: 'Successful', data: utf8('test') }, { kind: 'Failed' }, { kind: 'NotReady' }];
    const t = b.build();
    expect(t.call('promise_results_count')).toBe(3n);
    expect(t.call('promise_result', 0n, 0n)).toBe(1n);
    expect(t.call('promise_result', 1n, 0n)).toBe(2n);
    expect(t.call('promise_result', 2n, 0n)).toBe(0n);
    t.assertReadRegister('test', 0n);
  });

  it('promise_result pays no per-byte register fee', () => {
    const b = VMLogicBuilder.default();
    b.context.promiseResults = [{ kind: 'Successful', data: new Uint8Array(100) }];
    const t = b.build();
    t.call('promise_result', 0n, 0n);
    t.assertCosts({ base: 1, write_register_base: 1 });
  });

  it('promise_batch_action_function_call', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    expectFails(() => promiseBatchActionFunctionCall(t, 123n, 0n, 0n));
    const nonReceipt = jointPromise(t, index);
    expectFails(() => promiseBatchActionFunctionCall(t, nonReceipt, 0n, 0n));
    promiseBatchActionFunctionCall(t, index, 0n, 0n);
    expect(afterPromiseCreatePreamble(b.ext.actionLog, 'rick.test')).toEqual([
      {
        kind: 'FunctionCallWeight',
        receiptIndex: 0,
        methodName: utf8('promise_batch_action'),
        args: utf8('promise_batch_action_args'),
        attachedDeposit: 0n,
        prepaidGas: 0n,
        gasWeight: 0n,
      },
    ]);
  });

  it('use_global_contract_by_account_id rejects an invalid account id (rules V2)', () => {
    const b = VMLogicBuilder.default();
    b.config.limitConfig.accountIdValidityRulesVersion = 2;
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    const bad = t.memWrite('not a valid account id');
    expect(hostErrorOf(() => t.call('promise_batch_action_use_global_contract_by_account_id', index, bad.len, bad.ptr))).toEqual({ kind: 'InvalidAccountId' });
  });

  it('promise_batch_action_create_account', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    const indexPtr = t.memWrite(le64(index)).ptr;
    expectFails(() => t.call('promise_batch_action_create_account', 123n));
    const nonReceipt = t.call('promise_and', indexPtr, 1n) as bigint;
    expectFails(() => t.call('promise_batch_action_create_account', nonReceipt));
    t.call('promise_batch_action_create_account', index);
    expect(t.call('used_gas')).toBe(12578263688564n);
    expect(afterPromiseCreatePreamble(b.ext.actionLog, 'rick.test')).toEqual([{ kind: 'CreateAccount', receiptIndex: 0 }]);
  });

  it('promise_batch_action_deploy_contract', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    const indexPtr = t.memWrite(le64(index)).ptr;
    const code = t.memWrite('sample');
    expectFails(() => t.call('promise_batch_action_deploy_contract', 123n, code.len, code.ptr));
    const nonReceipt = t.call('promise_and', indexPtr, 1n) as bigint;
    expectFails(() => t.call('promise_batch_action_deploy_contract', nonReceipt, code.len, code.ptr));
    t.call('promise_batch_action_deploy_contract', index, code.len, code.ptr);
    expect(t.call('used_gas')).toBe(5255774958146n);
    expect(afterPromiseCreatePreamble(b.ext.actionLog, 'rick.test')).toEqual([{ kind: 'DeployContract', receiptIndex: 0, code: utf8('sample') }]);
  });

  it('promise_batch_action_deploy_global_contract', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    const indexPtr = t.memWrite(le64(index)).ptr;
    const code = t.memWrite('sample');
    expectFails(() => t.call('promise_batch_action_deploy_global_contract', 123n, code.len, code.ptr));
    const nonReceipt = t.call('promise_and', indexPtr, 1n) as bigint;
    expectFails(() => t.call('promise_batch_action_deploy_global_contract', nonReceipt, code.len, code.ptr));
    t.call('promise_batch_action_deploy_global_contract', index, code.len, code.ptr);
    expect(t.call('used_gas')).toBe(5256154080152n);
    expect(afterPromiseCreatePreamble(b.ext.actionLog, 'rick.test')).toEqual([
      { kind: 'DeployGlobalContract', receiptIndex: 0, code: utf8('sample'), mode: 'CodeHash' },
    ]);
  });

  it('promise_batch_action_use_global_contract', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    const indexPtr = t.memWrite(le64(index)).ptr;
    const hash = sha256(utf8('arbitrary'));
    const codeHash = t.memWrite(hash);
    const malformed = t.memWrite('not a valid CryptoHash repr');
    expectFails(() => t.call('promise_batch_action_use_global_contract', 123n, codeHash.len, codeHash.ptr));
    const nonReceipt = t.call('promise_and', indexPtr, 1n) as bigint;
    expectFails(() => t.call('promise_batch_action_use_global_contract', nonReceipt, codeHash.len, codeHash.ptr));
    expectFails(() => t.call('promise_batch_action_use_global_contract', 123n, malformed.len, malformed.ptr));
    t.call('promise_batch_action_use_global_contract', index, codeHash.len, codeHash.ptr);
    expect(t.call('used_gas')).toBe(5262559186522n);
    expect(afterPromiseCreatePreamble(b.ext.actionLog, 'rick.test')).toEqual([
      { kind: 'UseGlobalContract', receiptIndex: 0, contractId: { type: 'CodeHash', hash } },
    ]);
  });

  it('promise_batch_action_transfer', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    const indexPtr = t.memWrite(le64(index)).ptr;
    const n110 = t.memWrite(le128(110n));
    const n1 = t.memWrite(le128(1n));
    expectFails(() => t.call('promise_batch_action_transfer', 123n, n110.ptr));
    const nonReceipt = t.call('promise_and', indexPtr, 1n) as bigint;
    expectFails(() => t.call('promise_batch_action_transfer', nonReceipt, n110.ptr));
    t.call('promise_batch_action_transfer', index, n110.ptr);
    expectFails(() => t.call('promise_batch_action_transfer', index, n1.ptr));
    expect(t.call('used_gas')).toBe(5349703444787n);
    expect(afterPromiseCreatePreamble(b.ext.actionLog, 'rick.test')).toEqual([{ kind: 'Transfer', receiptIndex: 0, deposit: 110n }]);
  });

  it('promise_batch_action_transfer_to_gas_key', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    const key = t.memWrite(TEST_PK_BORSH);
    const indexPtr = t.memWrite(le64(index)).ptr;
    const n110 = t.memWrite(le128(110n));
    const n1 = t.memWrite(le128(1n));
    expectFails(() => t.call('promise_batch_action_transfer_to_gas_key', 123n, key.len, key.ptr, n110.ptr));
    const nonReceipt = t.call('promise_and', indexPtr, 1n) as bigint;
    expectFails(() => t.call('promise_batch_action_transfer_to_gas_key', nonReceipt, key.len, key.ptr, n110.ptr));
    t.call('promise_batch_action_transfer_to_gas_key', index, key.len, key.ptr, n110.ptr);
    expectFails(() => t.call('promise_batch_action_transfer_to_gas_key', index, key.len, key.ptr, n1.ptr));
    expect(afterPromiseCreatePreamble(b.ext.actionLog, 'rick.test')).toEqual([
      { kind: 'TransferToGasKey', receiptIndex: 0, publicKey: TEST_PK, deposit: 110n },
    ]);
  });

  it('promise_batch_action_stake', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    const key = t.memWrite(TEST_PK_BORSH);
    const indexPtr = t.memWrite(le64(index)).ptr;
    const n110 = t.memWrite(le128(110n));
    expectFails(() => t.call('promise_batch_action_stake', 123n, n110.ptr, key.len, key.ptr));
    const nonReceipt = t.call('promise_and', indexPtr, 1n) as bigint;
    expectFails(() => t.call('promise_batch_action_stake', nonReceipt, n110.ptr, key.len, key.ptr));
    t.call('promise_batch_action_stake', index, n110.ptr, key.len, key.ptr);
    expect(t.call('used_gas')).toBe(5138414976215n);
    expect(afterPromiseCreatePreamble(b.ext.actionLog, 'rick.test')).toEqual([{ kind: 'Stake', receiptIndex: 0, stake: 110n, publicKey: TEST_PK }]);
  });

  it('promise_batch_action_add_key_with_function_call', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    const nonReceiptOf = index;
    const add = (i: bigint): void => promiseBatchActionAddKeyWithFunctionCall(t, i, TEST_PK_BORSH, 1n, 999n, 'sam', 'foo,bar');
    const indexPtr = t.memWrite(le64(nonReceiptOf)).ptr;
    expectFails(() => add(123n));
    const nonReceipt = t.call('promise_and', indexPtr, 1n) as bigint;
    expectFails(() => add(nonReceipt));
    add(index);
    expect(t.call('used_gas')).toBe(5126680499695n);
    expect(afterPromiseCreatePreamble(b.ext.actionLog, 'rick.test')).toEqual([
      {
        kind: 'AddKeyWithFunctionCall',
        receiptIndex: 0,
        publicKey: TEST_PK,
        nonce: 1n,
        allowance: 999n,
        receiverId: 'sam',
        methodNames: [utf8('foo'), utf8('bar')],
      },
    ]);
  });

  it('promise_batch_then accepts a joint promise', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    const account = t.memWrite('rick.test');
    const indexSlice = t.memWrite(le64(index));
    expectFails(() => t.call('promise_batch_then', 123n, account.len, account.ptr));
    const nonReceipt = t.call('promise_and', indexSlice.ptr, 1n) as bigint;
    t.call('promise_batch_then', nonReceipt, account.len, account.ptr);
    t.call('promise_batch_then', index, account.len, account.ptr);
    expect(t.call('used_gas')).toBe(24124999601771n);
    const receipt = { kind: 'CreateReceipt', receiptIndices: [0], receiverId: 'rick.test' };
    expect(afterPromiseCreatePreamble(b.ext.actionLog, 'rick.test')).toEqual([receipt, receipt]);
  });

  it('promise_batch_action_state_init_by_account_id and set_state_init_data_entry: costs, profile, action', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    const receiver = 'rick.test';
    const index = promiseBatchCreate(t, receiver);
    t.assertCosts({ base: 1, read_memory_base: 1, read_memory_byte: receiver.length, utf8_decoding_base: 1, utf8_decoding_byte: receiver.length });

    const account = t.memWrite('global.near');
    const key = t.memWrite('key');
    const value = t.memWrite('value');
    const amount = t.memWrite(le128(110n));
    t.writeRegister(0n, 'key2');
    t.writeRegister(1n, 'value2');
    t.resetCosts();

    const actionIndex = t.call('promise_batch_action_state_init_by_account_id', index, account.len, account.ptr, amount.ptr) as bigint;
    t.assertCosts({
      base: 1,
      read_memory_base: 2,
      read_memory_byte: account.len + amount.len,
      utf8_decoding_base: 1,
      utf8_decoding_byte: account.len,
    });

    t.call('set_state_init_data_entry', index, actionIndex, key.len, key.ptr, value.len, value.ptr);
    t.assertCosts({ base: 1, read_memory_base: 2, read_memory_byte: key.len + value.len });

    t.call('set_state_init_data_entry', index, actionIndex, U64_MAX, 0n, U64_MAX, 1n);
    t.assertCosts({ base: 1, read_register_base: 2, read_register_byte: 4 + 6 });

    const profile = t.gas.profileData();
    expect(t.call('used_gas')).toBe(8_586_074_959_513n);
    const giga = (g: bigint): bigint => g / 1_000_000_000n;
    expect(giga(profile.getActionCost('deterministic_state_init_base'))).toBe(3850n);
    expect(giga(profile.getActionCost('deterministic_state_init_entry'))).toBe(0n);
    expect(profile.getActionCost('deterministic_state_init_byte')).toBe(1_296_000_000n);
    expect(giga(profile.getActionCost('new_action_receipt'))).toBe(108n);

    expect(b.ext.actionLog).toEqual([
      { kind: 'CreateReceipt', receiptIndices: [], receiverId: 'rick.test' },
      {
        kind: 'DeterministicStateInit',
        receiptIndex: 0,
        contractId: { type: 'AccountId', accountId: 'global.near' },
        data: new Map([
          [Buffer.from('key').toString('hex'), { key: utf8('key'), value: utf8('value') }],
          [Buffer.from('key2').toString('hex'), { key: utf8('key2'), value: utf8('value2') }],
        ]),
        amount: 110n,
      },
    ]);
  });

  it('promise_batch_action_add_gas_key_with_full_access', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    const indexPtr = t.memWrite(le64(index)).ptr;
    expectFails(() => promiseBatchActionAddGasKeyWithFullAccess(t, 123n, TEST_PK_BORSH, 4n));
    const nonReceipt = t.call('promise_and', indexPtr, 1n) as bigint;
    expectFails(() => promiseBatchActionAddGasKeyWithFullAccess(t, nonReceipt, TEST_PK_BORSH, 4n));
    promiseBatchActionAddGasKeyWithFullAccess(t, index, TEST_PK_BORSH, 4n);
    expect(afterPromiseCreatePreamble(b.ext.actionLog, 'rick.test')).toEqual([
      { kind: 'AddGasKeyWithFullAccess', receiptIndex: 0, publicKey: TEST_PK, numNonces: 4 },
    ]);
  });

  it('promise_batch_action_add_gas_key_with_function_call', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    const indexPtr = t.memWrite(le64(index)).ptr;
    const add = (i: bigint): void => promiseBatchActionAddGasKeyWithFunctionCall(t, i, TEST_PK_BORSH, 2n, 999n, 'sam', 'foo,bar');
    expectFails(() => add(123n));
    const nonReceipt = t.call('promise_and', indexPtr, 1n) as bigint;
    expectFails(() => add(nonReceipt));
    add(index);
    expect(afterPromiseCreatePreamble(b.ext.actionLog, 'rick.test')).toEqual([
      {
        kind: 'AddGasKeyWithFunctionCall',
        receiptIndex: 0,
        publicKey: TEST_PK,
        numNonces: 2,
        allowance: 999n,
        receiverId: 'sam',
        methodNames: [utf8('foo'), utf8('bar')],
      },
    ]);
  });

  it('one_yocto_on_promise: 1 yocto on a zero balance is subsidized for function calls only', () => {
    const b = VMLogicBuilder.default();
    b.config.oneYoctoOnPromise = true;
    b.context.accountBalance = 0n;
    b.context.attachedDeposit = 0n;
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    promiseBatchActionFunctionCallWeight(t, index, 1n, 0n, 0n);
    expect(hostErrorOf(() => promiseBatchActionFunctionCallWeight(t, index, 2n, 0n, 0n))).toEqual({ kind: 'BalanceExceeded' });
    const one = t.memWrite(le128(1n));
    expect(hostErrorOf(() => t.call('promise_batch_action_transfer', index, one.ptr))).toEqual({ kind: 'BalanceExceeded' });
    expect(t.logic.subsidizedAmount).toBe(1n);
  });

  it('one_yocto_on_promise: a non-zero balance pays the yocto, then the subsidy kicks in', () => {
    const b = VMLogicBuilder.default();
    b.config.oneYoctoOnPromise = true;
    b.context.accountBalance = 1n;
    b.context.attachedDeposit = 0n;
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    promiseBatchActionFunctionCallWeight(t, index, 1n, 0n, 0n);
    expect(t.logic.currentAccountBalance).toBe(0n);
    expect(t.logic.subsidizedAmount).toBe(0n);
    promiseBatchActionFunctionCallWeight(t, index, 1n, 0n, 0n);
    expect(t.logic.subsidizedAmount).toBe(1n);
  });

  it('one_yocto_on_promise off: 1 yocto on a zero balance fails', () => {
    const b = VMLogicBuilder.default();
    b.config.oneYoctoOnPromise = false;
    b.context.accountBalance = 0n;
    b.context.attachedDeposit = 0n;
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    expect(hostErrorOf(() => promiseBatchActionFunctionCallWeight(t, index, 1n, 0n, 0n))).toEqual({ kind: 'BalanceExceeded' });
  });
});
