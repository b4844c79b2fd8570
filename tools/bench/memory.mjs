#!/usr/bin/env node
// 5. Memory, each figure from its own child process (`--expose-gc`):
//  - peak RSS with 10,000 distinct contracts prepared, compiled and held in vm-runner's cache
//    (variants of cpu-bench.wasm, 8.6 KB, each called once — `noop` — then kept), next to what
//    the cache itself accounts for them;
//  - the 1M-account state on each backend: RSS after genesis and peak (the throughput workers
//    measure this in their own processes; `--states` here builds them on its own).
//
//   node tools/bench/memory.mjs [--contracts 10000] [--states 1000000] [--quick] [--json out.json]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cliOptions, collectGarbage, goal, isMain, main, textTable } from './lib/harness.mjs';
import { builtContract, uniquify } from './lib/contracts.mjs';
import { callNearts, LruContractCache, returnText } from './lib/nearts.mjs';
import { fmt } from './lib/stats.mjs';

const SELF = fileURLToPath(import.meta.url);
const mb = (bytes) => bytes / 2 ** 20;

function usage() {
  collectGarbage();
  const m = process.memoryUsage();
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external + m.arrayBuffers), peakRssMB: process.resourceUsage().maxRSS / 1024 };
}

/** In the child: prepares, compiles, calls and caches `count` distinct contracts. */
function contractsChild(count) {
  const base = builtContract('cpu-bench');
  const cache = new LruContractCache(64 * 2 ** 30); // large enough that nothing is evicted
  const before = usage();
  const t0 = performance.now();
  let failures = 0;
  for (let k = 0; k < count; k++) {
    const o = callNearts({ code: uniquify(base, k + 1), method: 'noop', cache });
    if (returnText(o) !== '<None>') failures++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const after = usage();
  return { count, codeBytes: base.length, seconds, before, after, cacheStats: { ...cache.stats }, failures, keep: cache.stats.entries };
}

function inChild(args) {
  return new Promise((resolve, reject) => {
    const child = fork(SELF, ['--child', ...args], { execArgv: ['--expose-gc', '--max-old-space-size=8192'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (m) => (m.error ? reject(new Error(m.error)) : resolve(m)));
    child.on('exit', (code) => code !== 0 && reject(new Error(`memory child exited with ${code}`)));
  });
}

export async function run(options = {}) {
  const quick = Boolean(options.quick);
  const count = Number(options.contracts ?? (quick ? 20 : 10_000));
  const contracts = await inChild(['contracts', String(count)]);
  const states = [];
  if (options.states) {
    const { runStateChildren } = await import('./throughput.mjs');
    states.push(...(await runStateChildren(Number(options.states))));
  }
  const grownMB = contracts.after.rssMB - contracts.before.rssMB;
  const perContractKB = (grownMB * 1024) / count;
  const mismatches = contracts.failures ? [`${contracts.failures} of ${count} contract calls did not return as expected`] : [];
  return {
    id: 'memory',
    title: 'Memory (child processes)',
    contracts: { ...contracts, grownMB, perContractKB, accountedMB: mb(contracts.cacheStats.bytes) },
    states,
    mismatches,
    goals: [
      goal(
        'contracts-rss',
        `peak RSS for ${fmt(count)} distinct cached contracts (no numeric goal)`,
        `${fmt(contracts.after.peakRssMB)} MB peak, ${fmt(perContractKB)} KB per contract (${fmt(contracts.codeBytes)} B wasm each); the cache accounts ${fmt(mb(contracts.cacheStats.bytes))} MB`,
        null,
      ),
    ],
  };
}

export function render(r) {
  const c = r.contracts;
  return [
    `# ${r.title}`,
    textTable(
      ['measurement', 'RSS before', 'RSS after', 'peak RSS', 'heap after', 'external after', 'per item', 'time'],
      [
        [`${c.count} distinct contracts cached (cpu-bench variants)`, `${fmt(c.before.rssMB)} MB`, `${fmt(c.after.rssMB)} MB`, `${fmt(c.after.peakRssMB)} MB`, `${fmt(c.after.heapUsedMB)} MB`, `${fmt(c.after.externalMB)} MB`, `${fmt(c.perContractKB)} KB`, `${c.seconds.toFixed(1)} s`],
        ...r.states.map((s) => [`${s.accounts} accounts, ${s.backend}`, '', `${fmt(s.memory.rssMB)} MB`, `${fmt(s.memory.peakRssMB)} MB`, `${fmt(s.memory.heapUsedMB)} MB`, `${fmt(s.memory.externalMB)} MB`, '', `${(s.genesisMs / 1000).toFixed(0)} s genesis`]),
      ],
    ),
    `vm-runner's cache accounts ${fmt(c.accountedMB)} MB for them (${c.cacheStats.entries} entries; its default budget is 256 MiB)`,
    ...r.mismatches.map((m) => `PROBLEM ${m}`),
  ].join('\n');
}

if (process.send && process.argv.includes('--child')) {
  const o = cliOptions(process.argv.slice(process.argv.indexOf('--child') + 1));
  try {
    if (o.rest[0] === 'contracts') process.send(contractsChild(Number(o.rest[1])));
  } catch (e) {
    process.send({ error: String(e?.stack ?? e) });
  }
  process.disconnect();
} else if (isMain(import.meta.url)) await main(run, render);
