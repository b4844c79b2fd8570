/**
 * StorageError (near-primitives): a failure reading the trie. Usually node-level (RuntimeError),
 * but a transaction can also be rejected with `InvalidTxError::StorageError`, which is how it
 * reaches outcomes and the RPC. nearcore's Display prints the Debug form.
 */
import { NearError } from './base.js';
import type { JsonValue } from './json.js';
import {
  unionCode,
  unionDiscriminants,
  unionKinds,
  unionToDebug,
  unionToJson,
  unitEnumKinds,
  type UnionSpec,
  type UnitEnumSpec,
} from './spec.js';

/** Where a missing trie value was looked up. */
export type MissingTrieValueContext = 'TrieIterator' | 'TriePrefetchingStorage' | 'TrieMemoryPartialStorage' | 'TrieStorage';

export const MISSING_TRIE_VALUE_CONTEXT_SPEC: UnitEnumSpec<MissingTrieValueContext> = {
  name: 'MissingTrieValueContext',
  tags: { TrieIterator: 0, TriePrefetchingStorage: 1, TrieMemoryPartialStorage: 2, TrieStorage: 3 },
};
export const MISSING_TRIE_VALUE_CONTEXTS: readonly MissingTrieValueContext[] = unitEnumKinds(MISSING_TRIE_VALUE_CONTEXT_SPEC);

/** `hash` is the base58 text of the missing node's CryptoHash. */
export type StorageErrorData =
  | { kind: 'StorageInternalError' }
  | { kind: 'MissingTrieValue'; context: MissingTrieValueContext; hash: string }
  | { kind: 'UnexpectedTrieValue' }
  | { kind: 'StorageInconsistentState'; msg: string }
  | { kind: 'FlatStorageBlockNotSupported'; msg: string }
  | { kind: 'MemTrieLoadingError'; msg: string };

export const STORAGE_ERROR_SPEC: UnionSpec<StorageErrorData> = {
  name: 'StorageError',
  variants: {
    StorageInternalError: { tag: 0, unit: true },
    // `MissingTrieValue(MissingTrieValue { context, hash })`: a tuple variant around a struct.
    MissingTrieValue: {
      tag: 1,
      wraps: 'MissingTrieValue',
      fields: { context: { names: MISSING_TRIE_VALUE_CONTEXT_SPEC }, hash: 'cryptoHash' },
    },
    UnexpectedTrieValue: { tag: 2, unit: true },
    StorageInconsistentState: { tag: 3, newtype: 'msg', type: 'string' },
    FlatStorageBlockNotSupported: { tag: 4, newtype: 'msg', type: 'string' },
    MemTrieLoadingError: { tag: 5, newtype: 'msg', type: 'string' },
  },
};

export const STORAGE_ERROR_KINDS: readonly StorageErrorData['kind'][] = unionKinds(STORAGE_ERROR_SPEC);

/**
 * nearcore's Display, which is its Debug: `StorageInternalError`,
 * `MissingTrieValue(MissingTrieValue { context: TrieStorage, hash: 1111… })`,
 * `StorageInconsistentState("…")`.
 */
export function displayStorageError(e: StorageErrorData): string {
  return unionToDebug(STORAGE_ERROR_SPEC, e);
}

/** serde JSON: `"StorageInternalError"`, `{"MissingTrieValue":{"context":"TrieStorage","hash":"…"}}`, `{"StorageInconsistentState":"…"}`. */
export function storageErrorToJson(e: StorageErrorData): JsonValue {
  return unionToJson(STORAGE_ERROR_SPEC, e);
}

export class StorageError extends NearError {
  override readonly name = 'StorageError';
  constructor(readonly data: StorageErrorData) {
    super(displayStorageError(data));
  }
  get code(): string {
    return unionCode(STORAGE_ERROR_SPEC, this.data);
  }
  get discriminants(): readonly number[] | null {
    return unionDiscriminants(STORAGE_ERROR_SPEC, this.data);
  }
  json(): JsonValue {
    return storageErrorToJson(this.data);
  }
}
