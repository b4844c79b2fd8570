/**
 * TxExecutionError (near-primitives): the error of a failed outcome, either an ActionError
 * (a receipt failed) or an InvalidTxError (the transaction was rejected). It is what
 * `ExecutionOutcomeView.status.Failure` and `FinalExecutionStatus::Failure` hold, and what the RPC
 * returns under `error.data.TxExecutionError` when it rejects a transaction.
 */
import { ACTION_ERROR_SPEC, displayActionError, type ActionErrorData } from './action-error.js';
import { NearError } from './base.js';
import { displayInvalidTxError, INVALID_TX_ERROR_SPEC, type InvalidTxErrorData } from './invalid-tx-error.js';
import type { JsonValue } from './json.js';
import { unionCode, unionDiscriminants, unionKinds, unionToJson, unknownKind, type UnionSpec } from './spec.js';

export type TxExecutionErrorData =
  | { kind: 'ActionError'; error: ActionErrorData }
  | { kind: 'InvalidTxError'; error: InvalidTxErrorData };

export const TX_EXECUTION_ERROR_SPEC: UnionSpec<TxExecutionErrorData> = {
  name: 'TxExecutionError',
  variants: {
    ActionError: { tag: 0, newtype: 'error', type: { struct: ACTION_ERROR_SPEC } },
    InvalidTxError: { tag: 1, newtype: 'error', type: { union: INVALID_TX_ERROR_SPEC } },
  },
};

export const TX_EXECUTION_ERROR_KINDS: readonly TxExecutionErrorData['kind'][] = unionKinds(TX_EXECUTION_ERROR_SPEC);

/** nearcore's Display: the inner error's Display. */
export function displayTxExecutionError(e: TxExecutionErrorData): string {
  switch (e.kind) {
    case 'ActionError': return displayActionError(e.error);
    case 'InvalidTxError': return displayInvalidTxError(e.error);
    default: return unknownKind('TxExecutionError', e);
  }
}

/**
 * serde JSON, e.g.
 * `{"ActionError":{"index":0,"kind":{"FunctionCallError":{"ExecutionError":"Smart contract panicked: x"}}}}`
 * or `{"InvalidTxError":"Expired"}`.
 */
export function txExecutionErrorToJson(e: TxExecutionErrorData): JsonValue {
  return unionToJson(TX_EXECUTION_ERROR_SPEC, e);
}

/** An outcome's `status` for this failure: `{"Failure": <TxExecutionError>}` (ExecutionStatusView and FinalExecutionStatus alike). */
export function failureStatusToJson(e: TxExecutionErrorData): JsonValue {
  return { Failure: txExecutionErrorToJson(e) };
}

/** The RPC's `error.data` when it rejects a transaction (`ServerError::TxExecutionError`): `{"TxExecutionError": …}`. */
export function serverErrorDataToJson(e: TxExecutionErrorData): JsonValue {
  return { TxExecutionError: txExecutionErrorToJson(e) };
}

export class TxExecutionError extends NearError {
  override readonly name = 'TxExecutionError';
  constructor(readonly data: TxExecutionErrorData) {
    super(displayTxExecutionError(data));
  }
  /** e.g. `TxExecutionError.InvalidTxError.InvalidNonce`, `TxExecutionError.ActionError.AccountDoesNotExist`. */
  get code(): string {
    return unionCode(TX_EXECUTION_ERROR_SPEC, this.data);
  }
  get discriminants(): readonly number[] | null {
    return unionDiscriminants(TX_EXECUTION_ERROR_SPEC, this.data);
  }
  json(): JsonValue {
    return txExecutionErrorToJson(this.data);
  }
}
