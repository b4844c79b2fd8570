import { describe, expect, it } from 'vitest';
import { EXT_COSTS } from '@nearts/runtime-fees';
import { GasCounter, ProfileDataV3, makeGasCounter, testContext } from '../src/index.js';
import { C, RC86, U64_MAX, expectHostError } from './helpers.js';

const ext = RC86.wasmConfig.extCosts;
const counter = (maxBurnt: bigint, prepaid: bigint, view = false): GasCounter => new GasCounter(ext, maxBurnt, C.regular_op_cost, prepaid, view);

describe('protocol-86 ext costs', () => {
  it('runtimeConfig(86) has the values the tests are written with', () => {
    for (const [name, gas] of Object.entries(C)) {
      if (name === 'regular_op_cost') expect(RC86.wasmConfig.regularOpCost).toBe(gas);
      else expect(ext[name as keyof typeof ext].gas, name).toBe(gas);
    }
  });
});

describe('GasCounter.burnGas', () => {
  it('accepts burns up to the limit exactly', () => {
    const g = counter(1000n, 500n);
    g.burnGas(500n);
    expect(g.burntGas()).toBe(500n);
    expect(g.remainingGas()).toBe(0n);
  });

  it('GasExceeded clamps burnt to prepaid when prepaid < max_gas_burnt', () => {
    const g = counter(1000n, 500n);
    g.burnGas(400n);
    expectHostError(() => g.burnGas(101n), { kind: 'GasExceeded' });
    expect(g.burntGas()).toBe(500n);
    expect(g.usedGas()).toBe(500n);
  });

  it('GasLimitExceeded when max_gas_burnt < prepaid, burnt clamped to max_gas_burnt', () => {
    const g = counter(300n, 500n);
    expectHostError(() => g.burnGas(301n), { kind: 'GasLimitExceeded' });
    expect(g.burntGas()).toBe(300n);
  });

  it('GasLimitExceeded wins when both limits are crossed', () => {
    const g = counter(300n, 200n);
    // 301 passes both prepaid (200) and max_gas_burnt (300).
    expectHostError(() => g.burnGas(301n), { kind: 'GasLimitExceeded' });
    expect(g.burntGas()).toBe(200n);
  });

  it('IntegerOverflow on u64 overflow, nothing charged', () => {
    const g = counter(U64_MAX, U64_MAX);
    g.burnGas(10n);
    expectHostError(() => g.burnGas(U64_MAX), { kind: 'IntegerOverflow' });
    expect(g.burntGas()).toBe(10n);
  });

  it('a view counter ignores prepaid gas and uses the view limit', () => {
    const ctx = testContext({ prepaidGas: 10n, viewConfig: { maxGasBurnt: 1_000n } });
    const g = makeGasCounter(ctx, RC86.wasmConfig);
    expect(g.prepaidGas).toBe(U64_MAX);
    g.burnGas(999n);
    expectHostError(() => g.burnGas(2n), { kind: 'GasLimitExceeded' });
    expect(g.burntGas()).toBe(1000n);
  });
});

describe('GasCounter.payBase / payPer', () => {
  it('profiles each charge under its ExtCosts entry', () => {
    const g = counter(10n ** 15n, 10n ** 14n);
    g.payBase('base');
    g.payPer('read_memory_byte', 5n);
    const p = g.profileData();
    expect(p.getExtCost('base')).toBe(C.base);
    expect(p.getExtCost('read_memory_byte')).toBe(5n * C.read_memory_byte);
    expect(g.burntGas()).toBe(C.base + 5n * C.read_memory_byte);
  });

  it('records only the gas actually burnt on the failing step (partial charge)', () => {
    const prepaid = C.base + 100n;
    const g = counter(10n ** 15n, prepaid);
    g.payBase('base');
    expectHostError(() => g.payBase('base'), { kind: 'GasExceeded' });
    expect(g.profileData().getExtCost('base')).toBe(C.base + 100n);
    expect(g.burntGas()).toBe(prepaid);
  });

  it('payPer overflow of cost·n is IntegerOverflow with nothing charged or profiled', () => {
    const g = counter(10n ** 15n, 10n ** 14n);
    expectHostError(() => g.payPer('read_memory_byte', U64_MAX), { kind: 'IntegerOverflow' });
    expect(g.burntGas()).toBe(0n);
    expect(g.profileData().getExtCost('read_memory_byte')).toBe(0n);
  });

  it('contract loading fee: bytes·contract_loading_bytes + contract_loading_base', () => {
    const g = counter(10n ** 15n, 10n ** 14n);
    g.addContractLoadingFee(34n);
    expect(g.burntGas()).toBe(34n * C.contract_loading_bytes + C.contract_loading_base);
    expect(g.burntGas()).toBe(72_481_993n); // re.simple_contract's loading fee
  });
});

