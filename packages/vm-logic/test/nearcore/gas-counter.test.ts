/**
 * nearcore runtime/near-vm-runner/src/logic/tests/gas_counter.rs, translated (the tests that call
 * host functions directly; the memory.copy ones run wasm and belong to vm-runner).
 */
import { describe, expect, it } from 'vitest';
import { U64_MAX, VMLogicBuilder, hostErrorOf, le128, testVmConfig, type MemSlice, type TestVMLogic } from './logic-builder.js';
import { promiseBatchActionFunctionCall, promiseBatchActionFunctionCallWeight, promiseBatchCreate, promiseCreate } from './promise-helpers.js';

/** Wasm ops that `gas_limit` pays for (`op_limit`). */
const opLimit = (gasLimit: bigint): bigint => gasLimit / testVmConfig().regularOpCost;

const gasOpcodes = (t: TestVMLogic, opcodes: bigint): unknown => t.call('gas', Number(BigInt.asUintN(32, opcodes)));

describe('nearcore logic tests: gas_counter', () => {
  const gasLimit = 10n ** 14n;

  it('a function call over the attached gas burns little and uses all prepaid gas', () => {
    const b = VMLogicBuilder.default();
    b.config.limitConfig.maxGasBurnt = gasLimit * 2n;
    b.context.prepaidGas = gasLimit;
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    expect(hostErrorOf(() => promiseBatchActionFunctionCall(t, index, 0n, gasLimit * 2n)).kind).toBe('GasExceeded');
    const outcome = t.computeOutcome();
    expect(outcome.burntGas < gasLimit / 2n).toBe(true);
    expect(outcome.usedGas).toBe(gasLimit);
    expect(outcome.computeUsage).toBe(outcome.burntGas);
  });

  it('wasm gas is limited by prepaid − gas attached to promises', () => {
    const b = VMLogicBuilder.default();
    b.config.limitConfig.maxGasBurnt = gasLimit * 2n;
    b.context.prepaidGas = gasLimit;
    const t = b.build();
    const index = promiseCreate(t, 'rick.test', 0n, 0n);
    promiseBatchActionFunctionCall(t, index, 0n, gasLimit / 2n);
    expect(hostErrorOf(() => gasOpcodes(t, opLimit(gasLimit) / 2n)).kind).toBe('GasExceeded');
    const outcome = t.computeOutcome();
    expect(outcome.usedGas).toBe(gasLimit);
    expect(gasLimit / 2n < outcome.burntGas).toBe(true);
    expect(outcome.burntGas < gasLimit).toBe(true);
    expect(outcome.computeUsage).toBe(outcome.burntGas);
  });

  it('cannot burn more than max_gas_burnt', () => {
    const b = VMLogicBuilder.default();
    b.config.limitConfig.maxGasBurnt = gasLimit;
    b.context.prepaidGas = gasLimit * 2n;
    const t = b.build();
    expect(hostErrorOf(() => gasOpcodes(t, opLimit(gasLimit) * 3n)).kind).toBe('GasLimitExceeded');
    const outcome = t.computeOutcome();
    expect(outcome.burntGas).toBe(gasLimit);
    expect(outcome.usedGas).toBe(gasLimit * 2n);
    expect(outcome.computeUsage).toBe(outcome.burntGas);
  });

  it('cannot burn more than prepaid gas', () => {
    const b = VMLogicBuilder.default();
    b.config.limitConfig.maxGasBurnt = gasLimit * 2n;
    b.context.prepaidGas = gasLimit;
    const t = b.build();
    // 3× the limit also crosses max_gas_burnt (2×): GasLimitExceeded wins; nearcore only asserts an error.
    expect(hostErrorOf(() => gasOpcodes(t, opLimit(gasLimit) * 3n)).kind).toBe('GasLimitExceeded');
    const outcome = t.computeOutcome();
    expect(outcome.burntGas).toBe(gasLimit);
    expect(outcome.usedGas).toBe(gasLimit);
    expect(outcome.computeUsage).toBe(outcome.burntGas);
  });

  it('hitting max_gas_burnt with gas attached to a promise', () => {
    const b = VMLogicBuilder.default();
    b.config.limitConfig.maxGasBurnt = gasLimit;
    b.context.prepaidGas = gasLimit * 3n;
    const t = b.build();
    promiseCreate(t, 'brick.test', 0n, gasLimit / 2n);
    expect(hostErrorOf(() => gasOpcodes(t, opLimit(gasLimit) * 2n)).kind).toBe('GasLimitExceeded');
    const outcome = t.computeOutcome();
    expect(outcome.burntGas).toBe(gasLimit);
    expect(outcome.usedGas > gasLimit * 2n).toBe(true);
    expect(outcome.computeUsage).toBe(outcome.burntGas);
  });

  it('hitting prepaid gas with gas attached to a promise', () => {
    const b = VMLogicBuilder.default();
    b.config.limitConfig.maxGasBurnt = gasLimit * 3n;
    b.context.prepaidGas = gasLimit;
    const t = b.build();
    promiseCreate(t, 'brick.test', 0n, gasLimit / 2n);
    expect(hostErrorOf(() => gasOpcodes(t, opLimit(gasLimit) * 2n)).kind).toBe('GasExceeded');
    const outcome = t.computeOutcome();
    expect(outcome.burntGas).toBe(gasLimit);
    expect(outcome.usedGas).toBe(gasLimit);
    expect(outcome.computeUsage).toBe(outcome.burntGas);
  });

  it('a function call with weight 0 gets no unused gas', () => {
    const b = VMLogicBuilder.default();
    b.config.limitConfig.maxGasBurnt = gasLimit;
    b.context.prepaidGas = gasLimit;
    const t = b.build();
    const index = promiseBatchCreate(t, 'rick.test');
    promiseBatchActionFunctionCallWeight(t, index, 0n, 1000n, 0n);
    const outcome = t.computeOutcome();
    expect(outcome.usedGas < gasLimit).toBe(true);
    expect(outcome.computeUsage).toBe(outcome.burntGas);
  });

  function overflowSetup(t: TestVMLogic): { account: MemSlice; args: MemSlice; n100: MemSlice } {
    const account = t.memWrite('rick.test');
    const args = t.memWrite('');
    const n100 = t.memWrite(le128(100n));
    return { account, args, n100 };
  }

  it('a read_memory_byte charge overflowing u64 with promises gas: GasLimitExceeded, used = limit', () => {
    const limit = 3n * 10n ** 14n;
    const b = VMLogicBuilder.default();
    b.config.limitConfig.maxGasBurnt = limit;
    b.context.prepaidGas = limit;
    const t = b.build();
    const { account, args, n100 } = overflowSetup(t);
    const n10 = t.memWrite(le128(10n));
    const index = promiseBatchCreate(t, 'rick.test');
    t.call('promise_batch_action_transfer', index, n100.ptr);
    const callId = t.call('promise_batch_then', index, account.len, account.ptr) as bigint;
    const needed = U64_MAX - t.gas.usedGas() - 1n;
    const nameLen = needed / t.logic.config.extCosts.read_memory_byte.gas;
    expect(hostErrorOf(() => t.call('promise_batch_action_function_call', callId, nameLen, 0n, args.len, args.ptr, n10.ptr, 10000n))).toEqual({
      kind: 'GasLimitExceeded',
    });
    expect(t.gas.usedGas()).toBe(limit);
  });

  it('the same with prepaid gas = the minimum: GasExceeded, used unchanged', () => {
    const limit = 3n * 10n ** 14n;
    const b = VMLogicBuilder.default();
    b.config.limitConfig.maxGasBurnt = limit;
    b.context.prepaidGas = limit / 2n;
    let t = b.build();
    const { account, args, n100 } = overflowSetup(t);
    let index = promiseBatchCreate(t, 'rick.test');
    t.call('promise_batch_action_transfer', index, n100.ptr);
    t.call('promise_batch_then', index, account.len, account.ptr);
    const minimumPrepay = t.gas.usedGas();
    b.context.prepaidGas = minimumPrepay;
    t = b.build();
    // The new logic's memory is fresh: nearcore's slices point at memory the new logic also has
    // (MockedMemory is per builder); rewrite the same bytes at the same offsets.
    overflowSetup(t);
    index = promiseBatchCreate(t, 'rick.test');
    t.call('promise_batch_action_transfer', index, n100.ptr);
    const callId = t.call('promise_batch_then', index, account.len, account.ptr) as bigint;
    const needed = U64_MAX - t.gas.usedGas() - 1n;
    const nameLen = needed / t.logic.config.extCosts.read_memory_byte.gas;
    // nearcore passes a host pointer as amount_ptr; the gas check fails first either way.
    expect(hostErrorOf(() => t.call('promise_batch_action_function_call', callId, nameLen, 0n, args.len, args.ptr, 0n, 10000n))).toEqual({ kind: 'GasExceeded' });
    expect(t.gas.usedGas()).toBe(minimumPrepay);
  });
});
