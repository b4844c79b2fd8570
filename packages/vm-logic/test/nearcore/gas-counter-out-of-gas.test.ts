/**
 * nearcore runtime/near-vm-runner/src/logic/tests/gas_counter.rs, second half, translated: the
 * `out_of_gas_*` tests. One action fee is raised so that charging it crosses max_gas_burnt
 * (`checkExceedsLimit`) or the attached gas (`checkExceedsAttached`), and the exact burnt/used gas
 * must come out as in nearcore, which pins the order in which fees are charged.
 */
import { PublicKey, sha256 } from '@nearts/primitives';
import type { ActionCosts } from '@nearts/runtime-fees';
import { describe, expect, it } from 'vitest';
import { VMLogicBuilder, be128, feeNew, hostErrorOf, le128, type MemSlice, type TestVMLogic } from './logic-builder.js';
import {
  promiseBatchActionAddKeyWithFullAccess,
  promiseBatchActionAddKeyWithFunctionCall,
  promiseBatchActionFunctionCallExt,
  promiseBatchActionFunctionCallWeightExt,
  promiseBatchCreate,
} from './promise-helpers.js';

type Exercise = (t: TestVMLogic) => unknown;

function checkExceedsLimit(cost: ActionCosts, numActionPaid: bigint, exercise: Exercise): void {
  const gasLimit = 10n ** 13n;
  const b = VMLogicBuilder.default();
  b.config.limitConfig.maxGasBurnt = gasLimit;
  b.fees.actionFees[cost] = feeNew(gasLimit / numActionPaid + 1n, gasLimit / numActionPaid + 10n, 1n);
  b.context.prepaidGas = gasLimit;
  b.context.outputDataReceivers = ['alice.test'];
  const t = b.build();
  expect(hostErrorOf(() => exercise(t)), `${cost}`).toEqual({ kind: 'GasLimitExceeded' });
  expect(t.gas.burntGas()).toBe(gasLimit);
  expect(t.gas.usedGas()).toBe(gasLimit);
  expect(t.computeOutcome().computeUsage).toBe(gasLimit);
}

function checkExceedsAttached(cost: ActionCosts, numActionPaid: bigint, expected: string, exercise: Exercise): void {
  const gasLimit = 10n ** 14n;
  const attached = 10n ** 13n;
  const b = VMLogicBuilder.default();
  b.config.limitConfig.maxGasBurnt = gasLimit;
  b.fees.actionFees[cost] = feeNew(1n, 10n, attached / numActionPaid + 1n);
  b.context.prepaidGas = attached;
  b.context.outputDataReceivers = ['alice.test'];
  const t = b.build();
  expect(hostErrorOf(() => exercise(t)), `${cost}`).toEqual({ kind: 'GasExceeded' });
  expect(`${t.gas.burntGas()} burnt ${t.gas.usedGas()} used`).toBe(expected);
  const outcome = t.computeOutcome();
  expect(outcome.computeUsage).toBe(outcome.burntGas);
}

const TEST_PK = PublicKey.fromString('ed25519:22W5rKuvbMRphnDoCj6nfrWhRKvh9Xf9SWXfGHaeXGde');
const TEST_PK_BORSH = new Uint8Array([TEST_PK.keyType, ...TEST_PK.data]);
const writeTestPk = (t: TestVMLogic): MemSlice => t.memWrite(TEST_PK_BORSH);

const createActionReceipt: Exercise = (t) => promiseBatchCreate(t, 'rick.test');

const createPromiseDependency: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'rick.test');
  const account = t.memWrite('rick.test');
  t.call('promise_batch_then', idx, account.len, account.ptr);
};

const valueReturn: Exercise = (t) => {
  const value = t.memWrite('lorem ipsum');
  t.call('value_return', 11n, value.ptr);
};

const createAccount: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'rick.test');
  t.call('promise_batch_action_create_account', idx);
};

const deleteAccount: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'bob.test');
  const beneficiary = t.memWrite('alice.test');
  t.call('promise_batch_action_delete_account', idx, beneficiary.len, beneficiary.ptr);
};

const deployContract: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'rick.test');
  const code = t.memWrite('lorem ipsum with length 26');
  t.call('promise_batch_action_deploy_contract', idx, code.len, code.ptr);
};

const deployGlobalContract: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'rick.test');
  const code = t.memWrite('lorem ipsum with length 26');
  t.call('promise_batch_action_deploy_global_contract', idx, code.len, code.ptr);
};

const useGlobalContract: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'rick.test');
  const hash = t.memWrite(sha256(new TextEncoder().encode('arbitrary')));
  t.call('promise_batch_action_use_global_contract', idx, hash.len, hash.ptr);
};

