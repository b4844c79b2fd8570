/**
 * Whether this machine can count instructions, and how: `perf stat -e instructions` needs a
 * hardware counter (virtual machines often have none: perf prints `<not supported>`), so the
 * estimator counts with callgrind, re-running itself under valgrind (see callgrind.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALLGRIND_OUT_ENV, DUMP_FUNCTION, MetricUnavailableError } from './callgrind.js';

export interface CounterAvailability {
  /** `perf stat -e instructions true` reports a count. */
  readonly perf: boolean;
  readonly perfDetail: string;
  /** valgrind is installed. */
  readonly valgrind: boolean;
  readonly valgrindVersion: string | null;
}

export function probeCounters(): CounterAvailability {
  const perf = spawnSync('perf', ['stat', '-x,', '-e', 'instructions', 'true'], { encoding: 'utf8' });
  let perfOk = false;
  let perfDetail: string;
  if (perf.error) perfDetail = 'perf is not installed';
  else if (/not supported/i.test(perf.stderr)) perfDetail = 'perf stat reports instructions as <not supported>: no hardware counter, as usual in a VM';
  else if (/not counted/i.test(perf.stderr) || perf.status !== 0) perfDetail = `perf stat cannot count: ${perf.stderr.trim().split('\n').pop() ?? 'no count'}`;
  else {
    perfOk = true;
    perfDetail = 'perf counts instructions';
  }
  const vg = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  const valgrind = !vg.error && vg.status === 0;
  return { perf: perfOk, perfDetail, valgrind, valgrindVersion: valgrind ? vg.stdout.trim() : null };
}

/** What the estimator will say about the instructions metric on this machine. */
export function describeAvailability(a: CounterAvailability): string {
  const perf = a.perf
    ? 'perf can count instructions here, but only per process; per measured region the estimator uses callgrind'
    : `hardware instruction counters unavailable (${a.perfDetail})`;
  const vg = a.valgrind ? `counting with ${a.valgrindVersion} --tool=callgrind (about 50× slower: use --costs)` : 'valgrind is not installed: the instructions metric is unavailable';
  return `${perf}; ${vg}`;
}

/**
 * Runs `script args` under callgrind with the region markers configured; returns the exit code.
 * Throws MetricUnavailableError when valgrind is missing.
 */
export function relaunchUnderCallgrind(script: string, args: readonly string[], log: (line: string) => void): number {
  const a = probeCounters();
  log(`metric instructions: ${describeAvailability(a)}`);
  if (!a.valgrind) throw new MetricUnavailableError('the instructions metric needs valgrind (perf cannot count here); install valgrind or use --metric time');
  const dir = mkdtempSync(join(tmpdir(), 'nearts-estimator-callgrind-'));
  const out = join(dir, 'cg.out');
  const result = spawnSync(
    'valgrind',
    ['--tool=callgrind', `--callgrind-out-file=${out}`, `--log-file=${join(dir, 'valgrind.log')}`, `--dump-before=${DUMP_FUNCTION}`, process.execPath, ...process.execArgv, script, ...args],
    { stdio: 'inherit', env: { ...process.env, [CALLGRIND_OUT_ENV]: out } },
  );
  if (result.error) throw new MetricUnavailableError(`could not start valgrind: ${result.error.message}`);
  return result.status ?? 1;
}
