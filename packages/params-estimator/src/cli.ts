#!/usr/bin/env node
/**
 * `nearts-estimator`: measures what nearts spends on every operation nearcore's estimator
 * measures and compares it with the protocol's parameters.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runtimeConfig } from '@nearts/runtime-fees';
import { EstimatorInputError } from './errors.js';
import { runEstimator, selectCosts, UnknownCostError, type EstimationRun } from './estimator.js';
import { ALL_COSTS, byGroup, GROUP_TITLES } from './estimate/registry.js';
import { DEFAULT_SETTINGS } from './estimate/context.js';
import type { Statistic } from './stats/samples.js';
import { parameterLabel } from './costs/parameters.js';
import { CALLGRIND_OUT_ENV, CallgrindMetric, MetricUnavailableError } from './metric/callgrind.js';
import { relaunchUnderCallgrind } from './metric/instructions.js';
import { CpuTimeMetric, TimeMetric, type Metric } from './metric/metric.js';
import { runToJson } from './output/json.js';
import { ProgressBar } from './output/progress.js';
import { reportHtml } from './output/report-html.js';
import { formatTable } from './output/table.js';
import { parameterDiff } from './output/yaml-diff.js';

export const USAGE = `Usage: nearts-estimator [options]

Measures nearts' cost of every operation nearcore's runtime-params-estimator measures
(actions and their send/exec parts, data receipts, contract loading and compilation, wasm
instructions, every host function, storage) and compares it with protocol 86's parameters.
Gas = nanoseconds × 1_000_000 (or instructions × 125_000).

Options:
  --costs a,b,c          run only these costs (nearcore's names; see --list)
  --json                 print the run as JSON on stdout instead of the table
  --metric time|cpu|instructions
                         what to measure (default time: wall clock, like nearcore); cpu: the
                         process's CPU time, steadier on a machine shared with other work;
                         instructions: counted with valgrind --tool=callgrind when perf
                         cannot (about 50× slower: use --costs)
  --iters N              measured iterations per estimation (default 10)
  --statistic median|mean
                         how iterations are summarized (default median: robust to GC pauses
                         and other processes; nearcore uses the mean)
  --warmup N             discarded warm-up iterations (default 1)
  --block-target-ms N    wall time a block of host-function calls aims at (default 40)
  --block-scale F        transactions per action block, relative to nearcore's (default 1)
  --quick                a fast, rough run: --iters 2 --warmup 1 --block-target-ms 10 --block-scale 0.25
  --out DIR              write report.html, results.json, params-diff.yaml and costs.txt here
                         (default ./nearts-estimator-<time>)
  --no-files             write no files
  --list                 list the costs and the parameter each is compared with
  -h, --help             this text

The parameter diff is a proposal in nearcore's YAML format; it is never applied.`;

export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** A TTY to draw the progress bar on, or null. */
  readonly progressStream: NodeJS.WriteStream | null;
  readonly now: () => Date;
  /** 1-minute load average and CPU count, for the busy-machine warning. */
  readonly loadAverage: () => number;
  readonly cpus: number;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function positiveNumber(name: string, v: string | undefined, fallback: number, integer: boolean, allowZero = false): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0 || (!allowZero && n === 0)) {
    throw new UsageError(`--${name} needs a ${integer ? 'whole' : ''} number${allowZero ? ' ≥ 0' : ' > 0'}, got "${v}"`);
  }
  return n;
}

function listCosts(): string {
  let group = '';
  const lines: string[] = [];
  for (const c of byGroup(ALL_COSTS)) {
    if (c.group !== group) {
      group = c.group;
      lines.push(`— ${GROUP_TITLES[c.group]} —`);
    }
    lines.push(`${c.name.padEnd(44)} ${c.parameter === null ? '-' : parameterLabel(c.parameter)}`);
  }
  return lines.join('\n') + '\n';
}

function writeFiles(dir: string, run: EstimationRun, table: string): string[] {
  mkdirSync(dir, { recursive: true });
  const config = runtimeConfig(run.protocolVersion);
  const files: Array<[string, string]> = [
    ['report.html', reportHtml(run)],
    ['results.json', runToJson(run)],
    ['params-diff.yaml', parameterDiff(run, config)],
    ['costs.txt', table],
  ];
  return files.map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}

