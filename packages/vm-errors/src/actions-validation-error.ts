/**
 * ActionsValidationError (near-primitives): the stateless checks on a list of actions, run on a
 * transaction (→ `InvalidTxError::ActionsValidation`) and on receipts a contract creates
 * (→ `ReceiptValidationError::ActionsValidation`).
 */
import { NearError } from './base.js';
import type { JsonValue } from './json.js';
import { displayNearGas, displayNearToken } from './rust-fmt.js';
import { unionCode, unionDiscriminants, unionKinds, unionToJson, unknownKind, type UnionSpec } from './spec.js';

/**
 * u64 fields are bigint (gas included); `version`, `requested_nonces` and nonce limits are u32/u16
 * numbers; `balance` is yoctoNEAR; `public_key` is its `ed25519:…` text.
 */
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
  | { kind: 'InvalidDeterministicStateInitReceiver'; receiver_id: string; derived_id: string }
  | { kind: 'DeterministicStateInitKeyLengthExceeded'; length: bigint; limit: bigint }
  | { kind: 'DeterministicStateInitValueLengthExceeded'; length: bigint; limit: bigint }
  | { kind: 'GasKeyInvalidNumNonces'; requested_nonces: number; limit: number }
  | { kind: 'AddGasKeyWithNonZeroBalance'; balance: bigint }
  | { kind: 'GasKeyFunctionCallAllowanceNotAllowed' }
  | { kind: 'TotalNumberOfDeployActionsExceeded'; number_of_deploy_actions: bigint; limit: bigint };

export const ACTIONS_VALIDATION_ERROR_SPEC: UnionSpec<ActionsValidationErrorData> = {
  name: 'ActionsValidationError',
  variants: {
    DeleteActionMustBeFinal: { tag: 0, unit: true },
    TotalPrepaidGasExceeded: { tag: 1, fields: { total_prepaid_gas: 'gas', limit: 'gas' } },
    TotalNumberOfActionsExceeded: { tag: 2, fields: { total_number_of_actions: 'u64', limit: 'u64' } },
    AddKeyMethodNamesNumberOfBytesExceeded: { tag: 3, fields: { total_number_of_bytes: 'u64', limit: 'u64' } },
    AddKeyMethodNameLengthExceeded: { tag: 4, fields: { length: 'u64', limit: 'u64' } },
    IntegerOverflow: { tag: 5, unit: true },
    InvalidAccountId: { tag: 6, fields: { account_id: 'string' } },
    ContractSizeExceeded: { tag: 7, fields: { size: 'u64', limit: 'u64' } },
    FunctionCallMethodNameLengthExceeded: { tag: 8, fields: { length: 'u64', limit: 'u64' } },
    FunctionCallArgumentsLengthExceeded: { tag: 9, fields: { length: 'u64', limit: 'u64' } },
    UnsuitableStakingKey: { tag: 10, fields: { public_key: 'publicKey' } },
    FunctionCallZeroAttachedGas: { tag: 11, unit: true },
    DelegateActionMustBeOnlyOne: { tag: 12, unit: true },
    UnsupportedProtocolFeature: { tag: 13, fields: { protocol_feature: 'string', version: 'u32' } },
    InvalidDeterministicStateInitReceiver: { tag: 14, fields: { receiver_id: 'accountId', derived_id: 'accountId' } },
    DeterministicStateInitKeyLengthExceeded: { tag: 15, fields: { length: 'u64', limit: 'u64' } },
    DeterministicStateInitValueLengthExceeded: { tag: 16, fields: { length: 'u64', limit: 'u64' } },
    GasKeyInvalidNumNonces: { tag: 17, fields: { requested_nonces: 'u16', limit: 'u16' } },
    AddGasKeyWithNonZeroBalance: { tag: 18, fields: { balance: 'balance' } },
    GasKeyFunctionCallAllowanceNotAllowed: { tag: 19, unit: true },
    TotalNumberOfDeployActionsExceeded: { tag: 20, fields: { number_of_deploy_actions: 'u64', limit: 'u64' } },
  },
};

export const ACTIONS_VALIDATION_ERROR_KINDS: readonly ActionsValidationErrorData['kind'][] =
  unionKinds(ACTIONS_VALIDATION_ERROR_SPEC);

