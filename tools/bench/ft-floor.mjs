#!/usr/bin/env node
// The floor of an FT transfer call in this design (V8 + node:crypto), side by side in one
// process: what one near-sdk-rs token `transfer` transaction costs in nearts end to end, next to
// the parts no implementation on V8 and node:crypto can avoid.
//
//   verify     one node:crypto ed25519 check of a 32-byte hash with a cached KeyObject
//   instance   V8 instantiating the prepared token over a fresh 64 MiB shared memory, stub imports
//   raw call   the original token's `transfer` unmetered, cheapest host (storage in a Map, no gas),
//              over a fresh 64 MiB shared memory (instantiation untimed); also a second call on
//              the same instance (no growth, no fresh pages)
//   stub call  the prepared (metered) token over a fresh 64 MiB shared memory with the same stub
//              host, instantiation and call, with vm-runner's shared-memory GC policy: V8's share
//              of a nearts call including the metering code and the shared-memory growth; next to
//              the unmetered token the same way, and a second call on each warm instance (timed on
//              its own, left out of the batch) for the metering ratio of the token's code alone
//   nearts     one transaction end to end: Chain.submit + produceBlock + the blocks that drain its
//              receipts (function call, refund), 10k accounts, MemoryState (lib/chain-worker.mjs);
//              a sample is `--nearts-blocks` (2) blocks of `--batch` transactions and their receipts
//
// Each variant runs `--batch` operations per round after an untimed full GC, in alternating order;
// figures are CPU µs per operation (median and p10–p90 over rounds).
//
//   node --expose-gc tools/bench/ft-floor.mjs [--rounds 10] [--batch 200] [--accounts 10000]
//        [--nearts-blocks 2] [--list-growth 100000]
//
// Last, it times one shared-memory grow before and after `--list-growth` more shared memories
// were created and collected (V8 11.3 walks a list of every shared memory ever created on each
// grow; 0 skips this).
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { createChainBench } from './lib/chain-worker.mjs';
import { cliOptions, collectGarbage } from './lib/harness.mjs';
import { npmContract } from './lib/contracts.mjs';
import { CONFIG } from './lib/nearts.mjs';
import { fmt, summarize } from './lib/stats.mjs';
import { stubHost, withImportedSharedMemory } from './lib/stub-host.mjs';
import { WasmExecutor } from '../../packages/vm-runner/dist/index.js';
import { sharedMemoryPressure } from '../../packages/vm-runner/dist/executor/shared-memory-pressure.js';

const o = cliOptions();
const rounds = Number(o.rounds ?? 10);
const batch = Number(o.batch ?? 200);
const accounts = Number(o.accounts ?? 10_000);
/** Blocks per nearts sample (then the blocks that drain their receipts), as throughput.mjs takes 2. */
const nearBlocks = Number(o['nearts-blocks'] ?? 2);
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const utf8 = (s) => Buffer.from(s, 'utf8');

const HOLDERS = 20;
const holder = (i) => utf8(`holder${i}.near`);

/** The token's state after `new` and one transfer to every holder, built on the stub host. */
function tokenState(code) {
  const storage = new Map();
  const ctx = { current: utf8('token.near'), signer: holder(0), predecessor: holder(0), input: null, deposit: 0n, usage: 0n, logs: [], returned: null };
  const module = new WebAssembly.Module(code);
  const call = (method, args, deposit = 0n) => {
    let memory;
    ctx.input = utf8(JSON.stringify(args));
    ctx.deposit = deposit;
    const instance = new WebAssembly.Instance(module, { env: stubHost(() => memory, storage, ctx) });
    memory = instance.exports.memory;
    instance.exports[method]();
  };
  call('new', { owner_id: 'holder0.near', total_supply: '1000000000000' });
  for (let h = 1; h < HOLDERS; h++) call('transfer', { new_owner_id: `holder${h}.near`, amount: '1000000' }, 10n ** 24n);
  return { storage, usage: ctx.usage };
}

/** Per operation: holder `i % HOLDERS` sends 1 token to the next holder (no deposit). */
function transferArgs(i) {
  const from = i % HOLDERS;
  return { predecessor: holder(from), input: utf8(JSON.stringify({ new_owner_id: `holder${(from + 1) % HOLDERS}.near`, amount: '1' })) };
}