/** Runs the command; returns the exit code (0 ok, 1 some estimation failed, 2 usage error). */
export function main(argv: readonly string[], io: CliIo, script: string = fileURLToPath(import.meta.url)): number {
  // `pnpm run estimate -- --costs …` passes the `--` through.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        costs: { type: 'string' },
        json: { type: 'boolean' },
        metric: { type: 'string' },
        iters: { type: 'string' },
        statistic: { type: 'string' },
        warmup: { type: 'string' },
        'block-target-ms': { type: 'string' },
        'block-scale': { type: 'string' },
        quick: { type: 'boolean' },
        out: { type: 'string' },
        'no-files': { type: 'boolean' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    io.stderr(`${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (values.list) {
    io.stdout(listCosts());
    return 0;
  }
  try {
    const metricName = values.metric ?? 'time';
    if (metricName !== 'time' && metricName !== 'cpu' && metricName !== 'instructions') {
      throw new UsageError(`--metric must be time, cpu or instructions, got "${metricName}"`);
    }
    const quick = values.quick === true;
    const statisticName = values.statistic ?? DEFAULT_SETTINGS.statistic;
    if (statisticName !== 'mean' && statisticName !== 'median') throw new UsageError(`--statistic must be median or mean, got "${statisticName}"`);
    const statistic: Statistic = statisticName;
    const options = {
      iters: positiveNumber('iters', values.iters, quick ? 2 : DEFAULT_SETTINGS.iters, true),
      warmupIters: positiveNumber('warmup', values.warmup, DEFAULT_SETTINGS.warmupIters, true, true),
      blockTargetMs: positiveNumber('block-target-ms', values['block-target-ms'], quick ? 10 : DEFAULT_SETTINGS.blockTargetMs, false),
      blockSizeScale: positiveNumber('block-scale', values['block-scale'], quick ? 0.25 : 1, false),
      statistic,
      costs: values.costs === undefined ? undefined : values.costs.split(',').map((s) => s.trim()).filter((s) => s.length > 0),
    };
    selectCosts(options.costs); // unknown names fail before anything runs
    let metric: Metric;
    const callgrindOut = process.env[CALLGRIND_OUT_ENV];
    if (metricName === 'instructions') {
      if (callgrindOut === undefined) return relaunchUnderCallgrind(script, args, (l) => io.stderr(`${l}\n`));
      metric = new CallgrindMetric(callgrindOut);
    } else {
      metric = metricName === 'cpu' ? new CpuTimeMetric() : new TimeMetric();
    }
    io.stderr(`metric: ${metric.name} — ${metric.description}\n`);
    const load = io.loadAverage();
    if (metric.name === 'time' && load > io.cpus) {
      io.stderr(`warning: the machine is busy (load ${load.toFixed(1)} on ${io.cpus} CPUs): wall-clock times include waiting for a CPU; --metric cpu does not\n`);
    }
    const bar = io.progressStream ? new ProgressBar(io.progressStream) : null;
    const run = runEstimator({ ...options, metric, onProgress: (p) => bar?.update(p) });
    bar?.clear();
    const table = formatTable(run);
    io.stdout(values.json ? runToJson(run) : table);
    if (!values['no-files']) {
      const stamp = io.now().toISOString().replace(/[:.]/g, '-');
      const dir = resolve(values.out ?? `nearts-estimator-${stamp}`);
      const written = writeFiles(dir, run, table);
      io.stderr(`wrote ${written.join(', ')}\n`);
    }
    return run.results.some((r) => r.error !== undefined) ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnknownCostError || e instanceof MetricUnavailableError || e instanceof EstimatorInputError) {
      io.stderr(`nearts-estimator: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  process.exitCode = main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    progressStream: process.stderr.isTTY ? process.stderr : null,
    now: () => new Date(),
    loadAverage: () => loadavg()[0],
    cpus: cpus().length,
  });
}
