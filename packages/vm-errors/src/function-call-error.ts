/**
 * FunctionCallError: why a contract call aborted (what `VMOutcome.aborted` holds), and the
 * conversions to nearcore's Display text and to the on-chain/RPC JSON shape.
 */
import { NearError } from './base.js';
import { displayHostError, HOST_ERROR_SPEC, type HostErrorData } from './host-error.js';
import type { JsonValue } from './json.js';
import {
  METHOD_RESOLVE_ERROR_SPEC,
  ONCHAIN_FUNCTION_CALL_ERROR_SPEC,
  onChainFunctionCallErrorToJson,
  WASM_TRAP_SPEC,
  type OnChainFunctionCallErrorData,
} from './onchain-function-call-error.js';
import { PREPARE_ERROR_MESSAGES, PREPARE_ERROR_SPEC, type PrepareErrorKind } from './prepare-error.js';
import { unionCode, unionDiscriminants, unionToDebug, unknownKind, type UnionSpec } from './spec.js';

export const WASM_TRAP_MESSAGES = {
  Unreachable: 'An `unreachable` opcode was executed.',
  IncorrectCallIndirectSignature: 'Call indirect incorrect signature trap.',
  MemoryOutOfBounds: 'Memory out of bounds trap.',
  CallIndirectOOB: 'Call indirect out of bounds trap.',
  IllegalArithmetic: 'An arithmetic exception, e.g. divided by zero.',
  MisalignedAtomicAccess: 'Misaligned atomic access trap.',
  IndirectCallToNull: 'Indirect call to null.',
  StackOverflow: 'Stack overflow.',
  GenericTrap: 'Generic trap.',
} as const;
export type WasmTrapKind = keyof typeof WASM_TRAP_MESSAGES;

export type MethodResolveErrorKind = 'MethodEmptyName' | 'MethodNotFound' | 'MethodInvalidSignature';

export type CompilationErrorData =
  | { kind: 'CodeDoesNotExist'; account_id: string }
  | { kind: 'PrepareError'; error: PrepareErrorKind }
  | { kind: 'WasmerCompileError'; msg: string }
  | { kind: 'WasmtimeCompileError'; msg: string };

export type FunctionCallErrorData =
  | { kind: 'CompilationError'; error: CompilationErrorData }
  | { kind: 'LinkError'; msg: string }
  | { kind: 'MethodResolveError'; error: MethodResolveErrorKind }
  | { kind: 'WasmTrap'; trap: WasmTrapKind }
  | { kind: 'HostError'; error: HostErrorData }
  | { kind: 'LoadingError'; msg: string }
  | { kind: 'WasmUnknownError'; msg: string };

export function displayCompilationError(e: CompilationErrorData): string {
  switch (e.kind) {
    case 'CodeDoesNotExist': return `cannot find contract code for account ${e.account_id}`;
    case 'PrepareError': return `PrepareError: ${PREPARE_ERROR_MESSAGES[e.error]}`;
    case 'WasmerCompileError': return `Wasmer compilation error: ${e.msg}`;
    case 'WasmtimeCompileError': return `Wasmtime compilation error: ${e.msg}`;
    default: return unknownKind('CompilationError', e);
  }
}

/** nearcore's Display of a FunctionCallError: what its test harness prints after `Err: `. */
export function displayFunctionCallError(e: FunctionCallErrorData): string {
  switch (e.kind) {
    case 'CompilationError': return displayCompilationError(e.error);
    case 'LinkError': return e.msg;
    case 'MethodResolveError': return e.error;
    case 'WasmTrap': return `WebAssembly trap: ${WASM_TRAP_MESSAGES[e.trap]}`;
    case 'HostError': return displayHostError(e.error);
    case 'LoadingError': return `Loading error: ${e.msg}`;
    case 'WasmUnknownError': return `Unknown error during contract execution: ${e.msg}`;
    default: return unknownKind('FunctionCallError', e);
  }
}

/**
 * Rust `{:?}` of near-vm-runner's FunctionCallError, e.g.
 * `HostError(ProhibitedInView { method_name: "storage_write" })`: what a failed view call reports
 * (nearcore state_viewer: `wasm execution failed with error: {:?}`).
 */
export function debugFunctionCallError(e: FunctionCallErrorData): string {
  return unionToDebug(FUNCTION_CALL_ERROR_SPEC, e);
}

