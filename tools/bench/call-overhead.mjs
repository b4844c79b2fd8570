#!/usr/bin/env node
// 2. Call overhead of vm-runner:
//  - repeat calls of a small cached method (cpu-bench `noop`) — issue 3's goal is ≤ 30 µs — next
//    to the bare V8 floor for the same call (instantiate the original module, call `noop`) and to
//    V8's share of a nearts call (the prepared module instantiated over a fresh 64 MiB shared
//    memory, as nearcore's memory must be, with a stub host: what is left once nearts' own work is
//    taken away), and the same for the fungible token's get_total_supply (lib/stub-host.mjs:
//    storage in a Map, no gas);
//  - the first (cold) call — prepare + compile + run — versus a repeat call;
//  - a large contract (near-sdk-rs fungible token, ~170 KB) versus the tiny one, cold and repeat.
// Repeat calls pass the code hash, as the runtime does (it has it in the account). A cold call
// uses code nothing has seen (a unique extra export) and an empty contract cache.
//
//   node tools/bench/call-overhead.mjs [--rounds N] [--quick] [--json out.json]
import { createHash } from 'node:crypto';
import { goal, interleave, isMain, main, textTable } from './lib/harness.mjs';
import { profileRegion } from './lib/profiler.mjs';
import { builtContract, npmContract, uniquify } from './lib/contracts.mjs';
import { callNearts, CONFIG, LruContractCache, MockedExternal, rawContract, returnText, utf8 } from './lib/nearts.mjs';
import { WasmExecutor } from '../../packages/vm-runner/dist/index.js';
import { fmtRatio, fmtSpread } from './lib/stats.mjs';
import { stubHost } from './lib/stub-host.mjs';
import { sharedMemoryPressure } from '../../packages/vm-runner/dist/executor/shared-memory-pressure.js';

export const GOAL_REPEAT_US = 30;

const sha = (b) => createHash('sha256').update(b).digest();

/**
 * V8's part of a nearts call of `method`: the prepared (instrumented) module instantiated over a
 * fresh 64 MiB shared memory with stub host functions (the method calls none), the gas global
 * set, the method called. No vm-logic, no cache lookup, no outcome.
 */
function preparedContract(code, method) {
  const loaded = new WasmExecutor().load(code, CONFIG.wasmConfig);
  if (!loaded.ok) throw new Error(`cannot prepare: ${JSON.stringify(loaded.error)}`);
  const { prepared, module } = loaded.contract;
  const { abi } = prepared;
  const env = {};
  const internal = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind === 'function') (imp.module === abi.memoryModule ? env : internal)[imp.name] = () => {};
  }
  const imports = { [abi.memoryModule]: env, [abi.internalModule]: internal };
  const exportName = prepared.exportedFunctions.get(method).exportName;
  return () => {
    env[abi.memoryImport] = new WebAssembly.Memory({ initial: prepared.memory.initialPages, maximum: prepared.memory.maximumPages, shared: true });
    const instance = new WebAssembly.Instance(module, imports);
    instance.exports[abi.gasGlobalExport].value = 10n ** 15n;
    instance.exports[exportName]();
  };
}
/**
 * V8's part of a nearts call of the token's `get_total_supply`: the prepared module over a fresh
 * 64 MiB shared memory, the stub host of lib/stub-host.mjs (registers, storage in a Map, no gas)
 * over the token's state, with vm-runner's shared-memory GC policy (the token grows its memory
 * on every call). What is left of a nearts call once vm-logic, the cache and the outcome are
 * taken away.
 */
