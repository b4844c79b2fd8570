/**
 * Applying an action receipt whose input data is all present (nearcore lib.rs
 * `apply_action_receipt` and `refund_unspent_gas_and_deposits`): run the actions in order, stop
 * at the first failure, check storage staking, refund unused gas and (on failure) deposits,
 * commit or roll back, pay the contract its share of the burnt gas, emit output data, number the
 * new receipts and build the outcome.
 */
import {
  createActionHash,
  createReceiptIdFromReceipt,
  SYSTEM_ACCOUNT_ID,
  tracer,
  trieKeys,
  ZERO_HASH,
  type Action,
  type CryptoHash,
  type Receipt,
} from '@nearts/primitives';
import { execFee, gasPenaltyForGasRefund } from '@nearts/runtime-fees';
import type { PromiseResult } from '@nearts/vm-logic';
import { applyAction } from '../actions/apply-action.js';
import type { ActionContext, ReceiptContext } from '../actions/context.js';
import { mergeActionResult, newReceiptResult, setReceiptError, type ReceiptResult } from '../actions/result.js';
import { totalDeposit, totalPrepaidExecFees, totalPrepaidGas, totalPrepaidSendFees } from '../config/tx-cost.js';
import { StorageInconsistentError } from '../errors.js';
import { featureEnabled } from '../protocol.js';
import { actionReceiptOfReceipt, balanceRefundReceipt, gasRefundReceipt, isInstantReceipt, refundToOf, type AnyActionReceipt } from '../receipts.js';
import { getAccount, getReceivedData, setAccount } from '../state/accessors.js';
import { validateReceipt } from '../verifier/receipt-validation.js';
import { storageStakeShortfall } from '../verifier/storage-stake.js';
import type { Processing } from './processing.js';
import type { ExecutionMetadata, ExecutionOutcomeWithId, ExecutionStatus } from './types.js';

const trace = tracer('nearts:runtime:receipt');

interface GasRefundResult {
  priceDeficit: bigint;
  priceSurplus: bigint;
  refundPenalty: bigint;
  createAccountCharge: bigint;
}

function refundUnspentGasAndDeposits(
  p: Processing,
  burnPrice: bigint,
  purchasePrice: bigint,
  receipt: Receipt,
  ar: AnyActionReceipt,
  result: ReceiptResult,
  createdAccount: boolean,
): GasRefundResult {
  const config = p.apply.config;
  const v = p.apply.protocolVersion;
  const costIncrease = featureEnabled('AccountCostIncrease', v);
  const deposit = totalDeposit(ar.actions);
  const prepaidGas = totalPrepaidGas(ar.actions) + totalPrepaidSendFees(config, ar.actions).gas;
  const prepaidExec = totalPrepaidExecFees(config, ar.actions, receipt.receiverId).gas + execFee(config.fees.actionFees.new_action_receipt).gas;
  const failed = !result.result.ok;
  const grossGasRefund = prepaidGas + prepaidExec - (failed ? result.gasBurnt : result.gasUsed);
  if (grossGasRefund < 0n) throw new StorageInconsistentError('receipt used more gas than it prepaid');
  const penalty = gasPenaltyForGasRefund(config.fees, grossGasRefund);
  const penaltyAmount = penalty * (costIncrease ? burnPrice : purchasePrice);
  const unusedRefund = grossGasRefund * purchasePrice > penaltyAmount ? grossGasRefund * purchasePrice - penaltyAmount : 0n;
  const r: GasRefundResult = { priceDeficit: 0n, priceSurplus: 0n, refundPenalty: penaltyAmount, createAccountCharge: 0n };
  if (burnPrice > purchasePrice) r.priceDeficit = (burnPrice - purchasePrice) * result.gasBurnt;
  else r.priceSurplus = (purchasePrice - burnPrice) * result.gasBurnt;
  let burnedGasRefund = costIncrease ? r.priceSurplus : 0n;
  if (createdAccount && costIncrease) {
    // Creating an account costs account_creation_charge in total; the gas burnt for CreateAccount counts towards it.
    const burned = burnPrice * execFee(config.fees.actionFees.create_account).gas;
    const toCharge = config.accountCreationCharge > burned ? config.accountCreationCharge - burned : 0n;
    const charged = toCharge < burnedGasRefund ? toCharge : burnedGasRefund;
    r.createAccountCharge = charged;
    burnedGasRefund -= charged;
  }
  const gasRefund = unusedRefund + burnedGasRefund;
  if (failed && deposit > 0n) {
    const to = refundToOf(ar) ?? receipt.predecessorId;
    result.newReceipts.push(balanceRefundReceipt(to, deposit));
  }
  if (gasRefund > 0n) result.newReceipts.push(gasRefundReceipt(ar.signerId, gasRefund, ar.signerPublicKey));
  return r;
}

