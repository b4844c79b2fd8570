/**
 * @nearts/vm-runner: contract preparation (validation, gas and stack instrumentation), the
 * replaceable executor with a default on Node's WebAssembly, the compiled-contract cache, and
 * `runContract`, the entry point for one function call.
 */
export const PACKAGE_NAME = '@nearts/vm-runner';
export * from './prepare/index.js';
export * from './cache/contract-cache.js';
export { LruContractCache } from './cache/lru-cache.js';
export type { Executor, LoadResult } from './executor/executor.js';
export { WasmExecutor, defaultExecutor, type CompiledWasm } from './executor/wasm-executor.js';
export { WasmMemory } from './executor/wasm-memory.js';
export { classifyWasmException } from './executor/traps.js';
export { configSignature } from './config-signature.js';
export { runContract, defaultContractCache, type RunContractInput } from './run-contract.js';
export { FsContractCache, type ArtifactCodec } from './cache/fs-cache.js';
export { wasmArtifactCodec } from './executor/wasm-artifact-codec.js';