function preparedTokenView(code, external, method) {
  const loaded = new WasmExecutor().load(code, CONFIG.wasmConfig);
  if (!loaded.ok) throw new Error(`cannot prepare: ${JSON.stringify(loaded.error)}`);
  const { prepared, module } = loaded.contract;
  const { abi } = prepared;
  const storage = new Map();
  for (const { key, value } of external.storageEntries()) storage.set(Buffer.from(key).toString('latin1'), value);
  const utf8Bytes = (s) => Buffer.from(s, 'utf8');
  const ctx = { current: utf8Bytes('token.near'), signer: utf8Bytes('alice'), predecessor: utf8Bytes('alice'), input: utf8Bytes('{}'), deposit: 0n, usage: 0n, logs: [], returned: null };
  let memory;
  const internal = {};
  for (const imp of WebAssembly.Module.imports(module)) if (imp.kind === 'function' && imp.module === abi.internalModule) internal[imp.name] = () => {};
  const env = stubHost(() => memory, storage, ctx);
  const imports = { [abi.memoryModule]: env, [abi.internalModule]: internal };
  const exportName = prepared.exportedFunctions.get(method).exportName;
  const initialBytes = prepared.memory.initialPages * 65536;
  return () => {
    memory = env[abi.memoryImport] = new WebAssembly.Memory({ initial: prepared.memory.initialPages, maximum: prepared.memory.maximumPages, shared: true });
    sharedMemoryPressure.memoryCreated();
    const instance = new WebAssembly.Instance(module, imports);
    instance.exports[abi.gasGlobalExport].value = 10n ** 15n;
    instance.exports[exportName]();
    if (memory.buffer.byteLength > initialBytes) sharedMemoryPressure.callGrewMemory();
    return Buffer.from(ctx.returned).toString();
  };
}
let variant = 1;

export async function run(options = {}) {
  const quick = Boolean(options.quick);
  const rounds = Number(options.rounds ?? (quick ? 2 : 15));
  const batch = quick ? 5 : 300;
  const coldRounds = Number(options['cold-rounds'] ?? (quick ? 1 : 9));
  const tiny = builtContract('cpu-bench');
  const ft = npmContract('fungible_token');
  const tinyHash = sha(tiny);
  const ftHash = sha(ft);
  const mismatches = [];

  // The token's state after `new`, read by every get_total_supply call.
  const cache = new LruContractCache();
  const ftState = new MockedExternal();
  const init = callNearts({ code: ft, codeHash: ftHash, method: 'new', input: JSON.stringify({ owner_id: 'alice', total_supply: '1000000' }), external: ftState, cache });
  if (init.aborted) throw new Error(`fungible_token new failed: ${returnText(init)}`);

  const raw = rawContract(tiny);
  const preparedNoop = preparedContract(tiny, 'noop');
  const preparedTotalSupply = preparedTokenView(ft, ftState, 'get_total_supply');
  const check = (what, got, want) => {
    if (got !== want) mismatches.push(`${what}: got ${got}, expected ${want}`);
  };
  const repeat = interleave(
    {
      'V8 floor (tiny noop)': () => raw('noop', new Uint8Array(0)),
      'V8 share of a nearts call (tiny noop)': () => preparedNoop(),
      'nearts tiny noop': () => check('tiny noop', returnText(callNearts({ code: tiny, codeHash: tinyHash, method: 'noop', cache })), '<None>'),
      'nearts ft get_total_supply': () =>
        check('ft get_total_supply', returnText(callNearts({ code: ft, codeHash: ftHash, method: 'get_total_supply', input: '{}', external: ftState, cache })), '"1000000"'),
      'V8 share of a nearts call (ft get_total_supply)': () => check('stub-host ft get_total_supply', preparedTotalSupply(), '"1000000"'),
    },
    { rounds, batch, warmup: 2 },
  );

  const cold = interleave(
    {
      'cold tiny noop': () => {
        const code = uniquify(tiny, variant++);
        check('cold tiny noop', returnText(callNearts({ code, method: 'noop', cache: new LruContractCache() })), '<None>');
      },
      'cold ft get_total_supply': () => {
        const code = uniquify(ft, variant++);
        const ext = new MockedExternal();
        for (const { key, value } of ftState.storageEntries()) ext.storageSet(undefined, key, value);
        check('cold ft get_total_supply', returnText(callNearts({ code, method: 'get_total_supply', input: '{}', external: ext, cache: new LruContractCache() })), '"1000000"');
      },
    },
    { rounds: coldRounds, batch: 1, warmup: 1 },
  );

  const tinyRepeat = repeat.perCall['nearts tiny noop'];
  const ftRepeat = repeat.perCall['nearts ft get_total_supply'];
  const tinyCold = cold.perCall['cold tiny noop'];
  const ftCold = cold.perCall['cold ft get_total_supply'];
  const ratioOf = (a, b) => a.median / b.median;
  const figures = {
    repeat: repeat.perCall,
    repeatWall: repeat.wallPerCall,
    repeatRatios: repeat.ratios,
    cold: cold.perCall,
    coldWall: cold.wallPerCall,
    coldRatios: cold.ratios,
    tinyOverV8Share: ratioOf(tinyRepeat, repeat.perCall['V8 share of a nearts call (tiny noop)']),
    ftOverV8Share: ratioOf(ftRepeat, repeat.perCall['V8 share of a nearts call (ft get_total_supply)']),
    tinyColdOverRepeat: ratioOf(tinyCold, tinyRepeat),
    ftColdOverRepeat: ratioOf(ftCold, ftRepeat),
    ftOverTinyRepeat: repeat.ratios['nearts ft get_total_supply'],
    ftOverTinyCold: cold.ratios['cold ft get_total_supply'],
  };
  return {
    id: 'call-overhead',
    title: 'Call overhead (vm-runner, cached and cold)',
    rounds,
    batch,
    coldRounds,
    figures,
    mismatches,
    goals: [
      goal(
        'repeat-call',
        `repeat call of a cached small method ≤ ${GOAL_REPEAT_US} µs (issue 3)`,
        `${fmtSpread(tinyRepeat, 'µs')} CPU per call; ${fmtRatio(repeat.ratios['nearts tiny noop'])} the bare V8 instantiate+call`,
        quick ? null : tinyRepeat.median <= GOAL_REPEAT_US,
      ),
    ],
  };
}

