/**
 * Stateless checks of a list of actions (nearcore runtime/src/action_validation.rs), applied to
 * transactions and to receipts a contract creates. Returns the first ActionsValidationError in
 * nearcore's order, or null.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  BoundedCache,
  deriveNearDeterministicAccountId,
  isValidAccountId,
  KeyType,
  MAX_NONCES_FOR_GAS_KEY,
  type AccessKeyPermission,
  type AccountId,
  type Action,
  type GlobalContractIdentifier,
  type PublicKey,
} from '@nearts/primitives';
import type { LimitConfig, SubmoduleConfig } from '@nearts/runtime-fees';
import { delegateInner } from '../delegate-view.js';
import { totalPrepaidGas } from '../config/tx-cost.js';
import { IntegerOverflowError } from '../math.js';
import type { ActionsValidationErrorData } from '../tx-errors.js';
import { PROTOCOL_FEATURES, featureEnabled } from '../protocol.js';
import { validateSubmoduleAction } from './submodule-validation.js';

export type ValidateMode = 'NewReceipt' | 'ExistingReceipt';

type Result = ActionsValidationErrorData | null;

/** Verdicts per key: the torsion check is a full scalar multiplication (milliseconds in JS). */
const STAKING_KEY_VERDICTS_MAX = 4096;
const stakingKeyVerdicts = new BoundedCache<string, boolean>(STAKING_KEY_VERDICTS_MAX);

/** ed25519 key that decompresses to a torsion-free point (convertible to ristretto). */
export function isValidStakingKey(key: PublicKey): boolean {
  if (key.keyType !== KeyType.ED25519) return false;
  const id = Buffer.from(key.data.buffer, key.data.byteOffset, key.data.byteLength).toString('hex');
  const known = stakingKeyVerdicts.get(id);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    valid = ed25519.Point.fromBytes(key.data, true).isTorsionFree();
  } catch {
    valid = false;
  }
  stakingKeyVerdicts.set(id, valid);
  return valid;
}

function postQuantumRequired(a: Action): boolean {
  switch (a.type) {
    case 'AddKey':
    case 'Stake':
    case 'DeleteKey':
    case 'TransferToGasKey':
    case 'WithdrawFromGasKey':
      return a.publicKey.keyType === KeyType.MLDSA65;
    case 'Delegate':
    case 'DelegateV2': {
      const inner = delegateInner(a);
      // The delegate's own signature counts too (nearcore checks key, signature and inner actions).
      return inner.publicKey.keyType === KeyType.MLDSA65 || a.signature.keyType === KeyType.MLDSA65 || inner.actions.some(postQuantumRequired);
    }
    default:
      return false;
  }
}

function requireFeature(name: keyof typeof PROTOCOL_FEATURES, version: number): Result {
  return featureEnabled(name, version) ? null : { kind: 'UnsupportedProtocolFeature', protocol_feature: name, version };
}

function validateGlobalId(id: GlobalContractIdentifier): Result {
  if (id.type === 'AccountId' && !isValidAccountId(id.accountId)) return { kind: 'InvalidAccountId', account_id: id.accountId };
  return null;
}

