// The bench peer: runs one NEAR function call on near-mock-vm@3.2.2 the way NEAR does, i.e. with
// a fresh VM, a fresh contract instance and a fresh 1024-page linear memory per call, and with the
// contract state passed in and handed back explicitly.
//
// What is near-mock-vm's and what is ours:
//   - near-vm-logic (the Rust host functions, compiled to wasm): near-mock-vm's, unmodified.
//   - contract preparation (`inject_contract`: validate, import memory with 1024/2048 pages):
//     near-mock-vm's.
//   - the env import object: near-mock-vm's own `VMRunner.prototype.createImports`, plus
//       patch 1: `env.panic_utf8`, which the runner forgets (the Rust VM implements it);
//       `env.abort` routed to the VM's `abort` (nearcore's AssemblyScript abort host function)
//       instead of the AssemblyScript loader's JS fallback;
//     and thin wrappers that note which storage keys were written, the returned bytes and the logs.
//   - guest memory access: our GuestMemory (patch 2, see guest-memory.mjs).
import { loadGeneration } from './load-near-mock-vm.mjs';
import { GuestMemory } from './guest-memory.mjs';
import { applySetters, initialVmContext, normalizeContext } from './context.mjs';
import { keyId, stateEntries, stateMap } from './state.mjs';
import { PeerInputError, PeerUnsupportedError } from './errors.mjs';
import { classifyFailure, panicSummary } from './failure.mjs';
import { parseJsonWithBigInts } from './json-bigint.mjs';
import { createHash } from 'node:crypto';

const U64_MAX = (1n << 64n) - 1n;
/** Register the driver itself uses to move storage in and out (contracts use small ids). */
const DRIVER_REGISTER = U64_MAX - 7n;
/** The memory near-mock-vm's prepared contracts import (VMConfig::default limits). */
const MEMORY_PAGES = { initial: 1024, maximum: 2048 };
const utf8 = new TextDecoder('utf-8');
const utf16 = new TextDecoder('utf-16le');

/**
 * @param {{ freshRuntimePerCall?: boolean }} [options]
 *   freshRuntimePerCall: also re-instantiate near-mock-vm's own Rust wasm module for every call
 *   (default: only after a call that panicked inside it, which leaves it unusable).
 */
