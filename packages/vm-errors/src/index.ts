/** @nearts/vm-errors: nearcore's error hierarchy with exact Display texts and RPC JSON shapes. */
export * from './prepare-error.js';
export * from './host-error.js';
export * from './function-call-error.js';
export * from './vm-runner-error.js';
