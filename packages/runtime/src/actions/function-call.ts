/**
 * FunctionCall (nearcore runtime/src/function_call.rs): build the VMContext, run the contract
 * through vm-runner with a RuntimeExt, share unused gas among weighted promises, and on success
 * turn promises into receipts and take the balance and storage usage the call left.
 */
import {
  createRandomSeed,
  encode,
  PublicKeyCodec,
  sha256,
  tracer,
  TrieQueueIndicesCodec,
  trieKeys,
  PromiseYieldTimeoutCodec,
  ZERO_HASH,
  type AccountContract,
  type Action,
  type Receipt,
  type TrieQueueIndices,
} from '@nearts/primitives';
import type { AccountContract as VmAccountContract, VMContext, VMOutcome } from '@nearts/vm-logic';
import { runContract } from '../ext/vm-bridge.js';
import { toOnChainFunctionCallError } from '@nearts/vm-errors';
import { StorageInconsistentError } from '../errors.js';
import { RuntimeExt } from '../ext/runtime-ext.js';
import { U128_MAX, U64_MAX } from '../math.js';
import { getGlobalCode, getCode, getValue } from '../state/accessors.js';
import type { StateUpdate } from '../state/state-update.js';
import type { ActionContext } from './context.js';
import { actionError, type ActionResult } from './result.js';

const trace = tracer('nearts:runtime:function-call');

type FunctionCallAction = Extract<Action, { type: 'FunctionCall' }>;

export function vmContract(c: AccountContract): VmAccountContract {
  switch (c.type) {
    case 'None':
      return { kind: 'None' };
    case 'Local':
      return { kind: 'Local', codeHash: c.hash };
    case 'Global':
      return { kind: 'Global', codeHash: c.hash };
    case 'GlobalByAccount':
      return { kind: 'GlobalByAccount', accountId: c.accountId };
  }
}

/** The code an account runs and its hash, or null when it has none (nearcore `RuntimeContractIdentifier`). */
export function resolveContractCode(state: StateUpdate, accountId: string, contract: AccountContract): { code: Uint8Array; hash: Uint8Array } | null {
  switch (contract.type) {
    case 'None':
      return null;
    case 'Local': {
      const code = getCode(state, accountId);
      return code === undefined ? null : { code, hash: contract.hash };
    }
    case 'Global': {
      const code = getGlobalCode(state, { type: 'CodeHash', hash: contract.hash });
      return code === undefined ? null : { code, hash: contract.hash };
    }
    case 'GlobalByAccount': {
      const code = getGlobalCode(state, { type: 'AccountId', accountId: contract.accountId });
      if (code === undefined) throw new StorageInconsistentError(`Global contract identifier not found ${contract.accountId}`);
      return { code, hash: sha256(code) };
    }
  }
}

export function getPromiseYieldIndices(state: StateUpdate): TrieQueueIndices {
  return getValue(state, trieKeys.promiseYieldIndices(), TrieQueueIndicesCodec, 'promise yield indices') ?? { firstIndex: 0n, nextAvailableIndex: 0n };
}

/**
 * Runs one contract call. Exposed separately so a driver (or a test) can run a call against a
 * receipt context; `actionFunctionCall` adds the receipt-level bookkeeping.
 */
export function executeFunctionCall(ctx: ActionContext, fc: FunctionCallAction, ext: RuntimeExt, isLastAction: boolean): VMOutcome {
  const rc = ctx.rc;
  const apply = rc.apply;
  const account = rc.account!;
  const ar = rc.actionReceipt;
  const predecessorId = rc.receipt.predecessorId;
  const refundTo = 'refundTo' in ar && ar.refundTo !== null ? ar.refundTo : predecessorId;
  const context: VMContext = {
    currentAccountId: rc.receipt.receiverId,
    signerAccountId: ar.signerId,
    signerAccountPk: encode(PublicKeyCodec, ar.signerPublicKey),
    predecessorAccountId: predecessorId,
    refundToAccountId: refundTo,
    input: fc.args,
    promiseResults: rc.promiseResults,
    blockHeight: apply.blockHeight,
    blockTimestamp: apply.blockTimestamp,
    epochHeight: apply.epochHeight,
    accountBalance: account.amount,
    accountLockedBalance: account.locked,
    storageUsage: account.storageUsage,
    accountContract: vmContract(account.contract),
    attachedDeposit: fc.deposit,
    prepaidGas: fc.gas,
    randomSeed: createRandomSeed(ctx.actionHash, apply.randomSeed),
    viewConfig: null,
    outputDataReceivers: isLastAction ? ar.outputDataReceivers.map((r) => r.receiverId) : [],
  };
  const resolved = resolveContractCode(rc.state, rc.receipt.receiverId, account.contract);
  const outcome = runContract({
    code: resolved?.code ?? null,
    codeHash: resolved?.hash,
    method: fc.methodName,
    context,
    config: apply.config,
    external: ext,
    executor: apply.executor,
    cache: apply.cache,
  });
  const unused = fc.gas > outcome.usedGas ? fc.gas - outcome.usedGas : 0n;
  const distributed = ext.receiptManager.distributeGas(unused);
  const usedGas = outcome.usedGas + distributed;
  if (usedGas > U64_MAX) throw new StorageInconsistentError('used gas overflow');
  if (trace.enabled) trace(`${rc.receipt.receiverId}.${fc.methodName}`, outcome.aborted ?? 'ok', outcome.burntGas, usedGas);
  return { ...outcome, usedGas };
}

