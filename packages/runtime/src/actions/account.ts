/**
 * Account-level actions (nearcore runtime/src/actions.rs): the existence and permission checks
 * every action goes through, CreateAccount, Transfer (with implicit account creation and gas
 * refunds), Stake and DeleteAccount.
 */
import {
  ACCESS_KEY_NONCE_RANGE_MULTIPLIER,
  accountType,
  AccessKeyCodec,
  encode,
  isSubAccountOf,
  isTopLevelAccount,
  KeyType,
  MAX_ACCOUNT_DELETION_STORAGE_USAGE,
  newAccount,
  PublicKey,
  SYSTEM_ACCOUNT_ID,
  fromHex,
  type AccessKey,
  type Account,
  type AccountId,
  type Action,
} from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import { getAccessKey, gasKeyBalanceSum, removeAccount, setAccessKey } from '../state/accessors.js';
import { StorageInconsistentError } from '../errors.js';
import { balanceRefundReceipt } from '../receipts.js';
import { publicKeyTrieIdLen } from '../config/tx-cost.js';
import { U128_MAX } from '../math.js';
import { featureEnabled } from '../protocol.js';
import type { ActionErrorKindData } from '../tx-errors.js';
import type { ActionContext, ReceiptContext } from './context.js';
import { actionError, type ActionResult } from './result.js';
import { contractStorageUsage } from './contract.js';
import { ethWalletGlobalContractHash } from './eth-wallet.js';
import { storageRemovesCompute } from './keys.js';
import { removeAllSubmodules } from './submodule.js';

/** A gas key holding more than this cannot be deleted (its balance is burnt). */
export const GAS_KEY_MAX_BALANCE_TO_BURN = 10n ** 24n;

/** The first nonce a new access key accepts is above this. */
export function initialNonceValue(blockHeight: bigint): bigint {
  return (blockHeight - 1n) * ACCESS_KEY_NONCE_RANGE_MULTIPLIER;
}

function isImplicit(id: AccountId, config: RuntimeConfig): boolean {
  const t = accountType(id);
  if (t === 'EthImplicitAccount') return config.wasmConfig.ethImplicitAccounts;
  return t !== 'NamedAccount';
}

/** nearcore `check_account_existence`. */
export function checkAccountExistence(
  action: Action,
  account: Account | undefined,
  accountId: AccountId,
  config: RuntimeConfig,
  implicitCreationEligible: boolean,
): ActionErrorKindData | null {
  switch (action.type) {
    case 'CreateAccount':
      if (account !== undefined) return { kind: 'AccountAlreadyExists', account_id: accountId };
      if (isImplicit(accountId, config)) return { kind: 'OnlyImplicitAccountCreationAllowed', account_id: accountId };
      return null;
    case 'Transfer':
      if (account === undefined && !(implicitCreationEligible && isImplicit(accountId, config))) {
        return { kind: 'AccountDoesNotExist', account_id: accountId };
      }
      return null;
    case 'DeterministicStateInit':
      return null;
    default:
      return account === undefined ? { kind: 'AccountDoesNotExist', account_id: accountId } : null;
  }
}

/** nearcore `check_actor_permissions`. */
export function checkActorPermissions(action: Action, account: Account | undefined, actorId: AccountId, accountId: AccountId): ActionErrorKindData | null {
  switch (action.type) {
    case 'DeployContract':
    case 'Stake':
    case 'AddKey':
    case 'DeleteKey':
    case 'DeployGlobalContract':
    case 'UseGlobalContract':
    case 'WithdrawFromGasKey':
    case 'DeploySubmodule':
    case 'DeleteSubmodule':
      return actorId !== accountId ? { kind: 'ActorNoPermission', account_id: accountId, actor_id: actorId } : null;
    case 'DeleteAccount':
      if (actorId !== accountId) return { kind: 'ActorNoPermission', account_id: accountId, actor_id: actorId };
      if (account!.locked !== 0n) return { kind: 'DeleteAccountStaking', account_id: accountId };
      return null;
    default:
      return null;
  }
}

