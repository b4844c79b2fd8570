/**
 * Contract actions (nearcore actions.rs, global_contracts.rs, deterministic_account_id.rs):
 * DeployContract, DeployGlobalContract, UseGlobalContract and DeterministicStateInit.
 */
import {
  base58Encode,
  contractIdentifierStorageUsage,
  sha256,
  SYSTEM_ACCOUNT_ID,
  trieKeys,
  withContract,
  ZERO_HASH,
  type Account,
  type AccountContract,
  type AccountId,
  type Action,
  type GlobalContractDeployMode,
  type GlobalContractDistributionReceipt,
  type GlobalContractIdentifier,
  type Receipt,
} from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import type { GlobalContractIdentifierData } from '@nearts/vm-errors';
import { balanceRefundReceipt } from '../receipts.js';
import { getCode, getU64, setCode, setU64 } from '../state/accessors.js';
import type { StateUpdate } from '../state/state-update.js';
import { storageStakeShortfall } from '../verifier/storage-stake.js';
import { deterministicAccount } from './account.js';
import type { ActionContext } from './context.js';
import { actionError, type ActionResult } from './result.js';

/** Storage the account's contract takes: local code length, or the global identifier's length. */
export function contractStorageUsage(state: StateUpdate, accountId: AccountId, account: Account): bigint {
  const c = account.contract;
  if (c.type === 'None') return 0n;
  if (c.type === 'Local') return BigInt(getCode(state, accountId)?.length ?? 0);
  return contractIdentifierStorageUsage(c);
}

function clearContractStorageUsage(state: StateUpdate, accountId: AccountId, account: Account): void {
  const used = contractStorageUsage(state, accountId, account);
  account.storageUsage = account.storageUsage > used ? account.storageUsage - used : 0n;
}

function setContract(ctx: ActionContext, contract: AccountContract): void {
  const updated = withContract(ctx.rc.account!, contract);
  Object.assign(ctx.rc.account!, updated);
}

export function actionDeployContract(ctx: ActionContext, code: Uint8Array): void {
  const rc = ctx.rc;
  const accountId = rc.receipt.receiverId;
  const account = rc.account!;
  clearContractStorageUsage(rc.state, accountId, account);
  account.storageUsage += BigInt(code.length);
  setContract(ctx, { type: 'Local', hash: sha256(code) });
  setCode(rc.state, accountId, code);
}

export function globalIdFor(deployMode: GlobalContractDeployMode, code: Uint8Array, accountId: AccountId): GlobalContractIdentifier {
  return deployMode === 'CodeHash' ? { type: 'CodeHash', hash: sha256(code) } : { type: 'AccountId', accountId };
}

export function actionDeployGlobalContract(ctx: ActionContext, result: ActionResult, code: Uint8Array, deployMode: GlobalContractDeployMode): void {
  const rc = ctx.rc;
  const accountId = rc.receipt.receiverId;
  const account = rc.account!;
  const cost = rc.apply.config.fees.storageUsageConfig.globalContractStorageAmountPerByte * BigInt(code.length);
  if (account.amount < cost) {
    result.result = actionError({ kind: 'LackBalanceForState', account_id: accountId, amount: cost });
    return;
  }
  result.tokensBurnt += cost;
  account.amount -= cost;
  const id = globalIdFor(deployMode, code, accountId);
  // The nonce is bumped now so two distributions of the same id can never carry the same nonce.
  const nonceKey = trieKeys.globalContractNonce(id);
  const nonce = (getU64(rc.state, nonceKey, 'global contract nonce') ?? 0n) + 1n;
  setU64(rc.state, nonceKey, nonce);
  const distribution: Receipt = {
    predecessorId: accountId,
    receiverId: SYSTEM_ACCOUNT_ID,
    receiptId: ZERO_HASH,
    receipt: {
      type: 'GlobalContractDistribution',
      receipt: { version: 'V2', id, targetShard: rc.apply.shardId, alreadyDeliveredShards: [], code, nonce },
    },
  };
  result.newReceipts.push(distribution);
}

/** Points the account at a global contract (also the first step of a deterministic state init). */
export function useGlobalContract(ctx: ActionContext, result: ActionResult, id: GlobalContractIdentifier): void {
  const rc = ctx.rc;
  const accountId = rc.receipt.receiverId;
  const account = rc.account!;
  if (!rc.state.has(trieKeys.globalContractCode(id))) {
    result.result = actionError({ kind: 'GlobalContractDoesNotExist', identifier: globalIdData(id) });
    return;
  }
  clearContractStorageUsage(rc.state, accountId, account);
  if (account.contract.type === 'Local') rc.state.remove(trieKeys.contractCode(accountId));
  const contract: AccountContract = id.type === 'CodeHash' ? { type: 'Global', hash: id.hash } : { type: 'GlobalByAccount', accountId: id.accountId };
  account.storageUsage += contractIdentifierStorageUsage(contract);
  setContract(ctx, contract);
}

/** A GlobalContractIdentifier as error data. */
export function globalIdData(id: GlobalContractIdentifier): GlobalContractIdentifierData {
  return id.type === 'CodeHash' ? { kind: 'CodeHash', hash: base58Encode(id.hash) } : { kind: 'AccountId', account_id: id.accountId };
}

export function actionDeterministicStateInit(
  ctx: ActionContext,
  result: ActionResult,
  action: Extract<Action, { type: 'DeterministicStateInit' }>,
): void {
  const rc = ctx.rc;
  const config = rc.apply.config;
  const accountId = rc.receipt.receiverId;
  if (rc.account === undefined) rc.account = deterministicAccount(0n, config);
  const account = rc.account;
  if (account.contract.type === 'None') {
    useGlobalContract(ctx, result, action.stateInit.code);
    if (!result.result.ok) return;
    let usage = account.storageUsage;
    for (const [key, value] of action.stateInit.data) {
      rc.state.set(trieKeys.contractData(accountId, key), value);
      usage += BigInt(key.length + value.length) + config.fees.storageUsageConfig.numExtraBytesRecord;
    }
    account.storageUsage = usage;
  }
  let refund: bigint;
  const missing = storageStakeShortfall(account, account.amount, config);
  if (missing === null) refund = action.deposit;
  else if (missing <= action.deposit) {
    account.amount += missing;
    refund = action.deposit - missing;
  } else {
    result.result = actionError({ kind: 'LackBalanceForState', account_id: accountId, amount: missing });
    return;
  }
  if (refund > 0n) result.newReceipts.push(balanceRefundReceipt(balanceRefundReceiverOf(ctx), refund));
}

function balanceRefundReceiverOf(ctx: ActionContext): AccountId {
  const a = ctx.rc.actionReceipt;
  return 'refundTo' in a && a.refundTo !== null ? a.refundTo : ctx.rc.receipt.predecessorId;
}

/** Stores a distributed global contract on this shard if its nonce is not stale; returns the compute charged. */
export function applyGlobalContractDistribution(state: StateUpdate, r: GlobalContractDistributionReceipt, config: RuntimeConfig): bigint {
  const nonceKey = trieKeys.globalContractNonce(r.id);
  const stored = getU64(state, nonceKey, 'global contract nonce') ?? 0n;
  const incoming = r.version === 'V2' ? r.nonce : 0n;
  if (incoming < stored) return 0n;
  setU64(state, nonceKey, incoming);
  state.set(trieKeys.globalContractCode(r.id), r.code);
  state.commit();
  const fees = config.fees;
  return fees.deployGlobalContractExecutionBase + fees.deployGlobalContractExecutionPerByte * BigInt(r.code.length);
}
