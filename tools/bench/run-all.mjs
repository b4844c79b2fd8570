#!/usr/bin/env node
// The whole benchmark suite (`pnpm bench`): builds the packages (turbo) and the contract fixtures,
// runs the metering, call-overhead, peer and memory benchmarks one after another in child
// processes with nothing else running, then starts the throughput workers (genesis states, two at
// a time) and runs the interleaved throughput rounds, then profiles every missed goal, and
// rewrites docs/benchmarks.md.
//
//   node tools/bench/run-all.mjs [--no-build] [--quick] [--no-write] [--out docs/benchmarks.md] [--results all.json]
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliOptions } from './lib/harness.mjs';
import { machineInfo } from './lib/machine.mjs';
import { BENCH_DIR, REPO_ROOT } from './lib/paths.mjs';
import { profileGoal, profileTargets } from './lib/profiles.mjs';
import { analyses } from './lib/analysis.mjs';
import { renderReport } from './lib/report.mjs';
import * as throughput from './throughput.mjs';

const options = cliOptions();
const quick = Boolean(options.quick);
const started = new Date();
const t0 = performance.now();
const loadStart = loadavg();
const machine = machineInfo();
const work = mkdtempSync(join(tmpdir(), 'nearts-bench-'));
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

/** Runs one benchmark script in its own process; its report goes to our stdout. */
function runScript(script, args = []) {
  const json = join(work, `${script}.json`);
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--expose-gc', join(BENCH_DIR, script), '--json', json, ...(quick ? ['--quick'] : []), ...args], { cwd: REPO_ROOT, maxBuffer: 1 << 26 }, (error) => {
      let result;
      try {
        result = JSON.parse(readFileSync(json, 'utf8'));
      } catch {
        reject(new Error(`${script} failed: ${error?.message ?? 'no result'}`));
        return;
      }
      resolve(result);
    });
    child.stdout.pipe(process.stdout);
    child.stderr.pipe(process.stderr);
  });
}

const results = {};
const failures = [];
try {
  console.log(`nearts benchmark suite — ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${loadStart.map((x) => x.toFixed(1)).join(' ')}`);
  if (!options['no-build']) {
    // The benchmarks run the built dist/ and the contract fixtures: make both current.
    const sh = (cmd, args) => execFileSync(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    sh('npx', ['--yes', 'pnpm@10.34.9', 'run', 'build', '--output-logs=errors-only']);
    sh('npm', ['run', '--silent', 'fixtures']);
    console.log(`[${elapsed()}] built`);
  }
  // The per-call benchmarks run alone: on a 2-core machine, genesis workers building in the
  // background inflated their CPU time too (shared caches and memory bandwidth; hash_loop read
  // 1.03x or 1.28x depending on the overlap). Genesis takes about a minute now, so it waits.
  for (const script of ['metering.mjs', 'call-overhead.mjs', 'peer.mjs', 'memory.mjs']) {
    console.log(`\n[${elapsed()}] ${script}`);
    try {
      const r = await runScript(script);
      results[r.id] = r;
    } catch (e) {
      failures.push(String(e.message ?? e));
      console.error(e.message ?? e);
    }
  }
  console.log(`\n[${elapsed()}] throughput.mjs (genesis states, two at a time, then the interleaved rounds)`);
  const tp = throughput.prepare({ quick, parallel: 2 });
  try {
    results.throughput = JSON.parse(JSON.stringify(await tp.measure(), (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
    console.log(throughput.render(results.throughput));
  } catch (e) {
    failures.push(String(e.message ?? e));
    console.error(e.message ?? e);
  }

  // Profiles of the missed goals.
  const profiles = {};
  const profileErrors = {};
  const targets = profileTargets(results);
  const missed = Object.values(results).flatMap((r) => r.goals ?? []).filter((g) => g.met === false);
  for (const g of missed) {
    const target = targets[g.id];
    if (!target) continue;
    console.log(`\n[${elapsed()}] profiling for "${g.goal}": ${target.title}`);
    try {
      profiles[g.id] = { title: target.title, ...(await profileGoal(target)) };
      for (const x of profiles[g.id].self.slice(0, 8)) console.log(`${x.pct.toFixed(1).padStart(5)}%  ${x.fn}`);
    } catch (e) {
      profileErrors[g.id] = String(e.message ?? e).split('\n')[0];
      console.error(profileErrors[g.id]);
    }
  }

  const totalS = (performance.now() - t0) / 1000;
  const report = renderReport({
    machine,
    started,
    totalS,
    loadStart,
    loadEnd: loadavg(),
    command: 'npx --yes pnpm@10.34.9 bench',
    results,
    profiles,
    profileErrors,
    analyses: analyses(results, profiles),
  });
  if (options.results) writeFileSync(options.results, JSON.stringify({ machine, results, profiles }, null, 2));
  const mismatches = Object.values(results).flatMap((r) => (r.mismatches ?? []).map((m) => `${r.id}: ${m}`));
  if (!options['no-write'] && (!quick || options.out) && failures.length === 0) {
    const out = resolve(REPO_ROOT, options.out ?? 'docs/benchmarks.md');
    writeFileSync(out, report);
    console.log(`\nwrote ${out}`);
  } else if (failures.length) console.log('\nnot writing docs/benchmarks.md: a benchmark failed');
  console.log(`\n[${elapsed()}] done: ${Object.values(results).flatMap((r) => r.goals ?? []).map((g) => `${g.id} ${g.met === true ? 'met' : g.met === false ? 'MISSED' : '-'}`).join(', ')}`);
  for (const m of mismatches) console.log(`MISMATCH ${m}`);
  for (const f of failures) console.log(`FAILED ${f}`);
  if (mismatches.length || failures.length) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
