/**
 * Runs the estimations and turns each into a row of the cost table: gas (1 ns = 10^6 gas, or
 * 125 000 gas per instruction), the raw measurement, the uncertainty flag, the protocol's charge
 * and the ratio between the two.
 */
import { EstimatorInputError } from './errors.js';
import { cpus } from 'node:os';
import type { ExtCosts } from '@nearts/runtime-fees';
import { chargedCompute, chargedGas, parameterLabel, parameterName, type ParameterRef } from './costs/parameters.js';
import { DEFAULT_SETTINGS, EstimatorContext, type EstimatorSettings, type FitReport } from './estimate/context.js';
import { ALL_COSTS, NOT_ESTIMATED, type CostDefinition, type CostGroup } from './estimate/registry.js';
import { toGas, type MetricName } from './gas.js';
import { TimeMetric, type Metric } from './metric/metric.js';
import type { Uncertainty } from './stats/gas-cost.js';

export interface CostResult {
  readonly name: string;
  readonly group: CostGroup;
  /** The estimate in gas, or null when the estimation failed (see `error`). */
  readonly gas: bigint | null;
  /** The measurement behind it in the metric's unit (ns or instructions). */
  readonly raw: number | null;
  readonly uncertain: Uncertainty | null;
  /** The parameter compared with, e.g. `action_transfer.execution`, or null. */
  readonly parameter: string | null;
  /** The parameter's YAML name, or null when the comparison is only a reference. */
  readonly yamlParameter: string | null;
  readonly parameterRef: ParameterRef | null;
  /** What the protocol charges for it (gas), or null. */
  readonly charged: bigint | null;
  /** The compute cost where the protocol sets one apart from gas. */
  readonly chargedCompute: bigint | null;
  /**
   * gas / charge: below 1 nearts is cheaper than the protocol charges. The charge is the compute
   * cost where the protocol sets one apart (it bounds chunk time, which is what is measured).
   */
  readonly ratio: number | null;
  readonly computedInMs: number;
  readonly fit?: FitReport;
  readonly note?: string;
  readonly error?: string;
}

export interface EstimationRun {
  readonly metric: MetricName;
  readonly metricDescription: string;
  readonly protocolVersion: number;
  readonly settings: Omit<EstimatorSettings, 'metric'>;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly machine: { readonly node: string; readonly cpus: number; readonly cpuModel: string };
  readonly results: readonly CostResult[];
  /** ExtCosts that cannot be estimated (removed host functions). */
  readonly notEstimated: readonly ExtCosts[];
}

export interface Progress {
  readonly index: number;
  readonly total: number;
  readonly name: string;
  /** 0..1 by the costs' weights. */
  readonly fraction: number;
  readonly elapsedMs: number;
  /** Estimated time left, null until something finished. */
  readonly remainingMs: number | null;
}

export interface EstimatorOptions extends Partial<Omit<EstimatorSettings, 'metric'>> {
  readonly metric?: Metric;
  /** Subset of cost names (nearcore's names); all when absent. */
  readonly costs?: readonly string[];
  readonly onProgress?: (p: Progress) => void;
  /** Called with each finished row. */
  readonly onResult?: (r: CostResult) => void;
}

export class UnknownCostError extends Error {
  override readonly name = 'UnknownCostError';
}

export function selectCosts(names?: readonly string[]): CostDefinition[] {
  if (names === undefined || names.length === 0) return [...ALL_COSTS];
  const known = new Map(ALL_COSTS.map((c) => [c.name, c]));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) throw new UnknownCostError(`unknown cost${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  // Keep the registry's order: later costs reuse earlier experiments.
  return ALL_COSTS.filter((c) => names.includes(c.name));
}

function ratioOf(gas: bigint, charged: bigint): number | null {
  if (charged === 0n) return null;
  return Number(gas) / Number(charged);
}

export function runEstimator(options: EstimatorOptions = {}): EstimationRun {
  const metric = options.metric ?? new TimeMetric();
  const settings: EstimatorSettings = {
    metric,
    warmupIters: options.warmupIters ?? DEFAULT_SETTINGS.warmupIters,
    iters: options.iters ?? DEFAULT_SETTINGS.iters,
    blockTargetMs: options.blockTargetMs ?? DEFAULT_SETTINGS.blockTargetMs,
    blockSizeScale: options.blockSizeScale ?? DEFAULT_SETTINGS.blockSizeScale,
    accounts: options.accounts ?? DEFAULT_SETTINGS.accounts,
    statistic: options.statistic ?? DEFAULT_SETTINGS.statistic,
  };
  if (!(settings.iters >= 1) || !Number.isInteger(settings.iters)) throw new EstimatorInputError(`iters must be a positive integer, got ${settings.iters}`);
  if (!(settings.warmupIters >= 0) || !Number.isInteger(settings.warmupIters)) throw new EstimatorInputError(`warmup iterations must be ≥ 0, got ${settings.warmupIters}`);
  const selected = selectCosts(options.costs);
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const ctx = new EstimatorContext(settings);
  const config = ctx.genesis.config;
  const totalWeight = selected.reduce((a, c) => a + c.weight, 0);
  let doneWeight = 0;
  const results: CostResult[] = [];
  selected.forEach((c, index) => {
    const elapsed = Date.now() - started;
    options.onProgress?.({
      index,
      total: selected.length,
      name: c.name,
      fraction: doneWeight / totalWeight,
      elapsedMs: elapsed,
      remainingMs: doneWeight > 0 ? (elapsed * (totalWeight - doneWeight)) / doneWeight : null,
    });
    const t0 = Date.now();
    const ref = c.parameter;
    const charged = ref === null ? null : chargedGas(config, ref);
    const compute = ref === null ? null : chargedCompute(config, ref);
    const common = {
      name: c.name,
      group: c.group,
      parameter: ref === null ? null : parameterLabel(ref),
      yamlParameter: ref === null || ref.kind === 'reference' ? null : parameterName(ref),
      parameterRef: ref,
      charged,
      chargedCompute: compute,
    };
    let row: CostResult;
    try {
      const e = c.estimate(ctx);
      const gas = toGas(e.cost, metric.name);
      row = {
        ...common,
        gas,
        raw: e.cost.value,
        uncertain: e.cost.uncertain,
        ratio: charged === null ? null : ratioOf(gas, compute ?? charged),
        computedInMs: Date.now() - t0,
        fit: e.fit,
        note: e.note,
      };
    } catch (err) {
      row = {
        ...common,
        gas: null,
        raw: null,
        uncertain: null,
        ratio: null,
        computedInMs: Date.now() - t0,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      };
    }
    results.push(row);
    options.onResult?.(row);
    doneWeight += c.weight;
  });
  return {
    metric: metric.name,
    metricDescription: metric.description,
    protocolVersion: ctx.genesis.protocolVersion,
    settings: {
      warmupIters: settings.warmupIters,
      iters: settings.iters,
      blockTargetMs: settings.blockTargetMs,
      blockSizeScale: settings.blockSizeScale,
      accounts: ctx.genesis.accounts.length,
      statistic: settings.statistic,
    },
    startedAt,
    durationMs: Date.now() - started,
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' },
    results,
    notEstimated: NOT_ESTIMATED,
  };
}
