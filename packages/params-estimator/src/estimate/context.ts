/**
 * What every estimation function gets: the configuration, the shared genesis, fresh testbeds and
 * a memo of intermediate results that several costs share (nearcore's `ctx.cached`), e.g. the
 * empty-block overhead or one least-squares fit feeding a base and a per-byte cost.
 */
import type { GasCost } from '../stats/gas-cost.js';
import type { Statistic } from '../stats/samples.js';
import type { Metric } from '../metric/metric.js';
import { Genesis } from '../testbed/genesis.js';
import { RECEIVER_ACCOUNTS, Testbed } from '../testbed/testbed.js';

export interface EstimatorSettings {
  readonly metric: Metric;
  /** Discarded measurements before the real ones, per estimation. */
  readonly warmupIters: number;
  /** Measured blocks (or repetitions) per estimation. */
  readonly iters: number;
  /**
   * Host-function loops are sized so that one measured block takes about this long
   * (wall clock), whatever the host function costs.
   */
  readonly blockTargetMs: number;
  /** Multiplies the number of transactions per block of the action estimations (1 = nearcore's). */
  readonly blockSizeScale: number;
  /** Accounts in the genesis; at least enough for every block of one estimation. */
  readonly accounts: number;
  /** How the measured iterations are summarized (the flags always use nearcore's criteria). */
  readonly statistic: Statistic;
}

/** nearcore's defaults are 10 measured iterations and no warm-up; a JIT needs one. */
export const DEFAULT_SETTINGS: Omit<EstimatorSettings, 'metric'> = {
  warmupIters: 1,
  iters: 10,
  blockTargetMs: 40,
  blockSizeScale: 1,
  accounts: 0,
  statistic: 'median',
};

/** A data point set with its fitted line, kept for the report's scatter plots. */
export interface FitReport {
  /** What x counts: "bytes", "elements", "key bytes", ... */
  readonly xLabel: string;
  /** What one y value is: "per call", "per transaction", ... (metric units). */
  readonly yLabel: string;
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number }>;
  readonly intercept: number;
  readonly slope: number;
}

/** What an estimation function returns: the cost in metric units per unit of work. */
export interface Estimate {
  readonly cost: GasCost;
  readonly fit?: FitReport;
  /** A caveat worth showing next to the number. */
  readonly note?: string;
}

export class EstimatorContext {
  readonly genesis: Genesis;
  private readonly memo = new Map<string, unknown>();

  constructor(readonly settings: EstimatorSettings) {
    const perEstimation = (settings.warmupIters + settings.iters + 1) * Math.max(1, Math.ceil(100 * settings.blockSizeScale));
    this.genesis = new Genesis({ accounts: Math.max(settings.accounts, perEstimation + RECEIVER_ACCOUNTS, 20) });
  }

  get metric(): Metric {
    return this.settings.metric;
  }

  /** A fresh fork of the genesis state. */
  testbed(): Testbed {
    return new Testbed(this.genesis, this.settings.metric);
  }

  /** Computes `key` once per run. */
  cached<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = compute();
    this.memo.set(key, v);
    return v;
  }

  /** Transactions per block for an estimation nearcore runs with `nearcoreSize` per block. */
  blockSize(nearcoreSize: number): number {
    return Math.max(1, Math.round(nearcoreSize * this.settings.blockSizeScale));
  }

  /** Runs `measure` warmup + iters times and keeps the measured ones. */
  repeat<T>(measure: (iteration: number) => T): T[] {
    const out: T[] = [];
    const total = this.settings.warmupIters + this.settings.iters;
    for (let i = 0; i < total; i++) {
      const v = measure(i);
      if (i >= this.settings.warmupIters) out.push(v);
    }
    return out;
  }
}
