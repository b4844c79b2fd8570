/**
 * What a measurement counts. The estimator only ever asks "how much did this closure cost";
 * the answer is wall-clock nanoseconds (`time`) or executed instructions (`instructions`).
 * Measurement code may read the clock; the runtime code being measured never does.
 */
import type { MetricName } from '../gas.js';

export interface Metric {
  readonly name: MetricName;
  /** Unit of `measure`'s result, for reports: "ns" or "instructions". */
  readonly unit: string;
  /** One line saying how the numbers were obtained. */
  readonly description: string;
  /** Runs `fn` once and returns what it cost. */
  measure(fn: () => void): number;
}

export class TimeMetric implements Metric {
  readonly name = 'time' as const;
  readonly unit = 'ns';
  readonly description = 'wall-clock time (process.hrtime.bigint), 1 ns = 1_000_000 gas';

  measure(fn: () => void): number {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start);
  }
}
