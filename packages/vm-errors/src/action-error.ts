/**
 * ActionError (near-primitives): why an action receipt failed — which action (`index`) and what
 * (`ActionErrorKind`). It is what `status.Failure.ActionError` holds in outcomes.
 */
import { NearError } from './base.js';
import {
  displayInvalidAccessKeyError,
  INVALID_ACCESS_KEY_ERROR_SPEC,
  type InvalidAccessKeyErrorData,
} from './invalid-tx-error.js';
import type { JsonValue } from './json.js';
import {
  debugOnChainFunctionCallError,
  ONCHAIN_FUNCTION_CALL_ERROR_SPEC,
  type OnChainFunctionCallErrorData,
} from './onchain-function-call-error.js';
import {
  displayReceiptValidationError,
  RECEIPT_VALIDATION_ERROR_SPEC,
  type ReceiptValidationErrorData,
} from './receipt-validation-error.js';
import { debugAccountId, displayNearToken } from './rust-fmt.js';
import {
  structPath,
  structToJson,
  unionKinds,
  unionToDebug,
  unionToJson,
  unknownKind,
  type StructSpec,
  type UnionSpec,
} from './spec.js';

/** A global contract named by code hash (base58 text) or by the account that deployed it. */
export type GlobalContractIdentifierData =
  | { kind: 'CodeHash'; hash: string }
  | { kind: 'AccountId'; account_id: string };

/** serde renames the variants: `{"hash":"…"}` / `{"account_id":"…"}`. */
export const GLOBAL_CONTRACT_IDENTIFIER_SPEC: UnionSpec<GlobalContractIdentifierData> = {
  name: 'GlobalContractIdentifier',
  variants: {
    CodeHash: { tag: 0, jsonName: 'hash', newtype: 'hash', type: 'cryptoHash' },
    AccountId: { tag: 1, jsonName: 'account_id', newtype: 'account_id', type: 'accountId' },
  },
};

/**
 * Account ids and public keys are strings (`ed25519:<base58>`), amounts are yoctoNEAR bigints,
 * nonces bigint, nonce indexes (u16) numbers. `FunctionCallError` holds the stored (on-chain)
 * form — build it from a VM error with `toOnChainFunctionCallError`.
 */
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
  | { kind: 'FunctionCallError'; error: OnChainFunctionCallErrorData }
  | { kind: 'NewReceiptValidationError'; error: ReceiptValidationErrorData }
  | { kind: 'OnlyImplicitAccountCreationAllowed'; account_id: string }
  | { kind: 'DeleteAccountWithLargeState'; account_id: string }
  | { kind: 'DelegateActionInvalidSignature' }
  | { kind: 'DelegateActionSenderDoesNotMatchTxReceiver'; sender_id: string; receiver_id: string }
  | { kind: 'DelegateActionExpired' }
  | { kind: 'DelegateActionAccessKeyError'; error: InvalidAccessKeyErrorData }
  | { kind: 'DelegateActionInvalidNonce'; delegate_nonce: bigint; ak_nonce: bigint }
  | { kind: 'DelegateActionNonceTooLarge'; delegate_nonce: bigint; upper_bound: bigint }
  | { kind: 'GlobalContractDoesNotExist'; identifier: GlobalContractIdentifierData }
  | { kind: 'GasKeyDoesNotExist'; account_id: string; public_key: string }
  | { kind: 'InsufficientGasKeyBalance'; account_id: string; public_key: string; balance: bigint; required: bigint }
  | { kind: 'GasKeyBalanceTooHigh'; account_id: string; public_key: string | null; balance: bigint }
  | { kind: 'DelegateActionInvalidNonceIndex'; nonce_index: number; num_nonces: number };

