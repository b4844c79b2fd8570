/**
 * Instruction counting without hardware counters: the estimator re-runs itself under
 * `valgrind --tool=callgrind` and brackets every measured region with a call into a native V8
 * function that nothing else on the measured path uses (`JSON.parse` with a reviver enters
 * `v8::internal::JsonParseInternalizer::Internalize`). Callgrind is told to dump its counters
 * whenever that function is entered, so the dump written by the closing bracket holds exactly the
 * instructions executed since the opening one (plus a constant bracket overhead, calibrated and
 * subtracted at start-up). Reading the dump happens outside the region.
 *
 * Counting is deterministic per executed path but about 50× slower than running natively; it
 * is meant for a subset of costs (`--costs`).
 */
import { readFileSync, rmSync } from 'node:fs';
import type { Metric } from './metric.js';

/** Environment variable through which the parent hands the child its callgrind output prefix. */
export const CALLGRIND_OUT_ENV = 'NEARTS_ESTIMATOR_CALLGRIND_OUT';
/** The function whose entry makes callgrind dump (a C++ symbol of node's V8). */
export const DUMP_FUNCTION = 'v8::internal::JsonParseInternalizer::Internalize(*';

export class MetricUnavailableError extends Error {
  override readonly name = 'MetricUnavailableError';
}

const bracket = (): void => {
  JSON.parse('0', (_key: string, value: unknown) => value);
};

/** Parses the event total of one callgrind dump (`summary:` or `totals:` line, Ir first). */
export function parseCallgrindTotal(text: string): number {
  const m = /^(?:summary|totals):\s+(\d+)/m.exec(text);
  if (m === null) throw new MetricUnavailableError('callgrind dump without a summary line');
  return Number(m[1]);
}

export class CallgrindMetric implements Metric {
  readonly name = 'instructions' as const;
  readonly unit = 'instructions';
  readonly description =
    'executed instructions counted by valgrind --tool=callgrind (whole process under emulation), 1 instruction = 125_000 gas';
  private dumps = 0;
  private overhead = 0;

  constructor(private readonly outPrefix: string) {
    // Calibrate the cost of an empty region (the bracket calls themselves); the minimum of a
    // few runs, once the bracket code is warm.
    const empty: number[] = [];
    for (let i = 0; i < 8; i++) empty.push(this.rawMeasure(() => {}));
    this.overhead = Math.min(...empty.slice(3));
  }

  private readDump(n: number): number {
    const path = `${this.outPrefix}.${n}`;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new MetricUnavailableError(`callgrind did not write ${path}: is the process running under callgrind with --dump-before?`);
    }
    rmSync(path, { force: true });
    return parseCallgrindTotal(text);
  }

  private rawMeasure(fn: () => void): number {
    bracket();
    this.dumps++;
    fn();
    bracket();
    this.dumps++;
    // The opening dump holds whatever ran before the region: discard it, outside the region.
    rmSync(`${this.outPrefix}.${this.dumps - 1}`, { force: true });
    return this.readDump(this.dumps);
  }

  measure(fn: () => void): number {
    return Math.max(0, this.rawMeasure(fn) - this.overhead);
  }
}
