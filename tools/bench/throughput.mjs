#!/usr/bin/env node
// 4. Runtime throughput, end to end: signed native transfers and fungible-token transfer calls
// (near-sdk-rs NEP-21 token) submitted as borsh bytes to the Chain, applied in blocks
// (verification, receipts, function calls through vm-runner, refunds, state root per block) on
// states of 10k, 100k and 1M accounts, on both store backends (MemoryState, LmdbState durable).
//
// Each (size, backend) chain lives in its own child process (lib/chain-worker.mjs), built in
// parallel two at a time; then the parent interleaves their measurements: every round, each
// worker applies a few blocks of one kind in turn (alternating order) and then the blocks that
// drain their receipts; one sample = those transactions / the CPU time of all those blocks, so
// each sample holds every step of its transactions (conversion, receipts, function calls,
// refunds) and nothing of the other kind's.
// Rates are transactions per CPU-second of the worker (one core: the runtime is
// single-threaded), wall-clock rates are shown too. Signing happens before timing.
// Also reports each worker's memory after genesis and at the end (isolated per process).
//
//   node tools/bench/throughput.mjs [--sizes 10000,100000,1000000] [--backends memory,lmdb]
//        [--rounds N] [--quick] [--json out.json]
import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { goal, isMain, main, textTable } from './lib/harness.mjs';
import { fmt, fmtRatio, fmtSpread, sizeLabel, summarize } from './lib/stats.mjs';

export const GOAL_NATIVE_TPS = 10_000;
export const GOAL_FT_TPS = 2_000;

const WORKER = fileURLToPath(new URL('./lib/chain-worker.mjs', import.meta.url));

