/**
 * User-level errors as data, in nearcore's variant names and field names (snake_case, as in the
 * RPC JSON): InvalidTxError, InvalidAccessKeyError, ActionsValidationError, ReceiptValidationError,
 * ActionError, TxExecutionError. u64 and u128 fields are bigint, public keys their
 * `ed25519:<base58>` text.
 *
 * ADAPTER: @nearts/vm-errors will own these types with Display and JSON; until it exports them
 * the runtime defines the shapes here (same `kind` + field convention as its FunctionCallError)
 * and a JSON conversion that follows nearcore's serde (externally tagged enums, u128 as strings).
 */
import type { FunctionCallErrorData } from '@nearts/vm-errors';
import { functionCallErrorToJson } from '@nearts/vm-errors';

export type InvalidAccessKeyErrorData =
  | { kind: 'AccessKeyNotFound'; account_id: string; public_key: string }
  | { kind: 'ReceiverMismatch'; tx_receiver: string; ak_receiver: string }
  | { kind: 'MethodNameMismatch'; method_name: string }
  | { kind: 'RequiresFullAccess' }
  | { kind: 'NotEnoughAllowance'; account_id: string; public_key: string; allowance: bigint; cost: bigint }
  | { kind: 'DepositWithFunctionCall' }
  | { kind: 'DelegateActionRequiresNonGasKey' }
  | { kind: 'DelegateActionRequiresGasKey' };

export type ActionsValidationErrorData =
  | { kind: 'DeleteActionMustBeFinal' }
  | { kind: 'TotalPrepaidGasExceeded'; total_prepaid_gas: bigint; limit: bigint }
  | { kind: 'TotalNumberOfActionsExceeded'; total_number_of_actions: bigint; limit: bigint }
  | { kind: 'AddKeyMethodNamesNumberOfBytesExceeded'; total_number_of_bytes: bigint; limit: bigint }
  | { kind: 'AddKeyMethodNameLengthExceeded'; length: bigint; limit: bigint }
  | { kind: 'IntegerOverflow' }
  | { kind: 'InvalidAccountId'; account_id: string }
  | { kind: 'ContractSizeExceeded'; size: bigint; limit: bigint }
  | { kind: 'FunctionCallMethodNameLengthExceeded'; length: bigint; limit: bigint }
  | { kind: 'FunctionCallArgumentsLengthExceeded'; length: bigint; limit: bigint }
  | { kind: 'UnsuitableStakingKey'; public_key: string }
  | { kind: 'FunctionCallZeroAttachedGas' }
  | { kind: 'DelegateActionMustBeOnlyOne' }
  | { kind: 'UnsupportedProtocolFeature'; protocol_feature: string; version: number }
  | { kind: 'InvalidDeterministicStateInitReceiver'; derived_id: string; receiver_id: string }
  | { kind: 'DeterministicStateInitKeyLengthExceeded'; length: bigint; limit: bigint }
  | { kind: 'DeterministicStateInitValueLengthExceeded'; length: bigint; limit: bigint }
  | { kind: 'GasKeyInvalidNumNonces'; requested_nonces: number; limit: number }
  | { kind: 'AddGasKeyWithNonZeroBalance'; balance: bigint }
  | { kind: 'GasKeyFunctionCallAllowanceNotAllowed' }
  | { kind: 'TotalNumberOfDeployActionsExceeded'; number_of_deploy_actions: bigint; limit: bigint };

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

export type InvalidTxErrorData =
  | { kind: 'InvalidAccessKeyError'; error: InvalidAccessKeyErrorData }
  | { kind: 'InvalidSignerId'; signer_id: string }
  | { kind: 'SignerDoesNotExist'; signer_id: string }
  | { kind: 'InvalidNonce'; tx_nonce: bigint; ak_nonce: bigint }
  | { kind: 'NonceTooLarge'; tx_nonce: bigint; upper_bound: bigint }
  | { kind: 'InvalidReceiverId'; receiver_id: string }
  | { kind: 'InvalidSignature' }
  | { kind: 'NotEnoughBalance'; signer_id: string; balance: bigint; cost: bigint }
  | { kind: 'LackBalanceForState'; signer_id: string; amount: bigint }
  | { kind: 'CostOverflow' }
  | { kind: 'InvalidChain' }
  | { kind: 'Expired' }
  | { kind: 'ActionsValidation'; error: ActionsValidationErrorData }
  | { kind: 'TransactionSizeExceeded'; size: bigint; limit: bigint }
  | { kind: 'InvalidTransactionVersion' }
  | { kind: 'StorageError'; message: string }
  | { kind: 'ShardCongested'; shard_id: number; congestion_level: number }
  | { kind: 'ShardStuck'; shard_id: number; missed_chunks: bigint }
  | { kind: 'InvalidNonceIndex'; tx_nonce_index: number | null; num_nonces: number }
  | { kind: 'NotEnoughGasKeyBalance'; signer_id: string; balance: bigint; cost: bigint }
  | {
      kind: 'NotEnoughBalanceForDeposit';
      signer_id: string;
      balance: bigint;
      cost: bigint;
      reason: 'NotEnoughBalance' | 'LackBalanceForState';
    };

export type GlobalContractIdentifierJson = { CodeHash: string } | { AccountId: string };

