/**
 * Node-level failures are @nearts/vm-errors' `RuntimeError` (nearcore's RuntimeError): the chunk
 * cannot be applied at all and nothing is written. User-level failures are data in outcomes
 * (`InvalidTxError`, `ActionError`, …). The subclasses below only make the common cases short to
 * raise; they are `RuntimeError`s with nearcore's data.
 */
import { RuntimeError, type ReceiptValidationErrorData } from '@nearts/vm-errors';

export { RuntimeError };

/** nearcore `RuntimeError::StorageError(StorageInconsistentState(msg))`. */
export class StorageInconsistentError extends RuntimeError {
  constructor(msg: string) {
    super({ kind: 'StorageError', error: { kind: 'StorageInconsistentState', msg } });
  }
}

/** An incoming receipt failed validation (nearcore `RuntimeError::ReceiptValidationError`). */
export class ReceiptValidationRuntimeError extends RuntimeError {
  constructor(error: ReceiptValidationErrorData) {
    super({ kind: 'ReceiptValidationError', error });
  }
}

/** Misuse of the runtime API (bad genesis, unknown transaction hash, …). */
export class RuntimeUsageError extends Error {
  override readonly name = 'RuntimeUsageError';
}
