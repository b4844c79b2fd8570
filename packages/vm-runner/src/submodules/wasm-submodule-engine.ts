/**
 * Runs submodules on Node's WebAssembly for one contract call (installed on the contract's logic
 * by `WasmExecutor.run` when the submodules extension is on).
 *
 * A submodule is prepared like a contract (cached by code hash in the call's compiled-contract
 * cache, so its code is read from state only on a miss), checked against its policy, and
 * instantiated on every call with:
 * - its own memory, registers and stack budget (a fresh instance: no state survives a call);
 * - `env` imports: host functions bound to the submodule's logic (gas counter shared with the
 *   contract, storage keys checked against its prefix);
 * - `parent` imports: the contract instance's exported functions, called through a trampoline
 *   that hands the submodule's remaining gas allowance to the contract's gas global for the call
 *   and back after it (also on a trap). The contract code runs on its own memory and globals, and
 *   is charged to the submodule call's gas budget.
 * All instances share one `GasSync`, so the one gas counter is always exact (see gas-sync.ts).
 */
import { toHex } from '@nearts/primitives';
import type {} from '../webassembly-types.js';
import { type FunctionCallErrorData } from '@nearts/vm-errors';
import { SubmoduleAccessDenied, SubmoduleGasExhausted, type SubmoduleEngine, type SubmoduleRun } from '@nearts/vm-logic';
import type { ContractCache } from '../cache/contract-cache.js';
import { LruContractCache } from '../cache/lru-cache.js';
import { configSignature } from '../config-signature.js';
import type { LoadResult } from '../executor/executor.js';
import type { GasSync } from '../executor/gas-sync.js';
import { classifyWasmException, refineIndirectCallTrap } from '../executor/traps.js';
import { sharedMemoryPressure } from '../executor/shared-memory-pressure.js';
import { WASM_PAGE_SIZE } from '../prepare/abi.js';
import { hostImports, type CompiledWasm, type WasmExecutor } from '../executor/wasm-executor.js';
import { WasmMemory } from '../executor/wasm-memory.js';
import type { PreparedContract } from '../prepare/index.js';
import { linkSubmodule } from './link.js';
import { PARENT_MODULE, submodulePrepareConfig } from './prepare-config.js';

/** The account contract's instance, whose exports submodules may import. */
export interface ParentInstance {
  readonly prepared: PreparedContract;
  readonly instance: WebAssembly.Instance;
  readonly gasGlobal: WebAssembly.Global;
}

let fallbackCache: ContractCache<LoadResult<unknown>> | undefined;

/**
 * What a cached submodule costs beyond its instrumented code: V8's native module (jump table,
 * code-space granularity, optimized code once it is hot) and the prepared-contract objects —
 * 20–30 KiB measured per 150-byte module (bench/submodules.bench.mjs, anonymous RSS). Submodules
 * are many and tiny, so without it the cache's byte budget would understate their memory several
 * times over.
 */
const NATIVE_MODULE_BYTES = 24 * 1024;

/** Errors that end a submodule call with a status of their own; they pass through the engine. */
function passesThrough(e: unknown): boolean {
  return e instanceof SubmoduleGasExhausted || e instanceof SubmoduleAccessDenied;
}

export class WasmSubmoduleEngine implements SubmoduleEngine {
  private readonly cache: ContractCache<LoadResult<unknown>>;

  constructor(
    private readonly executor: WasmExecutor,
    private readonly parent: ParentInstance,
    private readonly sync: GasSync,
    cache?: ContractCache<LoadResult<unknown>>,
  ) {
    this.cache = cache ?? (fallbackCache ??= new LruContractCache<LoadResult<unknown>>());
  }

