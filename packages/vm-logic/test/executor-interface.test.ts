import { describe, expect, it } from 'vitest';
import { runtimeConfig } from '@nearts/runtime-fees';
import { MockedExternal, VMLogic, VMOutcome, formatOutcome, nopOutcome, outcomeDebugString, testContext } from '../src/index.js';
import { C, expectHostError, setup } from './helpers.js';

describe('wasm gas protocol', () => {
  it('remainingGasForWasm is prepaid − used as an i64; burnWasmGas charges through burn_gas', () => {
    const h = setup({ context: { prepaidGas: 1_000_000n } });
    expect(h.logic.remainingGasForWasm()).toBe(1_000_000n);
    h.logic.burnWasmGas(400n);
    expect(h.logic.remainingGasForWasm()).toBe(999_600n);
    expect(h.logic.gas.profileData().hostGas()).toBe(0n);
    expectHostError(() => h.logic.burnWasmGas(999_601n), { kind: 'GasExceeded' });
    expect(h.burnt()).toBe(1_000_000n);
    expect(h.logic.remainingGasForWasm()).toBe(0n);
  });

  it('syncWasmGas burns remaining − global, saturating at zero', () => {
    const h = setup({ context: { prepaidGas: 1_000_000n } });
    h.logic.syncWasmGas(h.logic.remainingGasForWasm() - 123n);
    expect(h.burnt()).toBe(123n);
    h.logic.syncWasmGas(5_000_000n); // a global above remaining burns nothing
    expect(h.burnt()).toBe(123n);
  });

  it('in a view call prepaid is u64::MAX, so the global is negative as an i64', () => {
    const h = setup({ context: { viewConfig: { maxGasBurnt: 1000n } } });
    expect(h.logic.remainingGasForWasm()).toBe(-1n);
    h.logic.syncWasmGas(-1n - 999n);
    expect(h.burnt()).toBe(999n);
    // Wasm may run past max_gas_burnt between host calls; the next sync reports it.
    expectHostError(() => h.logic.syncWasmGas(-1n - 999n - 5n), { kind: 'GasLimitExceeded' });
    expect(h.burnt()).toBe(1000n);
  });

  it('a host function sees the wasm gas synced before it (used_gas)', () => {
    const h = setup();
    h.logic.burnWasmGas(777n);
    expect(h.call('used_gas')).toBe(777n + C.base);
  });
});