/** near-vm-runner's CompilationError; its discriminants are the compiled-contract cache's. */
export const COMPILATION_ERROR_SPEC: UnionSpec<CompilationErrorData> = {
  name: 'CompilationError',
  variants: {
    // A `Box<str>` here, not an AccountId (the runtime parses it when converting).
    CodeDoesNotExist: { tag: 0, fields: { account_id: 'string' } },
    PrepareError: { tag: 1, newtype: 'error', type: { names: PREPARE_ERROR_SPEC } },
    WasmerCompileError: { tag: 2, fields: { msg: 'string' } },
    WasmtimeCompileError: { tag: 3, fields: { msg: 'string' } },
  },
};

/** near-vm-runner's FunctionCallError (never borsh-encoded as such; see ONCHAIN_FUNCTION_CALL_ERROR_SPEC). */
export const FUNCTION_CALL_ERROR_SPEC: UnionSpec<FunctionCallErrorData> = {
  name: 'FunctionCallError',
  variants: {
    CompilationError: { tag: null, newtype: 'error', type: { union: COMPILATION_ERROR_SPEC } },
    LinkError: { tag: null, fields: { msg: 'string' } },
    MethodResolveError: { tag: null, newtype: 'error', type: { names: METHOD_RESOLVE_ERROR_SPEC } },
    WasmTrap: { tag: null, newtype: 'trap', type: { names: WASM_TRAP_SPEC } },
    HostError: { tag: null, newtype: 'error', type: { union: HOST_ERROR_SPEC } },
    LoadingError: { tag: null, fields: { msg: 'string' } },
    WasmUnknownError: { tag: null, fields: { msg: 'string' } },
  },
};

/**
 * The form an outcome stores (nearcore runtime/src/conversions.rs): compilation and
 * method-resolution errors keep their structure (a Wasmtime compile error is reported as
 * `WasmerCompileError` so the VM in use stays invisible to the protocol); every other failure
 * becomes `ExecutionError(text)`, where the text is the Display for host errors and traps,
 * `Link Error: <msg>`, `Loading Error: <msg>` (capital E, unlike the Display), or the bare
 * message of an unknown error.
 */
export function toOnChainFunctionCallError(e: FunctionCallErrorData): OnChainFunctionCallErrorData {
  switch (e.kind) {
    case 'CompilationError': {
      const c = e.error;
      switch (c.kind) {
        case 'CodeDoesNotExist': return { kind: 'CompilationError', error: { kind: 'CodeDoesNotExist', account_id: c.account_id } };
        case 'PrepareError': return { kind: 'CompilationError', error: { kind: 'PrepareError', error: c.error } };
        case 'WasmerCompileError':
        case 'WasmtimeCompileError':
          return { kind: 'CompilationError', error: { kind: 'WasmerCompileError', msg: c.msg } };
        default: return unknownKind('CompilationError', c);
      }
    }
    case 'MethodResolveError': return { kind: 'MethodResolveError', error: e.error };
    case 'HostError':
    case 'WasmTrap':
      return { kind: 'ExecutionError', msg: displayFunctionCallError(e) };
    case 'LinkError': return { kind: 'ExecutionError', msg: `Link Error: ${e.msg}` };
    case 'LoadingError': return { kind: 'ExecutionError', msg: `Loading Error: ${e.msg}` };
    case 'WasmUnknownError': return { kind: 'ExecutionError', msg: e.msg };
    default: return unknownKind('FunctionCallError', e);
  }
}

/** A contract-visible call failure, as an exception (executors may also return it as data). */
export class FunctionCallError extends NearError {
  override readonly name = 'FunctionCallError';
  constructor(readonly data: FunctionCallErrorData) {
    super(displayFunctionCallError(data));
  }
  /** e.g. `FunctionCallError.HostError.GasExceeded`, `FunctionCallError.CompilationError.PrepareError.Deserialization`. */
  get code(): string {
    return unionCode(FUNCTION_CALL_ERROR_SPEC, this.data);
  }
  /** Discriminants of the stored form, e.g. `[7]` (ExecutionError) for a host error. */
  get discriminants(): readonly number[] | null {
    return unionDiscriminants(ONCHAIN_FUNCTION_CALL_ERROR_SPEC, toOnChainFunctionCallError(this.data));
  }
  json(): JsonValue {
    return functionCallErrorToJson(this.data);
  }
}

/**
 * The on-chain/RPC JSON of a call failure (`near_primitives::errors::FunctionCallError`), e.g.
 * `{"ExecutionError":"Exceeded the prepaid gas."}` or
 * `{"CompilationError":{"PrepareError":"Deserialization"}}`.
 */
export function functionCallErrorToJson(e: FunctionCallErrorData): JsonValue {
  return onChainFunctionCallErrorToJson(toOnChainFunctionCallError(e));
}
