/**
 * nearcore runtime/near-vm-runner/src/logic/gas_counter.rs `mod tests` (the GasCounter's own unit
 * tests), translated. nearcore's `deduct_gas` is private here; `payActionAccumulated` is the
 * public path that runs it.
 */
import { HostError, type HostErrorData } from '@nearts/vm-errors';
import { describe, expect, it } from 'vitest';
import { GasCounter } from '../../src/index.js';
import { testExtCostsConfig as testExtCosts } from './test-ext-costs.js';

const MAX_GAS = 300_000_000_000_000n;
const GIGA = 1_000_000_000n;

const counter = (maxBurnt: bigint, prepaid: bigint, view: boolean): GasCounter => new GasCounter(testExtCosts(), maxBurnt, 1n, prepaid, view);

/** nearcore's `deduct_gas(burnt, used)`. */
const deduct = (c: GasCounter, burnt: bigint, used: bigint): void => c.payActionAccumulated({ gas: burnt, compute: burnt }, used, 'new_data_receipt_byte');

function outcome(f: () => void): HostErrorData | 'ok' {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof HostError) return e.data;
    throw e;
  }
}

function computeUsage(c: GasCounter): bigint {
  const profile = c.profileData();
  profile.computeWasmInstructionCost(c.burntGas());
  return profile.totalComputeUsage(testExtCosts(), c.sendActionComputeUsage);
}

describe('nearcore GasCounter unit tests', () => {
  it('deduct_gas burns and reserves', () => {
    const c = counter(10n, 10n, false);
    deduct(c, 5n, 10n);
    expect(c.burntGas()).toBe(5n);
    expect(c.usedGas()).toBe(10n);
  });

  it.each([false, true])('deduct_gas with burnt > used is a usage error (view %s)', (view) => {
    expect(() => deduct(counter(10n, 10n, view), 5n, 2n)).toThrow();
  });

  const limitExceeded = { kind: 'GasLimitExceeded' };
  it.each([
    [5n, 7n, false],
    [5n, 7n, true],
    [5n, 5n, false],
    [5n, 5n, true],
    [7n, 5n, false],
    [7n, 5n, true],
  ])('burn 5 then 3 with max_gas_burnt %s, prepaid %s, view %s: GasLimitExceeded', (burn, prepaid, view) => {
    const c = counter(burn, prepaid, view);
    c.burnGas(5n);
    expect(outcome(() => c.burnGas(3n))).toEqual(limitExceeded);
  });

  it.each([
    [5n, 7n, false, limitExceeded],
    [5n, 7n, true, limitExceeded],
    [5n, 5n, false, limitExceeded],
    [5n, 5n, true, limitExceeded],
    [7n, 5n, false, limitExceeded],
    [7n, 5n, true, limitExceeded],
    [5n, 8n, false, limitExceeded],
    [5n, 8n, true, limitExceeded],
    [8n, 5n, false, { kind: 'GasExceeded' }],
    [8n, 5n, true, 'ok'],
  ] as const)('deduct 5 then 3 with max_gas_burnt %s, prepaid %s, view %s', (burn, prepaid, view, want) => {
    const c = counter(burn, prepaid, view);
    deduct(c, 5n, 5n);
    expect(outcome(() => deduct(c, 3n, 3n))).toEqual(want);
  });

  it('the compute of ext costs and actions adds up to the burnt gas', () => {
    const c = counter(MAX_GAS, MAX_GAS, false);
    c.payBase('storage_write_base');
    c.payPer('storage_write_value_byte', 10n);
    c.payActionAccumulated({ gas: 100n, compute: 100n }, 100n, 'new_data_receipt_byte');
    expect(computeUsage(c)).toBe(c.burntGas());
  });

  it.each([
    [MAX_GAS, GIGA, { kind: 'GasExceeded' }],
    [GIGA, MAX_GAS, limitExceeded],
    [GIGA, GIGA, limitExceeded],
  ])('an ext cost over the limit (max %s, prepaid %s): compute = burnt', (burn, prepaid, want) => {
    const c = counter(burn, prepaid, false);
    expect(outcome(() => c.payPer('storage_write_value_byte', 100n))).toEqual(want);
    const profile = c.profileData();
    profile.computeWasmInstructionCost(c.burntGas());
    expect(profile.totalComputeUsage(testExtCosts(), 0n)).toBe(c.burntGas());
  });

  it.each([
    [MAX_GAS, GIGA, { kind: 'GasExceeded' }],
    [GIGA, MAX_GAS, limitExceeded],
    [GIGA, GIGA, limitExceeded],
  ])('an action over the limit (max %s, prepaid %s): compute = burnt', (burn, prepaid, want) => {
    const c = counter(burn, prepaid, false);
    const above = 10n * GIGA;
    expect(outcome(() => c.payActionAccumulated({ gas: above, compute: above }, above, 'new_data_receipt_byte'))).toEqual(want);
    expect(computeUsage(c)).toBe(c.burntGas());
  });
});
