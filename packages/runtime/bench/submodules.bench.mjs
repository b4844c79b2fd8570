// Submodules benchmark (NEP-481 extension): an "engine" contract with a million submodules.
//
//   node --expose-gc bench/submodules.bench.mjs [submodules=1000000] [sample=5000] [cacheMiB=256] [churn=20000]
// Runs against the build (`pnpm run build` first; `pnpm bench` does it through turbo).
//
// 1. Generates `submodules` distinct submodules (one compiled template, a constant patched per
//    copy) and writes them, with the engine account, straight into an lmdb state (the code path
//    a DeploySubmodule action takes: `storeSubmodule`), committing every 100k.
// 2. Applies function-call receipts through `apply` (the real runtime path): the engine calls a
//    sample of `sample` distinct submodules (cold: each is prepared and compiled once), then the
//    same sample again (warm: compiled, from the cache), then runs the same code as a function of
//    the contract; then `churn` further distinct submodules, so that the compiled cache (byte budget
//    `cacheMiB`) has to evict.
// 3. Reports calls/s, time and gas per call, the overhead against the plain function call, a
//    submodule calling back into the contract vs the contract calling the same function, and the
//    memory in use (RSS, heap, compiled cache) — bounded by the cache budget, not by the number of
//    submodules. Times are this process's CPU time (user + system, all threads), which stays
//    meaningful on a busy machine; wall times are shown next to them.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountCodec, encode, newAccount, PublicKey, sha256, trieKeys } from '@nearts/primitives';
import { EXT_COSTS, runtimeConfig, withSubmodules } from '@nearts/runtime-fees';
import { LmdbState } from '@nearts/store';
import { LruContractCache } from '@nearts/vm-runner';
import { apply, NO_VALIDATORS, storeSubmodule } from '../dist/index.js';
import { compileAll, keyOf } from './submodule-fixtures.mjs';

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const SAMPLE = Math.min(Number(process.argv[3] ?? 5_000), TOTAL);
const CACHE_MIB = Number(process.argv[4] ?? 256);
const CHURN = Math.min(Number(process.argv[5] ?? 20_000), TOTAL - SAMPLE);
const PER_RECEIPT = 500; // submodule calls per function call (well inside 300 Tgas)
const CALLBACKS = 200_000;

const NEAR = 10n ** 24n;
const TGAS = 10n ** 12n;
const ENGINE = 'engine.near';
const config = withSubmodules(runtimeConfig(86));
const POLICY = { storage: { type: 'WholeAccount' }, parentExports: [], hostFunctions: ['input', 'read_register', 'value_return'] };
const CB_POLICY = { ...POLICY, parentExports: ['h'] };

const wall = () => Number(process.hrtime.bigint()) / 1e6;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const fmt = (x, d = 1) => x.toLocaleString('en-US', { maximumFractionDigits: d });
/** RssAnon / RssFile from /proc (Linux): process memory vs pages of mapped files (lmdb's map). */
function rssSplit() {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { anon: kib('RssAnon'), file: kib('RssFile') };
  } catch {
    return { anon: NaN, file: NaN };
  }
}
const memory = () => {
  global.gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, external: m.external + m.arrayBuffers, ...rssSplit() };
};
const showMemory = (label, m) =>
  console.log(
    `  ${label.padEnd(34)} rss ${mib(m.rss)} (anonymous ${mib(m.anon)}, mapped files ${mib(m.file)}), heap ${mib(m.heap)}, external+buffers ${mib(m.external)}`,
  );
