/**
 * FunctionCallError: why a contract call aborted (what `VMOutcome.aborted` holds), and the
 * conversions to nearcore's Display text and to the on-chain/RPC JSON shape.
 */
import { displayHostError, type HostErrorData } from './host-error.js';
import { PREPARE_ERROR_MESSAGES, type PrepareErrorKind } from './prepare-error.js';

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
  }
}

/** A contract-visible call failure, as an exception (executors may also return it as data). */
export class FunctionCallError extends Error {
  override readonly name = 'FunctionCallError';
  constructor(readonly data: FunctionCallErrorData) {
    super(displayFunctionCallError(data));
  }
}

/** JSON shape of a HostError in nearcore's serde (externally tagged enum). */
export function hostErrorToJson(e: HostErrorData): unknown {
  const { kind, ...fields } = e;
  const keys = Object.keys(fields);
  if (keys.length === 0) return kind;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (fields as Record<string, unknown>)[k];
    out[k] = typeof v === 'bigint' ? Number(v) : v;
  }
  return { [kind]: out };
}

function compilationErrorToJson(e: CompilationErrorData): unknown {
  switch (e.kind) {
    case 'CodeDoesNotExist': return { CodeDoesNotExist: { account_id: e.account_id } };
    case 'PrepareError': return { PrepareError: e.error };
    case 'WasmerCompileError': return { WasmerCompileError: { msg: e.msg } };
    case 'WasmtimeCompileError': return { WasmtimeCompileError: { msg: e.msg } };
  }
}

/**
 * The on-chain form (`near_primitives::errors::FunctionCallError`) as the RPC prints it.
 * Since protocol 52 nearcore stores host errors, traps, link and loading errors as
 * `ExecutionError(<Display text>)`; compilation and method-resolution errors keep structure.
 */
export function functionCallErrorToJson(e: FunctionCallErrorData): unknown {
  switch (e.kind) {
    case 'CompilationError': return { CompilationError: compilationErrorToJson(e.error) };
    case 'MethodResolveError': return { MethodResolveError: e.error };
    case 'LinkError':
      return { ExecutionError: `Link Error: ${e.msg}` };
    case 'WasmTrap':
    case 'HostError':
    case 'LoadingError':
    case 'WasmUnknownError':
      return { ExecutionError: displayFunctionCallError(e) };
  }
}
