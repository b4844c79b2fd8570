import { describe, expect, it } from 'vitest';
import {
  displayCacheError,
  displayRuntimeError,
  displayStorageError,
  displayVMRunnerError,
  MalformedErrorDataError,
  RuntimeError,
  StorageError,
  storageErrorToJson,
  VMRunnerError,
  type StorageErrorData,
} from '../src/index.js';

const HASH = '11111111111111111111111111111111';

describe('StorageError', () => {
  // nearcore's Display is `{:?}` of the derived Debug.
  const cases: [StorageErrorData, string, unknown][] = [
    [{ kind: 'StorageInternalError' }, 'StorageInternalError', 'StorageInternalError'],
    [
      { kind: 'MissingTrieValue', context: 'TrieIterator', hash: HASH },
      `MissingTrieValue(MissingTrieValue { context: TrieIterator, hash: ${HASH} })`,
      { MissingTrieValue: { context: 'TrieIterator', hash: HASH } },
    ],
    [{ kind: 'UnexpectedTrieValue' }, 'UnexpectedTrieValue', 'UnexpectedTrieValue'],
    [
      { kind: 'StorageInconsistentState', msg: 'line1\nline2' },
      'StorageInconsistentState("line1\\nline2")',
      { StorageInconsistentState: 'line1\nline2' },
    ],
    [
      { kind: 'FlatStorageBlockNotSupported', msg: 'block x' },
      'FlatStorageBlockNotSupported("block x")',
      { FlatStorageBlockNotSupported: 'block x' },
    ],
    [{ kind: 'MemTrieLoadingError', msg: 'oom' }, 'MemTrieLoadingError("oom")', { MemTrieLoadingError: 'oom' }],
  ];
  it.each(cases.map((c) => [c[0].kind, ...c] as const))('%s', (_kind, data, display, json) => {
    expect(displayStorageError(data)).toBe(display);
    expect(storageErrorToJson(data)).toEqual(json);
    expect(new StorageError(data).message).toBe(display);
  });
  it('has discriminants', () => {
    expect(new StorageError({ kind: 'MissingTrieValue', context: 'TrieStorage', hash: HASH }).discriminants).toEqual([1]);
    expect(new StorageError({ kind: 'MemTrieLoadingError', msg: '' }).discriminants).toEqual([5]);
  });
});

describe('RuntimeError', () => {
  it('prints the Debug form nearcore uses as Display', () => {
    expect(displayRuntimeError({ kind: 'InvalidTxError', error: { kind: 'InvalidNonce', tx_nonce: 5n, ak_nonce: 7n } })).toBe(
      'InvalidTxError(InvalidNonce { tx_nonce: 5, ak_nonce: 7 })',
    );
    expect(
      displayRuntimeError({
        kind: 'InvalidTxError',
        error: { kind: 'NotEnoughBalance', signer_id: 'alice.near', balance: 1n, cost: 2n },
      }),
    ).toBe('InvalidTxError(NotEnoughBalance { signer_id: AccountId("alice.near"), balance: NearToken { inner: 1 }, cost: NearToken { inner: 2 } })');
    expect(
      displayRuntimeError({
        kind: 'InvalidTxError',
        error: { kind: 'ShardCongested', shard_id: 2, congestion_level: 1 },
      }),
    ).toBe('InvalidTxError(ShardCongested { shard_id: 2, congestion_level: NotNan(1.0) })');
    expect(displayRuntimeError({ kind: 'StorageError', error: { kind: 'StorageInternalError' } })).toBe('StorageError(StorageInternalError)');
    expect(displayRuntimeError({ kind: 'UnexpectedIntegerOverflow', msg: 'add' })).toBe('UnexpectedIntegerOverflow("add")');
    expect(
      displayRuntimeError({ kind: 'ReceiptValidationError', error: { kind: 'InvalidPredecessorId', account_id: 'X' } }),
    ).toBe('ReceiptValidationError(InvalidPredecessorId { account_id: "X" })');
    expect(displayRuntimeError({ kind: 'ValidatorError', debug: 'EpochOutOfBounds(EpochId(1111))' })).toBe(
      'ValidatorError(EpochOutOfBounds(EpochId(1111)))',
    );
    const error = new RuntimeError({ kind: 'StorageError', error: { kind: 'UnexpectedTrieValue' } });
    expect(error.code).toBe('RuntimeError.StorageError.UnexpectedTrieValue');
    expect(error.discriminants).toBeNull();
  });
});

describe('VMRunnerError', () => {
  it('prints the thiserror texts of near-vm-runner', () => {
    expect(displayVMRunnerError({ kind: 'InconsistentStateError', msg: 'IntegerOverflow' })).toBe(
      'Math operation with a value from the state resulted in a integer overflow.',
    );
    expect(displayVMRunnerError({ kind: 'CacheError', error: { kind: 'ReadError', msg: 'permission denied' } })).toBe(
      'cache error: cache read error: permission denied',
    );
    expect(displayVMRunnerError({ kind: 'LoadingError', msg: 'too big' })).toBe('loading error: too big');
    expect(displayVMRunnerError({ kind: 'ExternalError', msg: 'state read failed' })).toBe('external error');
    expect(displayVMRunnerError({ kind: 'WasmUnknownError', debug_message: 'nondeterministic trap' })).toBe(
      'unknown error during contract execution: nondeterministic trap',
    );
    expect(displayVMRunnerError({ kind: 'ContractCodeNotPresent' })).toBe('account has no associated contract code');
    expect(displayCacheError({ kind: 'WriteError', msg: 'disk full' })).toBe('cache write error: disk full');
    expect(displayCacheError({ kind: 'DeserializationError' })).toBe('cache deserialization error');
    expect(displayCacheError({ kind: 'SerializationError', hash: HASH })).toBe('cache serialization error');
    const error = new VMRunnerError({ kind: 'CacheError', error: { kind: 'DeserializationError' } });
    expect(error.code).toBe('VMRunnerError.CacheError.DeserializationError');
    expect(error.json()).toEqual({ CacheError: 'DeserializationError' });
  });
});

describe('malformed data from untyped callers', () => {
  it('gets a typed error, not a TypeError', () => {
    expect(() => storageErrorToJson({ kind: 'Nope' } as unknown as StorageErrorData)).toThrow(MalformedErrorDataError);
    expect(() => displayStorageError({ kind: 'StorageInconsistentState', msg: 5 } as unknown as StorageErrorData)).toThrow(
      MalformedErrorDataError,
    );
    expect(() => new RuntimeError({ kind: 'InvalidTxError', error: { kind: 'InvalidNonce', tx_nonce: 5, ak_nonce: 7 } } as never)).toThrow(
      MalformedErrorDataError,
    );
    expect(() => displayVMRunnerError({ kind: 'Nope' } as never)).toThrow(MalformedErrorDataError);
    // Out of the Rust type's range: a u64 below zero, a u16 above 65535.
    expect(() => new RuntimeError({ kind: 'InvalidTxError', error: { kind: 'InvalidNonce', tx_nonce: -1n, ak_nonce: 7n } })).toThrow(
      MalformedErrorDataError,
    );
    expect(() => new RuntimeError({ kind: 'InvalidTxError', error: { kind: 'InvalidNonceIndex', tx_nonce_index: 70000, num_nonces: 1 } })).toThrow(
      MalformedErrorDataError,
    );
  });
});