export type ActionErrorKindData =
  | { kind: 'AccountAlreadyExists'; account_id: string }
  | { kind: 'AccountDoesNotExist'; account_id: string }
  | { kind: 'CreateAccountOnlyByRegistrar'; account_id: string; registrar_account_id: string; predecessor_id: string }
  | { kind: 'CreateAccountNotAllowed'; account_id: string; predecessor_id: string }
  | { kind: 'ActorNoPermission'; account_id: string; actor_id: string }
  | { kind: 'DeleteKeyDoesNotExist'; account_id: string; public_key: string }
  | { kind: 'AddKeyAlreadyExists'; account_id: string; public_key: string }
  | { kind: 'DeleteAccountStaking'; account_id: string }
  | { kind: 'LackBalanceForState'; account_id: string; amount: bigint }
  | { kind: 'TriesToUnstake'; account_id: string }
  | { kind: 'TriesToStake'; account_id: string; stake: bigint; locked: bigint; balance: bigint }
  | { kind: 'InsufficientStake'; account_id: string; stake: bigint; minimum_stake: bigint }
  | { kind: 'FunctionCallError'; error: FunctionCallErrorData }
  | { kind: 'NewReceiptValidationError'; error: ReceiptValidationErrorData }
  | { kind: 'OnlyImplicitAccountCreationAllowed'; account_id: string }
  | { kind: 'DeleteAccountWithLargeState'; account_id: string }
  | { kind: 'DelegateActionInvalidSignature' }
  | { kind: 'DelegateActionSenderDoesNotMatchTxReceiver'; sender_id: string; receiver_id: string }
  | { kind: 'DelegateActionExpired' }
  | { kind: 'DelegateActionAccessKeyError'; error: InvalidAccessKeyErrorData }
  | { kind: 'DelegateActionInvalidNonce'; delegate_nonce: bigint; ak_nonce: bigint }
  | { kind: 'DelegateActionNonceTooLarge'; delegate_nonce: bigint; upper_bound: bigint }
  | { kind: 'GlobalContractDoesNotExist'; identifier: GlobalContractIdentifierJson }
  | { kind: 'GasKeyDoesNotExist'; account_id: string; public_key: string }
  | { kind: 'InsufficientGasKeyBalance'; account_id: string; public_key: string; balance: bigint; required: bigint }
  | { kind: 'GasKeyBalanceTooHigh'; account_id: string; public_key: string | null; balance: bigint }
  | { kind: 'DelegateActionInvalidNonceIndex'; nonce_index: number | null; num_nonces: number };

export interface ActionErrorData {
  /** Index of the failed action; null when the failure is not tied to one (storage staking). */
  index: bigint | null;
  kind: ActionErrorKindData;
}

export type TxExecutionErrorData =
  | { kind: 'ActionError'; error: ActionErrorData }
  | { kind: 'InvalidTxError'; error: InvalidTxErrorData };

/** Fields nearcore serializes as decimal strings (u128 balances). */
const U128_FIELDS = new Set([
  'balance',
  'cost',
  'amount',
  'allowance',
  'stake',
  'locked',
  'minimum_stake',
  'required',
]);

/** Fields that hold a nested error (newtype variants in nearcore). */
const NESTED_FIELDS = new Set(['error']);

type Tagged = { kind: string } & Record<string, unknown>;

/** serde JSON of an externally tagged error enum value. */
export function errorDataToJson(e: Tagged, nested?: (v: unknown) => unknown): unknown {
  const { kind, ...fields } = e;
  const keys = Object.keys(fields);
  if (keys.length === 0) return kind;
  if (keys.length === 1 && NESTED_FIELDS.has(keys[0])) {
    return { [kind]: (nested ?? ((v) => errorDataToJson(v as Tagged)))(fields[keys[0]]) };
  }
  const out: Record<string, unknown> = {};
  for (const k of keys.sort()) {
    const v = fields[k];
    if (typeof v === 'bigint') out[k] = U128_FIELDS.has(k) ? v.toString() : Number(v);
    else out[k] = v;
  }
  return { [kind]: out };
}

export function actionErrorToJson(e: ActionErrorData): unknown {
  const kind =
    e.kind.kind === 'FunctionCallError'
      ? { FunctionCallError: functionCallErrorToJson(e.kind.error) }
      : e.kind.kind === 'NewReceiptValidationError'
        ? { NewReceiptValidationError: errorDataToJson(e.kind.error as Tagged) }
        : errorDataToJson(e.kind as Tagged);
  return { index: e.index === null ? null : Number(e.index), kind };
}

export function invalidTxErrorToJson(e: InvalidTxErrorData): unknown {
  return errorDataToJson(e as Tagged);
}

export function txExecutionErrorToJson(e: TxExecutionErrorData): unknown {
  return e.kind === 'ActionError'
    ? { ActionError: actionErrorToJson(e.error) }
    : { InvalidTxError: invalidTxErrorToJson(e.error) };
}

/** A transaction rejected before it reached a block (what the RPC would answer). */
export class InvalidTransactionError extends Error {
  override readonly name = 'InvalidTransactionError';
  constructor(readonly data: InvalidTxErrorData) {
    super(`invalid transaction: ${JSON.stringify(invalidTxErrorToJson(data))}`);
  }
}
