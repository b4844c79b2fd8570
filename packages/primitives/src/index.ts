/** @nearts/primitives: types, borsh layouts, hashing and id derivations identical to nearcore's. */
export * from './trace.js';
