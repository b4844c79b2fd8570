import { describe, expect, it } from 'vitest';
import { C, MR, expectHostError, setup } from './helpers.js';

describe('running out of gas inside a host function', () => {
  it('GasExceeded mid-way: earlier charges stay, the failing one is partial, later ones absent', () => {
    // Enough for base + storage_write_base + MR(3) + 100 gas of the key-byte fee.
    const prepaid = C.base + C.storage_write_base + MR(3n) + MR(1n) + 100n;
    const h = setup({ context: { prepaidGas: prepaid } });
    const k = h.put(0, 'key');
    expectHostError(() => h.call('storage_write', k, 0n, 1n, 10n, 0n), { kind: 'GasExceeded' });
    const p = h.logic.okOutcome().profile;
    expect(h.burnt()).toBe(prepaid);
    expect(p.getExtCost('base')).toBe(C.base);
    expect(p.getExtCost('storage_write_base')).toBe(C.storage_write_base);
    expect(p.getExtCost('read_memory_base')).toBe(2n * C.read_memory_base);
    expect(p.getExtCost('storage_write_key_byte')).toBe(100n);
    expect(p.getExtCost('storage_write_value_byte')).toBe(0n);
    expect(p.wasmGas).toBe(0n);
    expect(h.ext.storageEntries()).toEqual([]);
  });

  it('GasLimitExceeded when max_gas_burnt is below prepaid gas; burnt = max_gas_burnt', () => {
    const h = setup({ limits: { maxGasBurnt: C.base + 5n } });
    h.call('block_index');
    expectHostError(() => h.call('block_index'), { kind: 'GasLimitExceeded' });
    expect(h.burnt()).toBe(C.base + 5n);
    expect(h.logic.okOutcome().profile.getExtCost('base')).toBe(C.base + 5n);
  });

  it('a view call is limited by the view config, not by prepaid gas', () => {
    const h = setup({ context: { prepaidGas: 1n, viewConfig: { maxGasBurnt: 3n * C.base } } });
    h.call('block_index');
    h.call('block_index');
    h.call('block_index');
    expectHostError(() => h.call('block_index'), { kind: 'GasLimitExceeded' });
    expect(h.burnt()).toBe(3n * C.base);
  });

  it('prepaid gas for a promise lowers what can still be burnt', () => {
    const h = setup({ context: { prepaidGas: 10n ** 13n } });
    const p = h.call('promise_batch_create', h.put(0, 'bob'), 0n) as bigint;
    const amount = 100n;
    h.put(100, new Uint8Array(16));
    h.put(200, 'f');
    const free = 10n ** 13n - h.used();
    // Attach all the gas left before this call: its own fees make the prepay exceed prepaid gas.
    expectHostError(
      () => h.call('promise_batch_action_function_call', p, 1n, 200n, 0n, 0n, amount, free),
      { kind: 'GasExceeded' },
    );
    expect(h.used()).toBe(10n ** 13n);
  });
});
