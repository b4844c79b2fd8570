/**
 * The cost table for a terminal: one row per cost with the estimate in gas, the raw measurement,
 * the uncertainty flag, what protocol 86 charges and the ratio, grouped like the report.
 */
import type { CostResult, EstimationRun } from '../estimator.js';
import { byGroup, GROUP_TITLES, type CostGroup } from '../estimate/registry.js';
import { formatRaw, groupDigits } from '../gas.js';

export function formatRatio(ratio: number | null): string {
  if (ratio === null) return '-';
  if (ratio >= 100) return `${Math.round(ratio)}×`;
  if (ratio >= 10) return `${ratio.toFixed(1)}×`;
  return `${ratio.toFixed(2)}×`;
}

export function runHeader(run: EstimationRun): string {
  const s = run.settings;
  return [
    `nearts params-estimator · protocol ${run.protocolVersion} · metric: ${run.metric} (${run.metricDescription})`,
    `${s.warmupIters} warm-up + ${s.iters} measured iterations, ${s.statistic} · ${s.accounts} accounts · node ${run.machine.node} · ${run.machine.cpus} × ${run.machine.cpuModel}`,
    `started ${run.startedAt} · took ${(run.durationMs / 1000).toFixed(1)} s`,
  ].join('\n');
}

function pad(s: string, width: number, right = false): string {
  const n = [...s].length;
  if (n >= width) return s;
  return right ? ' '.repeat(width - n) + s : s + ' '.repeat(width - n);
}

function row(r: CostResult, metric: EstimationRun['metric']): string[] {
  return [
    r.name,
    r.gas === null ? 'ERROR' : groupDigits(r.gas),
    r.raw === null ? '-' : formatRaw(r.raw, metric),
    r.error !== undefined ? 'ERROR' : (r.uncertain ?? '-'),
    r.charged === null ? '-' : groupDigits(r.charged),
    formatRatio(r.ratio),
    r.parameter ?? '-',
  ];
}

const HEAD = ['cost', 'gas', 'measured', 'flag', 'protocol charges', 'ratio', 'parameter'];
const RIGHT = [false, true, true, false, true, true, false];

export function formatTable(run: EstimationRun): string {
  const results = byGroup(run.results);
  const rows = results.map((r) => row(r, run.metric));
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]].length)));
  const line = (cells: string[]): string => cells.map((c, i) => pad(c, widths[i], RIGHT[i])).join('  ').trimEnd();
  const out = [runHeader(run), '', line(HEAD)];
  let group: CostGroup | undefined;
  results.forEach((r, i) => {
    if (r.group !== group) {
      group = r.group;
      out.push(`— ${GROUP_TITLES[group]} —`);
    }
    out.push(line(rows[i]));
  });
  const errors = run.results.filter((r) => r.error !== undefined);
  for (const e of errors) out.push(`error in ${e.name}: ${e.error}`);
  out.push('', 'ratio = estimate / protocol charge: below 1× nearts spends less than the protocol charges, above 1× more.');
  return out.join('\n') + '\n';
}
