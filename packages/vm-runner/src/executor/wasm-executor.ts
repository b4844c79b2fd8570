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
import { getHostFunction, invokeHostFunction, linkableHostFunctions, type HostFunctionEntry, type HostFunctionSignature, type VMLogic } from '@nearts/vm-logic';
import { prepareContract, type PreparedContract } from '../prepare/index.js';
import type { Executor, LoadResult } from './executor.js';
import { WasmMemory } from './wasm-memory.js';

export interface CompiledWasm {
  readonly prepared: PreparedContract;
  readonly module: WebAssembly.Module;
}

const I64_MAX = (1n << 63n) - 1n;

/** Caps what wasm may burn before the next sync at what the counter could still accept, so a
 * loop without host calls in a view (prepaid treated as u64::MAX) still stops at its limit. */
function wasmAllowance(logic: VMLogic): bigint {
  const gas = logic.gas;
  const remaining = gas.remainingGas();
  const toLimit = gas.gasLimit() - gas.burntGas();
  const allowance = toLimit < remaining ? toLimit : remaining;
  return allowance > I64_MAX ? I64_MAX : allowance;
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

  run(contract: CompiledWasm, method: string, logic: VMLogic): void {
    const { prepared, module } = contract;
    const memory = new WebAssembly.Memory({
      initial: prepared.memory.initialPages,
      maximum: prepared.memory.maximumPages,
      shared: true, // see the memory import written by preparation
    });
    logic.setMemory(new WasmMemory(memory));

    // The gas global is read through a late-bound reference: imports are created before the
    // instance exists.
    let gasGlobal: WebAssembly.Global | undefined;
    // What the global was last set to: wasm spent `written − global` since then.
    let written = 0n;
    const enterWasm = () => {
      if (gasGlobal) {
        written = wasmAllowance(logic);
        gasGlobal.value = written;
      }
    };
    const leaveWasm = () => {
      if (!gasGlobal) return;
      const left = BigInt.asUintN(64, gasGlobal.value as bigint);
      if (written > left) logic.burnWasmGas(written - left);
      written = left;
    };

    // Every host call, including the instrumentation's `internal` imports, settles wasm gas
    // first and refreshes the global after: nearcore's Wasmtime call hook.
    const hostCall = (entry: HostFunctionEntry) => (...args: unknown[]) => {
      leaveWasm();
      const result = invokeHostFunction(logic, entry, args);
      enterWasm();
      return result;
    };
    const env: Record<string, unknown> = { [prepared.abi.memoryImport]: memory };
    for (const imp of prepared.hostImports) env[imp.name] = hostCall(getHostFunction(imp.name)!);
    const internal: Record<string, unknown> = {};
    for (const name of [prepared.abi.chargeGasImport, prepared.abi.gasExhaustedImport, prepared.abi.stackExhaustedImport]) {
      internal[name] = hostCall(getHostFunction(name, 'internal')!);
    }

    const instance = new WebAssembly.Instance(module, { [prepared.abi.memoryModule]: env, [prepared.abi.internalModule]: internal });
    gasGlobal = instance.exports[prepared.abi.gasGlobalExport] as WebAssembly.Global;
    const exports = instance.exports as Record<string, () => void>;
    try {
      enterWasm();
      if (prepared.startExport !== null) {
        exports[prepared.startExport]!();
        leaveWasm();
        enterWasm();
      }
      exports[prepared.exportedFunctions.get(method)!.exportName]!();
      leaveWasm();
    } catch (e) {
      // Charge the wasm work done before a trap; after a host error this burns nothing more
      // (the global is stale and above the counter's remaining gas).
      try {
        leaveWasm();
      } catch {
        // the counter is already exhausted: the original failure is what the outcome reports
      }
      throw e;
    }
  }
}

function sameSignature(entry: HostFunctionSignature, params: readonly string[], results: readonly string[]): boolean {
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
