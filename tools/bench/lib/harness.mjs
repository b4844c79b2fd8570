// Shared benchmark harness: interleaved timing of compared variants, command-line options and
// the result format every benchmark script returns (and run-all.mjs turns into docs/benchmarks.md).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { summarize } from './stats.mjs';

const hr = () => process.hrtime.bigint();

/**
 * A full garbage collection, with or without `node --expose-gc`: interleaved variants must not
 * pay for each other's garbage, so the harness collects before each timed batch.
 */
export const collectGarbage = (() => {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc');
})();

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * Times the variants side by side: every round runs each variant once (`batch` calls), in
 * alternating order (A,B,C then C,B,A…) so that drift and a busy neighbour hit all of them alike.
 * Records wall-clock and process CPU time per call (CPU time is what we compare by default: on a
 * shared machine it does not count the time this process waited for a core). Ratios are each
 * variant's time divided by the first variant's (the baseline) in the same round.
 *
 * @param {Record<string, () => unknown>} variants name → one call
 * With `gc`, a full collection (untimed) precedes every batch: each batch starts from a clean
 * heap and pays for the collections its own allocations trigger.
 *
 * @param {{ rounds: number, batch?: number, warmup?: number, gc?: boolean }} options
 */
export function interleave(variants, { rounds, batch = 1, warmup = 1, gc = false }) {
  const names = Object.keys(variants);
  for (const name of names) for (let i = 0; i < warmup * batch; i++) variants[name]();
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  const ratios = Object.fromEntries(names.slice(1).map((n) => [n, []]));
  const wallRatios = Object.fromEntries(names.slice(1).map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    const roundWall = {};
    const roundCpu = {};
    for (const name of order) {
      if (gc) collectGarbage();
      const fn = variants[name];
      const c0 = cpuUs();
      const t0 = hr();
      for (let i = 0; i < batch; i++) fn();
      roundWall[name] = Number(hr() - t0) / 1000 / batch;
      roundCpu[name] = (cpuUs() - c0) / batch;
      wall[name].push(roundWall[name]);
      cpu[name].push(roundCpu[name]);
    }
    for (const name of names.slice(1)) {
      ratios[name].push(roundCpu[name] / roundCpu[names[0]]);
      wallRatios[name].push(roundWall[name] / roundWall[names[0]]);
    }
  }
  const all = (m) => Object.fromEntries(Object.entries(m).map(([n, v]) => [n, summarize(v)]));
  return { perCall: all(cpu), wallPerCall: all(wall), ratios: all(ratios), wallRatios: all(wallRatios), cpuPerRound: cpu };
}

/** Microseconds taken by `fn` (one call). */
export function timeUs(fn) {
  const t0 = hr();
  const value = fn();
  return { us: Number(hr() - t0) / 1000, value };
}

/** `--name value` / `--flag` options of a benchmark script. */
export function cliOptions(argv = process.argv.slice(2)) {
  const out = { quick: false, json: null, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') out.quick = true;
    else if (a === '--json') out.json = argv[++i];
    else if (a.startsWith('--')) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) out[a.slice(2)] = true;
      else out[a.slice(2)] = (i++, next);
    } else out.rest.push(a);
  }
  return out;
}

/** True when `importMetaUrl` is the script node was started with (not imported by a test). */
export function isMain(importMetaUrl) {
  return process.argv[1] !== undefined && fileURLToPath(importMetaUrl) === process.argv[1];
}

/**
 * Runs a benchmark's `run(options)` as a script: prints its report, writes the JSON result when
 * `--json <file>` is given (run-all.mjs collects it), exits non-zero on mismatches.
 */
export async function main(run, render, profile) {
  const options = cliOptions();
  if (options.profile) {
    // `--profile <file.cpuprofile>`: only the benchmark's hot loop, under the CPU profiler.
    if (!profile) throw new Error('this benchmark has no profile mode');
    await profile(options);
    return;
  }
  const result = await run(options);
  console.log(render(result));
  if (options.json) writeFileSync(options.json, JSON.stringify(result, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
  if ((result.mismatches ?? []).length > 0) process.exitCode = 1;
}

/**
 * A goal next to its figure. `met` is null when the figure cannot be compared (not measured).
 * @returns {{ id: string, goal: string, measured: string, met: boolean | null, note?: string }}
 */
export function goal(id, goalText, measured, met, note) {
  return { id, goal: goalText, measured, met, ...(note ? { note } : {}) };
}

/** A fixed-width text table for terminal output. */
export function textTable(header, rows) {
  const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
