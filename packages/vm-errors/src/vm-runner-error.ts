/**
 * Node-level failures of the VM runner: never contract-visible, never stored in an outcome.
 * A runtime that meets one stops applying the chunk instead of recording a failed receipt.
 */

export type CacheErrorData =
  | { kind: 'ReadError'; msg: string }
  | { kind: 'WriteError'; msg: string }
  | { kind: 'DeserializationError' }
  | { kind: 'SerializationError'; hash: string };

export type VMRunnerErrorData =
  | { kind: 'InconsistentStateError'; msg: string }
  | { kind: 'CacheError'; error: CacheErrorData }
  | { kind: 'LoadingError'; msg: string }
  | { kind: 'ExternalError'; msg: string }
  | { kind: 'WasmUnknownError'; debug_message: string }
  | { kind: 'ContractCodeNotPresent' };

function describe(e: VMRunnerErrorData): string {
  switch (e.kind) {
    case 'InconsistentStateError': return `Inconsistent state: ${e.msg}`;
    case 'CacheError': return `Cache error: ${e.error.kind}${'msg' in e.error ? `: ${e.error.msg}` : ''}`;
    case 'LoadingError': return `Loading error: ${e.msg}`;
    case 'ExternalError': return `External error: ${e.msg}`;
    case 'WasmUnknownError': return `Unknown error during contract execution: ${e.debug_message}`;
    case 'ContractCodeNotPresent': return 'Contract code is not present';
  }
}

export class VMRunnerError extends Error {
  override readonly name = 'VMRunnerError';
  constructor(readonly data: VMRunnerErrorData) {
    super(describe(data));
  }
}