const code = npmContract('fungible_token');
const loaded = new WasmExecutor().load(code, CONFIG.wasmConfig);
if (!loaded.ok) throw new Error(`cannot prepare the token: ${JSON.stringify(loaded.error)}`);
const { prepared, module: preparedModule } = loaded.contract;
const { abi } = prepared;
const unmeteredModule = new WebAssembly.Module(withImportedSharedMemory(code, prepared.memory.initialPages, prepared.memory.maximumPages));
const freshSharedMemory = () => new WebAssembly.Memory({ initial: prepared.memory.initialPages, maximum: prepared.memory.maximumPages, shared: true });

// (a) signature check
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const hashes = Array.from({ length: batch }, (_, i) => createHash('sha256').update(`tx ${i}`).digest());
const signatures = hashes.map((h) => sign(null, h, privateKey));

// (b) instantiation only: stub imports that are never called
const noopEnv = {};
const noopInternal = {};
for (const imp of WebAssembly.Module.imports(preparedModule)) {
  if (imp.kind === 'function') (imp.module === abi.memoryModule ? noopEnv : noopInternal)[imp.name] = () => {};
}
const noopImports = { [abi.memoryModule]: noopEnv, [abi.internalModule]: noopInternal };

// (c) raw and (e) stub-call state
const rawState = tokenState(code);
const stubState = tokenState(code);
const rawCtx = { current: utf8('token.near'), signer: null, predecessor: null, input: null, deposit: 0n, usage: rawState.usage, logs: [], returned: null };
const stubCtx = { ...rawCtx, usage: stubState.usage };
let rawMemory;
const rawImports = { env: stubHost(() => rawMemory, rawState.storage, rawCtx) };
let stubMemory;
const stubImports = {
  [abi.memoryModule]: stubHost(() => stubMemory, stubState.storage, stubCtx),
  [abi.internalModule]: noopInternal,
};
const transferExport = prepared.exportedFunctions.get('transfer').exportName;

/** The two ways the token runs on the stub host: the original module unmetered, and prepared. */
const kinds = {
  unmetered: { module: unmeteredModule, imports: rawImports, ctx: rawCtx, run: (i) => i.exports.transfer(), setMemory: (m) => (rawMemory = rawImports.env.memory = m) },
  prepared: {
    module: preparedModule,
    imports: stubImports,
    ctx: stubCtx,
    run: (i) => {
      i.exports[abi.gasGlobalExport].value = 10n ** 15n;
      i.exports[transferExport]();
    },
    setMemory: (m) => (stubMemory = stubImports[abi.memoryModule][abi.memoryImport] = m),
  },
};

/** The token over a fresh shared memory (the memory registered with vm-runner's pressure count). */
function freshInstance(kind) {
  kind.setMemory(freshSharedMemory());
  sharedMemoryPressure.memoryCreated();
  return new WebAssembly.Instance(kind.module, kind.imports);
}

/**
 * The token's own calls before the chain exists (a small heap, so few collections land in them):
 * per round, `batch` fresh instances of each module over fresh shared memories (instantiation
 * untimed), the first transfer and a second one on the same instance timed one by one, after
 * warm-up rounds (1,500 calls of each).
 */
function tokenAlone() {
  const out = { unmetered: { first: [], second: [] }, prepared: { first: [], second: [] } };
  let n = 0;
  const timed = (kind, instance) => {
    Object.assign(kind.ctx, transferArgs(n++), { logs: [] });
    const c0 = cpuUs();
    kind.run(instance);
    return cpuUs() - c0;
  };
  const oneCall = (kind) => {
    const instance = freshInstance(kind);
    const first = timed(kind, instance);
    const second = timed(kind, instance);
    sharedMemoryPressure.callGrewMemory();
    return [first, second];
  };
  // Warm-up until V8 has tiered the hot functions up (dynamic tiering: Liftoff first).
  for (let i = 0; i < 1500; i++) for (const kind of Object.values(kinds)) oneCall(kind);
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 === 0 ? ['unmetered', 'prepared'] : ['prepared', 'unmetered']) {
      collectGarbage();
      let first = 0;
      let second = 0;
      for (let i = 0; i < batch; i++) {
        const [a, b] = oneCall(kinds[name]);
        first += a;
        second += b;
      }
      out[name].first.push(first / batch);
      out[name].second.push(second / batch);
    }
  }
  return out;
}
const alone = tokenAlone();

