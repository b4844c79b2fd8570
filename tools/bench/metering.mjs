#!/usr/bin/env node
// 1. Metering overhead: CPU-heavy methods of cpu-bench.wasm (hash loop, sort, 64-bit
// big-integer-style loop) through vm-runner — prepared, gas- and stack-instrumented, cached,
// host functions through vm-logic — versus the same original module instantiated unmetered by V8
// with a stub host. Both sides do a complete call each time: fresh instance, run, read the
// result. Ratio = nearts time / unmetered time, per interleaved round.
//
//   node tools/bench/metering.mjs [--rounds N] [--quick] [--json out.json]
//     [--baseline path/to/vm-runner/dist/index.js]   a third side: the same calls through another
//                                                    vm-runner build (e.g. a copy of dist/ from
//                                                    before a change), interleaved; its rows give
//                                                    nearts / baseline as well
//     [--profile out.cpuprofile [--method m] [--calls n]]   metered calls only, profiled
import { goal, interleave, isMain, main, textTable } from './lib/harness.mjs';
import { profileRegion } from './lib/profiler.mjs';
import { builtContract } from './lib/contracts.mjs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { callNearts, CONFIG, LruContractCache, MAX_GAS, MockedExternal, rawContract, returnText, testContext, text, utf8 } from './lib/nearts.mjs';
import { fmtRatio, fmtSpread, summarize } from './lib/stats.mjs';

export const GOAL_RATIO = 1.15;

// Iteration counts chosen so one metered call burns 200–250 Tgas (under the 300 Tgas limit)
// and takes tens of milliseconds.
const WORK = { hash_loop: 90_000, sort: 180_000, bigint_loop: 9_000_000 };
const QUICK_WORK = { hash_loop: 200, sort: 500, bigint_loop: 10_000 };

export async function run(options = {}) {
  const quick = Boolean(options.quick);
  // A round takes ~0.2 s: 45 keep one disturbed round from moving the median on a shared machine.
  const rounds = Number(options.rounds ?? (quick ? 2 : 45));
  const work = quick ? QUICK_WORK : WORK;
  const code = builtContract('cpu-bench');
  const cache = new LruContractCache();
  const raw = rawContract(code);
  const baseline = options.baseline ? await baselineBuild(options.baseline) : null;
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
    const variants = { unmetered, metered };
    let baselineResult;
    let baselineGas = 0n;
    if (baseline) {
      variants.baseline = () => {
        const o = baseline.call({ code, method, input, external: new MockedExternal() });
        baselineResult = returnText(o);
        baselineGas = o.burntGas;
      };
    }
    const m = interleave(variants, { rounds, warmup: 3 });
    if (meteredResult !== rawResult) mismatches.push(`${method}(${n}): nearts returned ${meteredResult}, unmetered V8 ${rawResult}`);
    if (baseline && (baselineResult !== meteredResult || baselineGas !== gas)) {
      mismatches.push(`${method}(${n}): baseline returned ${baselineResult} burning ${baselineGas}, nearts ${meteredResult} burning ${gas}`);
    }
    rows.push({
      method, iterations: n, gasBurnt: gas, result: meteredResult,
      unmeteredMs: scale(m.perCall.unmetered, 1e-3), meteredMs: scale(m.perCall.metered, 1e-3),
      ratio: m.ratios.metered, wallRatio: m.wallRatios.metered,
      ...(baseline ? { baselineMs: scale(m.perCall.baseline, 1e-3), baselineRatio: m.ratios.baseline, vsBaseline: pairRatios(m, 'metered', 'baseline') } : {}),
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

/** Another vm-runner build (`--baseline`), called like `callNearts` with its own cache. */
async function baselineBuild(path) {
  const vmRunner = await import(pathToFileURL(resolve(path)).href);
  const cache = new vmRunner.LruContractCache();
  return {
    call: ({ code, method, input, external }) =>
      vmRunner.runContract({
        code, method, external, cache, config: CONFIG,
        context: testContext({ input, prepaidGas: MAX_GAS, attachedDeposit: 0n }),
      }),
  };
}

/** Median (p10–p90) over rounds of the CPU time of side `a` / side `b` in the same round. */
function pairRatios(m, a, b) {
  const per = m.cpuPerRound[a].map((x, i) => x / m.cpuPerRound[b][i]);
  return summarize(per);
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
    ...(r.rows[0]?.vsBaseline
      ? [
          '',
          textTable(
            ['method', 'baseline (CPU)', 'baseline / unmetered', 'nearts / baseline (CPU)'],
            r.rows.map((x) => [x.method, fmtSpread(x.baselineMs, 'ms'), fmtRatio(x.baselineRatio), fmtRatio(x.vsBaseline)]),
          ),
        ]
      : []),
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
