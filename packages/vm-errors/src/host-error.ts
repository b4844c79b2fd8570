/**
 * HostError: a failure raised by a host function (nearcore `logic/errors.rs`).
 * Field names are nearcore's (snake_case) because they are also the RPC JSON field names.
 * u64 fields are bigint.
 */
import { NearError } from './base.js';
import type { JsonValue } from './json.js';
import { displayByteSize } from './rust-fmt.js';
import { unionCode, unionKinds, unionToJson, unknownKind, type UnionSpec } from './spec.js';

export type HostErrorData =
  | { kind: 'BadUTF16' }
  | { kind: 'BadUTF8' }
  | { kind: 'GasExceeded' }
  | { kind: 'GasLimitExceeded' }
  | { kind: 'BalanceExceeded' }
  | { kind: 'EmptyMethodName' }
  | { kind: 'GuestPanic'; panic_msg: string }
  | { kind: 'IntegerOverflow' }
  | { kind: 'InvalidPromiseIndex'; promise_idx: bigint }
  | { kind: 'CannotAppendActionToJointPromise' }
  | { kind: 'CannotReturnJointPromise' }
  | { kind: 'CannotSetRefundToOnJointPromise' }
  | { kind: 'InvalidPromiseResultIndex'; result_idx: bigint }
  | { kind: 'InvalidRegisterId'; register_id: bigint }
  | { kind: 'IteratorWasInvalidated'; iterator_index: bigint }
  | { kind: 'MemoryAccessViolation' }
  | { kind: 'InvalidReceiptIndex'; receipt_index: bigint }
  | { kind: 'InvalidIteratorIndex'; iterator_index: bigint }
  | { kind: 'InvalidAccountId' }
  | { kind: 'InvalidMethodName' }
  | { kind: 'InvalidPublicKey' }
  | { kind: 'ProhibitedInView'; method_name: string }
  | { kind: 'NumberOfLogsExceeded'; limit: bigint }
  | { kind: 'KeyLengthExceeded'; length: bigint; limit: bigint }
  | { kind: 'ValueLengthExceeded'; length: bigint; limit: bigint }
  | { kind: 'TotalLogLengthExceeded'; length: bigint; limit: bigint }
  | { kind: 'NumberPromisesExceeded'; number_of_promises: bigint; limit: bigint }
  | { kind: 'NumberInputDataDependenciesExceeded'; number_of_input_data_dependencies: bigint; limit: bigint }
  | { kind: 'ReturnedValueLengthExceeded'; length: bigint; limit: bigint }
  | { kind: 'ContractSizeExceeded'; size: bigint; limit: bigint }
  | { kind: 'Deprecated'; method_name: string }
  | { kind: 'ECRecoverError'; msg: string }
  | { kind: 'AltBn128InvalidInput'; msg: string }
  | { kind: 'Ed25519VerifyInvalidInput'; msg: string }
  | { kind: 'P256VerifyInvalidInput'; msg: string }
  | { kind: 'BLS12381InvalidInput'; msg: string }
  | { kind: 'YieldPayloadLength'; length: bigint; limit: bigint }
  | { kind: 'DataIdMalformed' }
  | { kind: 'YieldIdMalformed' }
  | { kind: 'RecordedStorageExceeded'; limit: bigint }
  | { kind: 'ContractCodeHashMalformed' }
  | { kind: 'DataEntryAlreadyExists' }
  | { kind: 'InvalidActionIndex'; receipt_index: bigint; action_index: bigint };

export type HostErrorKind = HostErrorData['kind'];

/**
 * near-vm-runner's HostError, in its declaration order. The enum is never borsh-encoded (a stored
 * outcome holds its Display text as `ExecutionError`), so no discriminants. The legacy on-chain
 * copy with discriminants is LEGACY_HOST_ERROR_SPEC.
 */