function dirSize(dir) {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

const { engine, callback, instantiate, templateSize } = await compileAll();
const dir = mkdtempSync(join(tmpdir(), 'nearts-submodules-'));
const state = new LmdbState({ path: dir, durable: false, mapSize: 8 * 2 ** 30 });
let height = 0n;

console.log(`submodules benchmark: ${fmt(TOTAL, 0)} submodules of ${templateSize} bytes, sample ${fmt(SAMPLE, 0)}, compiled-cache budget ${CACHE_MIB} MiB`);
console.log(`node ${process.version}, protocol 86 + submodules extension`);
const m0 = memory();

// ---- 1. generate and store -------------------------------------------------------------------
const t0 = wall();
let usage = config.fees.storageUsageConfig.numBytesAccount + BigInt(engine.length);
state.set(trieKeys.contractCode(ENGINE), engine);
usage += storeSubmodule(state, config, ENGINE, new TextEncoder().encode('cb'), callback, CB_POLICY);
let generated = 0;
let writeMs = 0;
let commitMs = 0;
const BATCH = 100_000;
for (let start = 0; start < TOTAL; start += BATCH) {
  const w = wall();
  const end = Math.min(TOTAL, start + BATCH);
  for (let i = start; i < end; i++) usage += storeSubmodule(state, config, ENGINE, keyOf(i), instantiate(i), POLICY);
  generated = end;
  const c = wall();
  writeMs += c - w;
  state.commitBlock(++height);
  commitMs += wall() - c;
}
const account = newAccount(10n ** 9n * NEAR, 0n, { type: 'Local', hash: sha256(engine) }, usage);
state.set(trieKeys.account(ENGINE), encode(AccountCodec, account));
state.commitBlock(++height);
const genMs = wall() - t0;
console.log('\n1. generation');
console.log(`  ${fmt(generated, 0)} submodules generated + written in ${fmt(writeMs / 1000, 2)} s (${fmt(generated / (writeMs / 1000), 0)}/s), committed in ${fmt(commitMs / 1000, 2)} s; total ${fmt(genMs / 1000, 2)} s`);
console.log(`  engine.near storage usage ${fmt(Number(usage), 0)} bytes (${fmt(Number(usage) / TOTAL, 1)} per submodule), lmdb ${mib(dirSize(dir))}`);
showMemory('memory after generation', memory());

// ---- 2. calls through apply -----------------------------------------------------------------
const cache = new LruContractCache(CACHE_MIB * 2 ** 20);
const signerKey = new PublicKey(0, new Uint8Array(32));
let receiptCounter = 0;
function receipt(method, args) {
  const id = sha256(new Uint8Array(new Uint32Array([++receiptCounter]).buffer));
  return {
    predecessorId: 'user.near',
    receiverId: ENGINE,
    receiptId: id,
    receipt: {
      type: 'Action',
      receipt: {
        signerId: 'user.near',
        signerPublicKey: signerKey,
        gasPrice: 100_000_000n,
        outputDataReceivers: [],
        inputDataIds: [],
        actions: [{ type: 'FunctionCall', methodName: method, args, gas: 300n * TGAS, deposit: 0n }],
      },
    },
  };
}

/** Applies one chunk with the given receipts; returns the function-call outcomes and the CPU / wall time. */
function run(receipts) {
  const h = ++height;
  const t = cpu();
  const tw = wall();
  const result = apply(
    state,
    {
      blockHeight: h,
      prevBlockHash: new Uint8Array(32),
      shardId: 0n,
      epochId: new Uint8Array(32),
      epochHeight: 1n,
      gasPrice: 100_000_000n,
      blockTimestamp: 1_600_000_000_000_000_000n + h,
      gasLimit: null,
      randomSeed: sha256(new Uint8Array(new BigUint64Array([h]).buffer)),
      protocolVersion: 86,
      config,
      chainId: 'localnet',
      isNewChunk: true,
      epochInfo: NO_VALIDATORS,
      cache,
    },
    receipts,
    [],
  );
  const ms = cpu() - t;
  const wallMs = wall() - tw;
  state.commitBlock(h);
  const outcomes = result.outcomes.filter((o) => o.outcome.executorId === ENGINE);
  for (const o of outcomes) {
    if (o.outcome.status.kind !== 'SuccessValue') throw new Error(`call failed: ${JSON.stringify(o.outcome.status, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
  }
  return { ms, wallMs, outcomes, gas: outcomes.reduce((g, o) => g + o.outcome.gasBurnt, 0n) };
}

function callSubsArgs(keys) {
  const args = new Uint8Array(8 + 4 * keys.length);
  const view = new DataView(args.buffer);
  view.setBigUint64(0, 5n * TGAS, true);
  keys.forEach((k, j) => view.setUint32(8 + 4 * j, k, false));
  return args;
}

const u32 = (n) => new Uint8Array(new Uint32Array([n]).buffer);

// Deterministic distinct keys spread over the whole range: the sample, then the churn set.
const keys = [];
{
  let x = 0x9e3779b9;
  const seen = new Set();
  while (keys.length < SAMPLE + CHURN) {
    x = (Math.imul(x ^ (x >>> 16), 0x85ebca6b) + 0x632be5ab) >>> 0;
    const k = x % TOTAL;
    if (!seen.has(k)) {
      seen.add(k);
      keys.push(k);
    }
  }
}
const sample = keys.slice(0, SAMPLE);
const churn = keys.slice(SAMPLE);

function callKeys(label, list) {
  let ms = 0;
  let wallMs = 0;
  let gas = 0n;
  for (let i = 0; i < list.length; i += PER_RECEIPT) {
    const r = run([receipt('call_subs', callSubsArgs(list.slice(i, i + PER_RECEIPT)))]);
    ms += r.ms;
    wallMs += r.wallMs;
    gas += r.gas;
  }
  console.log(
    `  ${label.padEnd(34)} ${fmt(list.length / (ms / 1000), 0)} calls/s, ${fmt((ms * 1000) / list.length, 1)} µs CPU (${fmt((wallMs * 1000) / list.length, 1)} µs wall) and ${fmt(Number(gas) / list.length / 1e9, 3)} Ggas per call`,
  );
  return { ms, gas };
}

function callLocal(n) {
  let ms = 0;
  let wallMs = 0;
  let gas = 0n;
  for (let i = 0; i < n; i += PER_RECEIPT) {
    const r = run([receipt('call_local', u32(Math.min(PER_RECEIPT, n - i)))]);
    ms += r.ms;
    wallMs += r.wallMs;
    gas += r.gas;
  }
  return { ms, wallMs, gas };
}

console.log(`\n2. calls (receipts of one function call each, the engine making ${PER_RECEIPT} submodule calls per receipt; times include the receipt)`);
// Warm the engine contract itself (its preparation is not what is measured).
run([receipt('call_local', u32(1))]);
const mBefore = memory();
const cold = callKeys(`cold: ${fmt(SAMPLE, 0)} distinct, first call`, sample);
const warm = callKeys('warm: the same again (cached)', sample);
const empty = run([receipt('call_local', u32(0))]);
const local = callLocal(sample.length);
console.log(
  `  ${'same code as a contract function'.padEnd(34)} ${fmt(sample.length / (local.ms / 1000), 0)} calls/s, ${fmt((local.ms * 1000) / sample.length, 2)} µs CPU and ${fmt(Number(local.gas) / sample.length / 1e9, 3)} Ggas per call`,
);
const mAfterSample = memory();
callKeys(`churn: ${fmt(CHURN, 0)} more distinct, first call`, churn);
const mAfterChurn = memory();

const receipts = Math.ceil(sample.length / PER_RECEIPT);
const perCall = (x) => x / sample.length;
const warmOverheadUs = perCall((warm.ms - local.ms) * 1000);
const warmOverheadGas = perCall(Number(warm.gas - local.gas));
const coldOverheadUs = perCall((cold.ms - local.ms) * 1000);
console.log('\n3. per-call overhead of a submodule call vs the same code as a function of the contract');
console.log(`  time: warm ${fmt(warmOverheadUs, 2)} µs, cold ${fmt(coldOverheadUs, 2)} µs per call`);
console.log(`  gas:  ${fmt(warmOverheadGas / 1e9, 3)} Ggas per call (${fmt(warmOverheadGas, 0)} gas; the same warm or cold)`);
console.log(`        receipt with 0 calls: ${fmt(Number(empty.gas) / 1e9, 1)} Ggas over ${receipts} receipts → ${fmt((Number(empty.gas) * receipts) / sample.length / 1e9, 3)} Ggas per call amortized`);
// Where the gas of one call goes: a receipt with one call minus a receipt with none.
{
  const one = run([receipt('call_subs', callSubsArgs(sample.slice(0, 1)))]).outcomes[0].outcome;
  const none = run([receipt('call_subs', callSubsArgs([]))]).outcomes[0].outcome;
  const p1 = one.metadata.profile;
  const p0 = none.metadata.profile;
  const parts = EXT_COSTS.map((c) => [c, p1.getExtCost(c) - p0.getExtCost(c)])
    .concat([...p1.extensionProfile.entries()].map(([k, v]) => [`${k} (extension)`, v - (p0.extensionProfile.get(k) ?? 0n)]))
    .concat([['wasm instructions', p1.wasmGas - p0.wasmGas]])
    .filter(([, g]) => g !== 0n)
    .sort((a, b) => (b[1] > a[1] ? 1 : -1));
  console.log(`        one call = ${fmt(Number(one.gasBurnt - none.gasBurnt) / 1e9, 3)} Ggas:`);
  for (const [name, g] of parts) console.log(`          ${name.padEnd(34)} ${fmt(Number(g) / 1e9, 3).padStart(8)} Ggas`);
}

// ---- callbacks -------------------------------------------------------------------------------
console.log('\n4. submodule calling back into the contract vs the contract calling the same function');
run([receipt('call_cb', u32(1))]);
const cb = run([receipt('call_cb', u32(CALLBACKS))]);
const cb0 = run([receipt('call_cb', u32(0))]);
const hLocal = run([receipt('call_h', u32(CALLBACKS))]);
const hLocal0 = run([receipt('call_h', u32(0))]);
const cbUs = ((cb.ms - cb0.ms) * 1000) / CALLBACKS;
const hUs = ((hLocal.ms - hLocal0.ms) * 1000) / CALLBACKS;
console.log(`  ${fmt(CALLBACKS, 0)} calls of h: through a submodule ${fmt(cbUs * 1000, 1)} ns each, directly ${fmt(hUs * 1000, 1)} ns each → overhead ${fmt((cbUs - hUs) * 1000, 1)} ns per callback`);
console.log(
  `  gas per call of h: through a submodule ${fmt(Number(cb.gas - cb0.gas) / CALLBACKS, 0)}, directly ${fmt(Number(hLocal.gas - hLocal0.gas) / CALLBACKS, 0)}`,
);

const mEnd = memory();
console.log('\n5. memory (the state holds every submodule; memory holds what the compiled cache keeps)');
showMemory('at start', m0);
showMemory('after generation, before calls', mBefore);
showMemory(`after ${fmt(SAMPLE, 0)} distinct`, mAfterSample);
showMemory(`after ${fmt(SAMPLE + CHURN, 0)} distinct`, mAfterChurn);
showMemory('at end', mEnd);
console.log(`  compiled cache: ${cache.stats.entries} entries, ${mib(cache.stats.bytes)} (budget ${CACHE_MIB} MiB), hits ${cache.stats.hits}, misses ${cache.stats.misses}, evictions ${cache.stats.evictions}`);

state.close();
rmSync(dir, { recursive: true, force: true });
