/**
 * Errors of the transaction runtime.
 *
 * `RuntimeError` is nearcore's node-level failure (inconsistent state, invalid incoming receipt):
 * the chunk cannot be applied at all, nothing is written. User-level failures are data
 * (`InvalidTxError`, `ActionError`, …) recorded in outcomes; their types live in
 * `./tx-errors.ts`.
 */

export class RuntimeError extends Error {
  override readonly name: string = 'RuntimeError';
}

/** nearcore `StorageError::StorageInconsistentState`. */
export class StorageInconsistentError extends RuntimeError {
  override readonly name = 'StorageInconsistentError';
  constructor(detail: string) {
    super(`Storage inconsistent state: ${detail}`);
  }
}

/** An incoming receipt failed validation (nearcore `RuntimeError::ReceiptValidationError`). */
export class ReceiptValidationRuntimeError extends RuntimeError {
  override readonly name = 'ReceiptValidationRuntimeError';
  constructor(readonly error: unknown, message: string) {
    super(message);
  }
}

/** Misuse of the runtime API (bad genesis, unknown transaction hash, …). */
export class RuntimeUsageError extends Error {
  override readonly name = 'RuntimeUsageError';
}