export function actionFunctionCall(ctx: ActionContext, result: ActionResult, fc: FunctionCallAction, isLastAction: boolean): void {
  const rc = ctx.rc;
  const apply = rc.apply;
  const account = rc.account!;
  const accountId = rc.receipt.receiverId;
  if (account.amount + fc.deposit > U128_MAX) {
    throw new StorageInconsistentError('Account balance integer overflow during function call deposit');
  }
  const ext = new RuntimeExt({
    state: rc.state,
    accountId,
    actionHash: ctx.actionHash,
    blockHeight: apply.blockHeight,
    epochInfo: apply.epochInfo,
    chainId: apply.chainId,
    accounting: rc.accounting,
    submodules: apply.config.wasmConfig.submodules !== undefined,
  });
  const outcome = executeFunctionCall(ctx, fc, ext, isLastAction);
  if (outcome.aborted !== null) result.result = actionError({ kind: 'FunctionCallError', error: toOnChainFunctionCallError(outcome.aborted) });
  result.gasBurnt += outcome.burntGas;
  result.gasBurntForFunctionCall += outcome.burntGas;
  result.gasUsed += outcome.usedGas;
  result.computeUsage += outcome.computeUsage;
  result.logs.push(...outcome.logs);
  result.profile.merge(outcome.profile);
  if (outcome.aborted !== null) return;

  const indicesKey = trieKeys.promiseYieldIndices();
  const indices = getPromiseYieldIndices(rc.state);
  const initialNext = indices.nextAvailableIndex;
  const ar = rc.actionReceipt;
  const newReceipts: Receipt[] = [];
  for (const m of ext.receiptManager.actionReceipts) {
    if (m.isPromiseYield) {
      const expiresAt = apply.blockHeight + apply.config.wasmConfig.limitConfig.yieldTimeoutLengthInBlocks;
      rc.state.set(
        trieKeys.promiseYieldTimeout(indices.nextAvailableIndex),
        encode(PromiseYieldTimeoutCodec, { accountId, dataId: m.inputDataIds[0], expiresAt }),
      );
      indices.nextAvailableIndex++;
    }
    const receipt = {
      signerId: ar.signerId,
      refundTo: m.refundTo,
      signerPublicKey: ar.signerPublicKey,
      gasPrice: ar.gasPrice,
      outputDataReceivers: m.outputDataReceivers,
      inputDataIds: m.inputDataIds,
      actions: m.actions,
    };
    newReceipts.push({
      predecessorId: accountId,
      receiverId: m.receiverId,
      receiptId: ZERO_HASH,
      receipt: m.isPromiseYield ? { type: 'PromiseYieldV2', receipt } : { type: 'ActionV2', receipt },
    });
  }
  for (const d of ext.receiptManager.dataReceipts) {
    const data = { dataId: d.dataId, data: d.data };
    newReceipts.push({
      predecessorId: accountId,
      receiverId: accountId,
      receiptId: ZERO_HASH,
      receipt: d.isPromiseResume ? { type: 'PromiseResume', receipt: data } : { type: 'Data', receipt: data },
    });
  }
  if (indices.nextAvailableIndex !== initialNext) rc.state.set(indicesKey, encode(TrieQueueIndicesCodec, indices));
  account.amount = outcome.balance;
  account.storageUsage = outcome.storageUsage;
  result.subsidizedAmount += outcome.subsidizedAmount;
  result.result = { ok: true, value: outcome.returnData };
  result.newReceipts.push(...newReceipts);
}
