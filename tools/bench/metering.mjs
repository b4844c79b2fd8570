#!/usr/bin/env node
// 1. Metering overhead: CPU-heavy methods of cpu-bench.wasm (hash loop, sort, 64-bit
// big-integer-style loop) through vm-runner — prepared, gas- and stack-instrumented, cached,
// host functions through vm-logic — versus the same original module instantiated unmetered by V8
// with a stub host. Both sides do a complete call each time: fresh instance, run, read the
// result. Ratio = nearts time / unmetered time, per interleaved round.
//
//   node tools/bench/metering.mjs [--rounds N] [--quick] [--json out.json]
import { goal, interleave, isMain, main, textTable } from './lib/harness.mjs';
import { profileRegion } from './lib/profiler.mjs';
import { builtContract } from './lib/contracts.mjs';
import { callNearts, LruContractCache, MockedExternal, rawContract, returnText, text, utf8 } from './lib/nearts.mjs';
import { fmtRatio, fmtSpread } from './lib/stats.mjs';

export const GOAL_RATIO = 1.15;

// Iteration counts chosen so one metered call burns 200–250 Tgas (under the 300 Tgas limit)
// and takes tens of milliseconds.
const WORK = { hash_loop: 90_000, sort: 180_000, bigint_loop: 9_000_000 };
const QUICK_WORK = { hash_loop: 200, sort: 500, bigint_loop: 10_000 };

export async function run(options = {}) {
  const quick = Boolean(options.quick);
  const rounds = Number(options.rounds ?? (quick ? 2 : 15));
  const work = quick ? QUICK_WORK : WORK;
  const code = builtContract('cpu-bench');
  const cache = new LruContractCache();
  const raw = rawContract(code);
  const rows = [];
  const mismatches = [];
  for (const [method, n] of Object.entries(work)) {
    const input = utf8(String(n));
    let meteredResult;
    let gas = 0n;
    const metered = () => {
      const o = callNearts({ code, method, input, cache, external: new MockedExternal() });
      meteredResult = returnText(o);
      gas = o.burntGas;
    };
    let rawResult;
    const unmetered = () => {
      rawResult = text(raw(method, input));
    };
    // Three warm-up calls each, so V8's background tier-up of both modules has finished before
    // timing (one full run read hash_loop 1.31x where runs of this script alone read 1.04-1.06x).
    const m = interleave({ unmetered, metered }, { rounds, warmup: 3 });
    if (meteredResult !== rawResult) mismatches.push(`${method}(${n}): nearts returned ${meteredResult}, unmetered V8 ${rawResult}`);
    rows.push({
      method, iterations: n, gasBurnt: gas, result: meteredResult,
      unmeteredMs: scale(m.perCall.unmetered, 1e-3), meteredMs: scale(m.perCall.metered, 1e-3),
      ratio: m.ratios.metered, wallRatio: m.wallRatios.metered,
    });
  }
  const worst = rows.reduce((a, r) => (r.ratio.median > a.ratio.median ? r : a));
  return {
    id: 'metering',
    title: 'Metering overhead (cpu-bench.wasm: nearts vs unmetered V8)',
    rounds,
    rows,
    mismatches,
    goals: [
      goal(
        'metering',
        `metered / unmetered ≤ ${GOAL_RATIO}× (limit 1.0×)`,
        rows.map((r) => `${r.method} ${fmtRatio(r.ratio)}`).join('; '),
        quick ? null : worst.ratio.median <= GOAL_RATIO,
      ),
    ],
  };
}

function scale(s, f) {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'n' ? v : v * f]));
}

export function render(r) {
  return [
    `# ${r.title}, ${r.rounds} interleaved rounds`,
    textTable(
      ['method', 'iterations', 'gas burnt', 'unmetered (CPU)', 'nearts (CPU)', 'ratio (CPU)', 'ratio (wall)'],
      r.rows.map((x) => [x.method, x.iterations, `${(Number(x.gasBurnt) / 1e12).toFixed(1)} Tgas`, fmtSpread(x.unmeteredMs, 'ms'), fmtSpread(x.meteredMs, 'ms'), fmtRatio(x.ratio), fmtRatio(x.wallRatio)]),
    ),
    ...r.mismatches.map((m) => `MISMATCH ${m}`),
  ].join('\n');
}

/** `--profile <file> [--method m] [--calls n]`: metered calls only, under the profiler. */
export async function profile(options) {
  const method = options.method ?? 'hash_loop';
  const code = builtContract('cpu-bench');
  const cache = new LruContractCache();
  const input = utf8(String(WORK[method]));
  callNearts({ code, method, input, cache });
  await profileRegion(options.profile, () => {
    for (let i = 0; i < Number(options.calls ?? 10); i++) callNearts({ code, method, input, cache, external: new MockedExternal() });
  });
}

if (isMain(import.meta.url)) await main(run, render, profile);
