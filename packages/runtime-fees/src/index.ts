/** @nearts/runtime-fees: every runtime parameter of protocol versions 83-86 and the nightly sets, built from nearcore's parameter files, with the RuntimeConfigView JSON. */
export const PACKAGE_NAME = '@nearts/runtime-fees';
export * from './types.js';
export * from './errors.js';