function loadPromiseResults(p: Processing, receipt: Receipt, ar: AnyActionReceipt): PromiseResult[] {
  return ar.inputDataIds.map((dataId) => {
    const received = getReceivedData(p.state, receipt.receiverId, dataId);
    if (received === undefined) throw new StorageInconsistentError('received data should be in the state');
    p.state.remove(trieKeys.receivedData(receipt.receiverId, dataId));
    return received.data === null ? { kind: 'Failed' } : { kind: 'Successful', data: received.data };
  });
}

/**
 * The context of one action. Its hash (a sha256) is derived on first use: only function calls
 * read it. Inputs that cannot be hashed still fail before the action runs. A class rather than
 * an object literal with a getter: no closure and accessor pair per action.
 */
class LazyActionContext implements ActionContext {
  private hash: CryptoHash | undefined;

  constructor(
    readonly rc: ReceiptContext,
    readonly action: Action,
    private readonly receiptId: CryptoHash,
    private readonly blockHeight: bigint,
    readonly actionIndex: number,
  ) {
    const hashable = receiptId.length === 32 && blockHeight >= 0n && blockHeight < 1n << 64n;
    this.hash = hashable ? undefined : createActionHash(receiptId, blockHeight, actionIndex);
  }

  get actionHash(): CryptoHash {
    return (this.hash ??= createActionHash(this.receiptId, this.blockHeight, this.actionIndex));
  }
}

