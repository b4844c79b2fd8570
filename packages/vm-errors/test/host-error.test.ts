import { describe, expect, it } from 'vitest';
import {
  displayHostError,
  formatByteSize,
  HOST_ERROR_KINDS,
  HostError,
  hostErrorToJson,
  type HostErrorData,
} from '../src/index.js';

// Display texts from nearcore runtime/near-vm-runner/src/logic/errors.rs (`impl Display for HostError`);
// IteratorWasInvalidated from the last nearcore version that had it (before commit 0de35c44).
const cases: [HostErrorData, string, unknown][] = [
  [{ kind: 'BadUTF16' }, 'String encoding is bad UTF-16 sequence.', 'BadUTF16'],
  [{ kind: 'BadUTF8' }, 'String encoding is bad UTF-8 sequence.', 'BadUTF8'],
  [{ kind: 'GasExceeded' }, 'Exceeded the prepaid gas.', 'GasExceeded'],
  [{ kind: 'GasLimitExceeded' }, 'Exceeded the maximum amount of gas allowed to burn per contract.', 'GasLimitExceeded'],
  [{ kind: 'BalanceExceeded' }, 'Exceeded the account balance.', 'BalanceExceeded'],
  [{ kind: 'EmptyMethodName' }, 'Tried to call an empty method name.', 'EmptyMethodName'],
  [
    { kind: 'GuestPanic', panic_msg: 'explicit guest panic' },
    'Smart contract panicked: explicit guest panic',
    { GuestPanic: { panic_msg: 'explicit guest panic' } },
  ],
  [{ kind: 'IntegerOverflow' }, 'Integer overflow.', 'IntegerOverflow'],
  [
    { kind: 'InvalidPromiseIndex', promise_idx: 3n },
    '3 does not correspond to existing promises',
    { InvalidPromiseIndex: { promise_idx: 3 } },
  ],
  [
    { kind: 'CannotAppendActionToJointPromise' },
    'Actions can only be appended to non-joint promise.',
    'CannotAppendActionToJointPromise',
  ],
  [{ kind: 'CannotReturnJointPromise' }, 'Returning joint promise is currently prohibited.', 'CannotReturnJointPromise'],
  [
    { kind: 'CannotSetRefundToOnJointPromise' },
    'Setting refund_to on a joint promise is prohibited.',
    'CannotSetRefundToOnJointPromise',
  ],
  [
    { kind: 'InvalidPromiseResultIndex', result_idx: 1n },
    'Accessed invalid promise result index: 1',
    { InvalidPromiseResultIndex: { result_idx: 1 } },
  ],
  [
    { kind: 'InvalidRegisterId', register_id: 18446744073709551615n },
    'Accessed invalid register id: 18446744073709551615',
    { InvalidRegisterId: { register_id: 18446744073709551615n } },
  ],
  [
    { kind: 'IteratorWasInvalidated', iterator_index: 2n },
    'Iterator 2 was invalidated after its creation by performing a mutable operation on trie',
    { IteratorWasInvalidated: { iterator_index: 2 } },
  ],
  [{ kind: 'MemoryAccessViolation' }, 'Accessed memory outside the bounds.', 'MemoryAccessViolation'],
  [
    { kind: 'InvalidReceiptIndex', receipt_index: 4n },
    'VM Logic returned an invalid receipt index: 4',
    { InvalidReceiptIndex: { receipt_index: 4 } },
  ],
  [
    { kind: 'InvalidIteratorIndex', iterator_index: 5n },
    'Iterator index 5 does not exist',
    { InvalidIteratorIndex: { iterator_index: 5 } },
  ],
  [
    { kind: 'InvalidActionIndex', receipt_index: 1n, action_index: 7n },
    'Action 7 in receipt 1 does not exist or has the wrong type of action.',
    { InvalidActionIndex: { receipt_index: 1, action_index: 7 } },
  ],
  [{ kind: 'InvalidAccountId' }, 'VM Logic returned an invalid account id', 'InvalidAccountId'],
  [{ kind: 'InvalidMethodName' }, 'VM Logic returned an invalid method name', 'InvalidMethodName'],
  [{ kind: 'InvalidPublicKey' }, 'VM Logic provided an invalid public key', 'InvalidPublicKey'],
  [
    { kind: 'ProhibitedInView', method_name: 'storage_write' },
    'storage_write is not allowed in view calls',
    { ProhibitedInView: { method_name: 'storage_write' } },
  ],
  [
    { kind: 'NumberOfLogsExceeded', limit: 100n },
    'The number of logs will exceed the limit 100',
    { NumberOfLogsExceeded: { limit: 100 } },
  ],
  [
    { kind: 'KeyLengthExceeded', length: 2049n, limit: 2048n },
    'The length of a storage key 2049 exceeds the limit 2048',
    { KeyLengthExceeded: { length: 2049, limit: 2048 } },
  ],
  [
    { kind: 'ValueLengthExceeded', length: 4194305n, limit: 4194304n },
    'The length of a storage value 4194305 exceeds the limit 4194304',
    { ValueLengthExceeded: { length: 4194305, limit: 4194304 } },
  ],
  [
    { kind: 'TotalLogLengthExceeded', length: 16385n, limit: 16384n },
    'The length of a log message 16385 exceeds the limit 16384',
    { TotalLogLengthExceeded: { length: 16385, limit: 16384 } },
  ],
  [
    { kind: 'NumberPromisesExceeded', number_of_promises: 11n, limit: 10n },
    'The number of promises within a FunctionCall 11 exceeds the limit 10',
    { NumberPromisesExceeded: { number_of_promises: 11, limit: 10 } },
  ],
  [
    { kind: 'NumberInputDataDependenciesExceeded', number_of_input_data_dependencies: 129n, limit: 128n },
    'The number of input data dependencies 129 exceeds the limit 128',
    { NumberInputDataDependenciesExceeded: { number_of_input_data_dependencies: 129, limit: 128 } },
  ],
  [
    { kind: 'ReturnedValueLengthExceeded', length: 4194305n, limit: 4194304n },
    'The length of a returned value 4194305 exceeds the limit 4194304',
    { ReturnedValueLengthExceeded: { length: 4194305, limit: 4194304 } },
  ],
  [
    { kind: 'ContractSizeExceeded', size: 4194305n, limit: 4194304n },
    'The size of a contract code in DeployContract action 4194305 exceeds the limit 4194304',
    { ContractSizeExceeded: { size: 4194305, limit: 4194304 } },
  ],
  [
    { kind: 'Deprecated', method_name: 'alt_bn128_g1_sum' },
    'Attempted to call deprecated host function alt_bn128_g1_sum',
    { Deprecated: { method_name: 'alt_bn128_g1_sum' } },
  ],
  [
    { kind: 'ECRecoverError', msg: 'invalid signature length' },
    'ECDSA recover error: invalid signature length',
    { ECRecoverError: { msg: 'invalid signature length' } },
  ],
  [
    { kind: 'AltBn128InvalidInput', msg: 'point not on curve' },
    'AltBn128 invalid input: point not on curve',
    { AltBn128InvalidInput: { msg: 'point not on curve' } },
  ],
  [
    { kind: 'Ed25519VerifyInvalidInput', msg: 'invalid signature length' },
    'ED25519 signature verification error: invalid signature length',
    { Ed25519VerifyInvalidInput: { msg: 'invalid signature length' } },
  ],
  [
    { kind: 'P256VerifyInvalidInput', msg: 'invalid public key length' },
    'P256 signature verification error: invalid public key length',
    { P256VerifyInvalidInput: { msg: 'invalid public key length' } },
  ],
  [
    { kind: 'BLS12381InvalidInput', msg: 'incorrect input length' },
    'BLS12-381 invalid input: incorrect input length',
    { BLS12381InvalidInput: { msg: 'incorrect input length' } },
  ],
  [
    { kind: 'YieldPayloadLength', length: 1025n, limit: 1024n },
    'Yield resume payload is 1025 bytes which exceeds the 1024 byte limit',
    { YieldPayloadLength: { length: 1025, limit: 1024 } },
  ],
  [{ kind: 'DataIdMalformed' }, 'yield resumption token is malformed', 'DataIdMalformed'],
  [{ kind: 'YieldIdMalformed' }, 'yield id is malformed', 'YieldIdMalformed'],
  [
    { kind: 'RecordedStorageExceeded', limit: 4_000_000n },
    'Size of the recorded trie storage proof has exceeded the allowed limit (4.0 MB)',
    { RecordedStorageExceeded: { limit: 4000000 } },
  ],
  [{ kind: 'ContractCodeHashMalformed' }, 'contract code hash is malformed', 'ContractCodeHashMalformed'],
  [{ kind: 'DataEntryAlreadyExists' }, 'Data entry for given key already exists', 'DataEntryAlreadyExists'],
];

