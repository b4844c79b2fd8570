/**
 * RuntimeError (near-primitives): why `Runtime::apply` failed as a whole. Never contract-visible
 * and never in an outcome: the chunk is not applied. nearcore neither serializes it nor gives it
 * a real Display — Display prints the Debug form, which this module reproduces.
 */
import { NearError } from './base.js';
import { INVALID_TX_ERROR_SPEC, type InvalidTxErrorData } from './invalid-tx-error.js';
import type { JsonValue } from './json.js';
import { RECEIPT_VALIDATION_ERROR_SPEC, type ReceiptValidationErrorData } from './receipt-validation-error.js';
import { unionCode, unionKinds, unionToDebug, unionToJson, type UnionSpec } from './spec.js';
import { STORAGE_ERROR_SPEC, type StorageErrorData } from './storage-error.js';

/** `ValidatorError.debug` is the epoch manager's EpochError, already in its Debug form. */
export type RuntimeErrorData =
  | { kind: 'UnexpectedIntegerOverflow'; msg: string }
  | { kind: 'InvalidTxError'; error: InvalidTxErrorData }
  | { kind: 'StorageError'; error: StorageErrorData }
  | { kind: 'ReceiptValidationError'; error: ReceiptValidationErrorData }
  | { kind: 'ValidatorError'; debug: string };

export const RUNTIME_ERROR_SPEC: UnionSpec<RuntimeErrorData> = {
  name: 'RuntimeError',
  variants: {
    UnexpectedIntegerOverflow: { tag: null, newtype: 'msg', type: 'string' },
    InvalidTxError: { tag: null, newtype: 'error', type: { union: INVALID_TX_ERROR_SPEC } },
    StorageError: { tag: null, newtype: 'error', type: { union: STORAGE_ERROR_SPEC } },
    ReceiptValidationError: { tag: null, newtype: 'error', type: { union: RECEIPT_VALIDATION_ERROR_SPEC } },
    ValidatorError: { tag: null, newtype: 'debug', type: 'debugText' },
  },
};

export const RUNTIME_ERROR_KINDS: readonly RuntimeErrorData['kind'][] = unionKinds(RUNTIME_ERROR_SPEC);

/**
 * nearcore's Display (its Debug), e.g. `InvalidTxError(InvalidNonce { tx_nonce: 5, ak_nonce: 7 })`;
 * amounts appear as `NearToken { inner: … }` and account ids as `AccountId("…")`.
 */
export function displayRuntimeError(e: RuntimeErrorData): string {
  return unionToDebug(RUNTIME_ERROR_SPEC, e);
}

/** Not a nearcore shape (nearcore never serializes RuntimeError); the same externally tagged form, for logs. */
export function runtimeErrorToJson(e: RuntimeErrorData): JsonValue {
  return unionToJson(RUNTIME_ERROR_SPEC, e);
}

export class RuntimeError extends NearError {
  override readonly name = 'RuntimeError';
  constructor(readonly data: RuntimeErrorData) {
    super(displayRuntimeError(data));
  }
  get code(): string {
    return unionCode(RUNTIME_ERROR_SPEC, this.data);
  }
  get discriminants(): null {
    return null;
  }
  json(): JsonValue {
    return runtimeErrorToJson(this.data);
  }
}
