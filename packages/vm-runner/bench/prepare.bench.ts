/**
 * Preparation benchmark.
 *
 * 1. Throughput of `prepareContract` (validate + analyse + instrument) on real contracts, in MB
 *    of original wasm per second. Contracts come from fixtures/contracts/npm (fetch them with
 *    `node tools/fixtures/fetch-contracts.mjs`) and fixtures/contracts/built when present. CPU
 *    time, after a JIT warm-up on all of them; the median of 15 rounds over all contracts, with
 *    the range of the rounds in parentheses.
 * 2. Metering overhead: CPU-heavy loops run on Node's WebAssembly, instrumented (gas + stack +
 *    NaN canonicalisation) versus the original module, as a ratio of run times.
 *
 * Run: `pnpm --filter @nearts/vm-runner bench` (compiles to bench-out/, then runs), or
 * `node bench-out/bench/prepare.bench.js [seconds-per-measurement]` after compiling.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { runtimeConfig } from '@nearts/runtime-fees';
import { prepareContract, PREPARED_ABI, type PrepareConfig, type PreparedContract } from '../src/prepare/index.js';

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum: number; shared?: boolean }) => object;
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const seconds = Number(process.argv[2] ?? 2);
const root = fileURLToPath(new URL('../../../../', import.meta.url));

// Protocol 86's wasm config, from the parameter files runtime-fees ships (never retyped here).
const config: PrepareConfig = runtimeConfig(86).wasmConfig;

/**
 * Run `fn` repeatedly for about `budgetSeconds` of wall time; returns iterations per second of this
 * process's CPU time (less sensitive to other processes on a shared machine than wall time).
 */
function rate(fn: () => void, budgetSeconds = seconds): number {
  for (let i = 0; i < 3; i++) fn();
  let iterations = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const budget = BigInt(Math.round(budgetSeconds * 1e9));
  while (process.hrtime.bigint() - start < budget) {
    fn();
    iterations++;
  }
  const cpu = process.cpuUsage(cpuStart);
  return iterations / ((cpu.user + cpu.system) / 1e6);
}

function contracts(): { name: string; code: Uint8Array }[] {
  const out: { name: string; code: Uint8Array }[] = [];
  for (const dir of ['fixtures/contracts/npm', 'fixtures/contracts/built']) {
    const full = join(root, dir);
    if (!existsSync(full)) continue;
    for (const f of readdirSync(full).filter((n) => n.endsWith('.wasm')).sort()) {
      out.push({ name: `${dir.split('/').pop()}/${f}`, code: new Uint8Array(readFileSync(join(full, f))) });
    }
  }
  return out;
}

/** Rounds of the throughput measurement: every contract once per round (short rounds, so that a burst of load on the machine spoils few of them), medians reported. */
const ROUNDS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function throughput(): void {
  const list = contracts();
  if (list.length === 0) console.log('no contracts found: run node tools/fixtures/fetch-contracts.mjs');
  const preparable: { name: string; code: Uint8Array; prepared: PreparedContract }[] = [];
  for (const { name, code } of list) {
    try {
      preparable.push({ name, code, prepared: prepareContract(code, config) });
    } catch (e) {
      console.log(`${name.padEnd(36)} not preparable: ${(e as Error).message}`);
    }
  }
  // Warm the JIT on every contract first, so that the first one measured is not also paying for
  // tier-up; then measure in rounds over all contracts, which spreads drift in the machine's
  // load over all of them instead of one.
  const warmUntil = process.hrtime.bigint() + BigInt(Math.round((seconds / 2) * 1e9));
  while (process.hrtime.bigint() < warmUntil) for (const { code } of preparable) prepareContract(code, config);
  const rates = preparable.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    preparable.forEach(({ code }, i) => rates[i].push(rate(() => prepareContract(code, config), seconds / ROUNDS)));
  }
  let totalBytes = 0;
  let totalSeconds = 0;
  preparable.forEach(({ name, code, prepared }, i) => {
    const perSecond = median(rates[i]);
    const mbps = (code.length * perSecond) / 1e6;
    const low = (code.length * Math.min(...rates[i])) / 1e6;
    const high = (code.length * Math.max(...rates[i])) / 1e6;
    totalBytes += code.length;
    totalSeconds += 1 / perSecond;
    const growth = prepared.code.length / code.length;
    console.log(
      `${name.padEnd(36)} ${String(code.length).padStart(8)} B  ${(1000 / perSecond).toFixed(2).padStart(7)} ms  ${mbps.toFixed(1).padStart(6)} MB/s (${low.toFixed(1)}–${high.toFixed(1)})  output ×${growth.toFixed(2)}`,
    );
  });
  if (totalSeconds > 0) console.log(`${'all contracts'.padEnd(36)} ${(totalBytes / totalSeconds / 1e6).toFixed(1).padStart(35)} MB/s`);
}