export const HOST_ERROR_SPEC: UnionSpec<HostErrorData> = {
  name: 'HostError',
  variants: {
    BadUTF16: { tag: null, unit: true },
    BadUTF8: { tag: null, unit: true },
    GasExceeded: { tag: null, unit: true },
    GasLimitExceeded: { tag: null, unit: true },
    BalanceExceeded: { tag: null, unit: true },
    EmptyMethodName: { tag: null, unit: true },
    GuestPanic: { tag: null, fields: { panic_msg: 'string' } },
    IntegerOverflow: { tag: null, unit: true },
    InvalidPromiseIndex: { tag: null, fields: { promise_idx: 'u64' } },
    CannotAppendActionToJointPromise: { tag: null, unit: true },
    CannotReturnJointPromise: { tag: null, unit: true },
    CannotSetRefundToOnJointPromise: { tag: null, unit: true },
    InvalidPromiseResultIndex: { tag: null, fields: { result_idx: 'u64' } },
    InvalidRegisterId: { tag: null, fields: { register_id: 'u64' } },
    // Legacy: only older nearcore raised it; it survives in old stored outcomes.
    IteratorWasInvalidated: { tag: null, fields: { iterator_index: 'u64' } },
    MemoryAccessViolation: { tag: null, unit: true },
    InvalidReceiptIndex: { tag: null, fields: { receipt_index: 'u64' } },
    InvalidIteratorIndex: { tag: null, fields: { iterator_index: 'u64' } },
    InvalidActionIndex: { tag: null, fields: { receipt_index: 'u64', action_index: 'u64' } },
    InvalidAccountId: { tag: null, unit: true },
    InvalidMethodName: { tag: null, unit: true },
    InvalidPublicKey: { tag: null, unit: true },
    ProhibitedInView: { tag: null, fields: { method_name: 'string' } },
    NumberOfLogsExceeded: { tag: null, fields: { limit: 'u64' } },
    KeyLengthExceeded: { tag: null, fields: { length: 'u64', limit: 'u64' } },
    ValueLengthExceeded: { tag: null, fields: { length: 'u64', limit: 'u64' } },
    TotalLogLengthExceeded: { tag: null, fields: { length: 'u64', limit: 'u64' } },
    NumberPromisesExceeded: { tag: null, fields: { number_of_promises: 'u64', limit: 'u64' } },
    NumberInputDataDependenciesExceeded: {
      tag: null,
      fields: { number_of_input_data_dependencies: 'u64', limit: 'u64' },
    },
    ReturnedValueLengthExceeded: { tag: null, fields: { length: 'u64', limit: 'u64' } },
    ContractSizeExceeded: { tag: null, fields: { size: 'u64', limit: 'u64' } },
    Deprecated: { tag: null, fields: { method_name: 'string' } },
    ECRecoverError: { tag: null, fields: { msg: 'string' } },
    AltBn128InvalidInput: { tag: null, fields: { msg: 'string' } },
    Ed25519VerifyInvalidInput: { tag: null, fields: { msg: 'string' } },
    P256VerifyInvalidInput: { tag: null, fields: { msg: 'string' } },
    BLS12381InvalidInput: { tag: null, fields: { msg: 'string' } },
    YieldPayloadLength: { tag: null, fields: { length: 'u64', limit: 'u64' } },
    DataIdMalformed: { tag: null, unit: true },
    YieldIdMalformed: { tag: null, unit: true },
    RecordedStorageExceeded: { tag: null, fields: { limit: 'u64' } },
    ContractCodeHashMalformed: { tag: null, unit: true },
    DataEntryAlreadyExists: { tag: null, unit: true },
  },
};

export const HOST_ERROR_KINDS: readonly HostErrorKind[] = unionKinds(HOST_ERROR_SPEC);

/**
 * nearcore's `bytesize::ByteSize` Display (crate version 1.1.0), used by RecordedStorageExceeded:
 * powers of 1000 chosen by a ln(1024) threshold, one decimal rounded half to even.
 */
export function formatByteSize(bytes: bigint): string {
  return displayByteSize(bytes);
}

