/**
 * InvalidTxError (near-primitives): why a transaction was rejected before becoming a receipt,
 * with InvalidAccessKeyError (also reused by delegate actions) and DepositCostFailureReason.
 *
 * Display texts print AccountIds with `{:?}` where nearcore does, which gives
 * `AccountId("alice.near")`, and amounts through near_token's Display ("1.50 NEAR").
 */
import {
  ACTIONS_VALIDATION_ERROR_SPEC,
  displayActionsValidationError,
  type ActionsValidationErrorData,
} from './actions-validation-error.js';
import { NearError } from './base.js';
import type { JsonValue } from './json.js';
import { debugAccountId, debugStr, displayNearToken, rustFixed } from './rust-fmt.js';
import {
  unionCode,
  unionDiscriminants,
  unionKinds,
  unionToJson,
  unitEnumKinds,
  unknownKind,
  type UnionSpec,
  type UnitEnumSpec,
} from './spec.js';
import { displayStorageError, STORAGE_ERROR_SPEC, type StorageErrorData } from './storage-error.js';

/** `public_key` is the key's text form (`ed25519:<base58>`); amounts are yoctoNEAR. */
export type InvalidAccessKeyErrorData =
  | { kind: 'AccessKeyNotFound'; account_id: string; public_key: string }
  | { kind: 'ReceiverMismatch'; tx_receiver: string; ak_receiver: string }
  | { kind: 'MethodNameMismatch'; method_name: string }
  | { kind: 'RequiresFullAccess' }
  | { kind: 'NotEnoughAllowance'; account_id: string; public_key: string; allowance: bigint; cost: bigint }
  | { kind: 'DepositWithFunctionCall' }
  | { kind: 'DelegateActionRequiresNonGasKey' }
  | { kind: 'DelegateActionRequiresGasKey' };

export const INVALID_ACCESS_KEY_ERROR_SPEC: UnionSpec<InvalidAccessKeyErrorData> = {
  name: 'InvalidAccessKeyError',
  variants: {
    AccessKeyNotFound: { tag: 0, fields: { account_id: 'accountId', public_key: 'publicKey' } },
    ReceiverMismatch: { tag: 1, fields: { tx_receiver: 'accountId', ak_receiver: 'string' } },
    MethodNameMismatch: { tag: 2, fields: { method_name: 'string' } },
    RequiresFullAccess: { tag: 3, unit: true },
    NotEnoughAllowance: {
      tag: 4,
      fields: { account_id: 'accountId', public_key: 'publicKey', allowance: 'balance', cost: 'balance' },
    },
    DepositWithFunctionCall: { tag: 5, unit: true },
    DelegateActionRequiresNonGasKey: { tag: 6, unit: true },
    DelegateActionRequiresGasKey: { tag: 7, unit: true },
  },
};

export const INVALID_ACCESS_KEY_ERROR_KINDS: readonly InvalidAccessKeyErrorData['kind'][] =
  unionKinds(INVALID_ACCESS_KEY_ERROR_SPEC);

/** Which check failed for a gas-key transaction whose account could not cover the deposit. */
export type DepositCostFailureReason = 'NotEnoughBalance' | 'LackBalanceForState';

export const DEPOSIT_COST_FAILURE_REASON_SPEC: UnitEnumSpec<DepositCostFailureReason> = {
  name: 'DepositCostFailureReason',
  tags: { NotEnoughBalance: 0, LackBalanceForState: 1 },
};
export const DEPOSIT_COST_FAILURE_REASONS: readonly DepositCostFailureReason[] = unitEnumKinds(
  DEPOSIT_COST_FAILURE_REASON_SPEC,
);

/**
 * u64 nonces and sizes are bigint, amounts are yoctoNEAR bigints; `shard_id` (u32),
 * `tx_nonce_index`/`num_nonces` (u16) and `congestion_level` (f64 in [0, 1]) are numbers.
 */
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
  | { kind: 'StorageError'; error: StorageErrorData }
  | { kind: 'ShardCongested'; shard_id: number; congestion_level: number }
  | { kind: 'ShardStuck'; shard_id: number; missed_chunks: bigint }
  | { kind: 'InvalidNonceIndex'; tx_nonce_index: number | null; num_nonces: number }
  | { kind: 'NotEnoughGasKeyBalance'; signer_id: string; balance: bigint; cost: bigint }
  | {
      kind: 'NotEnoughBalanceForDeposit';
      signer_id: string;
      balance: bigint;
      cost: bigint;
      reason: DepositCostFailureReason;
    };