const LOOPS: Record<string, string> = {
  // Integer mixing: 64-bit multiply/xor/rotate chain with a data-dependent branch.
  'integer loop': `(module (memory 1)
    (func (export "run") (param $n i32) (result i64) (local $x i64) (local $i i32)
      (local.set $x (i64.const 0x9e3779b97f4a7c15))
      (loop $l
        (local.set $x (i64.xor (i64.rotl (i64.mul (local.get $x) (i64.const 0xff51afd7ed558ccd)) (i64.const 31)) (i64.extend_i32_u (local.get $i))))
        (if (i64.eqz (i64.and (local.get $x) (i64.const 7))) (then (local.set $x (i64.add (local.get $x) (i64.const 1)))))
        (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (local.get $x)))`,
  // Memory traffic: a byte-wise checksum over 64 KiB, repeated.
  'memory loop': `(module (memory 1)
    (func (export "run") (param $n i32) (result i64) (local $s i64) (local $i i32) (local $p i32)
      (loop $l
        (local.set $p (i32.and (local.get $i) (i32.const 0xfff8)))
        (i64.store (local.get $p) (i64.add (i64.load (local.get $p)) (i64.extend_i32_u (local.get $i))))
        (local.set $s (i64.add (local.get $s) (i64.load8_u (local.get $p))))
        (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (local.get $s)))`,
  // Calls: a small function called in a loop (frame fee and stack accounting on every call).
  'call loop': `(module (memory 1)
    (func $mix (param $a i64) (param $b i64) (result i64) (i64.add (i64.mul (local.get $a) (i64.const 31)) (local.get $b)))
    (func (export "run") (param $n i32) (result i64) (local $x i64) (local $i i32)
      (loop $l
        (local.set $x (call $mix (local.get $x) (i64.extend_i32_u (local.get $i))))
        (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (local.get $x)))`,
  // Floats: results are NaN-canonicalised where they can escape.
  'float loop': `(module (memory 1)
    (func (export "run") (param $n i32) (result i64) (local $x f64) (local $i i32)
      (local.set $x (f64.const 1.5))
      (loop $l
        (local.set $x (f64.add (f64.mul (local.get $x) (f64.const 0.999)) (f64.convert_i32_u (local.get $i))))
        (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (i64.reinterpret_f64 (local.get $x))))`,
};

type Run = (n: number) => bigint;

function instantiatePlain(code: Uint8Array): Run {
  const instance = new WA.Instance(new WA.Module(code), {});
  return instance.exports.run as Run;
}

function instantiatePrepared(prepared: PreparedContract): Run {
  const memory = new WA.Memory({ initial: prepared.memory.initialPages, maximum: prepared.memory.maximumPages, shared: true });
  const fail = () => {
    throw new Error('out of gas or stack');
  };
  const instance = new WA.Instance(new WA.Module(prepared.code), {
    env: { memory },
    [PREPARED_ABI.internalModule]: {
      [PREPARED_ABI.chargeGasImport]: fail,
      [PREPARED_ABI.gasExhaustedImport]: fail,
      [PREPARED_ABI.stackExhaustedImport]: fail,
    },
  });
  const gas = instance.exports[PREPARED_ABI.gasGlobalExport] as { value: bigint };
  const run = instance.exports[`${PREPARED_ABI.exportPrefix}run`] as Run;
  return (n) => {
    gas.value = 0x7fff_ffff_ffff_ffffn;
    return run(n);
  };
}

async function overhead(): Promise<void> {
  const wabt = await wabtInit();
  const n = 2_000_000;
  for (const [name, text] of Object.entries(LOOPS)) {
    const mod = wabt.parseWat(`${name}.wat`, text);
    const code = new Uint8Array(mod.toBinary({}).buffer);
    mod.destroy();
    const plain = instantiatePlain(code);
    const metered = instantiatePrepared(prepareContract(code, config));
    if (plain(1000) !== metered(1000)) throw new Error(`${name}: instrumented result differs`);
    // Interleave the two to cancel drift; take the better of three rounds each.
    let best = Infinity;
    let bestPlain = 0;
    let bestMetered = 0;
    for (let round = 0; round < 3; round++) {
      const p = rate(() => plain(n));
      const m = rate(() => metered(n));
      if (p / m < best) {
        best = p / m;
        bestPlain = p;
        bestMetered = m;
      }
    }
    console.log(
      `${name.padEnd(14)} plain ${((1000 / bestPlain) * 1e6 / n).toFixed(2).padStart(6)} ns/iter  metered ${((1000 / bestMetered) * 1e6 / n).toFixed(2).padStart(6)} ns/iter  ×${best.toFixed(3)}`,
    );
  }
}

console.log(`# prepareContract throughput (node ${process.version})`);
throughput();
console.log('\n# metering overhead (instrumented / original run time)');
await overhead();
