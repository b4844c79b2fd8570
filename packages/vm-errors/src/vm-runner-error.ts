/**
 * Node-level failures of the VM runner: never contract-visible, never stored in an outcome.
 * A runtime that meets one stops applying the chunk instead of recording a failed receipt.
 * nearcore never serializes these; `json()` gives the same externally tagged shape as the other
 * errors, for logs.
 */
import { NearError } from './base.js';
import type { JsonValue } from './json.js';
import { unionCode, unionKinds, unionToJson, unknownKind, type UnionSpec } from './spec.js';

/** `msg` of ReadError/WriteError is the Display of the underlying I/O error. */
export type CacheErrorData =
  | { kind: 'ReadError'; msg: string }
  | { kind: 'WriteError'; msg: string }
  | { kind: 'DeserializationError' }
  | { kind: 'SerializationError'; hash: string };

/**
 * InconsistentStateError's `msg` names the inner variant (nearcore has one, `IntegerOverflow`);
 * ExternalError's `msg` is a diagnostic that nearcore's Display does not print.
 */
export type VMRunnerErrorData =
  | { kind: 'InconsistentStateError'; msg: string }
  | { kind: 'CacheError'; error: CacheErrorData }
  | { kind: 'LoadingError'; msg: string }
  | { kind: 'ExternalError'; msg: string }
  | { kind: 'WasmUnknownError'; debug_message: string }
  | { kind: 'ContractCodeNotPresent' };

/** Display of near-vm-runner's InconsistentStateError, by variant name. */
export const INCONSISTENT_STATE_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  IntegerOverflow: 'Math operation with a value from the state resulted in a integer overflow.',
};

export const CACHE_ERROR_SPEC: UnionSpec<CacheErrorData> = {
  name: 'CacheError',
  variants: {
    ReadError: { tag: null, newtype: 'msg', type: 'string' },
    WriteError: { tag: null, newtype: 'msg', type: 'string' },
    DeserializationError: { tag: null, unit: true },
    SerializationError: { tag: null, fields: { hash: 'cryptoHash' } },
  },
};

export const VM_RUNNER_ERROR_SPEC: UnionSpec<VMRunnerErrorData> = {
  name: 'VMRunnerError',
  variants: {
    InconsistentStateError: { tag: null, newtype: 'msg', type: 'string' },
    CacheError: { tag: null, newtype: 'error', type: { union: CACHE_ERROR_SPEC } },
    LoadingError: { tag: null, newtype: 'msg', type: 'string' },
    ExternalError: { tag: null, newtype: 'msg', type: 'string' },
    WasmUnknownError: { tag: null, fields: { debug_message: 'string' } },
    ContractCodeNotPresent: { tag: null, unit: true },
  },
};

export const CACHE_ERROR_KINDS: readonly CacheErrorData['kind'][] = unionKinds(CACHE_ERROR_SPEC);
export const VM_RUNNER_ERROR_KINDS: readonly VMRunnerErrorData['kind'][] = unionKinds(VM_RUNNER_ERROR_SPEC);

/** nearcore's Display of a CacheError (thiserror texts in logic/errors.rs). */
export function displayCacheError(e: CacheErrorData): string {
  switch (e.kind) {
    case 'ReadError': return `cache read error: ${e.msg}`;
    case 'WriteError': return `cache write error: ${e.msg}`;
    case 'DeserializationError': return 'cache deserialization error';
    case 'SerializationError': return 'cache serialization error';
    default: return unknownKind('CacheError', e);
  }
}

/** nearcore's Display of a VMRunnerError (thiserror texts in logic/errors.rs). */
export function displayVMRunnerError(e: VMRunnerErrorData): string {
  switch (e.kind) {
    case 'InconsistentStateError': return INCONSISTENT_STATE_ERROR_MESSAGES[e.msg] ?? e.msg;
    case 'CacheError': return `cache error: ${displayCacheError(e.error)}`;
    case 'LoadingError': return `loading error: ${e.msg}`;
    case 'ExternalError': return 'external error';
    case 'WasmUnknownError': return `unknown error during contract execution: ${e.debug_message}`;
    case 'ContractCodeNotPresent': return 'account has no associated contract code';
    default: return unknownKind('VMRunnerError', e);
  }
}

export function vmRunnerErrorToJson(e: VMRunnerErrorData): JsonValue {
  return unionToJson(VM_RUNNER_ERROR_SPEC, e);
}

export class VMRunnerError extends NearError {
  override readonly name = 'VMRunnerError';
  constructor(readonly data: VMRunnerErrorData) {
    super(displayVMRunnerError(data));
  }
  get code(): string {
    return unionCode(VM_RUNNER_ERROR_SPEC, this.data);
  }
  get discriminants(): null {
    return null;
  }
  json(): JsonValue {
    return vmRunnerErrorToJson(this.data);
  }
}
