/** Contract preparation: nearcore's prepare_v3 validation and finite-wasm instrumentation. */
export { prepareContract } from './prepare.js';
export type { PrepareConfig, PrepareLimitConfig } from './config.js';
export { resolveMethod, PREPARED_ABI } from './prepared.js';
export type { PreparedContract, PrepareStats, ExportedFunction, ImportedFunction, PreparedAbi, WasmValueType } from './prepared.js';
export * from './abi.js';
