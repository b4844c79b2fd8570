/**
 * Promises API: creating receipts, joining them, callbacks, results and return. The receipts
 * themselves are kept by the External (the runtime's receipt manager, or MockedExternal);
 * VMLogic keeps the per-call promise list that maps promise indexes to receipt indexes.
 */
import { HostError } from '@nearts/vm-errors';
import { checkedMulU64 } from '../internal/u64.js';
import type { VMLogic } from '../logic.js';
import type { ReceiptIndex } from '../types.js';
import { promiseBatchActionFunctionCall } from './promise-actions.js';
import { payGasForNewReceipt } from './promise-fees.js';

/** = promise_batch_create + promise_batch_action_function_call, charges of both in that order. */
export function promiseCreate(
  logic: VMLogic,
  accountIdLen: bigint,
  accountIdPtr: bigint,
  methodNameLen: bigint,
  methodNamePtr: bigint,
  argumentsLen: bigint,
  argumentsPtr: bigint,
  amountPtr: bigint,
  gas: bigint,
): bigint {
  const idx = promiseBatchCreate(logic, accountIdLen, accountIdPtr);
  promiseBatchActionFunctionCall(logic, idx, methodNameLen, methodNamePtr, argumentsLen, argumentsPtr, amountPtr, gas);
  return idx;
}

/** = promise_batch_then + promise_batch_action_function_call. */
export function promiseThen(
  logic: VMLogic,
  promiseIdx: bigint,
  accountIdLen: bigint,
  accountIdPtr: bigint,
  methodNameLen: bigint,
  methodNamePtr: bigint,
  argumentsLen: bigint,
  argumentsPtr: bigint,
  amountPtr: bigint,
  gas: bigint,
): bigint {
  const idx = promiseBatchThen(logic, promiseIdx, accountIdLen, accountIdPtr);
  promiseBatchActionFunctionCall(logic, idx, methodNameLen, methodNamePtr, argumentsLen, argumentsPtr, amountPtr, gas);
  return idx;
}

/**
 * B, V!, promise_and_base, (count·8)·promise_and_per_promise (per *byte*: a nearcore quirk),
 * MR(count·8), then each index must exist; the dependency count is checked after each one.
 */
export function promiseAnd(logic: VMLogic, promiseIdxPtr: bigint, promiseIdxCount: bigint): bigint {
  logic.payBase();
  logic.checkNotView('promise_and');
  logic.gas.payBase('promise_and_base');
  const memoryLen = checkedMulU64(promiseIdxCount, 8n);
  logic.gas.payPer('promise_and_per_promise', memoryLen);
  const raw = logic.memory.read(logic.gas, promiseIdxPtr, memoryLen);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const limit = logic.config.limitConfig.maxNumberInputDataDependencies;
  const deps: ReceiptIndex[] = [];
  for (let off = 0; off < raw.length; off += 8) {
    const p = logic.getPromise(view.getBigUint64(off, true));
    if (p.kind === 'Receipt') deps.push(p.receiptIndex);
    else deps.push(...p.receiptIndices);
    if (BigInt(deps.length) > limit) {
      throw new HostError({
        kind: 'NumberInputDataDependenciesExceeded',
        number_of_input_data_dependencies: BigInt(deps.length),
        limit,
      });
    }
  }
  return BigInt(logic.checkedPushPromise({ kind: 'NotReceipt', receiptIndices: deps }));
}

/** B, V!, ACC, NR(sir, []), create the receipt, push. */
export function promiseBatchCreate(logic: VMLogic, accountIdLen: bigint, accountIdPtr: bigint): bigint {
  logic.payBase();
  logic.checkNotView('promise_batch_create');
  const accountId = logic.readAccountId(accountIdPtr, accountIdLen);
  const sir = accountId === logic.context.currentAccountId;
  payGasForNewReceipt(logic, sir, []);
  const receiptIndex = logic.ext.createActionReceipt([], accountId);
  return BigInt(logic.checkedPushPromise({ kind: 'Receipt', receiptIndex }));
}

/** B, V!, ACC, [promise index], NR(sir, deps), create the dependent receipt, push. */
export function promiseBatchThen(logic: VMLogic, promiseIdx: bigint, accountIdLen: bigint, accountIdPtr: bigint): bigint {
  logic.payBase();
  logic.checkNotView('promise_batch_then');
  const accountId = logic.readAccountId(accountIdPtr, accountIdLen);
  const p = logic.getPromise(promiseIdx);
  const deps = p.kind === 'Receipt' ? [p.receiptIndex] : [...p.receiptIndices];
  const sir = accountId === logic.context.currentAccountId;
  const depSir = deps.map((r) => logic.ext.getReceiptReceiver(r) === accountId);
  payGasForNewReceipt(logic, sir, depSir);
  const receiptIndex = logic.ext.createActionReceipt(deps, accountId);
  return BigInt(logic.checkedPushPromise({ kind: 'Receipt', receiptIndex }));
}

/** B, V!, ACC, [promise index], joint → CannotSetRefundToOnJointPromise. No fee. */
export function promiseSetRefundTo(logic: VMLogic, promiseIdx: bigint, accountIdLen: bigint, accountIdPtr: bigint): void {
  logic.payBase();
  logic.checkNotView('promise_set_refund_to');
  const refundTo = logic.readAccountId(accountIdPtr, accountIdLen);
  const p = logic.getPromise(promiseIdx);
  if (p.kind !== 'Receipt') throw new HostError({ kind: 'CannotSetRefundToOnJointPromise' });
  logic.ext.setRefundTo(p.receiptIndex, refundTo);
}

/** B, V!. */
export function promiseResultsCount(logic: VMLogic): bigint {
  logic.payBase();
  logic.checkNotView('promise_results_count');
  return BigInt(logic.context.promiseResults.length);
}

/** B, V!, [index]; 0 NotReady, 1 Successful (data → register, RWb), 2 Failed. */
export function promiseResult(logic: VMLogic, resultIdx: bigint, registerId: bigint): bigint {
  logic.payBase();
  logic.checkNotView('promise_result');
  const results = logic.context.promiseResults;
  const r = resultIdx < BigInt(results.length) ? results[Number(resultIdx)] : undefined;
  if (r === undefined) throw new HostError({ kind: 'InvalidPromiseResultIndex', result_idx: resultIdx });
  switch (r.kind) {
    case 'NotReady':
      return 0n;
    case 'Successful':
      logic.registers.setShared(logic.gas, logic.config.limitConfig, registerId, r.data);
      return 1n;
    case 'Failed':
      return 2n;
  }
}

/** B, promise_return, then V!, [index], joint → CannotReturnJointPromise. */
export function promiseReturn(logic: VMLogic, promiseIdx: bigint): void {
  logic.payBase();
  logic.gas.payBase('promise_return');
  logic.checkNotView('promise_return');
  const p = logic.getPromise(promiseIdx);
  if (p.kind !== 'Receipt') throw new HostError({ kind: 'CannotReturnJointPromise' });
  logic.returnData = { kind: 'ReceiptIndex', receiptIndex: p.receiptIndex };
}