export const INVALID_TX_ERROR_SPEC: UnionSpec<InvalidTxErrorData> = {
  name: 'InvalidTxError',
  variants: {
    InvalidAccessKeyError: { tag: 0, newtype: 'error', type: { union: INVALID_ACCESS_KEY_ERROR_SPEC } },
    InvalidSignerId: { tag: 1, fields: { signer_id: 'string' } },
    SignerDoesNotExist: { tag: 2, fields: { signer_id: 'accountId' } },
    InvalidNonce: { tag: 3, fields: { tx_nonce: 'u64', ak_nonce: 'u64' } },
    NonceTooLarge: { tag: 4, fields: { tx_nonce: 'u64', upper_bound: 'u64' } },
    InvalidReceiverId: { tag: 5, fields: { receiver_id: 'string' } },
    InvalidSignature: { tag: 6, unit: true },
    NotEnoughBalance: { tag: 7, fields: { signer_id: 'accountId', balance: 'balance', cost: 'balance' } },
    LackBalanceForState: { tag: 8, fields: { signer_id: 'accountId', amount: 'balance' } },
    CostOverflow: { tag: 9, unit: true },
    InvalidChain: { tag: 10, unit: true },
    Expired: { tag: 11, unit: true },
    ActionsValidation: { tag: 12, newtype: 'error', type: { union: ACTIONS_VALIDATION_ERROR_SPEC } },
    TransactionSizeExceeded: { tag: 13, fields: { size: 'u64', limit: 'u64' } },
    InvalidTransactionVersion: { tag: 14, unit: true },
    StorageError: { tag: 15, newtype: 'error', type: { union: STORAGE_ERROR_SPEC } },
    ShardCongested: { tag: 16, fields: { shard_id: 'u32', congestion_level: 'notNanF64' } },
    ShardStuck: { tag: 17, fields: { shard_id: 'u32', missed_chunks: 'u64' } },
    InvalidNonceIndex: { tag: 18, fields: { tx_nonce_index: { option: 'u16' }, num_nonces: 'u16' } },
    NotEnoughGasKeyBalance: { tag: 19, fields: { signer_id: 'accountId', balance: 'balance', cost: 'balance' } },
    NotEnoughBalanceForDeposit: {
      tag: 20,
      fields: {
        signer_id: 'accountId',
        balance: 'balance',
        cost: 'balance',
        reason: { names: DEPOSIT_COST_FAILURE_REASON_SPEC },
      },
    },
  },
};

export const INVALID_TX_ERROR_KINDS: readonly InvalidTxErrorData['kind'][] = unionKinds(INVALID_TX_ERROR_SPEC);

/** nearcore's Display of an InvalidAccessKeyError. */
export function displayInvalidAccessKeyError(e: InvalidAccessKeyErrorData): string {
  switch (e.kind) {
    case 'AccessKeyNotFound':
      return `Signer ${debugAccountId(e.account_id)} doesn't have access key with the given public_key ${e.public_key}`;
    case 'ReceiverMismatch':
      return `Transaction receiver_id ${debugAccountId(e.tx_receiver)} doesn't match the access key receiver_id ${debugStr(e.ak_receiver)}`;
    case 'MethodNameMismatch':
      return `Transaction method name ${debugStr(e.method_name)} isn't allowed by the access key`;
    case 'RequiresFullAccess':
      return 'Invalid access key type. Full-access keys are required for transactions that have multiple or non-function-call actions';
    case 'NotEnoughAllowance':
      return `Access Key ${debugAccountId(e.account_id)}:${e.public_key} does not have enough balance ${displayNearToken(e.allowance)} for transaction costing ${displayNearToken(e.cost)}`;
    case 'DepositWithFunctionCall':
      return 'Having a deposit with a function call action is not allowed with a function call access key.';
    case 'DelegateActionRequiresNonGasKey':
      return "Gas keys can't sign a delegate action with a plain nonce; use a DelegateV2 with a gas key nonce";
    case 'DelegateActionRequiresGasKey':
      return 'Gas key delegate action requires a gas key';
    default:
      return unknownKind('InvalidAccessKeyError', e);
  }
}