const useGlobalContractByAccountId: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'rick.test');
  const account = t.memWrite('alice.near');
  t.call('promise_batch_action_use_global_contract_by_account_id', idx, account.len, account.ptr);
};

const crossContractCall: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'rick.test');
  promiseBatchActionFunctionCallExt(t, idx, 'fn_with_len_14', 'lorem ipsum with length 26', 1n, 1n);
};

const crossContractCallGasWeight: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'rick.test');
  promiseBatchActionFunctionCallWeightExt(t, idx, 'fn_with_len_14', 'lorem ipsum with length 26', 1n, 1n, 1n);
};

const promiseTransfer: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'alice.test');
  const balance = t.memWrite(be128(1n));
  t.call('promise_batch_action_transfer', idx, balance.ptr);
};

const promiseStake: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'pool.test');
  const balance = t.memWrite(be128(1n));
  const pk = writeTestPk(t);
  t.call('promise_batch_action_stake', idx, balance.ptr, pk.len, pk.ptr);
};

const promiseFullAccessKey: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'alice.test');
  promiseBatchActionAddKeyWithFullAccess(t, idx, TEST_PK_BORSH, 0n);
};

const promiseFunctionKey: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'alice.test');
  promiseBatchActionAddKeyWithFunctionCall(t, idx, TEST_PK_BORSH, 0n, 1n, 'alice.test', 'foo,baz');
};

const promiseDeleteKey: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'alice.test');
  const pk = writeTestPk(t);
  t.call('promise_batch_action_delete_key', idx, pk.len, pk.ptr);
};

const deterministicStateInit = (t: TestVMLogic): bigint => {
  const idx = promiseBatchCreate(t, 'rick.test');
  const hash = t.memWrite(sha256(new TextEncoder().encode('some code')));
  const amount = t.memWrite(le128(110n));
  return t.call('promise_batch_action_state_init', idx, hash.len, hash.ptr, amount.ptr) as bigint;
};

const deterministicStateInitByAccountId: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'rick.test');
  const account = t.memWrite('global.near');
  const amount = t.memWrite(le128(110n));
  t.call('promise_batch_action_state_init_by_account_id', idx, account.len, account.ptr, amount.ptr);
};

const deterministicStateInitBytes: Exercise = (t) => {
  const idx = promiseBatchCreate(t, 'rick.test');
  const hash = t.memWrite(sha256(new TextEncoder().encode('some code')));
  const amount = t.memWrite(le128(110n));
  const actionIndex = t.call('promise_batch_action_state_init', idx, hash.len, hash.ptr, amount.ptr) as bigint;
  const key = t.memWrite('key');
  const value = t.memWrite('value');
  t.call('set_state_init_data_entry', idx, actionIndex, key.len, key.ptr, value.len, value.ptr);
};