const chain = createChainBench({ accounts, backend: 'memory', senders: batch, ftHolders: batch });
let op = 0;
const warmCalls = [];
const warmRaw = [];
const warmStub = [];
/** A second transfer on an instance that already ran one (no growth, pages touched), timed alone. */
const warmCall = (ctx, call) => {
  Object.assign(ctx, transferArgs(op++), { logs: [] });
  const c0 = cpuUs();
  call();
  return cpuUs() - c0;
};
const variants = {
  verify: () => {
    for (let i = 0; i < batch; i++) if (!verify(null, hashes[i], publicKey, signatures[i])) throw new Error('bad signature');
  },
  instance: () => {
    for (let i = 0; i < batch; i++) {
      noopEnv[abi.memoryImport] = freshSharedMemory();
      new WebAssembly.Instance(preparedModule, noopImports);
    }
  },
  // The unmetered token over a fresh shared memory, one instance at a time: instantiation
  // untimed, then the first call timed (fresh pages, one memory.grow: the token's work on a fresh
  // memory), then a second call on the same instance timed on its own (no growth, pages already
  // touched: the token's compute alone).
  'raw call': () => {
    let first = 0;
    let second = 0;
    for (let i = 0; i < batch; i++) {
      const instance = freshInstance(kinds.unmetered);
      Object.assign(rawCtx, transferArgs(op++), { logs: [] });
      let c0 = cpuUs();
      instance.exports.transfer();
      first += cpuUs() - c0;
      Object.assign(rawCtx, transferArgs(op++), { logs: [] });
      c0 = cpuUs();
      instance.exports.transfer();
      second += cpuUs() - c0;
      // After the timed calls: a collection this starts does not land in the next timed call.
      sharedMemoryPressure.callGrewMemory();
    }
    warmCalls.push(second / batch);
    return first;
  },
  // The same unmetered token, instantiation and call timed together: next to 'stub call' (the
  // prepared token, same host, same memory) the difference is the metering.
  'raw instance + call': () => {
    const c0 = cpuUs();
    let warm = 0;
    for (let i = 0; i < batch; i++) {
      const instance = freshInstance(kinds.unmetered);
      Object.assign(rawCtx, transferArgs(op++), { logs: [] });
      instance.exports.transfer();
      warm += warmCall(rawCtx, () => instance.exports.transfer());
      sharedMemoryPressure.callGrewMemory();
    }
    warmRaw.push(warm / batch);
    return cpuUs() - c0 - warm;
  },
  'stub call': () => {
    const c0 = cpuUs();
    let warm = 0;
    for (let i = 0; i < batch; i++) {
      Object.assign(stubCtx, transferArgs(op++), { logs: [] });
      const instance = freshInstance(kinds.prepared);
      const gas = instance.exports[abi.gasGlobalExport];
      gas.value = 10n ** 15n;
      instance.exports[transferExport]();
      warm += warmCall(stubCtx, () => {
        gas.value = 10n ** 15n;
        instance.exports[transferExport]();
      });
      if (stubMemory.buffer.byteLength > prepared.memory.initialPages * 65536) sharedMemoryPressure.callGrewMemory();
    }
    warmStub.push(warm / batch);
    return cpuUs() - c0 - warm;
  },
  nearts: null, // signs untimed first, see below
};

const names = Object.keys(variants);
const perOp = Object.fromEntries(names.map((n) => [n, []]));
const timeBatch = (name) => {
  let signed;
  if (name === 'nearts') signed = chain.sign('ft', nearBlocks);
  collectGarbage();
  const c0 = cpuUs();
  if (name === 'nearts') {
    const [sample] = chain.apply(signed);
    if (sample.txs !== batch * nearBlocks) throw new Error(`${sample.txs} transactions applied`);
    return (cpuUs() - c0) / sample.txs;
  }
  const timed = variants[name]();
  return (timed ?? cpuUs() - c0) / batch;
};
for (const name of names) timeBatch(name); // warm-up
for (let r = 0; r < rounds; r++) {
  for (const name of r % 2 === 0 ? names : [...names].reverse()) perOp[name].push(timeBatch(name));
}
const fin = chain.finish({ checkSupply: false });
if (fin.problems.length) throw new Error(fin.problems.join('\n'));

