/** @nearts/vm-runner: The WebAssembly wrapper: contract preparation, gas and stack instrumentation, a replaceable executor and a compiled-contract cache. */
export const PACKAGE_NAME = '@nearts/vm-runner';
export * from './prepare/index.js';
