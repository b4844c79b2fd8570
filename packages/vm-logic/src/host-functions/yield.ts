/**
 * Yield/resume: a contract creates a callback on itself that waits for data it (or a later call)
 * supplies with `promise_yield_resume`, or that times out.
 */
import { HostError } from '@nearts/vm-errors';
import { U64_MAX } from '../internal/u64.js';
import type { VMLogic } from '../logic.js';
import { payActionBase, payActionPerByte, payGasForNewReceipt } from './promise-fees.js';

function readMethodAndArgs(logic: VMLogic, mLen: bigint, mPtr: bigint, aLen: bigint, aPtr: bigint): [Uint8Array, Uint8Array] {
  const method = logic.memoryOrRegister(mPtr, mLen).slice();
  if (method.length === 0) throw new HostError({ kind: 'EmptyMethodName' });
  const args = logic.memoryOrRegister(aPtr, aLen).slice();
  return [method, args];
}

/**
 * B, V!, yield_create_base, GMR(method) [EmptyMethodName], GMR(args), (m+a)·yield_create_byte,
 * prepay(gas), NR(true, [true]), create the yield receipt, push, AB(function_call_base, true),
 * AP(function_call_byte, m+a, true), append the call (deposit 0), RW(32) of the data id.
 */
export function promiseYieldCreate(
  logic: VMLogic,
  methodNameLen: bigint,
  methodNamePtr: bigint,
  argumentsLen: bigint,
  argumentsPtr: bigint,
  gas: bigint,
  gasWeight: bigint,
  registerId: bigint,
): bigint {
  logic.payBase();
  logic.checkNotView('promise_yield_create');
  logic.gas.payBase('yield_create_base');
  const [method, args] = readMethodAndArgs(logic, methodNameLen, methodNamePtr, argumentsLen, argumentsPtr);
  const numBytes = BigInt(method.length) + BigInt(args.length);
  logic.gas.payPer('yield_create_byte', numBytes);
  logic.gas.prepayGas(gas);
  payGasForNewReceipt(logic, true, [true]);
  const { receiptIndex, dataId } = logic.ext.createPromiseYieldReceipt(logic.context.currentAccountId);
  const promiseIdx = logic.checkedPushPromise({ kind: 'Receipt', receiptIndex });
  payActionBase(logic, 'function_call_base', true);
  payActionPerByte(logic, 'function_call_byte', numBytes, true);
  logic.ext.appendActionFunctionCallWeight(receiptIndex, method, args, 0n, gas, gasWeight);
  logic.setRegister(registerId, dataId);
  return BigInt(promiseIdx);
}

/**
 * B, V!, yield_create_with_id_base, U128R(amount), GMR(method), GMR(args), GMR(yield id) [≠ 32 →
 * YieldIdMalformed], (m+a)·yield_create_byte; an id already pending returns u64::MAX with nothing
 * more charged; otherwise prepay(gas), NR(true,[true]), push, AB, AP, deduct (1-yocto subsidy), append.
 */
export function promiseYieldCreateWithId(
  logic: VMLogic,
  methodNameLen: bigint,
  methodNamePtr: bigint,
  argumentsLen: bigint,
  argumentsPtr: bigint,
  amountPtr: bigint,
  gas: bigint,
  gasWeight: bigint,
  yieldIdLen: bigint,
  yieldIdPtr: bigint,
): bigint {
  logic.payBase();
  logic.checkNotView('promise_yield_create_with_id');
  logic.gas.payBase('yield_create_with_id_base');
  const amount = logic.readU128(amountPtr);
  const [method, args] = readMethodAndArgs(logic, methodNameLen, methodNamePtr, argumentsLen, argumentsPtr);
  const yieldId = logic.memoryOrRegister(yieldIdPtr, yieldIdLen).slice();
  if (yieldId.length !== 32) throw new HostError({ kind: 'YieldIdMalformed' });
  const numBytes = BigInt(method.length) + BigInt(args.length);
  logic.gas.payPer('yield_create_byte', numBytes);
  const created = logic.ext.createPromiseYieldReceiptWithId(logic.context.currentAccountId, yieldId);
  if (created === null) return U64_MAX;
  logic.gas.prepayGas(gas);
  payGasForNewReceipt(logic, true, [true]);
  const promiseIdx = logic.checkedPushPromise({ kind: 'Receipt', receiptIndex: created.receiptIndex });
  payActionBase(logic, 'function_call_base', true);
  payActionPerByte(logic, 'function_call_byte', numBytes, true);
  if (amount === 1n && logic.config.oneYoctoOnPromise && logic.currentAccountBalance === 0n) {
    logic.subsidizedAmount += amount;
  } else {
    logic.deductBalance(amount);
  }
  logic.ext.appendActionFunctionCallWeight(created.receiptIndex, method, args, amount, gas, gasWeight);
  return BigInt(promiseIdx);
}

function readResume(logic: VMLogic, name: string, idLen: bigint, idPtr: bigint, payloadLen: bigint, payloadPtr: bigint): [Uint8Array, Uint8Array] {
  logic.payBase();
  logic.checkNotView(name);
  logic.gas.payBase('yield_resume_base');
  // Charged on the argument, before reading: register mode (u64::MAX) overflows, a nearcore quirk.
  logic.gas.payPer('yield_resume_byte', payloadLen);
  const id = logic.memoryOrRegister(idPtr, idLen).slice();
  const payload = logic.memoryOrRegister(payloadPtr, payloadLen).slice();
  const limit = logic.config.limitConfig.maxYieldPayloadSize;
  if (BigInt(payload.length) > limit) throw new HostError({ kind: 'YieldPayloadLength', length: BigInt(payload.length), limit });
  return [id, payload];
}

/**
 * B, V!, yield_resume_base, payload_len·yield_resume_byte, GMR(data id), GMR(payload),
 * [payload limit], [data id ≠ 32 → DataIdMalformed]; 1 if it resolved a yield of this account.
 */
export function promiseYieldResume(logic: VMLogic, dataIdLen: bigint, dataIdPtr: bigint, payloadLen: bigint, payloadPtr: bigint): number {
  const [dataId, payload] = readResume(logic, 'promise_yield_resume', dataIdLen, dataIdPtr, payloadLen, payloadPtr);
  if (dataId.length !== 32) throw new HostError({ kind: 'DataIdMalformed' });
  return logic.ext.submitPromiseResumeData(dataId, payload) ? 1 : 0;
}

/** As promise_yield_resume, keyed by the user yield id ([≠ 32 → YieldIdMalformed]). */
export function promiseYieldResumeWithYieldId(logic: VMLogic, yieldIdLen: bigint, yieldIdPtr: bigint, payloadLen: bigint, payloadPtr: bigint): number {
  const [yieldId, payload] = readResume(logic, 'promise_yield_resume_with_yield_id', yieldIdLen, yieldIdPtr, payloadLen, payloadPtr);
  if (yieldId.length !== 32) throw new HostError({ kind: 'YieldIdMalformed' });
  return logic.ext.submitPromiseResumeDataWithYieldId(yieldId, payload) ? 1 : 0;
}