export function applyActionReceipt(p: Processing, receipt: Receipt): ExecutionOutcomeWithId {
  const ar = actionReceiptOfReceipt(receipt);
  if (ar === undefined) throw new StorageInconsistentError('given receipt should be an action receipt');
  const apply = p.apply;
  const config = apply.config;
  const accountId = receipt.receiverId;
  const isRefund = receipt.predecessorId === SYSTEM_ACCOUNT_ID;
  const promiseResults = loadPromiseResults(p, receipt, ar);
  p.state.commit();

  const rc: ReceiptContext = {
    state: p.state,
    apply,
    receipt,
    actionReceipt: ar,
    promiseResults,
    accounting: p.accounting,
    account: getAccount(p.state, accountId),
    actorId: receipt.predecessorId,
  };
  const accountDidNotExist = rc.account === undefined;
  const result = newReceiptResult();
  const receiptExec = execFee(config.fees.actionFees.new_action_receipt);
  result.gasUsed = receiptExec.gas;
  result.gasBurnt = receiptExec.gas;
  result.computeUsage = receiptExec.compute;

  for (let i = 0; i < ar.actions.length; i++) {
    const next = applyAction(new LazyActionContext(rc, ar.actions[i], receipt.receiptId, apply.blockHeight, i));
    if (next.result.ok) {
      for (const r of next.newReceipts) {
        const e = validateReceipt(config.wasmConfig.limitConfig, r, apply.protocolVersion, 'NewReceipt', config.wasmConfig.submodules);
        if (e) {
          next.result = { ok: false, error: { index: null, kind: { kind: 'NewReceiptValidationError', error: e } } };
          break;
        }
      }
    }
    mergeActionResult(result, next);
    if (!result.result.ok) {
      result.result.error.index = BigInt(i);
      break;
    }
  }

  if (result.result.ok && rc.account !== undefined) {
    const missing = storageStakeShortfall(rc.account, rc.account.amount, config);
    if (missing === null) setAccount(p.state, accountId, rc.account);
    else setReceiptError(result, { index: null, kind: { kind: 'LackBalanceForState', account_id: accountId, amount: missing } });
  }

  const purchasePrice = ar.gasPrice;
  const burnPrice = featureEnabled('AccountCostIncrease', apply.protocolVersion)
    ? purchasePrice < apply.gasPrice
      ? purchasePrice
      : apply.gasPrice
    : apply.gasPrice;
  let refund: GasRefundResult = { priceDeficit: 0n, priceSurplus: 0n, refundPenalty: 0n, createAccountCharge: 0n };
  if (isRefund) {
    // A failed refund burns its tokens.
    if (!result.result.ok) p.stats.otherBurntAmount += totalDeposit(ar.actions);
  } else {
    const created = accountDidNotExist && rc.account !== undefined && result.result.ok;
    refund = refundUnspentGasAndDeposits(p, burnPrice, purchasePrice, receipt, ar, result, created);
  }
  p.stats.gasDeficitAmount += refund.priceDeficit;
  if (result.validatorProposals.length !== 0) p.validatorProposals.push(...result.validatorProposals);

  if (result.result.ok) p.state.commit();
  else p.state.rollback();

  const gasBurnt = isRefund ? 0n : result.gasBurnt;
  let txBurnt = gasBurnt * burnPrice - refund.priceDeficit;
  if (!featureEnabled('AccountCostIncrease', apply.protocolVersion)) txBurnt += refund.priceSurplus;
  txBurnt += refund.refundPenalty + refund.createAccountCharge + result.tokensBurnt;
  const tokensBurnt = txBurnt;

  const { numerator, denominator } = config.fees.burntGasReward;
  const rewardGas = (result.gasBurntForFunctionCall * numerator) / denominator;
  const reward = rewardGas * (featureEnabled('AccountCostIncrease', apply.protocolVersion) ? burnPrice : purchasePrice);
  if (reward > 0n) {
    const account = getAccount(p.state, accountId);
    if (account !== undefined) {
      // The contract's share of the burnt gas; without an account it stays burnt.
      txBurnt -= reward;
      account.amount += reward;
      setAccount(p.state, accountId, account);
      p.state.commit();
    }
  }
  p.stats.txBurntAmount += txBurnt;
  p.stats.subsidizedAmount += result.subsidizedAmount;

  emitOutputData(receipt, ar, result);

  const receiptIds: Uint8Array[] = [];
  result.newReceipts.forEach((r, index) => {
    const id = createReceiptIdFromReceipt(receipt.receiptId, apply.blockHeight, index);
    const numbered: Receipt = { ...r, receiptId: id };
    const t = numbered.receipt.type;
    if (isInstantReceipt(numbered)) p.instant.push(numbered);
    else p.outgoing.push(numbered);
    if (t === 'Action' || t === 'ActionV2' || t === 'PromiseYield' || t === 'PromiseYieldV2') receiptIds.push(id);
  });

  let status: ExecutionStatus;
  if (!result.result.ok) status = { kind: 'Failure', error: { kind: 'ActionError', error: result.result.error } };
  else if (result.result.value.kind === 'ReceiptIndex') {
    status = { kind: 'SuccessReceiptId', receiptId: createReceiptIdFromReceipt(receipt.receiptId, apply.blockHeight, result.result.value.receiptIndex) };
  } else if (result.result.value.kind === 'Value') status = { kind: 'SuccessValue', value: result.result.value.value };
  else status = { kind: 'SuccessValue', value: new Uint8Array(0) };

  let metadata: ExecutionMetadata;
  if (featureEnabled('ExecutionMetadataV4', apply.protocolVersion)) {
    const contracts = result.currentContracts.slice();
    while (contracts.length < ar.actions.length) contracts.push({ type: 'None' });
    metadata = { version: 4, profile: result.profile, contracts };
  } else metadata = { version: 3, profile: result.profile };

  if (trace.enabled) {
    trace(`${receipt.predecessorId} -> ${accountId}`, result.result.ok ? 'ok' : result.result.error, 'burnt', result.gasBurnt, 'tokens', tokensBurnt);
  }
  return {
    id: receipt.receiptId,
    outcome: {
      logs: result.logs,
      receiptIds,
      gasBurnt: result.gasBurnt,
      computeUsage: result.computeUsage,
      tokensBurnt,
      executorId: accountId,
      status,
      metadata,
    },
  };
}

/** Data for the receipts waiting on this one, or — if it returned a promise — hand them to that promise. */
function emitOutputData(receipt: Receipt, ar: AnyActionReceipt, result: ReceiptResult): void {
  if (ar.outputDataReceivers.length === 0) return;
  if (result.result.ok && result.result.value.kind === 'ReceiptIndex') {
    const target = actionReceiptOfReceipt(result.newReceipts[result.result.value.receiptIndex]);
    if (target === undefined) throw new StorageInconsistentError('the returned promise should be an action receipt');
    target.outputDataReceivers.push(...ar.outputDataReceivers);
    return;
  }
  const data = !result.result.ok ? null : result.result.value.kind === 'Value' ? result.result.value.value : new Uint8Array(0);
  for (const r of ar.outputDataReceivers) {
    result.newReceipts.push({
      predecessorId: receipt.receiverId,
      receiverId: r.receiverId,
      receiptId: ZERO_HASH,
      receipt: { type: 'Data', receipt: { dataId: r.dataId, data } },
    });
  }
}