describe('nearcore logic tests: gas_counter out_of_gas_*', () => {
  it('new_action_receipt', () => {
    checkExceedsLimit('new_action_receipt', 1n, createActionReceipt);
    checkExceedsLimit('new_action_receipt', 2n, createPromiseDependency);
    checkExceedsAttached('new_action_receipt', 1n, '8644846690 burnt 10000000000000 used', createActionReceipt);
    checkExceedsAttached('new_action_receipt', 2n, '9411968532130 burnt 10000000000000 used', createPromiseDependency);
  });

  it('new_data_receipt_base', () => {
    checkExceedsLimit('new_data_receipt_base', 1n, createPromiseDependency);
    checkExceedsAttached('new_data_receipt_base', 1n, '10000000000000 burnt 10000000000000 used', createPromiseDependency);
  });

  it('new_data_receipt_byte (value_return to a data receiver)', () => {
    checkExceedsLimit('new_data_receipt_byte', 11n, valueReturn);
    checkExceedsAttached('new_data_receipt_byte', 11n, '10000000000000 burnt 10000000000000 used', valueReturn);
  });

  it('create_account', () => {
    checkExceedsLimit('create_account', 1n, createAccount);
    checkExceedsAttached('create_account', 1n, '116969114801 burnt 10000000000000 used', createAccount);
  });

  it('delete_account', () => {
    checkExceedsLimit('delete_account', 1n, deleteAccount);
    checkExceedsAttached('delete_account', 1n, '125349193370 burnt 10000000000000 used', deleteAccount);
  });

  it('deploy_contract_base and _byte', () => {
    checkExceedsLimit('deploy_contract_base', 1n, deployContract);
    checkExceedsAttached('deploy_contract_base', 1n, '119677812659 burnt 10000000000000 used', deployContract);
    checkExceedsLimit('deploy_contract_byte', 26n, deployContract);
    checkExceedsAttached('deploy_contract_byte', 26n, '304443562909 burnt 10000000000000 used', deployContract);
  });

  it('deploy_global_contract_base and _byte', () => {
    checkExceedsLimit('deploy_global_contract_base', 1n, deployGlobalContract);
    checkExceedsAttached('deploy_global_contract_base', 1n, '119677812659 burnt 10000000000000 used', deployGlobalContract);
    checkExceedsLimit('deploy_global_contract_byte', 26n, deployGlobalContract);
    checkExceedsAttached('deploy_global_contract_byte', 26n, '304443562909 burnt 10000000000000 used', deployGlobalContract);
  });

  it('use_global_contract_base', () => {
    checkExceedsLimit('use_global_contract_base', 1n, useGlobalContract);
    checkExceedsLimit('use_global_contract_base', 1n, useGlobalContractByAccountId);
    checkExceedsAttached('use_global_contract_base', 1n, '119700620657 burnt 10000000000000 used', useGlobalContract);
    checkExceedsAttached('use_global_contract_base', 1n, '125644575182 burnt 10000000000000 used', useGlobalContractByAccountId);
  });

  it('use_global_contract_byte', () => {
    checkExceedsLimit('use_global_contract_byte', 32n, useGlobalContract);
    checkExceedsLimit('use_global_contract_byte', 10n, useGlobalContractByAccountId);
    checkExceedsAttached('use_global_contract_byte', 32n, '304466370967 burnt 10000000000000 used', useGlobalContract);
    checkExceedsAttached('use_global_contract_byte', 10n, '310410325272 burnt 10000000000000 used', useGlobalContractByAccountId);
  });

  it('function_call_base', () => {
    checkExceedsLimit('function_call_base', 1n, crossContractCall);
    checkExceedsLimit('function_call_base', 1n, crossContractCallGasWeight);
    checkExceedsAttached('function_call_base', 1n, '125011579049 burnt 10000000000000 used', crossContractCall);
    checkExceedsAttached('function_call_base', 1n, '125011579049 burnt 10000000000000 used', crossContractCallGasWeight);
  });

  it('function_call_byte', () => {
    checkExceedsLimit('function_call_byte', 40n, crossContractCall);
    checkExceedsLimit('function_call_byte', 40n, crossContractCallGasWeight);
    checkExceedsAttached('function_call_byte', 40n, '2444873079439 burnt 10000000000000 used', crossContractCall);
    checkExceedsAttached('function_call_byte', 40n, '2444873079439 burnt 10000000000000 used', crossContractCallGasWeight);
  });

  it('transfer', () => {
    checkExceedsLimit('transfer', 1n, promiseTransfer);
    checkExceedsAttached('transfer', 1n, '119935181141 burnt 10000000000000 used', promiseTransfer);
  });

  it('stake', () => {
    checkExceedsLimit('stake', 1n, promiseStake);
    checkExceedsAttached('stake', 1n, '122375106518 burnt 10000000000000 used', promiseStake);
  });

  it('add_full_access_key', () => {
    checkExceedsLimit('add_full_access_key', 1n, promiseFullAccessKey);
    checkExceedsAttached('add_full_access_key', 1n, '119999803802 burnt 10000000000000 used', promiseFullAccessKey);
  });

  it('add_function_call_key_base and _byte', () => {
    checkExceedsLimit('add_function_call_key_base', 1n, promiseFunctionKey);
    checkExceedsAttached('add_function_call_key_base', 1n, '133982421242 burnt 10000000000000 used', promiseFunctionKey);
    checkExceedsLimit('add_function_call_key_byte', 7n, promiseFunctionKey);
    checkExceedsAttached('add_function_call_key_byte', 7n, '236200046312 burnt 10000000000000 used', promiseFunctionKey);
  });

  it('delete_key', () => {
    checkExceedsLimit('delete_key', 1n, promiseDeleteKey);
    checkExceedsAttached('delete_key', 1n, '119999803802 burnt 10000000000000 used', promiseDeleteKey);
  });

  it('deterministic_state_init base, entry and byte', () => {
    checkExceedsLimit('deterministic_state_init_base', 1n, deterministicStateInit);
    checkExceedsLimit('deterministic_state_init_base', 1n, deterministicStateInitByAccountId);
    checkExceedsLimit('deterministic_state_init_entry', 1n, deterministicStateInitBytes);
    checkExceedsLimit('deterministic_state_init_byte', 1n, deterministicStateInitBytes);
    checkExceedsAttached('deterministic_state_init_base', 1n, '122371305185 burnt 10000000000000 used', deterministicStateInit);
    checkExceedsAttached('deterministic_state_init_entry', 1n, '3977886210360 burnt 10000000000000 used', deterministicStateInitBytes);
    checkExceedsAttached('deterministic_state_init_byte', 8n, '3977886210430 burnt 10000000000000 used', deterministicStateInitBytes);
  });
});