export const ACTION_ERROR_KIND_SPEC: UnionSpec<ActionErrorKindData> = {
  name: 'ActionErrorKind',
  variants: {
    AccountAlreadyExists: { tag: 0, fields: { account_id: 'accountId' } },
    AccountDoesNotExist: { tag: 1, fields: { account_id: 'accountId' } },
    CreateAccountOnlyByRegistrar: {
      tag: 2,
      fields: { account_id: 'accountId', registrar_account_id: 'accountId', predecessor_id: 'accountId' },
    },
    CreateAccountNotAllowed: { tag: 3, fields: { account_id: 'accountId', predecessor_id: 'accountId' } },
    ActorNoPermission: { tag: 4, fields: { account_id: 'accountId', actor_id: 'accountId' } },
    DeleteKeyDoesNotExist: { tag: 5, fields: { account_id: 'accountId', public_key: 'publicKey' } },
    AddKeyAlreadyExists: { tag: 6, fields: { account_id: 'accountId', public_key: 'publicKey' } },
    DeleteAccountStaking: { tag: 7, fields: { account_id: 'accountId' } },
    LackBalanceForState: { tag: 8, fields: { account_id: 'accountId', amount: 'balance' } },
    TriesToUnstake: { tag: 9, fields: { account_id: 'accountId' } },
    TriesToStake: {
      tag: 10,
      fields: { account_id: 'accountId', stake: 'balance', locked: 'balance', balance: 'balance' },
    },
    InsufficientStake: { tag: 11, fields: { account_id: 'accountId', stake: 'balance', minimum_stake: 'balance' } },
    FunctionCallError: { tag: 12, newtype: 'error', type: { union: ONCHAIN_FUNCTION_CALL_ERROR_SPEC } },
    NewReceiptValidationError: { tag: 13, newtype: 'error', type: { union: RECEIPT_VALIDATION_ERROR_SPEC } },
    OnlyImplicitAccountCreationAllowed: { tag: 14, fields: { account_id: 'accountId' } },
    DeleteAccountWithLargeState: { tag: 15, fields: { account_id: 'accountId' } },
    DelegateActionInvalidSignature: { tag: 16, unit: true },
    DelegateActionSenderDoesNotMatchTxReceiver: { tag: 17, fields: { sender_id: 'accountId', receiver_id: 'accountId' } },
    DelegateActionExpired: { tag: 18, unit: true },
    DelegateActionAccessKeyError: { tag: 19, newtype: 'error', type: { union: INVALID_ACCESS_KEY_ERROR_SPEC } },
    DelegateActionInvalidNonce: { tag: 20, fields: { delegate_nonce: 'u64', ak_nonce: 'u64' } },
    DelegateActionNonceTooLarge: { tag: 21, fields: { delegate_nonce: 'u64', upper_bound: 'u64' } },
    GlobalContractDoesNotExist: { tag: 22, fields: { identifier: { union: GLOBAL_CONTRACT_IDENTIFIER_SPEC } } },
    GasKeyDoesNotExist: { tag: 23, fields: { account_id: 'accountId', public_key: 'publicKey' } },
    InsufficientGasKeyBalance: {
      tag: 24,
      fields: { account_id: 'accountId', public_key: 'publicKey', balance: 'balance', required: 'balance' },
    },
    GasKeyBalanceTooHigh: {
      tag: 25,
      fields: { account_id: 'accountId', public_key: { option: 'publicKey' }, balance: 'balance' },
    },
    DelegateActionInvalidNonceIndex: { tag: 26, fields: { nonce_index: 'u16', num_nonces: 'u16' } },
  },
};

export const ACTION_ERROR_KIND_KINDS: readonly ActionErrorKindData['kind'][] = unionKinds(ACTION_ERROR_KIND_SPEC);

/** `index` is the failed action's position; absent (None) e.g. for LackBalanceForState after all actions ran. */
export interface ActionErrorData {
  index?: bigint | null;
  kind: ActionErrorKindData;
}

/** The struct `ActionError { index: Option<u64>, kind }`; codes continue through `kind`. */
export const ACTION_ERROR_SPEC: StructSpec = {
  name: 'ActionError',
  fields: { index: { option: 'u64' }, kind: { union: ACTION_ERROR_KIND_SPEC } },
  pathField: 'kind',
};