export function actionCreateAccount(ctx: ActionContext, result: ActionResult): void {
  const rc = ctx.rc;
  const accountId = rc.receipt.receiverId;
  const predecessorId = rc.receipt.predecessorId;
  const creation = rc.apply.config.accountCreationConfig;
  if (isTopLevelAccount(accountId)) {
    if (Buffer.byteLength(accountId) < creation.minAllowedTopLevelAccountLength && predecessorId !== creation.registrarAccountId) {
      result.result = actionError({
        kind: 'CreateAccountOnlyByRegistrar',
        account_id: accountId,
        registrar_account_id: creation.registrarAccountId,
        predecessor_id: predecessorId,
      });
      return;
    }
  } else if (!isSubAccountOf(accountId, predecessorId)) {
    result.result = actionError({ kind: 'CreateAccountNotAllowed', account_id: accountId, predecessor_id: predecessorId });
    return;
  }
  rc.actorId = accountId;
  rc.account = newAccount(0n, 0n, { type: 'None' }, rc.apply.config.fees.storageUsageConfig.numBytesAccount);
}

/** The account a deterministic (`0s…`) id gets when first funded or initialised; the actor does not change. */
export function deterministicAccount(balance: bigint, config: RuntimeConfig): Account {
  return newAccount(balance, 0n, { type: 'None' }, config.fees.storageUsageConfig.numBytesAccount);
}

function implicitAccountCreation(rc: ReceiptContext, deposit: bigint): void {
  const accountId = rc.receipt.receiverId;
  const config = rc.apply.config;
  const storage = config.fees.storageUsageConfig;
  rc.actorId = accountId;
  switch (accountType(accountId)) {
    case 'NearImplicitAccount': {
      const accessKey: AccessKey = { nonce: initialNonceValue(rc.apply.blockHeight), permission: { type: 'FullAccess' } };
      const publicKey = new PublicKey(KeyType.ED25519, fromHex(accountId));
      const usage = storage.numBytesAccount + publicKeyTrieIdLen(publicKey) + BigInt(encode(AccessKeyCodec, accessKey).length) + storage.numExtraBytesRecord;
      rc.account = newAccount(deposit, 0n, { type: 'None' }, usage);
      setAccessKey(rc.state, accountId, publicKey, accessKey);
      return;
    }
    case 'EthImplicitAccount': {
      const hash = ethWalletGlobalContractHash(rc.apply.chainId);
      rc.account = newAccount(deposit, 0n, { type: 'Global', hash }, storage.numBytesAccount + 32n);
      return;
    }
    case 'NearDeterministicAccount':
      rc.account = deterministicAccount(deposit, config);
      return;
    case 'NamedAccount':
      throw new StorageInconsistentError(`implicit account creation for named account ${accountId}`);
  }
}

function addBalance(account: Account, deposit: bigint): void {
  const amount = account.amount + deposit;
  if (amount > U128_MAX) throw new StorageInconsistentError('Account balance integer overflow');
  account.amount = amount;
}