/** nearcore's Display of an InvalidTxError. */
export function displayInvalidTxError(e: InvalidTxErrorData): string {
  switch (e.kind) {
    case 'InvalidAccessKeyError':
      return displayInvalidAccessKeyError(e.error);
    case 'InvalidSignerId':
      return `Invalid signer account ID ${debugStr(e.signer_id)} according to requirements`;
    case 'SignerDoesNotExist':
      return `Signer ${debugAccountId(e.signer_id)} does not exist`;
    case 'InvalidNonce':
      return `Transaction nonce ${e.tx_nonce} must be larger than nonce of the used access key ${e.ak_nonce}`;
    case 'NonceTooLarge':
      return `Transaction nonce ${e.tx_nonce} must be smaller than the access key nonce upper bound ${e.upper_bound}`;
    case 'InvalidReceiverId':
      return `Invalid receiver account ID ${debugStr(e.receiver_id)} according to requirements`;
    case 'InvalidSignature':
      return 'Transaction is not signed with the given public key';
    case 'NotEnoughBalance':
      return `Sender ${debugAccountId(e.signer_id)} does not have enough balance ${displayNearToken(e.balance)} for operation costing ${displayNearToken(e.cost)}`;
    case 'LackBalanceForState':
      return `Failed to execute, because the account ${debugAccountId(e.signer_id)} wouldn't have enough balance to cover storage, required to have ${displayNearToken(e.amount)} yoctoNEAR more`;
    case 'CostOverflow':
      return 'Transaction gas or balance cost is too high';
    case 'InvalidChain':
      return "Transaction parent block hash doesn't belong to the current chain";
    case 'Expired':
      return 'Transaction has expired';
    case 'ActionsValidation':
      return `Transaction actions validation error: ${displayActionsValidationError(e.error)}`;
    case 'TransactionSizeExceeded':
      return `Size of serialized transaction ${e.size} exceeded the limit ${e.limit}`;
    case 'InvalidTransactionVersion':
      return 'Transaction version is invalid';
    case 'StorageError':
      return `Storage error: ${displayStorageError(e.error)}`;
    case 'ShardCongested':
      return `Shard ${e.shard_id} is currently at congestion level ${rustFixed(e.congestion_level, 3)} and rejects new transactions.`;
    case 'ShardStuck':
      return `Shard ${e.shard_id} missed ${e.missed_chunks} chunks and rejects new transactions.`;
    case 'InvalidNonceIndex': {
      const index = e.tx_nonce_index === null || e.tx_nonce_index === undefined ? 'None' : `Some(${e.tx_nonce_index})`;
      return `Invalid nonce_index ${index} for key with ${e.num_nonces} nonces`;
    }
    case 'NotEnoughGasKeyBalance':
      return `Gas key for ${debugAccountId(e.signer_id)} does not have enough balance ${displayNearToken(e.balance)} for gas cost ${displayNearToken(e.cost)}`;
    case 'NotEnoughBalanceForDeposit':
      return e.reason === 'NotEnoughBalance'
        ? `Sender ${debugAccountId(e.signer_id)} does not have enough balance ${displayNearToken(e.balance)} to cover deposit cost ${displayNearToken(e.cost)}`
        : `Sender ${debugAccountId(e.signer_id)} would not have enough balance for storage after covering deposit (required ${displayNearToken(e.cost)} more)`;
    default:
      return unknownKind('InvalidTxError', e);
  }
}

export function invalidAccessKeyErrorToJson(e: InvalidAccessKeyErrorData): JsonValue {
  return unionToJson(INVALID_ACCESS_KEY_ERROR_SPEC, e);
}

/** serde JSON, e.g. `{"InvalidNonce":{"tx_nonce":5,"ak_nonce":7}}` or `"Expired"`. */
export function invalidTxErrorToJson(e: InvalidTxErrorData): JsonValue {
  return unionToJson(INVALID_TX_ERROR_SPEC, e);
}

export class InvalidAccessKeyError extends NearError {
  override readonly name = 'InvalidAccessKeyError';
  constructor(readonly data: InvalidAccessKeyErrorData) {
    super(displayInvalidAccessKeyError(data));
  }
  get code(): string {
    return unionCode(INVALID_ACCESS_KEY_ERROR_SPEC, this.data);
  }
  get discriminants(): readonly number[] | null {
    return unionDiscriminants(INVALID_ACCESS_KEY_ERROR_SPEC, this.data);
  }
  json(): JsonValue {
    return invalidAccessKeyErrorToJson(this.data);
  }
}

export class InvalidTxError extends NearError {
  override readonly name = 'InvalidTxError';
  constructor(readonly data: InvalidTxErrorData) {
    super(displayInvalidTxError(data));
  }
  get code(): string {
    return unionCode(INVALID_TX_ERROR_SPEC, this.data);
  }
  get discriminants(): readonly number[] | null {
    return unionDiscriminants(INVALID_TX_ERROR_SPEC, this.data);
  }
  json(): JsonValue {
    return invalidTxErrorToJson(this.data);
  }
}