/** nearcore's Display of an ActionErrorKind. */
export function displayActionErrorKind(e: ActionErrorKindData): string {
  switch (e.kind) {
    case 'AccountAlreadyExists':
      return `Can't create a new account ${debugAccountId(e.account_id)}, because it already exists`;
    case 'AccountDoesNotExist':
      return `Can't complete the action because account ${debugAccountId(e.account_id)} doesn't exist`;
    case 'ActorNoPermission':
      return `Actor ${debugAccountId(e.actor_id)} doesn't have permission to account ${debugAccountId(e.account_id)} to complete the action`;
    case 'LackBalanceForState':
      return `The account ${e.account_id} wouldn't have enough balance to cover storage, required to have ${displayNearToken(e.amount)} yoctoNEAR more`;
    case 'TriesToUnstake':
      return `Account ${debugAccountId(e.account_id)} is not yet staked, but tries to unstake`;
    case 'TriesToStake':
      return `Account ${debugAccountId(e.account_id)} tries to stake ${displayNearToken(e.stake)}, but has staked ${displayNearToken(e.locked)} and only has ${displayNearToken(e.balance)}`;
    case 'CreateAccountOnlyByRegistrar':
      return `A top-level account ID ${debugAccountId(e.account_id)} can't be created by ${debugAccountId(e.predecessor_id)}, short top-level account IDs can only be created by ${debugAccountId(e.registrar_account_id)}`;
    case 'CreateAccountNotAllowed':
      return `A sub-account ID ${debugAccountId(e.account_id)} can't be created by account ${debugAccountId(e.predecessor_id)}`;
    case 'DeleteKeyDoesNotExist':
      return `Account ${debugAccountId(e.account_id)} tries to remove an access key that doesn't exist`;
    case 'AddKeyAlreadyExists':
      // A PublicKey's Debug is its Display, so no quotes here.
      return `The public key ${e.public_key} is already used for an existing access key`;
    case 'DeleteAccountStaking':
      return `Account ${debugAccountId(e.account_id)} is staking and can not be deleted`;
    case 'FunctionCallError':
      // nearcore prints the stored FunctionCallError with {:?}: `ExecutionError("…")`.
      return debugOnChainFunctionCallError(e.error);
    case 'NewReceiptValidationError':
      return `An new action receipt created during a FunctionCall is not valid: ${displayReceiptValidationError(e.error)}`;
    case 'InsufficientStake':
      return `Account ${e.account_id} tries to stake ${displayNearToken(e.stake)} but minimum required stake is ${displayNearToken(e.minimum_stake)}`;
    case 'OnlyImplicitAccountCreationAllowed':
      return `CreateAccount action is called on hex-characters account of length 64 ${e.account_id}`;
    case 'DeleteAccountWithLargeState':
      return `The state of account ${e.account_id} is too large and therefore cannot be deleted`;
    case 'DelegateActionInvalidSignature':
      return 'DelegateAction is not signed with the given public key';
    case 'DelegateActionSenderDoesNotMatchTxReceiver':
      return `Transaction receiver ${e.receiver_id} doesn't match DelegateAction sender ${e.sender_id}`;
    case 'DelegateActionExpired':
      return 'DelegateAction has expired';
    case 'DelegateActionAccessKeyError':
      return displayInvalidAccessKeyError(e.error);
    case 'DelegateActionInvalidNonce':
      return `DelegateAction nonce ${e.delegate_nonce} must be larger than nonce of the used access key ${e.ak_nonce}`;
    case 'DelegateActionNonceTooLarge':
      return `DelegateAction nonce ${e.delegate_nonce} must be smaller than the access key nonce upper bound ${e.upper_bound}`;
    case 'DelegateActionInvalidNonceIndex':
      return `DelegateAction nonce index ${e.nonce_index} must be smaller than the gas key nonce count ${e.num_nonces}`;
    case 'GlobalContractDoesNotExist':
      return `Global contract identifier ${unionToDebug(GLOBAL_CONTRACT_IDENTIFIER_SPEC, e.identifier)} not found`;
    case 'GasKeyDoesNotExist':
      return `Gas key ${e.public_key} does not exist for account ${e.account_id}`;
    case 'InsufficientGasKeyBalance':
      return `Gas key ${e.public_key} for account ${e.account_id} has insufficient balance: ${displayNearToken(e.balance)} available, ${displayNearToken(e.required)} required`;
    case 'GasKeyBalanceTooHigh':
      return e.public_key === null || e.public_key === undefined
        ? `Account ${e.account_id} has total gas key balance ${displayNearToken(e.balance)} which is too high to burn on deletion`
        : `Gas key ${e.public_key} for account ${e.account_id} has balance ${displayNearToken(e.balance)} which is too high to burn on deletion`;
    default:
      return unknownKind('ActionErrorKind', e);
  }
}

/** nearcore's Display of an ActionError: `Action #<index, 0 when absent>: <kind>`. */
export function displayActionError(e: ActionErrorData): string {
  return `Action #${e.index ?? 0n}: ${displayActionErrorKind(e.kind)}`;
}

export function actionErrorKindToJson(e: ActionErrorKindData): JsonValue {
  return unionToJson(ACTION_ERROR_KIND_SPEC, e);
}

/** serde JSON: `{"index":0,"kind":{"AccountDoesNotExist":{"account_id":"bob.near"}}}` (`"index":null` when absent). */
export function actionErrorToJson(e: ActionErrorData): JsonValue {
  return structToJson(ACTION_ERROR_SPEC, e);
}

export class ActionError extends NearError {
  override readonly name = 'ActionError';
  constructor(readonly data: ActionErrorData) {
    super(displayActionError(data));
  }
  /** e.g. `ActionError.FunctionCallError.ExecutionError`. */
  get code(): string {
    return ['ActionError', ...structPath(ACTION_ERROR_SPEC, this.data).names].join('.');
  }
  /** The kind's discriminant path, e.g. `[12, 7]` for FunctionCallError(ExecutionError). */
  get discriminants(): readonly number[] | null {
    return structPath(ACTION_ERROR_SPEC, this.data).tags;
  }
  json(): JsonValue {
    return actionErrorToJson(this.data);
  }
}

