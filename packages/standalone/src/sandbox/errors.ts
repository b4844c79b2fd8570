/** Errors of the sandbox API: bad arguments and misuse, never contract failures (those are data). */

export type SandboxErrorCode =
  | 'invalid_amount'
  | 'invalid_argument'
  | 'unknown_account'
  | 'unknown_key'
  | 'busy'
  | 'invalid_transaction'
  | 'transaction_failed'
  | 'view_failed';

export class SandboxError extends Error {
  override readonly name: string = 'SandboxError';
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown by `call`/`createAccount` style helpers when the transaction failed; the full result is attached. */
export class TransactionFailedError extends SandboxError {
  override readonly name = 'TransactionFailedError';
  constructor(readonly result: { hash: string; errorKind?: string; errorMessage?: string; logs: string[] }) {
    super('transaction_failed', `transaction ${result.hash} failed: ${result.errorMessage ?? 'unknown error'}${result.errorKind ? ` (${result.errorKind})` : ''}`);
  }
}