function startWorker(spec) {
  const child = fork(WORKER, ['--chain-worker', '--accounts', String(spec.accounts), '--backend', spec.backend, '--senders', String(spec.senders), '--ft-holders', String(spec.ftHolders)], {
    execArgv: ['--expose-gc', '--max-old-space-size=8192'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const queue = [];
  let waiting = null;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deliver = (m) => (waiting ? (waiting(m), (waiting = null)) : queue.push(m));
  child.on('message', deliver);
  child.on('exit', (code) => deliver({ error: code === 0 ? 'worker exited' : `worker exited with code ${code}` }));
  const next = () => new Promise((resolve) => (queue.length ? resolve(queue.shift()) : (waiting = resolve)));
  const expect = async () => {
    const m = await next();
    if (m.error) throw new Error(`${spec.accounts} accounts on ${spec.backend}: ${m.error}`);
    return m;
  };
  return {
    spec,
    ready: expect(),
    async request(msg) {
      child.send(msg);
      return expect();
    },
    /** Stops the worker and removes its lmdb directory (lmdb may still hold it open until exit). */
    async kill(dir) {
      child.kill();
      await exited;
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the workers at most `parallel()` at a time (largest first, lmdb before memory: the
 * slowest genesis first); resolves when all are ready. `parallel` is re-read as workers finish,
 * so run-all.mjs can allow more once the other benchmarks are done.
 */
async function startAll(specs, parallel) {
  const order = [...specs].sort((a, b) => b.accounts - a.accounts || (a.backend === 'lmdb' ? -1 : 1));
  const workers = new Map();
  const running = new Set();
  for (const spec of order) {
    while (running.size >= parallel()) await Promise.race(running);
    const w = startWorker(spec);
    workers.set(spec, w);
    const p = w.ready.then((m) => {
      w.setup = m.setup;
      running.delete(p);
    });
    running.add(p);
  }
  await Promise.all(running);
  await Promise.all([...workers.values()].map((w) => w.ready));
  return specs.map((s) => workers.get(s));
}

/** Builds `accounts`-account chains on both backends in child processes; their memory figures. */
export async function runStateChildren(accounts) {
  const specs = ['lmdb', 'memory'].map((backend) => ({ accounts, backend, senders: 1, ftHolders: 1 }));
  const workers = await startAll(specs, () => 1);
  const out = [];
  for (const w of workers) {
    const fin = (await w.request({ cmd: 'finish' })).finish;
    out.push({ accounts, backend: w.spec.backend, genesisMs: w.setup.genesisMs, memory: { ...w.setup.memory, peakRssMB: fin.memory.peakRssMB } });
    await w.kill(w.setup.lmdbDir);
  }
  return out;
}

export async function run(options = {}) {
  const prepared = prepare(options);
  return prepared.measure();
}

/**
 * Starts the workers (genesis building in the background) and returns `measure()`, which waits
 * for them and runs the interleaved rounds. `setParallel(n)` changes how many build at once.
 */
export function prepare(options = {}) {
  let parallel = Number(options.parallel ?? 2);
  const quick = Boolean(options.quick);
  const sizes = String(options.sizes ?? (quick ? '300' : '10000,100000,1000000')).split(',').map(Number);
  const backends = String(options.backends ?? 'memory,lmdb').split(',');
  // Nine rounds: with five, one disturbed round moved a backend ratio by ±0.06 on this shared machine.
  const rounds = Number(options.rounds ?? (quick ? 1 : 9));
  const senders = Number(options.senders ?? (quick ? 20 : 1000));
  const ftHolders = Number(options['ft-holders'] ?? (quick ? 10 : 200));
  const blocksPerRound = { native: Number(options['native-blocks'] ?? 2), ft: Number(options['ft-blocks'] ?? 2) };
  const specs = sizes.flatMap((accounts) => backends.map((backend) => ({ accounts, backend, senders: Math.min(senders, accounts), ftHolders: Math.min(ftHolders, accounts) })));
  const t0 = performance.now();
  const started = startAll(specs, () => parallel);
  started.catch(() => {}); // reported by measure()
  return {
    setParallel: (n) => (parallel = n),
    measure: () => measure(started, t0, { quick, sizes, backends, rounds, senders, ftHolders, blocksPerRound }),
  };
}

async function measure(started, t0, { quick, sizes, backends, rounds, senders, ftHolders, blocksPerRound }) {
  const workers = await started;
  const setupWallS = (performance.now() - t0) / 1000;
  const samples = new Map(workers.map((w) => [w, { native: [], ft: [] }]));
  try {
    // One warm-up block of each kind (compiles the token, warms the caches).
    for (const w of workers) for (const kind of ['native', 'ft']) await w.request({ cmd: 'blocks', kind, blocks: 1 });
    for (let r = 0; r < rounds; r++) {
      for (const kind of ['native', 'ft']) {
        const order = r % 2 === 0 ? workers : [...workers].reverse();
        for (const w of order) {
          const m = await w.request({ cmd: 'blocks', kind, blocks: blocksPerRound[kind] });
          samples.get(w)[kind].push(...m.blocks);
        }
      }
      if (!quick) console.log(`[throughput] round ${r + 1}/${rounds} done after ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    // The correctness checks.
    for (const w of workers) w.final = (await w.request({ cmd: 'finish', checkSupply: quick })).finish;
  } finally {
    await Promise.all(workers.map((w) => w.kill(w.setup?.lmdbDir)));
  }

  const rows = workers.map((w) => {
    const rate = (kind, field) => summarize(samples.get(w)[kind].map((b) => b.txs / (b[field] / 1e6)));
    return {
      accounts: w.spec.accounts,
      backend: w.spec.backend,
      native: rate('native', 'cpuUs'),
      nativeWall: rate('native', 'wallUs'),
      ft: rate('ft', 'cpuUs'),
      ftWall: rate('ft', 'wallUs'),
      blocks: { native: samples.get(w).native.length, ft: samples.get(w).ft.length },
      setup: w.setup,
      final: w.final,
    };
  });
  const mismatches = rows.flatMap((r) => r.final.problems.map((p) => `${r.accounts} accounts, ${r.backend}: ${p}`));
  const find = (accounts, backend) => rows.find((r) => r.accounts === accounts && r.backend === backend);
  // Ratios between workers, from their medians (each measured interleaved with the others).
  const smallest = Math.min(...sizes);
  const largest = Math.max(...sizes);
  const ratios = [];
  for (const kind of ['native', 'ft']) {
    for (const accounts of sizes) {
      const mem = find(accounts, 'memory');
      const lmdb = find(accounts, 'lmdb');
      if (mem && lmdb) ratios.push({ kind, what: `lmdb / memory at ${sizeLabel(accounts)} accounts`, ratio: lmdb[kind].median / mem[kind].median });
    }
    for (const backend of backends) {
      for (const accounts of sizes.filter((s) => s !== smallest)) {
        const a = find(accounts, backend);
        const b = find(smallest, backend);
        ratios.push({ kind, what: `${backend}: ${sizeLabel(accounts)} / ${sizeLabel(smallest)} accounts`, ratio: a[kind].median / b[kind].median });
      }
    }
  }
  const best = (kind) => rows.reduce((a, r) => (r[kind].median > a[kind].median ? r : a));
  const bigLmdb = find(largest, 'lmdb');
  const bigMem = find(largest, 'memory');
  const goals = [
    goal(
      'native-tps',
      `≥ ${fmt(GOAL_NATIVE_TPS)} signed native transfers/s per core`,
      rows.map((r) => `${sizeLabel(r.accounts)} ${r.backend} ${fmt(r.native.median)}`).join('; ') + ' (tx per CPU-second, median)',
      quick ? null : best('native').native.median >= GOAL_NATIVE_TPS,
    ),
    goal(
      'ft-tps',
      `≥ ${fmt(GOAL_FT_TPS)} FT transfer calls/s per core`,
      rows.map((r) => `${sizeLabel(r.accounts)} ${r.backend} ${fmt(r.ft.median)}`).join('; ') + ' (tx per CPU-second, median)',
      quick ? null : best('ft').ft.median >= GOAL_FT_TPS,
    ),
  ];
  if (bigLmdb && bigMem) {
    const nat = bigLmdb.native.median / bigMem.native.median;
    const ft = bigLmdb.ft.median / bigMem.ft.median;
    // Process-owned memory (JS heap + ArrayBuffers/external), collected, after genesis. RSS also
    // counts lmdb's memory-mapped file pages, which the kernel can drop.
    const held = (row) => row.setup.memory.heapUsedMB + row.setup.memory.externalMB;
    goals.push(
      goal(
        'lmdb-vs-memory',
        `${sizeLabel(largest)}-account lmdb state ≥ 0.5× the in-memory rate, bounded memory`,
        `native ${nat.toFixed(2)}×, FT ${ft.toFixed(2)}×; heap + external after genesis: lmdb ${fmt(held(bigLmdb))} MB vs memory ${fmt(held(bigMem))} MB (RSS ${fmt(bigLmdb.setup.memory.rssMB)} vs ${fmt(bigMem.setup.memory.rssMB)} MB, peak ${fmt(bigLmdb.final.memory.peakRssMB)} vs ${fmt(bigMem.final.memory.peakRssMB)} MB)`,
        quick ? null : nat >= 0.5 && ft >= 0.5 && held(bigLmdb) <= 0.5 * held(bigMem),
        'bounded = the lmdb worker holds at most half the memory (JS heap + external, after GC) the in-memory one does: the state is on disk, not in the process',
      ),
    );
  }
  return {
    id: 'throughput',
    title: 'Runtime throughput (Chain: submit + produceBlock), per core',
    rounds,
    blocksPerRound,
    senders,
    ftHolders,
    setupWallS,
    rows,
    ratios,
    mismatches,
    goals,
  };
}

export function render(r) {
  const mb = (x) => `${fmt(x)} MB`;
  return [
    `# ${r.title}: ${r.rounds} interleaved rounds × ${r.blocksPerRound.native} native blocks of ${r.senders} tx and ${r.blocksPerRound.ft} FT blocks of ${r.ftHolders} tx per worker; setup ${r.setupWallS.toFixed(0)} s`,
    textTable(
      ['accounts', 'store', 'native tx/s (CPU)', 'native tx/s (wall)', 'FT tx/s (CPU)', 'FT tx/s (wall)', 'view call (CPU)', 'genesis', 'RSS after genesis', 'peak RSS'],
      r.rows.map((x) => [
        x.accounts,
        x.backend,
        fmtSpread(x.native, ''),
        fmt(x.nativeWall.median),
        fmtSpread(x.ft, ''),
        fmt(x.ftWall.median),
        `${fmt(summarize(x.final.viewCpuMs).median)} ms (max ${fmt(Math.max(...x.final.viewCpuMs))})`,
        `${(x.setup.genesisMs / 1000).toFixed(1)} s`,
        mb(x.setup.memory.rssMB),
        mb(x.final.memory.peakRssMB),
      ]),
    ),
    ...r.ratios.map((x) => `${x.kind} ${x.what}: ${x.ratio.toFixed(2)}×`),
    ...r.mismatches.map((m) => `PROBLEM ${m}`),
  ].join('\n');
}

if (isMain(import.meta.url)) await main(run, render);