describe('HostError', () => {
  it('has a case here for every variant', () => {
    expect(cases.map(([e]) => e.kind).sort()).toEqual([...HOST_ERROR_KINDS].sort());
  });

  it.each(cases.map((c) => [c[0].kind, ...c] as const))('%s', (_kind, data, display, json) => {
    expect(displayHostError(data)).toBe(display);
    expect(hostErrorToJson(data)).toEqual(json);
    const error = new HostError(data);
    expect(error.message).toBe(display);
    expect(error.code).toBe(`HostError.${data.kind}`);
    expect(error.discriminants).toBeNull();
  });

  it('prints recorded-storage limits the way bytesize 1.1.0 does', () => {
    // 1 MiB is "1048.6 KB", not "1.0 MB": the crate picks the unit with ln(1024) but divides by 1000.
    expect(displayHostError({ kind: 'RecordedStorageExceeded', limit: 1_048_576n })).toBe(
      'Size of the recorded trie storage proof has exceeded the allowed limit (1048.6 KB)',
    );
    expect(formatByteSize(3_000_000n)).toBe('3.0 MB');
  });

  it('serializes with JSON.stringify through toJSON', () => {
    expect(JSON.stringify(new HostError({ kind: 'KeyLengthExceeded', length: 2049n, limit: 2048n }))).toBe(
      '{"KeyLengthExceeded":{"length":2049,"limit":2048}}',
    );
  });
});
