/**
 * `--json`: the whole run as one JSON document. Gas values are JSON integers written exactly
 * (they can exceed 2^53, so they never pass through a JavaScript number).
 */
import type { EstimationRun } from '../estimator.js';
import { parameterName } from '../costs/parameters.js';

const BIG = '\u0000bigint:';

export function runToJson(run: EstimationRun): string {
  const doc = {
    tool: 'nearts-estimator',
    protocolVersion: run.protocolVersion,
    metric: run.metric,
    metricDescription: run.metricDescription,
    gasPerUnit: run.metric === 'instructions' ? 'gas = instructions × 125_000' : 'gas = ns × 1_000_000',
    settings: run.settings,
    machine: run.machine,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    notEstimated: run.notEstimated,
    results: run.results.map((r) => ({
      name: r.name,
      group: r.group,
      gas: r.gas,
      measured: r.raw,
      unit: run.metric === 'instructions' ? 'instructions' : 'ns',
      uncertain: r.uncertain,
      parameter: r.parameterRef === null ? null : parameterName(r.parameterRef),
      parameterLabel: r.parameter,
      charged: r.charged,
      chargedCompute: r.chargedCompute,
      ratio: r.ratio,
      computedInMs: r.computedInMs,
      note: r.note ?? null,
      fit: r.fit ?? null,
      error: r.error ?? null,
    })),
  };
  const text = JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'bigint' ? `${BIG}${v}` : v), 2);
  // Unquote the marked bigints: exact integer literals.
  return text.replace(new RegExp(`"\\\\u0000bigint:(-?\\d+)"`, 'g'), '$1') + '\n';
}