/** nearcore's Display text of a HostError. */
export function displayHostError(e: HostErrorData): string {
  switch (e.kind) {
    case 'BadUTF16': return 'String encoding is bad UTF-16 sequence.';
    case 'BadUTF8': return 'String encoding is bad UTF-8 sequence.';
    case 'GasExceeded': return 'Exceeded the prepaid gas.';
    case 'GasLimitExceeded': return 'Exceeded the maximum amount of gas allowed to burn per contract.';
    case 'BalanceExceeded': return 'Exceeded the account balance.';
    case 'EmptyMethodName': return 'Tried to call an empty method name.';
    case 'GuestPanic': return `Smart contract panicked: ${e.panic_msg}`;
    case 'IntegerOverflow': return 'Integer overflow.';
    case 'InvalidPromiseIndex': return `${e.promise_idx} does not correspond to existing promises`;
    case 'CannotAppendActionToJointPromise': return 'Actions can only be appended to non-joint promise.';
    case 'CannotReturnJointPromise': return 'Returning joint promise is currently prohibited.';
    case 'CannotSetRefundToOnJointPromise': return 'Setting refund_to on a joint promise is prohibited.';
    case 'InvalidPromiseResultIndex': return `Accessed invalid promise result index: ${e.result_idx}`;
    case 'InvalidRegisterId': return `Accessed invalid register id: ${e.register_id}`;
    case 'IteratorWasInvalidated': return `Iterator ${e.iterator_index} was invalidated after its creation by performing a mutable operation on trie`;
    case 'MemoryAccessViolation': return 'Accessed memory outside the bounds.';
    case 'InvalidReceiptIndex': return `VM Logic returned an invalid receipt index: ${e.receipt_index}`;
    case 'InvalidIteratorIndex': return `Iterator index ${e.iterator_index} does not exist`;
    case 'InvalidAccountId': return 'VM Logic returned an invalid account id';
    case 'InvalidMethodName': return 'VM Logic returned an invalid method name';
    case 'InvalidPublicKey': return 'VM Logic provided an invalid public key';
    case 'ProhibitedInView': return `${e.method_name} is not allowed in view calls`;
    case 'NumberOfLogsExceeded': return `The number of logs will exceed the limit ${e.limit}`;
    case 'KeyLengthExceeded': return `The length of a storage key ${e.length} exceeds the limit ${e.limit}`;
    case 'ValueLengthExceeded': return `The length of a storage value ${e.length} exceeds the limit ${e.limit}`;
    case 'TotalLogLengthExceeded': return `The length of a log message ${e.length} exceeds the limit ${e.limit}`;
    case 'NumberPromisesExceeded': return `The number of promises within a FunctionCall ${e.number_of_promises} exceeds the limit ${e.limit}`;
    case 'NumberInputDataDependenciesExceeded': return `The number of input data dependencies ${e.number_of_input_data_dependencies} exceeds the limit ${e.limit}`;
    case 'ReturnedValueLengthExceeded': return `The length of a returned value ${e.length} exceeds the limit ${e.limit}`;
    case 'ContractSizeExceeded': return `The size of a contract code in DeployContract action ${e.size} exceeds the limit ${e.limit}`;
    case 'Deprecated': return `Attempted to call deprecated host function ${e.method_name}`;
    case 'ECRecoverError': return `ECDSA recover error: ${e.msg}`;
    case 'AltBn128InvalidInput': return `AltBn128 invalid input: ${e.msg}`;
    case 'Ed25519VerifyInvalidInput': return `ED25519 signature verification error: ${e.msg}`;
    case 'P256VerifyInvalidInput': return `P256 signature verification error: ${e.msg}`;
    case 'BLS12381InvalidInput': return `BLS12-381 invalid input: ${e.msg}`;
    case 'YieldPayloadLength': return `Yield resume payload is ${e.length} bytes which exceeds the ${e.limit} byte limit`;
    case 'DataIdMalformed': return 'yield resumption token is malformed';
    case 'YieldIdMalformed': return 'yield id is malformed';
    case 'RecordedStorageExceeded': return `Size of the recorded trie storage proof has exceeded the allowed limit (${formatByteSize(e.limit)})`;
    case 'ContractCodeHashMalformed': return 'contract code hash is malformed';
    case 'DataEntryAlreadyExists': return 'Data entry for given key already exists';
    case 'InvalidActionIndex': return `Action ${e.action_index} in receipt ${e.receipt_index} does not exist or has the wrong type of action.`;
    default: return unknownKind('HostError', e);
  }
}

/**
 * JSON of a HostError in serde's externally tagged form, as near-primitives' legacy copy of the
 * enum prints it (`"GasExceeded"`, `{"GuestPanic":{"panic_msg":"…"}}`). Variants newer than that
 * copy never reach JSON in nearcore (outcomes store `ExecutionError(<Display>)`); they get the
 * same shape here.
 */
export function hostErrorToJson(e: HostErrorData): JsonValue {
  return unionToJson(HOST_ERROR_SPEC, e);
}

/** Thrown by host functions; `message` is nearcore's Display text. */
export class HostError extends NearError {
  override readonly name = 'HostError';
  constructor(readonly data: HostErrorData) {
    super(displayHostError(data));
  }
  get kind(): HostErrorKind {
    return this.data.kind;
  }
  get code(): string {
    return unionCode(HOST_ERROR_SPEC, this.data);
  }
  /** None: a HostError is stored as `FunctionCallError::ExecutionError(<Display>)`, not by itself. */
  get discriminants(): null {
    return null;
  }
  json(): JsonValue {
    return hostErrorToJson(this.data);
  }
}
