/**
 * The default executor: prepared (instrumented) modules compiled and run by Node's own
 * WebAssembly engine (V8).
 *
 * Gas: the instrumented module keeps remaining wasm gas in an exported mutable i64 global and
 * decrements it inline. Like nearcore's Wasmtime call hook, the host writes the counter's
 * remaining gas into the global before entering wasm and after each host function returns, and
 * burns `remaining − global` whenever wasm calls a host function or returns.
 */
import type {} from '../webassembly-types.js';
import { PrepareError, type CompilationErrorData, type MethodResolveErrorKind } from '@nearts/vm-errors';
import type { VMConfig } from '@nearts/runtime-fees';
import { invokeHostFunction, linkableHostFunctions, type HostFunctionEntry, type HostFunctionSignature, type VMLogic } from '@nearts/vm-logic';
import { prepareContract, type PreparedContract } from '../prepare/index.js';
import { coreInstanceSizeError } from '../prepare/wasmtime-instance-size.js';
import { WasmSubmoduleEngine } from '../submodules/wasm-submodule-engine.js';
import type { Executor, LoadResult, RunOptions } from './executor.js';
import { GasSync } from './gas-sync.js';
import { refineIndirectCallTrap } from './traps.js';
import { WasmMemory } from './wasm-memory.js';
import { BoundImports, importEntries } from './bound-imports.js';
import { sharedMemoryPressure } from './shared-memory-pressure.js';

const WASM_PAGE_BYTES = 65536;

export interface CompiledWasm {
  readonly prepared: PreparedContract;
  readonly module: WebAssembly.Module;
}

/**
 * Host imports of one instance: every host call (the `internal` instrumentation imports too)
 * settles the instance's wasm gas first and refreshes its global after — nearcore's Wasmtime call
 * hook. `global()` is late-bound: imports exist before the instance does.
 */
export function hostImports(
  prepared: PreparedContract,
  logic: VMLogic,
  sync: GasSync,
  global: () => WebAssembly.Global | undefined,
  memory: WebAssembly.Memory,
): Record<string, Record<string, unknown>> {
  const hostCall = (entry: HostFunctionEntry) => (...args: unknown[]) => {
    const g = global();
    if (g) sync.leave(g);
    const result = invokeHostFunction(logic, entry, args);
    if (g) sync.enter(g);
    return result;
  };
  const { env: envEntries, internal: internalEntries } = importEntries(prepared);
  const env: Record<string, unknown> = { [prepared.abi.memoryImport]: memory };
  for (const entry of envEntries) env[entry.name] = hostCall(entry);
  const internal: Record<string, unknown> = {};
  for (const entry of internalEntries) internal[entry.name] = hostCall(entry);
  return { [prepared.abi.memoryModule]: env, [prepared.abi.internalModule]: internal };
}

/** One contract's import object, built once and reused by every call of the contract. */
const boundImportsOf = new WeakMap<CompiledWasm, BoundImports>();

function boundImports(contract: CompiledWasm): BoundImports {
  let bound = boundImportsOf.get(contract);
  if (bound === undefined) boundImportsOf.set(contract, (bound = new BoundImports(contract.prepared)));
  return bound;
}

export class WasmExecutor implements Executor<CompiledWasm> {
  readonly id = 'node-wasm/1';

  load(code: Uint8Array, config: VMConfig): LoadResult<CompiledWasm> {
    let prepared: PreparedContract;
    try {
      prepared = prepareContract(code, config);
    } catch (e) {
      if (e instanceof PrepareError) return { ok: false, error: { kind: 'PrepareError', error: e.kind } };
      throw e;
    }
    let module: WebAssembly.Module;
    try {
      module = new WebAssembly.Module(prepared.code);
    } catch (e) {
      const error: CompilationErrorData = { kind: 'WasmtimeCompileError', msg: (e as Error).message };
      return { ok: false, error };
    }
    return { ok: true, contract: { prepared, module }, byteSize: prepared.code.length * 4 + 1024 };
  }

  /** nearcore's Wasmtime pooling allocator refuses instances above 1 MiB (many globals). */
  loadingError(contract: CompiledWasm): string | null {
    return coreInstanceSizeError(contract.prepared.coreInstanceBytes);
  }

