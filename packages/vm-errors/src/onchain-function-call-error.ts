/**
 * near-primitives' FunctionCallError: the serializable copy of the VM's FunctionCallError that
 * outcomes store inside `ActionErrorKind::FunctionCallError` and the RPC prints. Its variants may
 * only be appended to; LinkError, WasmTrap and HostError are kept to read old outcomes, while new
 * outcomes carry those failures as `ExecutionError(<text>)` (see toOnChainFunctionCallError).
 *
 * nearcore gives this enum no Display; `ActionErrorKind`'s Display prints it with `{:?}`, which is
 * why debugOnChainFunctionCallError exists.
 */
import type { MethodResolveErrorKind, WasmTrapKind } from './function-call-error.js';
import type { HostErrorData } from './host-error.js';
import type { JsonValue } from './json.js';
import { ONCHAIN_PREPARE_ERROR_SPEC, type PrepareErrorKind } from './prepare-error.js';
import { unionToDebug, unionToJson, type UnionSpec, type UnitEnumSpec } from './spec.js';

export const WASM_TRAP_SPEC: UnitEnumSpec<WasmTrapKind> = {
  name: 'WasmTrap',
  tags: {
    Unreachable: 0,
    IncorrectCallIndirectSignature: 1,
    MemoryOutOfBounds: 2,
    CallIndirectOOB: 3,
    IllegalArithmetic: 4,
    MisalignedAtomicAccess: 5,
    IndirectCallToNull: 6,
    StackOverflow: 7,
    GenericTrap: 8,
  },
};

export const METHOD_RESOLVE_ERROR_SPEC: UnitEnumSpec<MethodResolveErrorKind> = {
  name: 'MethodResolveError',
  tags: { MethodEmptyName: 0, MethodNotFound: 1, MethodInvalidSignature: 2 },
};

/** The host errors the on-chain enum knows (its variants 0..33); newer ones exist only as text. */
export type LegacyHostErrorKind =
  | 'BadUTF16' | 'BadUTF8' | 'GasExceeded' | 'GasLimitExceeded' | 'BalanceExceeded' | 'EmptyMethodName'
  | 'GuestPanic' | 'IntegerOverflow' | 'InvalidPromiseIndex' | 'CannotAppendActionToJointPromise'
  | 'CannotReturnJointPromise' | 'InvalidPromiseResultIndex' | 'InvalidRegisterId' | 'IteratorWasInvalidated'
  | 'MemoryAccessViolation' | 'InvalidReceiptIndex' | 'InvalidIteratorIndex' | 'InvalidAccountId'
  | 'InvalidMethodName' | 'InvalidPublicKey' | 'ProhibitedInView' | 'NumberOfLogsExceeded' | 'KeyLengthExceeded'
  | 'ValueLengthExceeded' | 'TotalLogLengthExceeded' | 'NumberPromisesExceeded'
  | 'NumberInputDataDependenciesExceeded' | 'ReturnedValueLengthExceeded' | 'ContractSizeExceeded' | 'Deprecated'
  | 'ECRecoverError' | 'AltBn128InvalidInput' | 'Ed25519VerifyInvalidInput' | 'P256VerifyInvalidInput';
export type LegacyHostErrorData = Extract<HostErrorData, { kind: LegacyHostErrorKind }>;