/** nearcore's Display (typos such as "ony one" and "a AddKey" are nearcore's). */
export function displayActionsValidationError(e: ActionsValidationErrorData): string {
  switch (e.kind) {
    case 'DeleteActionMustBeFinal':
      return 'The delete action must be the last action in transaction';
    case 'TotalPrepaidGasExceeded':
      // Gas prints through near_gas's Display ("300.0 Tgas"), not as a raw number.
      return `The total prepaid gas ${displayNearGas(e.total_prepaid_gas)} exceeds the limit ${displayNearGas(e.limit)}`;
    case 'TotalNumberOfActionsExceeded':
      return `The total number of actions ${e.total_number_of_actions} exceeds the limit ${e.limit}`;
    case 'AddKeyMethodNamesNumberOfBytesExceeded':
      return `The total number of bytes in allowed method names ${e.total_number_of_bytes} exceeds the maximum allowed number ${e.limit} in a AddKey action`;
    case 'AddKeyMethodNameLengthExceeded':
      return `The length of some method name ${e.length} exceeds the maximum allowed length ${e.limit} in a AddKey action`;
    case 'IntegerOverflow':
      return 'Integer overflow during a compute';
    case 'InvalidAccountId':
      return `Invalid account ID \`${e.account_id}\``;
    case 'ContractSizeExceeded':
      return `The length of the contract size ${e.size} exceeds the maximum allowed size ${e.limit} in a DeployContract action`;
    case 'FunctionCallMethodNameLengthExceeded':
      return `The length of the method name ${e.length} exceeds the maximum allowed length ${e.limit} in a FunctionCall action`;
    case 'FunctionCallArgumentsLengthExceeded':
      return `The length of the arguments ${e.length} exceeds the maximum allowed length ${e.limit} in a FunctionCall action`;
    case 'UnsuitableStakingKey':
      return `The staking key must be ristretto compatible ED25519 key. ${e.public_key} is provided instead.`;
    case 'FunctionCallZeroAttachedGas':
      return 'The attached amount of gas in a FunctionCall action has to be a positive number';
    case 'DelegateActionMustBeOnlyOne':
      return 'The actions can contain the ony one DelegateAction';
    case 'UnsupportedProtocolFeature':
      return `Transaction requires protocol feature ${e.protocol_feature} / version ${e.version} which is not supported by the current protocol version`;
    case 'InvalidDeterministicStateInitReceiver':
      return `DeterministicStateInit action payload is invalid for account ${e.receiver_id}, derived id is ${e.derived_id}`;
    case 'DeterministicStateInitKeyLengthExceeded':
      return `DeterministicStateInit contains key of length ${e.length} but at most ${e.limit} is allowed`;
    case 'DeterministicStateInitValueLengthExceeded':
      return `DeterministicStateInit contains value of length ${e.length} but at most ${e.limit} is allowed`;
    case 'GasKeyInvalidNumNonces':
      return `gas key requested invalid number of nonces: ${e.requested_nonces} (must be between 1 and ${e.limit})`;
    case 'AddGasKeyWithNonZeroBalance':
      return `Adding a gas key with non-zero balance is not allowed: balance = ${displayNearToken(e.balance)}`;
    case 'GasKeyFunctionCallAllowanceNotAllowed':
      return 'Gas keys with FunctionCall permission cannot have an allowance set';
    case 'TotalNumberOfDeployActionsExceeded':
      return `The total number of deploy actions ${e.number_of_deploy_actions} exceeds the per-receipt limit ${e.limit}`;
    default:
      return unknownKind('ActionsValidationError', e);
  }
}

export function actionsValidationErrorToJson(e: ActionsValidationErrorData): JsonValue {
  return unionToJson(ACTIONS_VALIDATION_ERROR_SPEC, e);
}

export class ActionsValidationError extends NearError {
  override readonly name = 'ActionsValidationError';
  constructor(readonly data: ActionsValidationErrorData) {
    super(displayActionsValidationError(data));
  }
  get code(): string {
    return unionCode(ACTIONS_VALIDATION_ERROR_SPEC, this.data);
  }
  get discriminants(): readonly number[] | null {
    return unionDiscriminants(ACTIONS_VALIDATION_ERROR_SPEC, this.data);
  }
  json(): JsonValue {
    return actionsValidationErrorToJson(this.data);
  }
}
