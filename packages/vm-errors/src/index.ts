/** @nearts/vm-errors: nearcore's error hierarchy with exact Display texts and RPC JSON shapes. */
export * from './base.js';
export * from './json.js';
export * from './rust-fmt.js';
export * from './spec.js';
export * from './prepare-error.js';
export * from './host-error.js';
export * from './function-call-error.js';
export * from './onchain-function-call-error.js';
export * from './vm-runner-error.js';
export * from './storage-error.js';
export * from './actions-validation-error.js';
export * from './receipt-validation-error.js';
export * from './invalid-tx-error.js';
export * from './action-error.js';
export * from './tx-execution-error.js';
export * from './runtime-error.js';