/** nearcore's `truncate_string`: at most `limit` bytes, cut on a character boundary. */
function truncateUtf8(s: string, limit: number): string {
  const bytes = Buffer.from(s, 'utf8');
  if (bytes.length <= limit) return s;
  let end = limit;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

function validatePermission(limits: LimitConfig, p: AccessKeyPermission): Result {
  if (p.type !== 'FunctionCall' && p.type !== 'GasKeyFunctionCall') return null;
  const fc = p.functionCall;
  if (limits.accountIdValidityRulesVersion >= 1 && !isValidAccountId(fc.receiverId)) {
    return { kind: 'InvalidAccountId', account_id: truncateUtf8(fc.receiverId, 128) };
  }
  let total = 0n;
  for (const m of fc.methodNames) {
    const length = BigInt(Buffer.byteLength(m, 'utf8'));
    if (length > limits.maxLengthMethodName) return { kind: 'AddKeyMethodNameLengthExceeded', length, limit: limits.maxLengthMethodName };
    total += length + 1n;
  }
  if (total > limits.maxNumberBytesMethodNames) {
    return { kind: 'AddKeyMethodNamesNumberOfBytesExceeded', total_number_of_bytes: total, limit: limits.maxNumberBytesMethodNames };
  }
  return null;
}

function validateAction(limits: LimitConfig, a: Action, receiver: AccountId, version: number, mode: ValidateMode, submodules: SubmoduleConfig | undefined): Result {
  switch (a.type) {
    case 'CreateAccount':
    case 'Transfer':
    case 'DeleteKey':
      return null;
    case 'DeployContract':
    case 'DeployGlobalContract': {
      const size = BigInt(a.code.length);
      return size > limits.maxContractSize ? { kind: 'ContractSizeExceeded', size, limit: limits.maxContractSize } : null;
    }
    case 'UseGlobalContract':
      return validateGlobalId(a.contractIdentifier);
    case 'FunctionCall': {
      if (a.gas === 0n) return { kind: 'FunctionCallZeroAttachedGas' };
      const nameLen = BigInt(Buffer.byteLength(a.methodName, 'utf8'));
      if (nameLen > limits.maxLengthMethodName) {
        return { kind: 'FunctionCallMethodNameLengthExceeded', length: nameLen, limit: limits.maxLengthMethodName };
      }
      const argsLen = BigInt(a.args.length);
      if (argsLen > limits.maxArgumentsLength) {
        return { kind: 'FunctionCallArgumentsLengthExceeded', length: argsLen, limit: limits.maxArgumentsLength };
      }
      return null;
    }
    case 'Stake':
      return isValidStakingKey(a.publicKey) ? null : { kind: 'UnsuitableStakingKey', public_key: a.publicKey.toString() };
    case 'AddKey': {
      const e = validatePermission(limits, a.accessKey.permission);
      if (e) return e;
      const p = a.accessKey.permission;
      if (p.type === 'GasKeyFullAccess' || p.type === 'GasKeyFunctionCall') {
        const f = requireFeature('GasKeys', version);
        if (f) return f;
        if (p.type === 'GasKeyFunctionCall' && p.functionCall.allowance !== null) return { kind: 'GasKeyFunctionCallAllowanceNotAllowed' };
        if (p.gasKeyInfo.numNonces === 0 || p.gasKeyInfo.numNonces > MAX_NONCES_FOR_GAS_KEY) {
          return { kind: 'GasKeyInvalidNumNonces', requested_nonces: p.gasKeyInfo.numNonces, limit: MAX_NONCES_FOR_GAS_KEY };
        }
        if (p.gasKeyInfo.balance !== 0n) return { kind: 'AddGasKeyWithNonZeroBalance', balance: p.gasKeyInfo.balance };
      }
      return null;
    }
    case 'DeleteAccount':
      return isValidAccountId(a.beneficiaryId) ? null : { kind: 'InvalidAccountId', account_id: a.beneficiaryId };
    case 'Delegate':
    case 'DelegateV2': {
      if (a.type === 'DelegateV2') {
        const f = requireFeature('DelegateV2', version);
        if (f) return f;
      }
      const inner = delegateInner(a);
      const innerReceiver = featureEnabled('FixDelegatedDeterministicStateInit', version) ? inner.receiverId : receiver;
      return validateActions(limits, inner.actions, innerReceiver, version, mode, submodules);
    }
    case 'DeterministicStateInit': {
      const e = validateGlobalId(a.stateInit.code);
      if (e) return e;
      const derived = deriveNearDeterministicAccountId(a.stateInit);
      if (derived !== receiver) return { kind: 'InvalidDeterministicStateInitReceiver', derived_id: derived, receiver_id: receiver };
      for (const [k, v] of a.stateInit.data) {
        if (BigInt(k.length) > limits.maxLengthStorageKey) {
          return { kind: 'DeterministicStateInitKeyLengthExceeded', length: BigInt(k.length), limit: limits.maxLengthStorageKey };
        }
        if (BigInt(v.length) > limits.maxLengthStorageValue) {
          return { kind: 'DeterministicStateInitValueLengthExceeded', length: BigInt(v.length), limit: limits.maxLengthStorageValue };
        }
      }
      return null;
    }
    case 'TransferToGasKey':
    case 'WithdrawFromGasKey':
      return requireFeature('GasKeys', version);
    case 'DeploySubmodule':
    case 'DeleteSubmodule':
      return validateSubmoduleAction(limits, submodules, a, version);
  }
}

/**
 * nearcore `validate_actions_with_mode`. `submodules`: the submodules extension's parameters when
 * it is on (its actions are checked against them; without it they are unsupported).
 */
export function validateActions(
  limits: LimitConfig,
  actions: readonly Action[],
  receiver: AccountId,
  version: number,
  mode: ValidateMode = 'NewReceipt',
  submodules?: SubmoduleConfig,
): Result {
  // Counts compare with the bigint limits directly (a number and a bigint compare exactly), so no BigInt is made unless it goes into an error.
  if (actions.length > limits.maxActionsPerReceipt) {
    return { kind: 'TotalNumberOfActionsExceeded', total_number_of_actions: BigInt(actions.length), limit: limits.maxActionsPerReceipt };
  }
  if (!featureEnabled('PostQuantumSignatures', version) && actions.some(postQuantumRequired)) {
    return { kind: 'UnsupportedProtocolFeature', protocol_feature: 'PostQuantumSignatures', version };
  }
  if (mode === 'NewReceipt') {
    let deploys = 0;
    for (const a of actions) if (a.type === 'DeployContract' || a.type === 'DeployGlobalContract') deploys++;
    if (deploys > limits.maxDeployActionsPerReceipt) {
      return { kind: 'TotalNumberOfDeployActionsExceeded', number_of_deploy_actions: BigInt(deploys), limit: limits.maxDeployActionsPerReceipt };
    }
  }
  let foundDelegate = false;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    if (a.type === 'DeleteAccount') {
      if (i + 1 < actions.length) return { kind: 'DeleteActionMustBeFinal' };
    } else if (a.type === 'Delegate' || a.type === 'DelegateV2') {
      if (foundDelegate) return { kind: 'DelegateActionMustBeOnlyOne' };
      foundDelegate = true;
    }
    const e = validateAction(limits, a, receiver, version, mode, submodules);
    if (e) return e;
  }
  let total: bigint;
  try {
    total = totalPrepaidGas(actions);
  } catch (e) {
    if (e instanceof IntegerOverflowError) return { kind: 'IntegerOverflow' };
    throw e;
  }
  if (total > limits.maxTotalPrepaidGas) {
    return { kind: 'TotalPrepaidGasExceeded', total_prepaid_gas: total, limit: limits.maxTotalPrepaidGas };
  }
  return null;
}