const s = Object.fromEntries(names.map((n) => [n, summarize(perOp[n])]));
const rawCall = s['raw call'];
const rest = summarize(perOp.nearts.map((v, i) => v - perOp.verify[i] - perOp.instance[i] - perOp['raw call'][i]));
const metering = summarize(perOp['stub call'].map((v, i) => v - perOp['raw instance + call'][i]));
const meteringRatio = summarize(perOp['stub call'].map((v, i) => v / perOp['raw instance + call'][i]));
const share = (x) => `${((100 * x.median) / s.nearts.median).toFixed(0).padStart(3)}% of nearts`;
const line = (name, x) => console.log(`${name.padEnd(52)} ${fmt(x.median).padStart(8)} µs  ${share(x)}  (p10–p90 ${fmt(x.p10)}–${fmt(x.p90)})`);
console.log(`${rounds} rounds of ${batch} per variant, ${accounts} accounts; CPU µs per FT transfer (median over rounds)`);
line('(a) ed25519 verify, cached KeyObject', s.verify);
line('(b) instantiate prepared token, fresh shared memory', s.instance);
line('(c) raw transfer call (unmetered, Map host)', rawCall);
line('    the same, second call on a warm instance', summarize(warmCalls));
line('unmetered token + stub host, instantiate and call', s['raw instance + call']);
line('prepared token + stub host, instantiate and call', s['stub call']);
line('    difference: metering', metering);
line('nearts end to end (tx, function call, refund)', s.nearts);
line('(d) nearts − (a) − (b) − (c)', rest);
const warmRatio = summarize(warmStub.map((v, i) => v / warmRaw[i]));
console.log(`prepared / unmetered, instantiate and call: ${meteringRatio.median.toFixed(2)}× (p10–p90 ${meteringRatio.p10.toFixed(2)}–${meteringRatio.p90.toFixed(2)})`);
console.log(`prepared / unmetered, second call on a warm instance: ${fmt(summarize(warmStub).median)} / ${fmt(summarize(warmRaw).median)} µs = ${warmRatio.median.toFixed(2)}× (p10–p90 ${warmRatio.p10.toFixed(2)}–${warmRatio.p90.toFixed(2)})`);
const floor = s.verify.median + s.instance.median + rawCall.median;
const designFloor = s.verify.median + s['stub call'].median;
console.log(`floor (a)+(b)+(c) = ${fmt(floor)} µs → ${fmt(1e6 / floor)} per CPU-second`);
console.log(`with metering and shared-memory growth, (a) + prepared/stub call = ${fmt(designFloor)} µs → ${fmt(1e6 / designFloor)} per CPU-second`);

const aloneLine = (name, x) => console.log(`${name.padEnd(52)} ${fmt(x.median).padStart(8)} µs  (p10–p90 ${fmt(x.p10)}–${fmt(x.p90)})`);
console.log(`the token alone, before the chain was built (small heap), ${rounds} rounds of ${batch}:`);
for (const name of ['unmetered', 'prepared']) {
  aloneLine(`    ${name}: first call on a fresh instance`, summarize(alone[name].first));
  aloneLine(`    ${name}: second call on the same instance`, summarize(alone[name].second));
}
const aloneRatio = (k) => summarize(alone.prepared[k].map((v, i) => v / alone.unmetered[k][i]));
console.log(`    prepared / unmetered: first call ${aloneRatio('first').median.toFixed(2)}×, second call ${aloneRatio('second').median.toFixed(2)}× (p10–p90 ${aloneRatio('second').p10.toFixed(2)}–${aloneRatio('second').p90.toFixed(2)})`);

// V8 11.3 keeps every shared memory ever created in a list that each shared-memory grow walks
// (cleared entries are never compacted away): a grow gets slower with the age of the process.
const extra = Number(o['list-growth'] ?? 100_000);
if (extra > 0) {
  const growUs = () => {
    collectGarbage();
    const m = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    const c0 = cpuUs();
    for (let i = 0; i < 1000; i++) m.grow(1);
    return (cpuUs() - c0) / 1000;
  };
  const before = growUs();
  for (let i = 0; i < extra; i++) {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    if (i % 5000 === 4999) collectGarbage();
  }
  const after = growUs();
  console.log(`one shared-memory grow, nothing else alive: ${fmt(before)} µs; after ${extra.toLocaleString('en-US')} more memories were created and collected: ${fmt(after)} µs (+${fmt(((after - before) * 1000) / extra)} ns per memory ever created)`);
}