  /** Link results per contract and config: the same pair always links the same way. */
  private readonly linkMemo = new WeakMap<CompiledWasm, WeakMap<VMConfig, string | null>>();

  link(contract: CompiledWasm, config: VMConfig): string | null {
    let byConfig = this.linkMemo.get(contract);
    if (byConfig === undefined) this.linkMemo.set(contract, (byConfig = new WeakMap()));
    const known = byConfig.get(config);
    if (known !== undefined) return known;
    const result = this.checkLink(contract, config);
    byConfig.set(config, result);
    return result;
  }

  private checkLink(contract: CompiledWasm, config: VMConfig): string | null {
    const available = linkableHostFunctions(config);
    for (const imp of contract.prepared.hostImports) {
      const entry = available.get(imp.name);
      if (entry === undefined) return 'unknown or invalid import';
      if (!sameSignature(entry, imp.params, imp.results))
        return `incompatible import type for \`env::${imp.name}\``;
    }
    return null;
  }

  resolveMethod(contract: CompiledWasm, method: string): MethodResolveErrorKind | null {
    const fn = contract.prepared.exportedFunctions.get(method);
    if (fn === undefined) return 'MethodNotFound';
    if (fn.params.length !== 0 || fn.results.length !== 0) return 'MethodInvalidSignature';
    return null;
  }

  run(contract: CompiledWasm, method: string, logic: VMLogic, options?: RunOptions): void {
    const { prepared, module } = contract;
    const memory = new WebAssembly.Memory({
      initial: prepared.memory.initialPages,
      maximum: prepared.memory.maximumPages,
      shared: true, // see the memory import written by preparation
    });
    sharedMemoryPressure.memoryCreated();
    logic.setMemory(new WasmMemory(memory));
    const sync = new GasSync(logic.gas);
    // A call of a contract whose import object is in use (a nested call of the same contract)
    // gets an import object of its own.
    const cached = boundImports(contract);
    const bound = cached.slot.logic === null ? cached : new BoundImports(prepared);
    const { slot } = bound;
    slot.logic = logic;
    slot.sync = sync;
    try {
      const instance = new WebAssembly.Instance(module, bound.withMemory(memory));
      const gasGlobal = instance.exports[prepared.abi.gasGlobalExport] as WebAssembly.Global;
      slot.global = gasGlobal;
      if (logic.config.submodules !== undefined) {
        logic.submoduleEngine = new WasmSubmoduleEngine(this, { prepared, instance, gasGlobal }, sync, options?.cache);
      }
      runExports(instance, prepared, method, sync, gasGlobal);
    } finally {
      bound.release();
      if (memory.buffer.byteLength > prepared.memory.initialPages * WASM_PAGE_BYTES) sharedMemoryPressure.callGrewMemory();
    }
  }
}

/** The start function if any, then the method; wasm gas settled on every exit. */
function runExports(instance: WebAssembly.Instance, prepared: PreparedContract, method: string, sync: GasSync, gasGlobal: WebAssembly.Global): void {
  const exports = instance.exports as Record<string, () => void>;
  try {
    sync.enter(gasGlobal);
    if (prepared.startExport !== null) {
      exports[prepared.startExport]!();
      sync.leave(gasGlobal);
      sync.enter(gasGlobal);
    }
    exports[prepared.exportedFunctions.get(method)!.exportName]!();
    sync.leave(gasGlobal);
  } catch (e) {
    // Charge the wasm work done before a trap; after a host error this burns nothing more
    // (the global is stale and above the counter's remaining gas).
    try {
      sync.leave(gasGlobal);
    } catch {
      // the counter is already exhausted: the original failure is what the outcome reports
    }
    throw refineIndirectCallTrap(e, instance);
  }
}

export function sameSignature(entry: HostFunctionSignature, params: readonly string[], results: readonly string[]): boolean {
  return (
    entry.params.length === params.length &&
    entry.results.length === results.length &&
    entry.params.every((p, i) => p === params[i]) &&
    entry.results.every((r, i) => r === results[i])
  );
}

let shared: WasmExecutor | undefined;

export function defaultExecutor(): WasmExecutor {
  shared ??= new WasmExecutor();
  return shared;
}
