/**
 * Fee arithmetic the VM and the transaction runtime share, as nearcore's `Fee` methods and the
 * transfer helpers in core/parameters/src/cost.rs. Every result is a `ParameterCost`: gas is what
 * is charged, compute is what counts against the chunk's compute limit.
 */
import type { Fee, ParameterCost, RuntimeFeesConfig } from './types.js';

/** Cost burnt at the sender when the action is sent; `sir` = sender is receiver. */
export function sendFee(fee: Fee, sir: boolean): ParameterCost {
  return sir
    ? { gas: fee.sendSir, compute: fee.sendSirCompute }
    : { gas: fee.sendNotSir, compute: fee.sendNotSirCompute };
}

/** Cost burnt at the receiver when the action executes. */
export function execFee(fee: Fee): ParameterCost {
  return { gas: fee.execution, compute: fee.executionCompute };
}

/** min(send_sir, send_not_sir) + execution, in gas. */
export function minSendAndExecFee(fee: Fee): bigint {
  return (fee.sendSir < fee.sendNotSir ? fee.sendSir : fee.sendNotSir) + fee.execution;
}

export function addCosts(a: ParameterCost, b: ParameterCost): ParameterCost {
  return { gas: a.gas + b.gas, compute: a.compute + b.compute };
}

/** Smallest gas a receipt with one function call can need (receipt + call, send + exec). */
export function minReceiptWithFunctionCallGas(fees: RuntimeFeesConfig): bigint {
  return (
    minSendAndExecFee(fees.actionFees.new_action_receipt) +
    minSendAndExecFee(fees.actionFees.function_call_base)
  );
}

/**
 * The part of a gas refund kept as a penalty: max(refund × gas_refund_penalty,
 * min_gas_refund_penalty), never more than the refund itself.
 */
export function gasPenaltyForGasRefund(fees: RuntimeFeesConfig, gasRefund: bigint): bigint {
  const { numerator, denominator } = fees.gasRefundPenalty;
  const relative = (gasRefund * numerator) / denominator;
  const penalty = relative > fees.minGasRefundPenalty ? relative : fees.minGasRefundPenalty;
  return penalty < gasRefund ? penalty : gasRefund;
}

/** The kind of account a transfer goes to, as nearcore's `AccountType`. */
export type ReceiverAccountType =
  | 'NamedAccount'
  | 'NearImplicitAccount'
  | 'EthImplicitAccount'
  | 'NearDeterministicAccount';

/** Which extra actions a transfer implies: creating the account, and adding its key. */
function impliedActions(
  ethImplicitAccounts: boolean,
  receiver: ReceiverAccountType,
): { createAccount: boolean; addKey: boolean } {
  switch (receiver) {
    case 'NamedAccount':
      return { createAccount: false, addKey: false };
    case 'EthImplicitAccount':
      // Before ETH-implicit accounts existed such a transfer created nothing.
      return { createAccount: ethImplicitAccounts, addKey: false };
    case 'NearImplicitAccount':
      return { createAccount: true, addKey: true };
    case 'NearDeterministicAccount':
      return { createAccount: true, addKey: false };
  }
}

/** Send cost of a transfer, including the implied account creation (and key) for implicit receivers. */
export function transferSendFee(
  fees: RuntimeFeesConfig,
  sir: boolean,
  ethImplicitAccounts: boolean,
  receiver: ReceiverAccountType,
): ParameterCost {
  const implied = impliedActions(ethImplicitAccounts, receiver);
  let cost = sendFee(fees.actionFees.transfer, sir);
  if (implied.createAccount) cost = addCosts(cost, sendFee(fees.actionFees.create_account, sir));
  if (implied.addKey) cost = addCosts(cost, sendFee(fees.actionFees.add_full_access_key, sir));
  return cost;
}

/** Execution cost of a transfer, including the implied account creation (and key). */
export function transferExecFee(
  fees: RuntimeFeesConfig,
  ethImplicitAccounts: boolean,
  receiver: ReceiverAccountType,
): ParameterCost {
  const implied = impliedActions(ethImplicitAccounts, receiver);
  let cost = execFee(fees.actionFees.transfer);
  if (implied.createAccount) cost = addCosts(cost, execFee(fees.actionFees.create_account));
  if (implied.addKey) cost = addCosts(cost, execFee(fees.actionFees.add_full_access_key));
  return cost;
}