/** Transfer to an existing account, a gas refund, or the creation of an implicit account. */
export function actionTransfer(ctx: ActionContext, deposit: bigint): void {
  const rc = ctx.rc;
  const receiverId = rc.receipt.receiverId;
  const isRefund = rc.receipt.predecessorId === SYSTEM_ACCOUNT_ID;
  if (rc.account === undefined) {
    implicitAccountCreation(rc, deposit);
    return;
  }
  const isGasRefund = isRefund && rc.actionReceipt.signerId === receiverId;
  const key = rc.actionReceipt.signerPublicKey;
  if (isGasRefund) {
    // A refund for a gas-key transaction goes back to the key, not the account.
    const ak = getAccessKey(rc.state, receiverId, key);
    if (ak && (ak.permission.type === 'GasKeyFullAccess' || ak.permission.type === 'GasKeyFunctionCall')) {
      const balance = ak.permission.gasKeyInfo.balance + deposit;
      if (balance > U128_MAX) throw new StorageInconsistentError('gas key balance integer overflow');
      setAccessKey(rc.state, receiverId, key, { ...ak, permission: { ...ak.permission, gasKeyInfo: { ...ak.permission.gasKeyInfo, balance } } });
      return;
    }
  }
  addBalance(rc.account, deposit);
  if (isGasRefund) {
    const ak = getAccessKey(rc.state, receiverId, key);
    if (ak && ak.permission.type === 'FunctionCall' && ak.permission.functionCall.allowance !== null) {
      const allowance = ak.permission.functionCall.allowance;
      const raised = allowance + deposit > U128_MAX ? U128_MAX : allowance + deposit;
      if (raised > allowance) {
        setAccessKey(rc.state, receiverId, key, {
          ...ak,
          permission: { type: 'FunctionCall', functionCall: { ...ak.permission.functionCall, allowance: raised } },
        });
      }
    }
  }
}

export function actionStake(ctx: ActionContext, result: ActionResult, stake: bigint, publicKey: PublicKey): void {
  const rc = ctx.rc;
  const account = rc.account!;
  const accountId = rc.receipt.receiverId;
  const increment = stake > account.locked ? stake - account.locked : 0n;
  if (account.amount < increment) {
    result.result = actionError({ kind: 'TriesToStake', account_id: accountId, stake, locked: account.locked, balance: account.amount });
    return;
  }
  if (account.locked === 0n && stake === 0n) {
    result.result = actionError({ kind: 'TriesToUnstake', account_id: accountId });
    return;
  }
  if (stake > 0n) {
    const minimumStake = rc.apply.epochInfo.minimumStake();
    if (stake < minimumStake) {
      result.result = actionError({ kind: 'InsufficientStake', account_id: accountId, stake, minimum_stake: minimumStake });
      return;
    }
  }
  result.validatorProposals.push({ accountId, publicKey, stake });
  if (stake > account.locked) {
    account.amount -= increment;
    account.locked = stake;
  }
}

export function actionDeleteAccount(ctx: ActionContext, result: ActionResult, beneficiaryId: AccountId): void {
  const rc = ctx.rc;
  const account = rc.account!;
  const accountId = rc.receipt.receiverId;
  // Before protocol 85 only local code was left out, not a global contract's identifier.
  const contractUsage = featureEnabled('FixDeleteAccountGlobalContractStorageUsage', rc.apply.protocolVersion)
    ? contractStorageUsage(rc.state, accountId, account)
    : account.contract.type === 'Local'
      ? contractStorageUsage(rc.state, accountId, account)
      : 0n;
  const usage = account.storageUsage - contractUsage;
  if ((usage > 0n ? usage : 0n) > MAX_ACCOUNT_DELETION_STORAGE_USAGE) {
    result.result = actionError({ kind: 'DeleteAccountWithLargeState', account_id: accountId });
    return;
  }
  const gasKeyBalance = gasKeyBalanceSum(rc.state, accountId);
  if (gasKeyBalance > GAS_KEY_MAX_BALANCE_TO_BURN) {
    result.result = actionError({ kind: 'GasKeyBalanceTooHigh', account_id: accountId, public_key: null, balance: gasKeyBalance });
    return;
  }
  if (account.amount > 0n) result.newReceipts.push(balanceRefundReceipt(beneficiaryId, account.amount));
  const removed = removeAccount(rc.state, accountId);
  if (rc.apply.config.wasmConfig.submodules !== undefined) removeAllSubmodules(rc.state, accountId);
  result.tokensBurnt += gasKeyBalance;
  if (removed.gasKeyNonceCount > 0n) {
    result.computeUsage += storageRemovesCompute(rc.apply.config, removed.gasKeyNonceCount, removed.gasKeyNonceKeyBytes, 8n * removed.gasKeyNonceCount);
  }
  rc.actorId = rc.receipt.predecessorId;
  rc.account = undefined;
}