export const LEGACY_HOST_ERROR_SPEC: UnionSpec<LegacyHostErrorData> = {
  name: 'HostError',
  variants: {
    BadUTF16: { tag: 0, unit: true },
    BadUTF8: { tag: 1, unit: true },
    GasExceeded: { tag: 2, unit: true },
    GasLimitExceeded: { tag: 3, unit: true },
    BalanceExceeded: { tag: 4, unit: true },
    EmptyMethodName: { tag: 5, unit: true },
    GuestPanic: { tag: 6, fields: { panic_msg: 'string' } },
    IntegerOverflow: { tag: 7, unit: true },
    InvalidPromiseIndex: { tag: 8, fields: { promise_idx: 'u64' } },
    CannotAppendActionToJointPromise: { tag: 9, unit: true },
    CannotReturnJointPromise: { tag: 10, unit: true },
    InvalidPromiseResultIndex: { tag: 11, fields: { result_idx: 'u64' } },
    InvalidRegisterId: { tag: 12, fields: { register_id: 'u64' } },
    IteratorWasInvalidated: { tag: 13, fields: { iterator_index: 'u64' } },
    MemoryAccessViolation: { tag: 14, unit: true },
    InvalidReceiptIndex: { tag: 15, fields: { receipt_index: 'u64' } },
    InvalidIteratorIndex: { tag: 16, fields: { iterator_index: 'u64' } },
    InvalidAccountId: { tag: 17, unit: true },
    InvalidMethodName: { tag: 18, unit: true },
    InvalidPublicKey: { tag: 19, unit: true },
    ProhibitedInView: { tag: 20, fields: { method_name: 'string' } },
    NumberOfLogsExceeded: { tag: 21, fields: { limit: 'u64' } },
    KeyLengthExceeded: { tag: 22, fields: { length: 'u64', limit: 'u64' } },
    ValueLengthExceeded: { tag: 23, fields: { length: 'u64', limit: 'u64' } },
    TotalLogLengthExceeded: { tag: 24, fields: { length: 'u64', limit: 'u64' } },
    NumberPromisesExceeded: { tag: 25, fields: { number_of_promises: 'u64', limit: 'u64' } },
    NumberInputDataDependenciesExceeded: {
      tag: 26,
      fields: { number_of_input_data_dependencies: 'u64', limit: 'u64' },
    },
    ReturnedValueLengthExceeded: { tag: 27, fields: { length: 'u64', limit: 'u64' } },
    ContractSizeExceeded: { tag: 28, fields: { size: 'u64', limit: 'u64' } },
    Deprecated: { tag: 29, fields: { method_name: 'string' } },
    ECRecoverError: { tag: 30, fields: { msg: 'string' } },
    AltBn128InvalidInput: { tag: 31, fields: { msg: 'string' } },
    Ed25519VerifyInvalidInput: { tag: 32, fields: { msg: 'string' } },
    P256VerifyInvalidInput: { tag: 33, fields: { msg: 'string' } },
  },
};

export type OnChainCompilationErrorData =
  | { kind: 'CodeDoesNotExist'; account_id: string }
  | { kind: 'PrepareError'; error: PrepareErrorKind }
  | { kind: 'WasmerCompileError'; msg: string };

export const ONCHAIN_COMPILATION_ERROR_SPEC: UnionSpec<OnChainCompilationErrorData> = {
  name: 'CompilationError',
  variants: {
    CodeDoesNotExist: { tag: 0, fields: { account_id: 'accountId' } },
    PrepareError: { tag: 1, newtype: 'error', type: { names: ONCHAIN_PREPARE_ERROR_SPEC } },
    WasmerCompileError: { tag: 2, fields: { msg: 'string' } },
  },
};

export type OnChainFunctionCallErrorData =
  | { kind: 'CompilationError'; error: OnChainCompilationErrorData }
  | { kind: 'LinkError'; msg: string }
  | { kind: 'MethodResolveError'; error: MethodResolveErrorKind }
  | { kind: 'WasmTrap'; trap: WasmTrapKind }
  | { kind: 'WasmUnknownError' }
  | { kind: 'HostError'; error: LegacyHostErrorData }
  | { kind: '_EVMError' }
  | { kind: 'ExecutionError'; msg: string };

export const ONCHAIN_FUNCTION_CALL_ERROR_SPEC: UnionSpec<OnChainFunctionCallErrorData> = {
  name: 'FunctionCallError',
  variants: {
    CompilationError: { tag: 0, newtype: 'error', type: { union: ONCHAIN_COMPILATION_ERROR_SPEC } },
    LinkError: { tag: 1, fields: { msg: 'string' } },
    MethodResolveError: { tag: 2, newtype: 'error', type: { names: METHOD_RESOLVE_ERROR_SPEC } },
    WasmTrap: { tag: 3, newtype: 'trap', type: { names: WASM_TRAP_SPEC } },
    WasmUnknownError: { tag: 4, unit: true },
    HostError: { tag: 5, newtype: 'error', type: { union: LEGACY_HOST_ERROR_SPEC } },
    _EVMError: { tag: 6, unit: true },
    ExecutionError: { tag: 7, newtype: 'msg', type: 'string' },
  },
};

/** serde JSON, e.g. `{"ExecutionError":"Smart contract panicked: x"}` or `{"MethodResolveError":"MethodNotFound"}`. */
export function onChainFunctionCallErrorToJson(e: OnChainFunctionCallErrorData): JsonValue {
  return unionToJson(ONCHAIN_FUNCTION_CALL_ERROR_SPEC, e);
}

/** Rust `{:?}`, e.g. `ExecutionError("Smart contract panicked: x")` — what ActionError's Display embeds. */
export function debugOnChainFunctionCallError(e: OnChainFunctionCallErrorData): string {
  return unionToDebug(ONCHAIN_FUNCTION_CALL_ERROR_SPEC, e);
}
