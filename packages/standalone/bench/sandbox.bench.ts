/**
 * Sandbox and scenario benchmark (medians of repeated runs, CPU time and wall clock):
 *
 * 1. a fresh sandbox with 10 funded accounts and a deployed contract, from scratch: genesis, then
 *    10 createSubAccount transactions and a deploy transaction (goal ≤ 50 ms);
 * 2. the same world from a snapshot: `Sandbox.fromSnapshot` (goal ≤ 5 ms);
 * 3. a scenario of 1,000 function-call transactions (each signed, decoded, verified and run to
 *    completion, its expectation checked), read from JSON and run (goal < 2 s).
 *
 * Run: `pnpm --filter @nearts/standalone bench` (builds the workspace packages' dist first is up to
 * you: `pnpm build`), or `node bench-out/bench/sandbox.bench.js [repeats]` after compiling.
 * Contracts: fixtures/contracts/built (node tools/fixtures/build-contracts.mjs).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readScenario, runScenario, Sandbox } from '@nearts/standalone';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
execFileSync(process.execPath, ['tools/fixtures/build-contracts.mjs'], { cwd: root, stdio: 'inherit' });
const counterPath = `${root}fixtures/contracts/built/counter.wasm`;
const counter = new Uint8Array(readFileSync(counterPath));
const repeats = Number(process.argv[2] ?? 30);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Wall time and CPU time (user + system of this process) per run. Everything measured is
 * synchronous and single-threaded, so on a busy machine the CPU time is what the run would take
 * on an idle one; the goal is judged on it.
 */
function measure(name: string, runs: number, fn: () => void, goalMs?: number): void {
  fn(); // warm-up: module compilation, caches
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const med = median(cpu);
  const goal = goalMs === undefined ? '' : `  goal ≤ ${goalMs} ms: ${med <= goalMs ? 'met' : 'NOT met'}`;
  const ms = (x: number) => `${x.toFixed(2).padStart(8)} ms`;
  console.log(`${name.padEnd(60)} cpu median ${ms(med)}  wall median ${ms(median(wall))}  (${runs} runs)${goal}`);
}

function world(): Sandbox {
  const sandbox = Sandbox.create();
  for (let i = 0; i < 10; i++) sandbox.root.createSubAccount(`user${i}`, { initialBalance: '10 NEAR' });
  sandbox.root.createSubAccount('counter').deploy(counter);
  return sandbox;
}

console.log(`nearts sandbox benchmark (node ${process.version})`);
measure('fresh sandbox, 10 accounts + contract, from scratch (txs)', repeats, () => void world(), 50);
measure('fresh sandbox, 10 accounts + contract, as genesis accounts', repeats, () => {
  Sandbox.create({ accounts: [...Array.from({ length: 10 }, (_, i) => ({ accountId: `user${i}.test.near`, balance: '10 NEAR' })), { accountId: 'counter.test.near', code: counter }] });
});
const snapshot = world().snapshot();
measure('fresh sandbox, 10 accounts + contract, from a snapshot', repeats * 10, () => void Sandbox.fromSnapshot(snapshot), 5);
const reused = Sandbox.fromSnapshot(snapshot);
measure('sandbox.restore(snapshot)', repeats * 10, () => reused.restore(snapshot), 5);

const calls = 1000;
const scenario = {
  genesis: {
    accounts: {
      'alice.near': { balance: '1000 NEAR' },
      'bob.near': { balance: '1000 NEAR' },
      'counter.near': { balance: '10 NEAR', code: `file:${counterPath}` },
    },
  },
  steps: Array.from({ length: calls }, (_, i) => ({
    step: 'call',
    from: i % 2 ? 'bob.near' : 'alice.near',
    to: 'counter.near',
    method: 'increment',
    expect: { status: 'success', logs: [`counter is now ${i + 1}`] },
  })),
};
measure(`scenario of ${calls} function-call transactions`, Math.max(3, Math.round(repeats / 6)), () => {
  const report = runScenario(readScenario(scenario, { file: 'bench.scen.json', dir: '.' }));
  if (!report.ok) throw new Error('benchmark scenario failed');
}, 2000);
