/** `nearts scenario run <file-or-dir>… [--json] [--update-expectations]`. Exit: 0 all passed, 1 an expectation failed, 2 a scenario could not run. */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonValue } from '@nearts/primitives';
import { UsageError } from '../usage-error.js';
import { ScenarioError } from './errors.js';
import { formatJsonText } from './json-text.js';
import { readScenarioFile } from './parse.js';
import { formatScenarioReport, formatSummary, reportsJson } from './report.js';
import { runScenario, type ScenarioReport } from './runner.js';
import { applyExpectationUpdates } from './update.js';

export interface ScenarioRunOptions {
  json?: boolean;
  updateExpectations?: boolean;
}

export const SCENARIO_SUFFIX = '.scen.json';

/** The scenario files a path names: the file itself, or every *.scen.json below a directory (sorted). */
export function scenarioFiles(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`no such file or directory: ${path}`);
  }
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(SCENARIO_SUFFIX)) out.push(full);
    }
  };
  walk(path);
  if (out.length === 0) throw new UsageError(`no *${SCENARIO_SUFFIX} files under ${path}`);
  return out;
}

/** Reads and runs one file; with `update`, rewrites its failed expectations. */
export function runScenarioPath(file: string, update = false): { report: ScenarioReport; updated: number } {
  let scenario;
  try {
    scenario = readScenarioFile(file);
  } catch (e) {
    if (e instanceof ScenarioError) return { report: { file, ok: false, steps: [], error: e }, updated: 0 };
    throw e;
  }
  const report = runScenario(scenario);
  let updated = 0;
  if (update && !report.error) {
    updated = applyExpectationUpdates(scenario.raw as JsonValue, report);
    if (updated > 0) writeFileSync(file, formatJsonText(scenario.raw as JsonValue));
  }
  return { report, updated };
}

export function scenarioRunCommand(paths: string[], opts: ScenarioRunOptions, write: (s: string) => void): number {
  const files = paths.flatMap(scenarioFiles);
  const results = files.map((f) => runScenarioPath(f, opts.updateExpectations));
  const reports = results.map((r) => r.report);
  if (opts.json) write(reportsJson(reports, results.map((r) => r.updated)));
  else {
    for (const r of results) write(formatScenarioReport(r.report, opts.updateExpectations ? r.updated : undefined));
    if (reports.length > 1) write(formatSummary(reports));
  }
  if (reports.some((r) => r.error)) return 2;
  if (opts.updateExpectations) return 0;
  return reports.every((r) => r.ok) ? 0 : 1;
}
