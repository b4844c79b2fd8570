// Profiles for the goals a run misses: which benchmark region to profile, and the shares of the
// known cost centres the report explains (signature checks, contract wasm, instantiation, GC…).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BENCH_DIR } from './paths.mjs';
import { summariseCpuProfile } from './cpu-profile.mjs';

const run = promisify(execFile);

/** The command line (script + args) profiling each goal's region, given the results. */
export function profileTargets(results) {
  const metering = results.metering;
  const worst = metering?.rows?.reduce((a, r) => (r.ratio.median > a.ratio.median ? r : a));
  const peer = results.peer;
  const slowest = peer?.rows?.length ? peer.rows.reduce((a, r) => (r.speedup.median < a.speedup.median ? r : a)) : undefined;
  return {
    metering: worst && { title: `nearts ${worst.method} calls (metering.mjs)`, args: ['metering.mjs', '--method', worst.method, '--calls', '10'] },
    'repeat-call': { title: 'repeat calls of the cached tiny noop (call-overhead.mjs)', args: ['call-overhead.mjs', '--calls', '20000'] },
    'peer-speed': slowest && { title: `nearts side of ${slowest.call}, the call with the smallest speedup (peer.mjs)`, args: ['peer.mjs', '--step', slowest.call, '--calls', '1500'] },
    'native-tps': { title: '5 blocks of 1000 signed native transfers, 10k accounts, MemoryState (lib/chain-worker.mjs)', args: ['lib/chain-worker.mjs', '--accounts', '10000', '--backend', 'memory', '--kind', 'native', '--blocks', '5'], work: { txs: 5000 } },
    'ft-tps': { title: '5 blocks of 200 FT transfer calls, 10k accounts, MemoryState (lib/chain-worker.mjs)', args: ['lib/chain-worker.mjs', '--accounts', '10000', '--backend', 'memory', '--kind', 'ft', '--blocks', '5'], work: { txs: 1000 } },
    'lmdb-vs-memory': { title: '5 blocks of 1000 native transfers, 10k accounts, LmdbState (lib/chain-worker.mjs)', args: ['lib/chain-worker.mjs', '--accounts', '10000', '--backend', 'lmdb', '--kind', 'native', '--blocks', '5'] },
  };
}

/** Runs one profile target in a child process and summarises it. */
export async function profileGoal(target, top = 12) {
  const dir = mkdtempSync(join(tmpdir(), 'nearts-bench-prof-'));
  const file = join(dir, 'region.cpuprofile');
  try {
    const [script, ...args] = target.args;
    await run(process.execPath, ['--expose-gc', '--max-old-space-size=8192', join(BENCH_DIR, script), '--profile', file, ...args], { cwd: BENCH_DIR, timeout: 300_000, maxBuffer: 1 << 24 });
    const summary = summariseCpuProfile(file, { top });
    const all = summariseCpuProfile(file, {
      top: 100_000,
      within: {
        verifyInSubmit: { fn: /^verifyEd25519 /, under: /^submit packages\/runtime/ },
        verifyInApply: { fn: /^verifyEd25519 /, under: /^processTransactions / },
      },
    });
    return { ...summary, work: target.work, shares: { ...costCentres(all), ...all.within } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Inclusive shares (percent of the profiled region) of the cost centres the report discusses. */
function costCentres(all) {
  const incl = (re) => Math.max(0, ...all.inclusive.filter((r) => re.test(r.fn)).map((r) => r.pct));
  const self = (re) => all.self.filter((r) => re.test(r.fn)).reduce((n, r) => n + r.pct, 0);
  return {
    signatureVerification: incl(/^verifyEd25519 /),
    produceBlock: incl(/^produceBlock /),
    stateRoot: incl(/^commitBlock /),
    runContract: incl(/^runContract packages\/vm-runner/),
    contractWasm: self(/^wasm-function\[/),
    hostFunctions: incl(/^invokeHostFunction /),
    instantiate: self(/^Instance \(native\)/),
    memoryAlloc: self(/^Memory \(native\)/),
    prepare: incl(/^prepareContract /),
    garbageCollector: self(/^\(garbage collector\)$/),
    lmdb: incl(/node_modules\/.pnpm\/lmdb@/),
  };
}
