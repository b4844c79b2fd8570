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

/**
 * CPU time of the process (user + system, `process.cpuUsage`, microsecond resolution). On a
 * machine shared with other work, wall-clock time also counts the time the process waited for a
 * CPU; CPU time does not. It does count the process's background threads (garbage collection,
 * compilation), which are part of what the work costs.
 */
export class CpuTimeMetric implements Metric {
  readonly name = 'cpu' as const;
  readonly unit = 'ns';
  readonly description = 'process CPU time, user + system (process.cpuUsage), 1 ns = 1_000_000 gas';

  measure(fn: () => void): number {
    const start = process.cpuUsage();
    fn();
    const d = process.cpuUsage(start);
    return (d.user + d.system) * 1000;
  }
}
