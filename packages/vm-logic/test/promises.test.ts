import { describe, expect, it } from 'vitest';
import { ReceiptManager, formatOutcome } from '../src/index.js';
import { C, F, MR, U64_MAX, expectHostError, setup, utf8 } from './helpers.js';

const ACC = (n: bigint): bigint => MR(n) + C.utf8_decoding_base + n * C.utf8_decoding_byte;
const [RECEIPT_SEND, , RECEIPT_EXEC] = F.new_action_receipt;
const [DATA_SEND, , DATA_EXEC] = F.new_data_receipt_base;

function u128(h: ReturnType<typeof setup>, at: number, v: bigint): bigint {
  const b = new Uint8Array(16);
  for (let i = 0; i < 16; i++) b[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  h.put(at, b);
  return BigInt(at);
}

describe('promise_batch_create / promise_create', () => {
  it('promise_batch_create: B + ACC + new_action_receipt (send burnt, send + exec used)', () => {
    const h = setup();
    expect(h.call('promise_batch_create', h.put(0, 'bob'), 0n)).toBe(0n);
    expect(h.burnt()).toBe(C.base + ACC(3n) + RECEIPT_SEND);
    expect(h.used()).toBe(h.burnt() + RECEIPT_EXEC);
    expect(h.ext.actionLog).toEqual([{ kind: 'CreateReceipt', receiptIndices: [], receiverId: 'bob' }]);
    expect(h.logic.gas.profileData().getActionCost('new_action_receipt')).toBe(RECEIPT_SEND);
  });

  it('promise_create = batch_create + function_call, deposit deducted, gas prepaid', () => {
    const h = setup();
    const acc = h.put(0, 'bob');
    const m = h.put(10, 'm');
    const a = h.put(20, 'ab');
    const amount = u128(h, 32, 1n);
    expect(h.call('promise_create', acc, 0n, m, 10n, a, 20n, amount, 1000n)).toBe(0n);
    const [fcSend, , fcExec] = F.function_call_base;
    const [fbSend, fbNotSir, fbExec] = F.function_call_byte;
    expect(fbSend).not.toBe(fbNotSir);
    const burnt = C.base + ACC(3n) + RECEIPT_SEND + C.base + MR(16n) + MR(1n) + MR(2n) + fcSend + 3n * fbNotSir;
    expect(h.burnt()).toBe(burnt);
    expect(h.used()).toBe(burnt + RECEIPT_EXEC + fcExec + 3n * fbExec + 1000n);
    expect(h.logic.currentAccountBalance).toBe(3n);
    expect(h.ext.actionLog[1]).toEqual({
      kind: 'FunctionCallWeight',
      receiptIndex: 0,
      methodName: utf8('m'),
      args: utf8('ab'),
      attachedDeposit: 1n,
      prepaidGas: 1000n,
      gasWeight: 0n,
    });
  });

  it('an empty method name is EmptyMethodName; a too-large deposit is BalanceExceeded', () => {
    const h = setup();
    const idx = h.call('promise_batch_create', h.put(0, 'bob'), 0n) as bigint;
    expectHostError(() => h.call('promise_batch_action_function_call', idx, 0n, 10n, 0n, 0n, u128(h, 32, 0n), 0n), { kind: 'EmptyMethodName' });
    expectHostError(() => h.call('promise_batch_action_function_call', idx, 1n, 10n, 0n, 0n, u128(h, 32, 5n), 0n), { kind: 'BalanceExceeded' });
  });

  it('one_yocto_on_promise: 1 yocto from a zero balance is subsidized, not deducted', () => {
    const h = setup({ context: { accountBalance: 0n, attachedDeposit: 0n } });
    h.call('promise_create', h.put(0, 'bob'), 0n, h.put(10, 'm'), 10n, 0n, 0n, u128(h, 32, 1n), 0n);
    expect(h.logic.currentAccountBalance).toBe(0n);
    expect(h.logic.okOutcome().subsidizedAmount).toBe(1n);
    const off = setup({ context: { accountBalance: 0n, attachedDeposit: 0n }, config: { oneYoctoOnPromise: false } });
    expectHostError(() => off.call('promise_create', off.put(0, 'bob'), 0n, off.put(10, 'm'), 10n, 0n, 0n, u128(off, 32, 1n), 0n), {
      kind: 'BalanceExceeded',
    });
  });

  it('an invalid receiver is InvalidAccountId after ACC', () => {
    const h = setup();
    expectHostError(() => h.call('promise_batch_create', h.put(0, 'BOB'), 0n), { kind: 'InvalidAccountId' });
    expect(h.burnt()).toBe(C.base + ACC(3n));
  });
});

describe('promise_then, promise_and, promise_return', () => {
  it('promise_batch_then pays a data receipt per dependency (dep sir: dependency receiver == new receiver)', () => {
    const h = setup();
    const p0 = h.call('promise_batch_create', h.put(0, 'bob'), 0n) as bigint;
    const before = { burnt: h.burnt(), used: h.used() };
    expect(h.call('promise_batch_then', p0, h.put(10, 'alice'), 10n)).toBe(1n);
    const burn = RECEIPT_SEND + DATA_SEND + DATA_EXEC;
    expect(h.burnt() - before.burnt).toBe(C.base + ACC(5n) + burn);
    expect(h.used() - before.used).toBe(C.base + ACC(5n) + burn + RECEIPT_EXEC);
    expect(h.ext.actionLog[1]).toEqual({ kind: 'CreateReceipt', receiptIndices: [0], receiverId: 'alice' });
  });

  it('promise_and charges promise_and_per_promise per byte of the index array', () => {
    const h = setup();
    h.call('promise_batch_create', h.put(0, 'bob'), 0n);
    h.call('promise_batch_create', 3n, 0n);
    const idx = new Uint8Array(16);
    idx[8] = 1;
    h.put(100, idx);
    const before = h.burnt();
    expect(h.call('promise_and', 100n, 2n)).toBe(2n);
    expect(h.burnt() - before).toBe(C.base + C.promise_and_base + 16n * C.promise_and_per_promise + MR(16n));
    expect(h.logic.promises[2]).toEqual({ kind: 'NotReceipt', receiptIndices: [0, 1] });
    expectHostError(() => h.call('promise_return', 2n), { kind: 'CannotReturnJointPromise' });
    expectHostError(() => h.call('promise_batch_action_create_account', 2n), { kind: 'CannotAppendActionToJointPromise' });
    expectHostError(() => h.call('promise_set_refund_to', 2n, 3n, 0n), { kind: 'CannotSetRefundToOnJointPromise' });
  });

  it('promise_and with an unknown index, and a count whose byte length overflows', () => {
    const h = setup();
    expectHostError(() => h.call('promise_and', 100n, 1n), { kind: 'InvalidPromiseIndex', promise_idx: 0n });
    expectHostError(() => h.call('promise_and', 0n, U64_MAX), { kind: 'IntegerOverflow' });
  });

  it('promise_return: B + promise_return fee; the outcome reports "Receipt"', () => {
    const h = setup();
    h.call('promise_batch_create', h.put(0, 'bob'), 0n);
    const before = h.burnt();
    h.call('promise_return', 0n);
    expect(h.burnt() - before).toBe(C.base + C.promise_return);
    expect(formatOutcome(h.logic.okOutcome())).toMatch(/return data Receipt burnt gas/);
    expectHostError(() => h.call('promise_return', 7n), { kind: 'InvalidPromiseIndex', promise_idx: 7n });
  });

  it('more than max_promises_per_function_call_action promises fails after pushing', () => {
    const h = setup({ limits: { maxPromisesPerFunctionCallAction: 2n } });
    h.put(0, 'bob');
    h.call('promise_batch_create', 3n, 0n);
    h.call('promise_batch_create', 3n, 0n);
    expectHostError(() => h.call('promise_batch_create', 3n, 0n), { kind: 'NumberPromisesExceeded', number_of_promises: 3n, limit: 2n });
  });
});

describe('promise actions', () => {
  it('transfer to a NEAR-implicit account also pays create_account and add_full_access_key', () => {
    const h = setup();
    const implicit = 'a'.repeat(64);
    const p = h.call('promise_batch_create', h.put(0, implicit), 0n) as bigint;
    const before = { burnt: h.burnt(), used: h.used() };
    h.call('promise_batch_action_transfer', p, u128(h, 100, 2n));
    const send = F.transfer[1] + F.create_account[1] + F.add_full_access_key[1];
    const exec = F.transfer[2] + F.create_account[2] + F.add_full_access_key[2];
    expect(h.burnt() - before.burnt).toBe(C.base + MR(16n) + send);
    expect(h.used() - before.used).toBe(C.base + MR(16n) + send + exec);
    expect(h.logic.currentAccountBalance).toBe(2n);
  });

  it('add_key_with_function_call: method names are split on commas and charged NUL-terminated', () => {
    const h = setup();
    const p = h.call('promise_batch_create', h.put(0, 'bob'), 0n) as bigint;
    const pk = new Uint8Array(33);
    h.put(100, pk);
    h.put(200, 'bob');
    h.put(300, 'a,bc');
    const allowance = u128(h, 400, 0n);
    h.call('promise_batch_action_add_key_with_function_call', p, 33n, 100n, 7n, allowance, 3n, 200n, 4n, 300n);
    const last = h.ext.actionLog.at(-1);
    expect(last).toMatchObject({ kind: 'AddKeyWithFunctionCall', nonce: 7n, allowance: null, receiverId: 'bob', methodNames: [utf8('a'), utf8('bc')] });
    expect(h.logic.gas.profileData().getActionCost('add_function_call_key_byte')).toBe(5n * 47_683_715n);
    h.put(300, 'a,,b');
    expectHostError(() => h.call('promise_batch_action_add_key_with_function_call', p, 33n, 100n, 7n, allowance, 3n, 200n, 4n, 300n), {
      kind: 'EmptyMethodName',
    });
  });

  it('a public key that does not decode fails only after the action fee (InvalidPublicKey)', () => {
    const h = setup();
    const p = h.call('promise_batch_create', h.put(0, 'bob'), 0n) as bigint;
    h.put(100, new Uint8Array([0, 1, 2]));
    const before = h.burnt();
    expectHostError(() => h.call('promise_batch_action_delete_key', p, 3n, 100n), { kind: 'InvalidPublicKey' });
    expect(h.burnt() - before).toBe(C.base + MR(3n) + 94_946_625_000n);
  });

  it('deploy_contract over max_contract_size is ContractSizeExceeded', () => {
    const h = setup({ limits: { maxContractSize: 4n } });
    const p = h.call('promise_batch_create', h.put(0, 'bob'), 0n) as bigint;
    expectHostError(() => h.call('promise_batch_action_deploy_contract', p, 5n, 0n), { kind: 'ContractSizeExceeded', size: 5n, limit: 4n });
  });

  it('state init: action index returned, data entries checked by the External', () => {
    const h = setup();
    const p = h.call('promise_batch_create', h.put(0, 'bob'), 0n) as bigint;
    h.put(100, new Uint8Array(32).fill(9));
    const ai = h.call('promise_batch_action_state_init', p, 32n, 100n, u128(h, 200, 0n)) as bigint;
    expect(ai).toBe(1n);
    h.call('set_state_init_data_entry', p, ai, 1n, 0n, 1n, 1n);
    expectHostError(() => h.call('set_state_init_data_entry', p, ai, 1n, 0n, 1n, 1n), { kind: 'DataEntryAlreadyExists' });
    expectHostError(() => h.call('set_state_init_data_entry', p, 0n, 1n, 0n, 1n, 1n), { kind: 'InvalidActionIndex', receipt_index: 0n, action_index: 0n });
    expectHostError(() => h.call('promise_batch_action_state_init', p, 31n, 100n, 200n), { kind: 'ContractCodeHashMalformed' });
  });

  it('gas keys: num_nonces must fit a u16', () => {
    const h = setup();
    const p = h.call('promise_batch_create', h.put(0, 'bob'), 0n) as bigint;
    h.put(100, new Uint8Array(33));
    expectHostError(() => h.call('promise_batch_action_add_gas_key_with_full_access', p, 33n, 100n, 65_536n), { kind: 'IntegerOverflow' });
    h.call('promise_batch_action_add_gas_key_with_full_access', p, 33n, 100n, 2n);
    const prof = h.logic.gas.profileData();
    // used-only nonce writes: nothing burnt under gas_key_nonce_write_base
    expect(prof.getActionCost('gas_key_nonce_write_base')).toBe(0n);
    expect(prof.getActionCost('gas_key_byte')).toBe(18n * 59_357_464n);
  });
});

describe('promise results and yield', () => {
  it('promise_results_count / promise_result: data into the register with write_register_base only', () => {
    const h = setup({ context: { promiseResults: [{ kind: 'Successful', data: new Uint8Array(100) }, { kind: 'Failed' }, { kind: 'NotReady' }] } });
    expect(h.call('promise_results_count')).toBe(3n);
    expect(h.call('promise_result', 0n, 0n)).toBe(1n);
    expect(h.call('promise_result', 1n, 0n)).toBe(2n);
    expect(h.call('promise_result', 2n, 0n)).toBe(0n);
    expect(h.burnt()).toBe(4n * C.base + C.write_register_base);
    expectHostError(() => h.call('promise_result', 3n, 0n), { kind: 'InvalidPromiseResultIndex', result_idx: 3n });
  });

  it('promise_yield_create then promise_yield_resume', () => {
    const h = setup();
    const m = h.put(0, 'cb');
    expect(h.call('promise_yield_create', m, 0n, 0n, 0n, 5n, 1n, 9n)).toBe(0n);
    const [fcSir, , fcExec] = F.function_call_base;
    const burnt =
      C.base + C.yield_create_base + MR(2n) + MR(0n) + 2n * C.yield_create_byte + (RECEIPT_SEND + DATA_SEND + DATA_EXEC) + fcSir + 2n * F.function_call_byte[0] +
      C.write_register_base + 32n * C.write_register_byte;
    expect(h.burnt()).toBe(burnt);
    expect(h.used()).toBe(burnt + 5n + RECEIPT_EXEC + fcExec + 2n * F.function_call_byte[2]);
    const dataId = h.logic.registers.peek(9n)!;
    expect(dataId.length).toBe(32);
    h.put(100, dataId);
    expect(h.call('promise_yield_resume', 32n, 100n, 2n, 0n)).toBe(1);
    expect(h.ext.actionLog.at(-1)).toEqual({ kind: 'YieldResume', dataId, data: utf8('cb') });
    h.put(200, new Uint8Array(32));
    expect(h.call('promise_yield_resume', 32n, 200n, 0n, 0n)).toBe(0);
  });

  it('promise_yield_resume: payload limit and malformed data id, yield_resume_byte on the argument', () => {
    const h = setup({ limits: { maxYieldPayloadSize: 1n } });
    expectHostError(() => h.call('promise_yield_resume', 32n, 0n, 2n, 0n), { kind: 'YieldPayloadLength', length: 2n, limit: 1n });
    expect(h.burnt()).toBe(C.base + C.yield_resume_base + 2n * C.yield_resume_byte + MR(32n) + MR(2n));
    expectHostError(() => h.call('promise_yield_resume', 31n, 0n, 1n, 0n), { kind: 'DataIdMalformed' });
    expectHostError(() => h.call('promise_yield_resume', 32n, 0n, U64_MAX, 0n), { kind: 'IntegerOverflow' });
  });
});

describe('ReceiptManager.distributeGas (nearcore receipt_manager tests)', () => {
  function run(calls: [bigint, bigint][], limit = 10_000_000_000n): bigint[] {
    const rm = new ReceiptManager();
    let unused = limit;
    for (const [gas, weight] of calls) {
      const r = rm.createActionReceipt([], [], 'rick.test');
      unused -= gas;
      rm.appendActionFunctionCallWeight(r, new Uint8Array(0), new Uint8Array(0), 0n, gas, weight);
    }
    rm.distributeGas(unused);
    return rm.actionReceipts.map((r) => (r.actions[0] as { gas: bigint }).gas);
  }

  it('splits by weight, the last weighted call takes the remainder', () => {
    expect(run([[1_000_000n, 3n], [3_000_000n, 2n]])).toEqual([5_998_600_000n, 4_001_400_000n]);
    expect(run([[1_000_000n, 3n], [3_000_000n, 2n], [0n, 1n], [1_000_000_000n, 0n], [0n, 4n]])).toEqual([
      2_699_800_000n, 1_802_200_000n, 899_600_000n, 1_000_000_000n, 3_598_400_000n,
    ]);
    expect(run([[0n, U64_MAX], [0n, 1000n]])).toEqual([9_999_999_999n, 1n]);
    expect(run([[0n, 10_000_000_000n], [0n, 1n], [0n, 10_000_000_000n]])).toEqual([4_999_999_999n, 0n, 5_000_000_001n]);
  });

  it('without weights nothing is distributed', () => {
    const rm = new ReceiptManager();
    rm.appendActionFunctionCallWeight(rm.createActionReceipt([], [], 'a.near'), utf8('f'), new Uint8Array(0), 0n, 5n, 0n);
    expect(rm.distributeGas(100n)).toBe(0n);
  });

  it('a non-UTF-8 method name is InvalidMethodName', () => {
    const rm = new ReceiptManager();
    const r = rm.createActionReceipt([], [], 'a.near');
    expectHostError(() => rm.appendActionFunctionCallWeight(r, new Uint8Array([0xff]), new Uint8Array(0), 0n, 0n, 0n), { kind: 'InvalidMethodName' });
  });
});