export function render(r) {
  const f = r.figures;
  const rows = [
    ...Object.entries(f.repeat).map(([name, s]) => [name, 'repeat', fmtSpread(s, 'µs'), fmtSpread(f.repeatWall[name], 'µs')]),
    ...Object.entries(f.cold).map(([name, s]) => [name, 'cold', fmtSpread(s, 'µs'), fmtSpread(f.coldWall[name], 'µs')]),
  ];
  return [
    `# ${r.title}: ${r.rounds} rounds of ${r.batch} repeat calls, ${r.coldRounds} cold rounds`,
    textTable(['call', 'kind', 'CPU per call', 'wall per call'], rows),
    `repeat, relative to the V8 floor: ${Object.entries(f.repeatRatios).map(([n, s]) => `${n} ${fmtRatio(s)}`).join('; ')}`,
    `nearts tiny noop / V8's share of it (medians): ${f.tinyOverV8Share.toFixed(2)}×; ft get_total_supply: ${f.ftOverV8Share.toFixed(2)}×`,
    `cold / repeat: tiny ${f.tinyColdOverRepeat.toFixed(0)}×, ft ${f.ftColdOverRepeat.toFixed(0)}×`,
    `large / tiny: repeat ${fmtRatio(f.ftOverTinyRepeat)}; cold ${fmtRatio(f.ftOverTinyCold)}`,
    ...r.mismatches.map((m) => `MISMATCH ${m}`),
  ].join('\n');
}

/** `--profile <file> [--calls n]`: repeat calls of the cached tiny `noop`, under the profiler. */
export async function profile(options) {
  const tiny = builtContract('cpu-bench');
  const codeHash = sha(tiny);
  const cache = new LruContractCache();
  for (let i = 0; i < 1000; i++) callNearts({ code: tiny, codeHash, method: 'noop', cache });
  await profileRegion(options.profile, () => {
    for (let i = 0; i < Number(options.calls ?? 20_000); i++) callNearts({ code: tiny, codeHash, method: 'noop', cache });
  });
}

if (isMain(import.meta.url)) await main(run, render, profile);
