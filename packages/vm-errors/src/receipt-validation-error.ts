/**
 * ReceiptValidationError (near-primitives): a receipt that fails validation. For an incoming
 * receipt it is a RuntimeError (the chunk is invalid); for a receipt a contract just created it
 * becomes `ActionErrorKind::NewReceiptValidationError` in the outcome.
 */
import {
  ACTIONS_VALIDATION_ERROR_SPEC,
  displayActionsValidationError,
  type ActionsValidationErrorData,
} from './actions-validation-error.js';
import { NearError } from './base.js';
import type { JsonValue } from './json.js';
import { unionCode, unionDiscriminants, unionKinds, unionToJson, unknownKind, type UnionSpec } from './spec.js';

/** `account_id` fields are strings that failed AccountId validation. */
export type ReceiptValidationErrorData =
  | { kind: 'InvalidPredecessorId'; account_id: string }
  | { kind: 'InvalidReceiverId'; account_id: string }
  | { kind: 'InvalidSignerId'; account_id: string }
  | { kind: 'InvalidDataReceiverId'; account_id: string }
  | { kind: 'ReturnedValueLengthExceeded'; length: bigint; limit: bigint }
  | { kind: 'NumberInputDataDependenciesExceeded'; number_of_input_data_dependencies: bigint; limit: bigint }
  | { kind: 'ActionsValidation'; error: ActionsValidationErrorData }
  | { kind: 'ReceiptSizeExceeded'; size: bigint; limit: bigint }
  | { kind: 'InvalidRefundTo'; account_id: string };

export const RECEIPT_VALIDATION_ERROR_SPEC: UnionSpec<ReceiptValidationErrorData> = {
  name: 'ReceiptValidationError',
  variants: {
    InvalidPredecessorId: { tag: 0, fields: { account_id: 'string' } },
    InvalidReceiverId: { tag: 1, fields: { account_id: 'string' } },
    InvalidSignerId: { tag: 2, fields: { account_id: 'string' } },
    InvalidDataReceiverId: { tag: 3, fields: { account_id: 'string' } },
    ReturnedValueLengthExceeded: { tag: 4, fields: { length: 'u64', limit: 'u64' } },
    NumberInputDataDependenciesExceeded: {
      tag: 5,
      fields: { number_of_input_data_dependencies: 'u64', limit: 'u64' },
    },
    ActionsValidation: { tag: 6, newtype: 'error', type: { union: ACTIONS_VALIDATION_ERROR_SPEC } },
    ReceiptSizeExceeded: { tag: 7, fields: { size: 'u64', limit: 'u64' } },
    InvalidRefundTo: { tag: 8, fields: { account_id: 'string' } },
  },
};

export const RECEIPT_VALIDATION_ERROR_KINDS: readonly ReceiptValidationErrorData['kind'][] =
  unionKinds(RECEIPT_VALIDATION_ERROR_SPEC);

/** nearcore's Display. */
export function displayReceiptValidationError(e: ReceiptValidationErrorData): string {
  switch (e.kind) {
    case 'InvalidPredecessorId':
      return `The predecessor_id \`${e.account_id}\` of a Receipt is not valid.`;
    case 'InvalidReceiverId':
      return `The receiver_id \`${e.account_id}\` of a Receipt is not valid.`;
    case 'InvalidSignerId':
      return `The signer_id \`${e.account_id}\` of an ActionReceipt is not valid.`;
    case 'InvalidDataReceiverId':
      return `The receiver_id \`${e.account_id}\` of a DataReceiver within an ActionReceipt is not valid.`;
    case 'ReturnedValueLengthExceeded':
      return `The length of the returned data ${e.length} exceeded the limit ${e.limit} in a DataReceipt`;
    case 'NumberInputDataDependenciesExceeded':
      return `The number of input data dependencies ${e.number_of_input_data_dependencies} exceeded the limit ${e.limit} in an ActionReceipt`;
    case 'ActionsValidation':
      return displayActionsValidationError(e.error);
    case 'ReceiptSizeExceeded':
      return `The size of the receipt exceeded the limit: ${e.size} > ${e.limit}`;
    case 'InvalidRefundTo':
      return `The refund_to \`${e.account_id}\` of an ActionReceipt is not valid.`;
    default:
      return unknownKind('ReceiptValidationError', e);
  }
}

export function receiptValidationErrorToJson(e: ReceiptValidationErrorData): JsonValue {
  return unionToJson(RECEIPT_VALIDATION_ERROR_SPEC, e);
}

export class ReceiptValidationError extends NearError {
  override readonly name = 'ReceiptValidationError';
  constructor(readonly data: ReceiptValidationErrorData) {
    super(displayReceiptValidationError(data));
  }
  get code(): string {
    return unionCode(RECEIPT_VALIDATION_ERROR_SPEC, this.data);
  }
  get discriminants(): readonly number[] | null {
    return unionDiscriminants(RECEIPT_VALIDATION_ERROR_SPEC, this.data);
  }
  json(): JsonValue {
    return receiptValidationErrorToJson(this.data);
  }
}
