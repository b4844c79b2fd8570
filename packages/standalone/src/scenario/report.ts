/** Scenario results for people (what each step expected and got, diffs on mismatch) and as JSON. */
import { stringifyJson, type JsonValue } from '@nearts/primitives';
import type { CheckResult } from './check.js';
import type { ScenarioReport, StepReport } from './runner.js';

const show = (v: JsonValue): string => stringifyJson(v);

function clip(s: string, max = 160): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function checkLines(c: CheckResult, stepPath: string): string[] {
  const where = c.path.startsWith(stepPath) ? c.path.slice(stepPath.length + 1) : c.path;
  const expected = show(c.expected);
  const actual = show(c.actual);
  if (c.ok && Array.isArray(c.actual) && c.actual.length > 0 && actual.length > 60) return [`      ✓ ${where}: ${c.actual.length} item(s) as listed`];
  if (c.ok) return [`      ✓ ${where} = ${clip(actual)}${expected === actual ? '' : `  (expected ${clip(expected, 80)})`}`];
  const lines = [`      ✗ ${where}`, `          expected: ${clip(expected, 400)}`, `          got:      ${clip(actual, 400)}`];
  for (const d of c.diff) lines.push(`          - ${d}`);
  return lines;
}

function stepLines(s: StepReport): string[] {
  const label = `${s.id ? `"${s.id}" ` : ''}${s.title}`;
  const lines = [`  ${s.ok ? '✓' : '✗'} [${s.index}] ${label}`];
  if (s.comment) lines.push(`      (${s.comment})`);
  const stepPath = `$.steps[${s.index}]`;
  for (const c of s.checks) lines.push(...checkLines(c, stepPath));
  if (s.checks.length === 0 && s.actual !== undefined) lines.push(`      got ${clip(show(s.actual), 300)} (no expectations)`);
  return lines;
}

export function formatScenarioReport(r: ScenarioReport, updated?: number): string {
  const failed = r.steps.filter((s) => !s.ok).length;
  const head = r.error ? 'ERROR' : r.ok ? 'PASS' : 'FAIL';
  const lines = [`${head} ${r.file}${r.name ? ` — ${r.name}` : ''}`];
  for (const s of r.steps) lines.push(...stepLines(s));
  if (r.error) lines.push(`  error: ${r.error.message}`);
  else lines.push(`  ${r.steps.length} step(s): ${r.steps.length - failed} passed, ${failed} failed`);
  if (updated !== undefined && updated > 0) lines.push(`  updated ${updated} expectation(s) in ${r.file}`);
  return `${lines.join('\n')}\n`;
}

export function formatSummary(reports: ScenarioReport[]): string {
  const errors = reports.filter((r) => r.error).length;
  const passed = reports.filter((r) => r.ok).length;
  return `${reports.length} scenario(s): ${passed} passed, ${reports.length - passed - errors} failed, ${errors} could not run\n`;
}

function checkJson(c: CheckResult): JsonValue {
  return { path: c.path, ok: c.ok, expected: c.expected, actual: c.actual, diff: c.diff };
}

export function scenarioReportJson(r: ScenarioReport, updated?: number): JsonValue {
  const out: Record<string, JsonValue> = { file: r.file, name: r.name ?? null, ok: r.ok };
  if (r.error) out.error = { message: r.error.message, file: r.error.file, step: r.error.step ?? null, path: r.error.path, reason: r.error.reason };
  out.steps = r.steps.map((s) => ({
    index: s.index,
    step: s.step,
    id: s.id ?? null,
    title: s.title,
    ok: s.ok,
    height: s.height,
    checks: s.checks.map(checkJson),
    actual: s.actual ?? null,
  }));
  if (updated !== undefined) out.updatedExpectations = updated;
  return out;
}

export function reportsJson(reports: ScenarioReport[], updated: number[]): string {
  const value: JsonValue = {
    ok: reports.every((r) => r.ok),
    scenarios: reports.map((r, i) => scenarioReportJson(r, updated[i])),
  };
  return `${stringifyJson(value, 2)}\n`;
}
