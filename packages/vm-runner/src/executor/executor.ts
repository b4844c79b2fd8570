/**
 * The Executor: the extension point a fork replaces to run contracts on another engine (an
 * interpreter, a native build, a debugger that calls TypeScript contract code directly).
 *
 * The runner (`run-contract.ts`) owns nearcore's order of early outcomes and gas rules; an
 * executor only has to:
 * 1. `load`: turn contract code into something it can run, or say why it cannot
 *    (a CompilationError: PrepareError or an engine compile error). Loading must be
 *    deterministic per (code, config) — its result is cached under the executor's `id`.
 * 2. `loadingError` (optional): say whether the engine can load the compiled module at all
 *    (nearcore: Wasmtime's `Module::deserialize`, which enforces the instance-size limit).
 *    `link`: say whether every import of the module can be satisfied under the config
 *    (a LinkError message otherwise).
 * 3. `resolveMethod`: MethodNotFound / MethodInvalidSignature / ok.
 * 4. `run`: instantiate, run the start function if any, call the method; wasm instruction gas
 *    must reach `logic` through `logic.syncWasmGas` / `logic.burnWasmGas` at every host call and
 *    at exit, host functions come from vm-logic's table (`hostFunctionTable`), guest memory is
 *    handed to `logic.setMemory`. Failures are thrown: HostError from host functions,
 *    FunctionCallError for traps (use `classifyWasmException` for engine errors).
 */
import type { CompilationErrorData, MethodResolveErrorKind } from '@nearts/vm-errors';
import type { VMConfig } from '@nearts/runtime-fees';
import type { VMLogic } from '@nearts/vm-logic';
import type { ContractCache } from '../cache/contract-cache.js';

export type LoadResult<T> =
  | { readonly ok: true; readonly contract: T; readonly byteSize: number }
  | { readonly ok: false; readonly error: CompilationErrorData };

/** What `runContract` hands an executor besides the call itself. */
export interface RunOptions {
  /**
   * The compiled-contract cache of the call. With the submodules extension on, an executor that
   * runs submodules keeps their compiled artifacts here too (keyed by the submodule's code hash).
   */
  readonly cache?: ContractCache<LoadResult<unknown>>;
}

export interface Executor<T = unknown> {
  /** Identifies the engine and its artifact format in cache keys, e.g. `node-wasm/1`. */
  readonly id: string;
  load(code: Uint8Array, config: VMConfig): LoadResult<T>;
  /** null when the engine can load the compiled contract, else the LoadingError message. */
  loadingError?(contract: T): string | null;
  /** null when linkable, else the LinkError message. */
  link(contract: T, config: VMConfig): string | null;
  resolveMethod(contract: T, method: string): MethodResolveErrorKind | null;
  /**
   * With the submodules extension on (`logic.config.submodules`), an executor that can run
   * submodules installs a `SubmoduleEngine` on `logic` before the contract runs; one that cannot
   * leaves `logic.submoduleEngine` null and `submodule_call` reports them Unloadable.
   */
  run(contract: T, method: string, logic: VMLogic, options?: RunOptions): void;
}
