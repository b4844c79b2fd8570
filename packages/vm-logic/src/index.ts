/**
 * @nearts/vm-logic: the bindings specification. Every host function a contract may import, with
 * nearcore's fee, storage and promise rules; VMContext, GasCounter, registers, guest-memory
 * access, the External interface, VMOutcome. Knows no wasm engine and no state implementation.
 */
export const PACKAGE_NAME = '@nearts/vm-logic';

export * from './types.js';
export * from './context.js';
export * from './errors.js';
export * from './external.js';
export * from './gas-counter.js';
export * from './profile.js';
export * from './memory.js';
export * from './registers.js';
export * from './outcome.js';
export * from './logic.js';
export * from './mocked-external.js';
export { INLINE_DISK_VALUE_THRESHOLD } from './host-functions/storage.js';
export type {
  HostFunctionCategory,
  HostFunctionEntry,
  HostFunctionImpl,
  HostFunctionSignature,
  HostParam,
  WasmValueType,
} from './host-functions/entry.js';
export { signatureText } from './host-functions/entry.js';
export { HOST_FUNCTIONS as hostFunctionTable } from './host-functions/table.js';
export {
  availableHostFunctions,
  buildHostImports,
  getHostFunction,
  invokeHostFunction,
  linkableHostFunctions,
  type HostCall,
  type HostCallWrapper,
} from './host-functions/imports.js';
export * from './receipt-manager.js';
export * from './submodules/types.js';
export * from './submodules/errors.js';
export { SUBMODULE_HOST_FUNCTIONS, touchesReceipts } from './submodules/capabilities.js';
export { GuardedExternal } from './submodules/guarded-external.js';
export { runSubmoduleCall, type SubmoduleCallResult } from './submodules/call.js';
export { MockedSubmodules, type JournaledStorage, type MockSubmoduleAction } from './submodules/mocked-store.js';
export { EXTENSION_HOST_FUNCTIONS as extensionHostFunctionTable } from './host-functions/extension-table.js';
export { HOST_TABLE_END, HOST_TABLE_START, renderHostFunctionTable, updateReadmeTable } from './host-functions/docs.js';
