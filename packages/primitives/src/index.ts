/** @nearts/primitives: types, borsh layouts, hashing and id derivations identical to nearcore's. */
export * from './trace.js';
export * from './borsh/errors.js';
export * from './borsh/writer.js';
export * from './borsh/reader.js';
export * from './borsh/codec.js';
export * from './base58.js';
export * from './units.js';
export * from './account-id.js';
export * from './hash.js';
export * from './keys.js';
export * from './verify.js';
export * from './key-pair.js';