describe('loading fee placement and outcomes', () => {
  const code = 34n; // re.simple_contract's wasm length
  const fee = code * C.contract_loading_bytes + C.contract_loading_base;

  it('protocol 86: charged after loading; the simple contract burns fee + 8 ops', () => {
    const h = setup();
    expect(h.logic.beforeLoadingExecutable('main', code)).toBeNull();
    expect(h.burnt()).toBe(0n);
    expect(h.logic.afterLoadingExecutable(code)).toBeNull();
    h.logic.burnWasmGas(8n * C.regular_op_cost);
    expect(formatOutcome(h.logic.okOutcome())).toBe(
      'VMOutcome: balance 4 storage_usage 12 return data None burnt gas 79064041 used gas 79064041\n',
    );
    expect(fee).toBe(72_481_993n);
  });

  it('nightly 155 (fix_contract_loading_cost): charged before loading; MethodNotFound keeps it', () => {
    const cfg = runtimeConfig(155);
    const logic = new VMLogic({ ext: new MockedExternal(), context: testContext(), config: cfg.wasmConfig, fees: cfg.fees });
    expect(logic.beforeLoadingExecutable('main', code)).toBeNull();
    expect(logic.gas.burntGas()).toBe(fee);
    expect(logic.afterLoadingExecutable(code)).toBeNull();
    expect(logic.gas.burntGas()).toBe(fee);
    const out = logic.abortButNopOutcomeInOldProtocol({ kind: 'MethodResolveError', error: 'MethodNotFound' });
    expect(formatOutcome(out)).toBe(
      'VMOutcome: balance 4 storage_usage 12 return data None burnt gas 72481993 used gas 72481993\nErr: MethodNotFound\n',
    );
  });

  it('protocol 86: MethodNotFound is the nop outcome', () => {
    const h = setup();
    h.logic.afterLoadingExecutable(code);
    const out = h.logic.abortButNopOutcomeInOldProtocol({ kind: 'MethodResolveError', error: 'MethodNotFound' });
    expect(formatOutcome(out)).toBe('VMOutcome: balance 0 storage_usage 0 return data None burnt gas 0 used gas 0\nErr: MethodNotFound\n');
  });

  it('an empty method name aborts before anything is charged', () => {
    const h = setup();
    expect(h.logic.beforeLoadingExecutable('', code)).toEqual({ kind: 'MethodResolveError', error: 'MethodEmptyName' });
    expect(formatOutcome(h.logic.abortOutcome({ kind: 'MethodResolveError', error: 'MethodEmptyName' }))).toBe(
      'VMOutcome: balance 4 storage_usage 12 return data None burnt gas 0 used gas 0\nErr: MethodEmptyName\n',
    );
  });

  it('a loading fee larger than prepaid gas is GasExceeded with burnt = prepaid', () => {
    const h = setup({ context: { prepaidGas: fee - 1n } });
    const err = h.logic.afterLoadingExecutable(code);
    expect(err).toEqual({ kind: 'HostError', error: { kind: 'GasExceeded' } });
    expect(formatOutcome(h.logic.abortOutcome(err!))).toBe(
      `VMOutcome: balance 4 storage_usage 12 return data None burnt gas ${fee - 1n} used gas ${fee - 1n}\nErr: Exceeded the prepaid gas.\n`,
    );
  });

  it('an aborted call keeps logs, gas and profile; debug string has " failed with"', () => {
    const h = setup();
    h.call('log_utf8', h.put(0, 'hi'), 0n);
    expectHostError(() => h.call('panic'), { kind: 'GuestPanic', panic_msg: 'explicit guest panic' });
    const out = h.logic.abortOutcome({ kind: 'HostError', error: { kind: 'GuestPanic', panic_msg: 'explicit guest panic' } });
    expect(out.logs).toEqual(['hi']);
    expect(out.burntGas).toBe(h.burnt());
    expect(out.profile.wasmGas).toBe(0n);
    expect(outcomeDebugString(out)).toBe(
      `VMOutcome: balance 4 storage_usage 12 return data None burnt gas ${out.burntGas} used gas ${out.usedGas} failed with Smart contract panicked: explicit guest panic`,
    );
    expect(out.computeUsage).toBe(out.burntGas); // all these ext costs have compute = gas
  });

  it('nopOutcome has every field zero', () => {
    const out = nopOutcome({ kind: 'CompilationError', error: { kind: 'CodeDoesNotExist', account_id: 'alice' } });
    expect(formatOutcome(out)).toBe(
      'VMOutcome: balance 0 storage_usage 0 return data None burnt gas 0 used gas 0\nErr: cannot find contract code for account alice\n',
    );
    expect(out.profile.toBorsh().every((b, i) => b === 0 || i === 0 || i === 4 + 26 * 8)).toBe(true);
  });

  it('wasm gas in the profile is what ext and action entries do not explain', () => {
    const h = setup();
    h.logic.burnWasmGas(1000n);
    h.call('block_index');
    expect(h.logic.okOutcome().profile.wasmGas).toBe(1000n);
    expect(VMOutcome.format(VMOutcome.ok(h.logic))).toBe(formatOutcome(h.logic.okOutcome()));
  });
});

describe('finite-wasm internal imports', () => {
  it('finite_wasm_stack charges ceil(frame/8)·regular_op_cost and tracks the stack budget', () => {
    const h = setup({ limits: { maxStackHeight: 100 } });
    h.call('finite_wasm_stack', 10n, 17n);
    expect(h.burnt()).toBe(3n * C.regular_op_cost);
    expect(h.logic.remainingStack).toBe(73n);
    expectHostError(() => h.call('finite_wasm_stack', 70n, 4n), { kind: 'MemoryAccessViolation' });
    h.call('finite_wasm_unstack', 10n, 17n);
    expect(h.logic.remainingStack).toBe(100n);
  });

  it('finite_wasm_gas_exhausted burns everything left, then IntegerOverflow', () => {
    const h = setup({ context: { prepaidGas: 5000n } });
    h.logic.burnWasmGas(100n);
    expectHostError(() => h.call('finite_wasm_gas_exhausted'), { kind: 'IntegerOverflow' });
    expect(h.burnt()).toBe(5000n);
  });

  it('linear ops burn constant + count·linear and return count', () => {
    const h = setup();
    expect(h.call('finite_wasm_memory_copy', 7, 10n, 3n)).toBe(7);
    expect(h.burnt()).toBe(73n);
  });
});
