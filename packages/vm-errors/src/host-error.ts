/**
 * HostError: a failure raised by a host function (nearcore `logic/errors.rs`).
 * Field names are nearcore's (snake_case) because they are also the RPC JSON field names.
 * u64 fields are bigint.
 */

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

/** nearcore's `bytesize::ByteSize` Display (SI units, one decimal), used by RecordedStorageExceeded. */
export function formatByteSize(bytes: bigint): string {
  const units = ['KB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  if (bytes < 1000n) return `${bytes} B`;
  let unit = -1;
  let scale = 1n;
  while (unit + 1 < units.length && bytes >= scale * 1000n) {
    scale *= 1000n;
    unit++;
  }
  // One decimal, rounded half up, in integer arithmetic.
  const tenths = (bytes * 10n + scale / 2n) / scale;
  return `${tenths / 10n}.${tenths % 10n} ${units[unit]}`;
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
  }
}

/** Thrown by host functions; `message` is nearcore's Display text. */
export class HostError extends Error {
  override readonly name = 'HostError';
  constructor(readonly data: HostErrorData) {
    super(displayHostError(data));
  }
  get kind(): HostErrorKind {
    return this.data.kind;
  }
}
