/**
 * Interleaved comparison of two builds of preparation, for measuring a change on a shared
 * machine: both builds run in this process, alternating per contract and round, and what is
 * reported is CPU time per call and the median of the per-round ratios (drift in the machine's
 * load hits both sides alike). Before timing, every contract's prepared code, statistics and
 * error must be identical on both sides.
 *
 * A build is a copy of `dist/` *inside this package* (so that its imports resolve), e.g.
 *   cp -r dist bench-out/before   # then change the sources and rebuild dist
 *   node bench-out/bench/prepare-compare.js bench-out/before dist [rounds] [ms-per-slot]
 * CONTRACTS=<regexp> limits the contracts by file name. MUTANTS=<n> also checks, before timing,
 * that both builds give the same outcome (prepared bytes, statistics or the exact error) on n
 * damaged copies of every contract and on n generated modules (test/prepare/random-modules.ts):
 * this is what shows that a change to decoding or validation kept every error and its order.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runtimeConfig } from '@nearts/runtime-fees';
import type { PrepareConfig, PreparedContract } from '../src/prepare/index.js';
import { mutate, randomModule, Rng } from '../test/prepare/random-modules.js';

type Prepare = (code: Uint8Array, config: PrepareConfig) => PreparedContract;

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const root = join(packageDir, '../../');
const [before = 'bench-out/before', after = 'dist', roundsArg = '21', slotArg = '150'] = process.argv.slice(2);
const rounds = Number(roundsArg);
const slotMs = Number(slotArg);
const config: PrepareConfig = runtimeConfig(86).wasmConfig;

async function load(dir: string): Promise<Prepare> {
  const module = (await import(pathToFileURL(join(packageDir, dir, 'prepare/index.js')).href)) as { prepareContract: Prepare };
  return module.prepareContract;
}

function contracts(): { name: string; code: Uint8Array }[] {
  const only = process.env.CONTRACTS ? new RegExp(process.env.CONTRACTS) : undefined;
  const out: { name: string; code: Uint8Array }[] = [];
  for (const dir of ['fixtures/contracts/npm', 'fixtures/contracts/built']) {
    const full = join(root, dir);
    if (!existsSync(full)) continue;
    for (const f of readdirSync(full).filter((n) => n.endsWith('.wasm') && (!only || only.test(n))).sort()) {
      out.push({ name: f, code: new Uint8Array(readFileSync(join(full, f))) });
    }
  }
  return out;
}

/** Everything observable about one preparation, to check the two builds agree. */
function outcome(prepare: Prepare, code: Uint8Array): string {
  try {
    const p = prepare(code, config);
    return `${createHash('sha256').update(p.code).digest('hex')} ${JSON.stringify(p.stats)}`;
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** CPU milliseconds per call of `prepare` on `code`, over about `slotMs` of wall time. */
function cpuPerCall(prepare: Prepare, code: Uint8Array): number {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let calls = 0;
  while (performance.now() - start < slotMs) {
    try {
      prepare(code, config);
    } catch {
      // refused contracts are timed too
    }
    calls++;
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / calls;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

const [a, b] = [await load(before), await load(after)];
const list = contracts();
for (const { name, code } of list) {
  const [x, y] = [outcome(a, code), outcome(b, code)];
  if (x !== y) throw new Error(`${name}: the builds prepare it differently\n  ${before}: ${x}\n  ${after}: ${y}`);
}
const mutants = Number(process.env.MUTANTS ?? 0);
if (mutants > 0) {
  const rng = new Rng(0x5eed);
  let refused = 0;
  const check = (what: string, code: Uint8Array) => {
    const [x, y] = [outcome(a, code), outcome(b, code)];
    if (x !== y) throw new Error(`${what}: the builds prepare it differently\n  ${before}: ${x}\n  ${after}: ${y}\n  module: ${Buffer.from(code).toString('base64')}`);
    if (!/^[0-9a-f]{64} /.test(x)) refused++;
  };
  for (const { name, code } of list) {
    for (let i = 0; i < mutants; i++) check(`${name} mutant ${i}`, rng.chance(0.3) ? mutate(rng, mutate(rng, code)) : mutate(rng, code));
  }
  for (let i = 0; i < mutants; i++) {
    const code = randomModule(rng, 10 + rng.int(60));
    check(`generated module ${i}`, code);
    check(`generated module ${i}, damaged`, mutate(rng, code));
  }
  console.log(`# identical outcomes on ${mutants * (list.length + 2)} damaged and generated modules (${refused} refused)`);
}
const times = list.map(() => ({ a: [] as number[], b: [] as number[] }));
for (let warm = 0; warm < 3; warm++) {
  for (const { code } of list) {
    outcome(a, code);
    outcome(b, code);
  }
}
for (let round = 0; round < rounds; round++) {
  list.forEach(({ code }, i) => {
    // Alternate which build goes first.
    if (round % 2 === 0) {
      times[i].a.push(cpuPerCall(a, code));
      times[i].b.push(cpuPerCall(b, code));
    } else {
      times[i].b.push(cpuPerCall(b, code));
      times[i].a.push(cpuPerCall(a, code));
    }
  });
}
console.log(`# ${before} vs ${after}: CPU ms per call (median of ${rounds} rounds), ratio = ${before} / ${after}`);
let sumA = 0;
let sumB = 0;
let bytes = 0;
list.forEach(({ name, code }, i) => {
  const { a: ta, b: tb } = times[i];
  const ratio = median(ta.map((t, r) => t / tb[r]));
  sumA += median(ta);
  sumB += median(tb);
  bytes += code.length;
  console.log(`${name.padEnd(30)} ${String(code.length).padStart(8)} B  ${median(ta).toFixed(2).padStart(6)} ms  ${median(tb).toFixed(2).padStart(6)} ms  ×${ratio.toFixed(3)}`);
});
console.log(`${'all'.padEnd(30)} ${String(bytes).padStart(8)} B  ${(bytes / sumA / 1000).toFixed(1).padStart(6)} MB/s ${(bytes / sumB / 1000).toFixed(1).padStart(6)} MB/s  ×${(sumA / sumB).toFixed(3)}`);
