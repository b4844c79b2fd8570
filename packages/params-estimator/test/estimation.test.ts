import { describe, expect, it } from 'vitest';
import type { ExtCosts } from '@nearts/runtime-fees';
import type { ProfileDataV3 } from '@nearts/vm-logic';
import { runEstimator, UNCERTAINTIES, UnknownCostError } from '../src/index.js';
import { encodeArgs, type MethodArgs } from '../src/contracts/estimator-contract.js';
import { PLANS, blsPlan } from '../src/estimate/host-functions.js';
import { Genesis } from '../src/testbed/genesis.js';
import { Testbed } from '../src/testbed/testbed.js';
import { TimeMetric } from '../src/metric/metric.js';

const genesis = new Genesis({ accounts: 40 });

/** Runs one call of the estimator contract and returns its gas profile. */
function profileOf(method: string, args: MethodArgs): ProfileDataV3 {
  const tb = new Testbed(genesis, new TimeMetric());
  const run = tb.run({ transactions: [tb.functionCall(tb.nextAccount(), method, encodeArgs(args))] });
  for (const r of run.results) {
    for (const o of r.outcomes) {
      const m = o.outcome.metadata;
      if (m.version !== 1 && m.profile.hostGas() > 0n) return m.profile;
    }
  }
  throw new Error('no function-call outcome');
}

const ext = (c: ExtCosts): bigint => genesis.config.wasmConfig.extCosts[c].gas;

describe('the estimator contract calls each host function N times', () => {
  it('sha256: N calls of X bytes', () => {
    const p = profileOf('sha256', { n: 7, x: 100 });
    expect(p.getExtCost('sha256_base')).toBe(7n * ext('sha256_base'));
    expect(p.getExtCost('sha256_byte')).toBe(700n * ext('sha256_byte'));
  });

  it('storage_write: N new keys of X bytes with values of Y bytes', () => {
    const p = profileOf('storage_write', { n: 3, x: 10, y: 20 });
    expect(p.getExtCost('storage_write_base')).toBe(3n * ext('storage_write_base'));
    expect(p.getExtCost('storage_write_key_byte')).toBe(30n * ext('storage_write_key_byte'));
    expect(p.getExtCost('storage_write_value_byte')).toBe(60n * ext('storage_write_value_byte'));
  });

  it('N = 0 calls nothing', () => {
    const p = profileOf('log_utf16', { n: 0, x: 100 });
    expect(p.getExtCost('log_base')).toBe(0n);
  });

  it('the prepared inputs of every signature and curve function are valid (the contract traps otherwise)', () => {
    const plans = [
      PLANS.ecrecover,
      PLANS.ed25519_verify,
      PLANS.p256_verify,
      PLANS.alt_bn128_g1_multiexp,
      PLANS.alt_bn128_g1_sum,
      PLANS.alt_bn128_pairing_check,
      ...(['p1_sum', 'p2_sum', 'g1_multiexp', 'g2_multiexp', 'map_fp_to_g1', 'map_fp2_to_g2', 'pairing_check', 'p1_decompress', 'p2_decompress'] as const).map(blsPlan),
    ];
    for (const plan of plans) {
      const x = Math.min(...plan.xs);
      expect(() => profileOf(plan.method, plan.args(1, x, 0, undefined)), plan.key).not.toThrow();
    }
  }, 60_000);
});

describe('a tiny real estimation', () => {
  it('gives every selected cost a gas value, a flag and the protocol comparison', () => {
    const costs = ['ApplyBlock', 'ActionReceiptCreation', 'ActionTransfer', 'ActionTransferExec', 'HostFunctionCall', 'WasmInstruction', 'Sha256Byte', 'StorageReadBase'];
    const run = runEstimator({ costs, iters: 1, warmupIters: 0, blockTargetMs: 1, blockSizeScale: 0.03 });
    expect(run.results.map((r) => r.name)).toEqual(costs);
    expect(run.metric).toBe('time');
    for (const r of run.results) {
      expect(r.error, r.name).toBeUndefined();
      expect(typeof r.gas, r.name).toBe('bigint');
      expect(r.uncertain === null || UNCERTAINTIES.includes(r.uncertain), r.name).toBe(true);
    }
    const byName = new Map(run.results.map((r) => [r.name, r]));
    expect(byName.get('ApplyBlock')!.charged).toBeNull();
    expect(byName.get('ActionTransfer')!.charged).toBe(230_246_125_000n);
    expect(byName.get('HostFunctionCall')!.charged).toBe(264_768_111n);
    expect(byName.get('WasmInstruction')!.charged).toBe(822_756n);
    const sha = byName.get('Sha256Byte')!;
    expect(sha.fit?.points.map((p) => p.x)).toEqual([10, 100, 1_000, 10_240]);
    expect(sha.ratio).toBeCloseTo(Number(sha.gas) / Number(sha.charged), 12);
  }, 120_000);

  it('rejects unknown cost names', () => {
    expect(() => runEstimator({ costs: ['NoSuchCost'] })).toThrow(UnknownCostError);
  });
});
