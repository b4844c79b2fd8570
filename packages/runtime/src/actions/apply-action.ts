/**
 * One action of an action receipt (nearcore lib.rs `apply_action`): charge its execution fee,
 * check the account exists (or may be created) and the actor may do it, then dispatch.
 */
import { SYSTEM_ACCOUNT_ID } from '@nearts/primitives';
import { actionExecFee } from '../config/tx-cost.js';
import { actionCreateAccount, actionDeleteAccount, actionStake, actionTransfer, checkAccountExistence, checkActorPermissions } from './account.js';
import { actionDeployContract, actionDeployGlobalContract, actionDeterministicStateInit, useGlobalContract } from './contract.js';
import type { ActionContext } from './context.js';
import { actionDelegate } from './delegate.js';
import { actionFunctionCall } from './function-call.js';
import { actionAddKey, actionDeleteKey, actionTransferToGasKey, actionWithdrawFromGasKey } from './keys.js';
import { actionDeleteSubmodule, actionDeploySubmodule } from './submodule.js';
import { actionError, newActionResult, type ActionResult } from './result.js';

export function applyAction(ctx: ActionContext): ActionResult {
  const rc = ctx.rc;
  const action = ctx.action;
  const accountId = rc.receipt.receiverId;
  const exec = actionExecFee(rc.apply.config, action, accountId);
  const result = newActionResult(action.type === 'FunctionCall');
  result.gasUsed = exec.gas;
  result.gasBurnt = exec.gas;
  result.computeUsage = exec.compute;
  result.currentContract = rc.account?.contract ?? { type: 'None' };
  const actions = rc.actionReceipt.actions;
  const isRefund = rc.receipt.predecessorId === SYSTEM_ACCOUNT_ID;
  const implicitEligible = actions.length === 1 && !isRefund;

  const existence = checkAccountExistence(action, rc.account, accountId, rc.apply.config, implicitEligible);
  if (existence) {
    result.result = actionError(existence);
    return result;
  }
  const permission = checkActorPermissions(action, rc.account, rc.actorId, accountId);
  if (permission) {
    result.result = actionError(permission);
    return result;
  }
  switch (action.type) {
    case 'CreateAccount':
      actionCreateAccount(ctx, result);
      break;
    case 'DeployContract':
      actionDeployContract(ctx, action.code);
      break;
    case 'DeployGlobalContract':
      actionDeployGlobalContract(ctx, result, action.code, action.deployMode);
      break;
    case 'UseGlobalContract':
      useGlobalContract(ctx, result, action.contractIdentifier);
      break;
    case 'DeterministicStateInit':
      actionDeterministicStateInit(ctx, result, action);
      break;
    case 'FunctionCall':
      actionFunctionCall(ctx, result, action, ctx.actionIndex + 1 === actions.length);
      break;
    case 'Transfer':
      actionTransfer(ctx, action.deposit);
      break;
    case 'Stake':
      actionStake(ctx, result, action.stake, action.publicKey);
      break;
    case 'AddKey':
      actionAddKey(ctx, result, action.publicKey, action.accessKey);
      break;
    case 'DeleteKey':
      actionDeleteKey(ctx, result, action.publicKey);
      break;
    case 'DeleteAccount':
      actionDeleteAccount(ctx, result, action.beneficiaryId);
      break;
    case 'Delegate':
    case 'DelegateV2':
      actionDelegate(ctx, result);
      break;
    case 'TransferToGasKey':
      actionTransferToGasKey(ctx, result, action.publicKey, action.deposit);
      break;
    case 'WithdrawFromGasKey':
      actionWithdrawFromGasKey(ctx, result, action.publicKey, action.amount);
      break;
    case 'DeploySubmodule':
      actionDeploySubmodule(ctx, action.key, action.code, action.policy);
      break;
    case 'DeleteSubmodule':
      actionDeleteSubmodule(ctx, action.key);
      break;
  }
  return result;
}
