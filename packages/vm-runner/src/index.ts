/**
 * @nearts/vm-runner: contract preparation (validation, gas and stack instrumentation), the
 * replaceable executor with a default on Node's WebAssembly, the compiled-contract cache, and
 * `runContract`, the entry point for one function call.
 */
export const PACKAGE_NAME = '@nearts/vm-runner';
export * from './prepare/index.js';
export * from './cache/contract-cache.js';
export { LruContractCache } from './cache/lru-cache.js';
export type { Executor, LoadResult, RunOptions } from './executor/executor.js';
export { GasSync } from './executor/gas-sync.js';
export { WasmSubmoduleEngine, type ParentInstance } from './submodules/wasm-submodule-engine.js';
export { submodulePrepareConfig, PARENT_MODULE, type SubmodulePrepareConfig } from './submodules/prepare-config.js';
export { linkSubmodule } from './submodules/link.js';
export { WasmExecutor, defaultExecutor, type CompiledWasm } from './executor/wasm-executor.js';
export { WasmMemory } from './executor/wasm-memory.js';
export { classifyWasmException, refineIndirectCallTrap } from './executor/traps.js';
export { configSignature } from './config-signature.js';
export { runContract, defaultContractCache, type RunContractInput } from './run-contract.js';
export { FsContractCache, type ArtifactCodec } from './cache/fs-cache.js';
export { wasmArtifactCodec } from './executor/wasm-artifact-codec.js';
