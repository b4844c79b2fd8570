/** @nearts/store: byte-keyed state with checkpoints, cheap forks and a nearcore-compatible Merkle state root. */
export type { State, StateRoot, Entry, CommittedBlock } from './state.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { MemoryState } from './memory-state.js';
export { LmdbState, type LmdbStateOptions } from './lmdb-state.js';
export { EMPTY_ROOT } from './trie/hash.js';
export { computeStateRoot } from './trie/build.js';
export { dumpState, loadState, entriesToJson, entriesFromJson } from './dump.js';