  run(run: SubmoduleRun): FunctionCallErrorData | null {
    const config = submodulePrepareConfig(run.logic.config);
    const key = { codeHash: toHex(run.record.codeHash), configSignature: configSignature(config), executorId: this.executor.id };
    let loaded = this.cache.get(key)?.value as LoadResult<CompiledWasm> | undefined;
    if (loaded === undefined) {
      loaded = this.executor.load(run.loadCode(), config);
      this.cache.put(key, { value: loaded, byteSize: loaded.ok ? loaded.byteSize + NATIVE_MODULE_BYTES : 64 });
    }
    if (!loaded.ok) return { kind: 'CompilationError', error: loaded.error };
    const contract = loaded.contract;
    const linkError = linkSubmodule(contract.prepared, run.scope, run.logic.config, this.parent.prepared);
    if (linkError !== null) return { kind: 'LinkError', msg: linkError };
    const methodError = this.executor.resolveMethod(contract, run.method);
    if (methodError !== null) return { kind: 'MethodResolveError', error: methodError };
    return this.execute(contract, run);
  }

  private execute({ prepared, module }: CompiledWasm, run: SubmoduleRun): FunctionCallErrorData | null {
    const memory = new WebAssembly.Memory({ initial: prepared.memory.initialPages, maximum: prepared.memory.maximumPages, shared: true });
    sharedMemoryPressure.memoryCreated();
    try {
      return this.executeIn(memory, { prepared, module }, run);
    } finally {
      // A submodule's shared memory costs V8 the same per-grow work as a contract's.
      if (memory.buffer.byteLength > prepared.memory.initialPages * WASM_PAGE_SIZE) sharedMemoryPressure.callGrewMemory();
    }
  }

  private executeIn(memory: WebAssembly.Memory, { prepared, module }: CompiledWasm, run: SubmoduleRun): FunctionCallErrorData | null {
    const { logic, method } = run;
    logic.setMemory(new WasmMemory(memory));
    let gasGlobal: WebAssembly.Global | undefined;
    const imports = hostImports(prepared, logic, this.sync, () => gasGlobal, memory);
    imports[PARENT_MODULE] = this.parentImports(prepared, () => gasGlobal!);
    let instance: WebAssembly.Instance;
    try {
      instance = new WebAssembly.Instance(module, imports);
    } catch (e) {
      // e.g. a data segment beyond the initial memory: a trap before any code ran.
      return classifyWasmException(e);
    }
    const global = instance.exports[prepared.abi.gasGlobalExport] as WebAssembly.Global;
    gasGlobal = global;
    const exports = instance.exports as Record<string, () => void>;
    try {
      this.sync.enter(global);
      if (prepared.startExport !== null) {
        exports[prepared.startExport]!();
        this.sync.leave(global);
        this.sync.enter(global);
      }
      exports[prepared.exportedFunctions.get(method)!.exportName]!();
      this.sync.leave(global);
      return null;
    } catch (e) {
      try {
        this.sync.leave(global);
      } catch (settle) {
        // Settling the wasm work done before the failure exhausted the budget: that came first.
        if (settle instanceof SubmoduleGasExhausted) throw settle;
      }
      if (passesThrough(e)) throw e;
      return classifyWasmException(refineIndirectCallTrap(e, instance));
    }
  }

  /** Trampolines to the contract's exports, one per `parent` import. */
  private parentImports(prepared: PreparedContract, subGlobal: () => WebAssembly.Global): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const { sync } = this;
    const parentGlobal = this.parent.gasGlobal;
    const parentInstance = this.parent.instance;
    for (const imp of prepared.hostImports) {
      if (imp.module !== PARENT_MODULE) continue;
      const exportName = this.parent.prepared.exportedFunctions.get(imp.name)!.exportName;
      const target = this.parent.instance.exports[exportName] as (...args: unknown[]) => unknown;
      out[imp.name] = (...args: unknown[]) => {
        const own = subGlobal();
        sync.handOver(own, parentGlobal);
        try {
          return target(...args);
        } catch (e) {
          // The contract's own code trapped: its table tells a null slot from a bad signature.
          throw refineIndirectCallTrap(e, parentInstance);
        } finally {
          sync.handOver(parentGlobal, own);
        }
      };
    }
    return out;
  }
}
