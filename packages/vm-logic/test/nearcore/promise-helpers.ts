/**
 * nearcore's logic/tests/helpers.rs: promise host calls with their arguments written to guest
 * memory first (method "promise_create"/"promise_batch_action", args "args"/"promise_batch_action_args").
 */
import { le128, utf8, type TestVMLogic } from './logic-builder.js';

type Bytes = Uint8Array | string;
const bytes = (b: Bytes): Uint8Array => (typeof b === 'string' ? utf8(b) : b);

export function promiseCreate(t: TestVMLogic, accountId: Bytes, amount: bigint, gas: bigint): bigint {
  const account = t.memWrite(bytes(accountId));
  const method = t.memWrite('promise_create');
  const args = t.memWrite('args');
  const amountPtr = t.memWrite(le128(amount));
  return t.call('promise_create', account.len, account.ptr, method.len, method.ptr, args.len, args.ptr, amountPtr.ptr, gas) as bigint;
}

export function promiseBatchCreate(t: TestVMLogic, accountId: string): bigint {
  const account = t.memWrite(accountId);
  return t.call('promise_batch_create', account.len, account.ptr) as bigint;
}

export function promiseBatchActionFunctionCallExt(t: TestVMLogic, promiseIndex: bigint, methodId: Bytes, args: Bytes, amount: bigint, gas: bigint): void {
  const method = t.memWrite(bytes(methodId));
  const a = t.memWrite(bytes(args));
  const amountPtr = t.memWrite(le128(amount));
  t.call('promise_batch_action_function_call', promiseIndex, method.len, method.ptr, a.len, a.ptr, amountPtr.ptr, gas);
}

export function promiseBatchActionFunctionCall(t: TestVMLogic, promiseIndex: bigint, amount: bigint, gas: bigint): void {
  promiseBatchActionFunctionCallExt(t, promiseIndex, 'promise_batch_action', 'promise_batch_action_args', amount, gas);
}

export function promiseBatchActionFunctionCallWeightExt(
  t: TestVMLogic,
  promiseIndex: bigint,
  methodId: Bytes,
  args: Bytes,
  amount: bigint,
  gas: bigint,
  weight: bigint,
): void {
  const method = t.memWrite(bytes(methodId));
  const a = t.memWrite(bytes(args));
  const amountPtr = t.memWrite(le128(amount));
  t.call('promise_batch_action_function_call_weight', promiseIndex, method.len, method.ptr, a.len, a.ptr, amountPtr.ptr, gas, weight);
}

export function promiseBatchActionFunctionCallWeight(t: TestVMLogic, promiseIndex: bigint, amount: bigint, gas: bigint, weight: bigint): void {
  promiseBatchActionFunctionCallWeightExt(t, promiseIndex, 'promise_batch_action', 'promise_batch_action_args', amount, gas, weight);
}

export function promiseBatchActionAddKeyWithFunctionCall(
  t: TestVMLogic,
  promiseIndex: bigint,
  publicKey: Uint8Array,
  nonce: bigint,
  allowance: bigint,
  receiverId: Bytes,
  methodNames: Bytes,
): void {
  const pk = t.memWrite(publicKey);
  const receiver = t.memWrite(bytes(receiverId));
  const allowancePtr = t.memWrite(le128(allowance));
  const methods = t.memWrite(bytes(methodNames));
  t.call(
    'promise_batch_action_add_key_with_function_call',
    promiseIndex,
    pk.len,
    pk.ptr,
    nonce,
    allowancePtr.ptr,
    receiver.len,
    receiver.ptr,
    methods.len,
    methods.ptr,
  );
}

export function promiseBatchActionAddKeyWithFullAccess(t: TestVMLogic, promiseIndex: bigint, publicKey: Uint8Array, nonce: bigint): void {
  const pk = t.memWrite(publicKey);
  t.call('promise_batch_action_add_key_with_full_access', promiseIndex, pk.len, pk.ptr, nonce);
}

export function promiseBatchActionAddGasKeyWithFullAccess(t: TestVMLogic, promiseIndex: bigint, publicKey: Uint8Array, numNonces: bigint): void {
  const pk = t.memWrite(publicKey);
  t.call('promise_batch_action_add_gas_key_with_full_access', promiseIndex, pk.len, pk.ptr, numNonces);
}

export function promiseBatchActionAddGasKeyWithFunctionCall(
  t: TestVMLogic,
  promiseIndex: bigint,
  publicKey: Uint8Array,
  numNonces: bigint,
  allowance: bigint,
  receiverId: Bytes,
  methodNames: Bytes,
): void {
  const pk = t.memWrite(publicKey);
  const receiver = t.memWrite(bytes(receiverId));
  const allowancePtr = t.memWrite(le128(allowance));
  const methods = t.memWrite(bytes(methodNames));
  t.call(
    'promise_batch_action_add_gas_key_with_function_call',
    promiseIndex,
    pk.len,
    pk.ptr,
    numNonces,
    allowancePtr.ptr,
    receiver.len,
    receiver.ptr,
    methods.len,
    methods.ptr,
  );
}
