/**
 * User-level errors are @nearts/vm-errors' data types (nearcore variant and field names, Display
 * texts, RPC JSON). The runtime produces them; it re-exports what its API mentions.
 */
export {
  InvalidTxError,
  TxExecutionError,
  invalidTxErrorToJson,
  txExecutionErrorToJson,
  actionErrorToJson,
  toOnChainFunctionCallError,
  type ActionErrorData,
  type ActionErrorKindData,
  type ActionsValidationErrorData,
  type InvalidAccessKeyErrorData,
  type InvalidTxErrorData,
  type ReceiptValidationErrorData,
  type TxExecutionErrorData,
} from '@nearts/vm-errors';