describe('GasCounter action fees and prepay', () => {
  it('prepay reserves used gas and lowers the burn limit', () => {
    const g = counter(1000n, 800n);
    g.prepayGas(300n);
    expect(g.usedGas()).toBe(300n);
    expect(g.burntGas()).toBe(0n);
    expect(g.gasLimit()).toBe(500n);
    expectHostError(() => g.burnGas(501n), { kind: 'GasExceeded' });
    // burnt = min(501, min(prepaid, max) = 800) = 501; promises = min(prepaid, 501 + 300) − 501.
    expect(g.burntGas()).toBe(501n);
    expect(g.promisesGas()).toBe(299n);
    expect(g.usedGas()).toBe(800n);
  });

  it('prepay beyond prepaid gas: GasExceeded, burnt unchanged, promises capped', () => {
    const g = counter(1000n, 800n);
    g.burnGas(100n);
    expectHostError(() => g.prepayGas(701n), { kind: 'GasExceeded' });
    expect(g.burntGas()).toBe(100n);
    expect(g.usedGas()).toBe(800n);
  });

  it('payActionAccumulated profiles the burnt part and tracks send compute', () => {
    const g = counter(10n ** 15n, 10n ** 14n);
    g.payActionAccumulated({ gas: 10n, compute: 77n }, 25n, 'transfer');
    expect(g.burntGas()).toBe(10n);
    expect(g.usedGas()).toBe(25n);
    expect(g.profileData().getActionCost('transfer')).toBe(10n);
    expect(g.sendActionComputeUsage).toBe(77n);
  });

  it('a failing action fee counts the burnt gas as compute', () => {
    const g = counter(10n ** 15n, 30n);
    g.burnGas(25n);
    expectHostError(() => g.payActionAccumulated({ gas: 10n, compute: 1000n }, 10n, 'transfer'), { kind: 'GasExceeded' });
    expect(g.burntGas()).toBe(30n);
    expect(g.profileData().getActionCost('transfer')).toBe(5n);
    expect(g.sendActionComputeUsage).toBe(5n);
  });
});

describe('ProfileDataV3', () => {
  it('borsh: Vec<u64>(26) actions, Vec<u64>(88) ext, u64 wasm gas', () => {
    const p = new ProfileDataV3();
    p.addActionCost('transfer', 5n);
    p.addExtCost('base', 7n);
    p.addExtCost('yield_create_with_id_base', 9n);
    p.computeWasmInstructionCost(100n);
    const bytes = p.toBorsh();
    expect(bytes.length).toBe(4 + 26 * 8 + 4 + 88 * 8 + 8);
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(0, true)).toBe(26);
    expect(view.getBigUint64(4 + 6 * 8, true)).toBe(5n); // transfer = 6
    expect(view.getUint32(4 + 26 * 8, true)).toBe(88);
    expect(view.getBigUint64(8 + 26 * 8, true)).toBe(7n); // base = 0
    expect(view.getBigUint64(8 + 26 * 8 + 87 * 8, true)).toBe(9n);
    expect(view.getBigUint64(bytes.length - 8, true)).toBe(100n - 5n - 7n - 9n);
    expect(ProfileDataV3.fromBorsh(bytes).toBorsh()).toEqual(bytes);
    expect(EXT_COSTS.length).toBe(88);
  });

  it('compute usage scales ext entries by compute/gas and adds wasm gas and send compute', () => {
    const p = new ProfileDataV3();
    p.addExtCost('storage_write_base', C.storage_write_base); // compute 200e9
    p.addExtCost('base', C.base);
    p.computeWasmInstructionCost(C.storage_write_base + C.base + 1000n);
    expect(p.totalComputeUsage(ext, 7n)).toBe(200_000_000_000n + C.base + 1000n + 7n);
  });
});

describe('ProfileDataV3 copies and sums', () => {
  it('profileData is a copy: later charges do not reach an outcome already taken', () => {
    const g = counter(U64_MAX, U64_MAX);
    g.payBase('base');
    g.payExtensionCost('submodule_call_base', { gas: 7n, compute: 7n });
    const taken = g.profileData();
    g.payBase('base');
    g.payExtensionCost('submodule_call_base', { gas: 7n, compute: 7n });
    expect(taken.getExtCost('base')).toBe(C.base);
    expect(taken.extensionProfile.get('submodule_call_base')).toBe(7n);
    expect(g.profileData().getExtCost('base')).toBe(2n * C.base);
    expect(g.profileData().extensionProfile.get('submodule_call_base')).toBe(14n);
  });

  it('clone equals the original; merge and the sums saturate at u64::MAX', () => {
    const p = new ProfileDataV3();
    p.addExtCost('base', U64_MAX - 1n);
    p.addExtCost('read_memory_byte', 5n);
    p.addActionCost('transfer', 3n);
    p.addExtensionCost('x', 2n);
    const c = p.clone();
    expect(c).toEqual(p);
    expect(c.hostGas()).toBe(U64_MAX);
    expect(c.actionGas()).toBe(3n);
    c.merge(p);
    expect(c.getExtCost('base')).toBe(U64_MAX);
    expect(c.getExtCost('read_memory_byte')).toBe(10n);
    expect(c.getActionCost('transfer')).toBe(6n);
    expect(c.extensionProfile.get('x')).toBe(4n);
    expect(p.getExtCost('read_memory_byte')).toBe(5n);
    c.computeWasmInstructionCost(U64_MAX);
    expect(c.wasmGas).toBe(0n);
  });
});