export function createPeer(options = {}) {
  const freshRuntimePerCall = options.freshRuntimePerCall === true;
  /** @type {ReturnType<typeof loadGeneration> | null} */
  let generation = null;
  const preparedByBytes = new WeakMap();
  const preparedByHash = new Map();
  let scratch = new Uint8Array(64 * 1024);
  const stats = { calls: 0, runtimeInstances: 0 };

  function currentGeneration() {
    if (generation === null || freshRuntimePerCall) {
      generation = loadGeneration();
      stats.runtimeInstances++;
    }
    return generation;
  }

  function scratchOf(size) {
    if (scratch.length < size) scratch = new Uint8Array(Math.max(size, scratch.length * 2));
    return scratch;
  }

  /** Instrumented + compiled contract, cached per wasm (by identity, then by sha256). */
  function prepare(wasm, gen) {
    const byBytes = preparedByBytes.get(wasm);
    if (byBytes) return byBytes;
    const hash = createHash('sha256').update(wasm).digest('hex');
    let prepared = preparedByHash.get(hash);
    if (!prepared) {
      const mark = gen.panics.length;
      try {
        const instrumented = Uint8Array.from(gen.glue.inject_contract(wasm));
        const module = new WebAssembly.Module(instrumented);
        const functions = new Set(WebAssembly.Module.exports(module).filter((e) => e.kind === 'function').map((e) => e.name));
        prepared = { module, functions, sha256: hash };
      } catch (e) {
        // inject_contract unwraps its result: invalid wasm is a Rust panic, poisoning the runtime.
        if (gen.panics.length > mark) generation = null;
        const panic = gen.panics[mark];
        prepared = { failure: { kind: 'PrepareError', message: panic === undefined ? String(e) : panicSummary(panic) } };
      }
      preparedByHash.set(hash, prepared);
    }
    preparedByBytes.set(wasm, prepared);
    return prepared;
  }

  /** Copies `bytes` into the scratch area at `offset` and returns [BigInt len, BigInt ptr]. */
  function place(buf, offset, bytes) {
    buf.set(bytes, offset);
    return [BigInt(bytes.length), BigInt(offset)];
  }

  function preloadStorage(vm, memory, entries) {
    for (const [key, value] of entries) {
      const buf = scratchOf(key.length + value.length);
      memory.attachBytes(buf);
      const [kl, kp] = place(buf, 0, key);
      const [vl, vp] = place(buf, key.length, value);
      vm.storage_write(kl, kp, vl, vp, DRIVER_REGISTER);
    }
  }

  /** Reads one key back out of the VM's storage; null when absent. */
  function readStorage(vm, memory, key) {
    memory.attachBytes(scratchOf(key.length));
    const [kl, kp] = place(scratch, 0, key);
    if (vm.storage_read(kl, kp, DRIVER_REGISTER) !== 1n) return null;
    const len = Number(vm.register_len(DRIVER_REGISTER));
    memory.attachBytes(scratchOf(len));
    vm.read_register(DRIVER_REGISTER, 0n);
    return scratch.slice(0, len);
  }

  /**
   * Bytes a host function received as (len, ptr): from guest memory, or from a register when
   * len == u64::MAX (near-vm-logic's "memory or register" convention).
   */
  function argBytes(vm, memory, wasmMemory, len, ptr) {
    if (len === U64_MAX) {
      const n = Number(vm.register_len(ptr));
      memory.attachBytes(scratchOf(n));
      vm.read_register(ptr, 0n);
      memory.attachWasm(wasmMemory);
      return scratch.slice(0, n);
    }
    const start = Number(ptr);
    return new Uint8Array(wasmMemory.buffer).slice(start, start + Number(len));
  }

  /** NUL-terminated guest string (len == u64::MAX in log_utf8/log_utf16). */
  function terminated(wasmMemory, ptr, unit) {
    const mem = new Uint8Array(wasmMemory.buffer);
    let end = Number(ptr);
    while (end + unit <= mem.length && (mem[end] !== 0 || (unit === 2 && mem[end + 1] !== 0))) end += unit;
    return mem.slice(Number(ptr), end);
  }

  /**
   * Runs one function call.
   * @param {import('./near-mock-vm.d.mts').PeerCall} call
   * @returns {import('./near-mock-vm.d.mts').PeerResult}
   */
  function callOnce({ wasm, method, input = new Uint8Array(0), context, state, promiseResults }) {
    if (!(wasm instanceof Uint8Array)) throw new PeerInputError('wasm must be a Uint8Array');
    if (typeof method !== 'string') throw new PeerInputError('method must be a string');
    if (typeof input === 'string') input = new TextEncoder().encode(input);
    if (!(input instanceof Uint8Array)) throw new PeerInputError('input must be a Uint8Array or a string');
    if (promiseResults !== undefined && promiseResults.length > 0) {
      throw new PeerUnsupportedError('near-mock-vm cannot set promise results: its VM always runs with an empty promise_results list');
    }
    const ctx = normalizeContext(context);
    const entries = stateEntries(state);
    stats.calls++;

    const unchanged = () => stateMap(entries);
    const failed = (error, logs = []) => ({
      returnValue: null, returnData: { type: 'None' }, logs, state: unchanged(), receipts: [], error,
    });

    if (method.length === 0) return failed({ kind: 'MethodEmptyName', message: 'method name is empty' });
    const gen = currentGeneration();
    const prepared = prepare(wasm, gen);
    if (prepared.failure) return failed(prepared.failure);
    if (!prepared.functions.has(method)) return failed({ kind: 'MethodNotFound', message: `method ${method} is not exported` });

    const memory = new GuestMemory();
    const panicMark = gen.panics.length;
    let vm;
    try {
      vm = new gen.glue.VM(initialVmContext(ctx), memory);
      preloadStorage(vm, memory, entries);
      applySetters(vm, ctx, input);
    } catch (e) {
      // e.g. a stored value above near-vm-logic 4.0's max_length_storage_value: valid state for
      // nearcore, but near-mock-vm cannot be handed it.
      generation = null;
      const panic = gen.panics[panicMark];
      throw new PeerUnsupportedError(`near-mock-vm rejected the call setup: ${panic === undefined ? e : panicSummary(panic)}`, { cause: e });
    }

    const wasmMemory = new WebAssembly.Memory(MEMORY_PAGES);
    const touched = new Map(); // keyId -> key bytes written or removed during the call
    const mirroredLogs = []; // only used when the call fails and vm.outcome() is unavailable
    let returned = null;

    const imports = gen.runner.VMRunner.prototype.createImports.call({ vm, memory: { Memory: wasmMemory }, wasm: null, gas: 0 });
    const env = imports.env;
    env.panic_utf8 = (len, ptr) => vm.panic_utf8(len, ptr); // patch 1
    env.abort = (msg, file, line, col) => vm.abort(msg, file, line, col);
    const { storage_write, storage_remove, value_return, log_utf8, log_utf16 } = env;
    env.storage_write = (kl, kp, vl, vp, reg) => {
      const key = argBytes(vm, memory, wasmMemory, kl, kp);
      const r = storage_write(kl, kp, vl, vp, reg);
      touched.set(keyId(key), key);
      return r;
    };
    env.storage_remove = (kl, kp, reg) => {
      const key = argBytes(vm, memory, wasmMemory, kl, kp);
      const r = storage_remove(kl, kp, reg);
      touched.set(keyId(key), key);
      return r;
    };
    env.value_return = (len, ptr) => {
      const bytes = argBytes(vm, memory, wasmMemory, len, ptr);
      value_return(len, ptr);
      returned = bytes;
    };
    env.log_utf8 = (len, ptr) => {
      log_utf8(len, ptr);
      mirroredLogs.push(utf8.decode(len === U64_MAX ? terminated(wasmMemory, ptr, 1) : argBytes(vm, memory, wasmMemory, len, ptr)));
    };
    env.log_utf16 = (len, ptr) => {
      log_utf16(len, ptr);
      mirroredLogs.push(utf16.decode(len === U64_MAX ? terminated(wasmMemory, ptr, 2) : argBytes(vm, memory, wasmMemory, len, ptr)));
    };

    try {
      // Attach first: a start function (AssemblyScript debug builds have one) already calls
      // host functions while the instance is being created.
      memory.attachWasm(wasmMemory);
      const instance = new WebAssembly.Instance(prepared.module, imports);
      instance.exports[method]();
    } catch (e) {
      const panics = gen.panics.slice(panicMark);
      if (panics.length > 0) generation = null; // the Rust runtime is unusable after a panic
      else vm.free();
      return failed(classifyFailure(e, panics), mirroredLogs);
    }

    const outcome = vm.outcome();
    const receipts = parseJsonWithBigInts(vm.created_receipts());
    const keys = new Map(entries.map(([k]) => [keyId(k), k]));
    for (const [id, k] of touched) keys.set(id, k);
    const after = [];
    for (const key of keys.values()) {
      const value = readStorage(vm, memory, key);
      if (value !== null) after.push([key, value]);
    }
    after.sort((a, b) => Buffer.compare(a[0], b[0]));
    vm.free();

    return {
      returnValue: returnDataValue(outcome.return_data, returned),
      returnData: returnData(outcome.return_data, returned),
      logs: outcome.logs,
      state: stateMap(after),
      receipts,
      balance: BigInt(outcome.balance),
      storageUsage: BigInt(outcome.storage_usage),
    };
  }

  return {
    call: callOnce,
    /** How many calls ran and how many times near-mock-vm's own runtime was instantiated. */
    stats: () => ({ ...stats }),
  };
}

function returnData(raw, bytes) {
  if (raw === 'None') return { type: 'None' };
  if (raw && typeof raw === 'object' && 'ReceiptIndex' in raw) return { type: 'ReceiptIndex', index: BigInt(raw.ReceiptIndex) };
  if (raw && typeof raw === 'object' && 'Value' in raw) return { type: 'Value', value: bytes ?? new Uint8Array(0) };
  throw new Error(`unexpected return_data from near-mock-vm: ${JSON.stringify(raw)}`);
}

function returnDataValue(raw, bytes) {
  const r = returnData(raw, bytes);
  return r.type === 'Value' ? r.value : null;
}
