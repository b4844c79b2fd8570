/**
 * `promise_batch_action_*`: append an action to a receipt created by this call, paying its
 * send fee now (burnt) and reserving its execution fee (used).
 */
import { HostError } from '@nearts/vm-errors';
import { decodePublicKey } from '../internal/public-key.js';
import { checkedAddU64 } from '../internal/u64.js';
import type { VMLogic } from '../logic.js';
import { globalContractIdentifierLen, type GlobalContractDeployMode, type GlobalContractIdentifier, type PublicKey } from '../types.js';
import { gasKeyAddKeyExecFee, gasKeyAddKeySendFee, gasKeyTransferExecFee, gasKeyTransferSendFee, transferExecFee, transferSendFee } from '../fees.js';
import { encodeUtf8 } from '../internal/text.js';
import { payActionBase, payActionPerByte } from './promise-fees.js';

/** PK: the key is read now but a decode failure is reported only when the action is appended. */
function readPublicKey(logic: VMLogic, ptr: bigint, len: bigint): () => PublicKey {
  const key = decodePublicKey(logic.memoryOrRegister(ptr, len));
  return () => {
    if (key === null) throw new HostError({ kind: 'InvalidPublicKey' });
    return key;
  };
}

/** Comma-separated method names; an empty piece is EmptyMethodName, an empty list is fine. */
export function splitMethodNames(raw: Uint8Array): Uint8Array[] {
  if (raw.length === 0) return [];
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i === raw.length || raw[i] === 0x2c) {
      if (i === start) throw new HostError({ kind: 'EmptyMethodName' });
      out.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  return out;
}

/** Σ (len(name) + 1): names are charged as if NUL-terminated. */
function nullTerminatedLen(names: readonly Uint8Array[]): bigint {
  return names.reduce((n, m) => n + BigInt(m.length) + 1n, 0n);
}

/** Deducts an attached deposit, except the 1-yocto subsidy (one_yocto_on_promise, zero balance). */
function deductDeposit(logic: VMLogic, amount: bigint): void {
  if (amount === 1n && logic.config.oneYoctoOnPromise && logic.currentAccountBalance === 0n) {
    logic.subsidizedAmount += amount;
  } else {
    logic.deductBalance(amount);
  }
}

/** B, V!, [index; joint], AB(create_account). */
export function promiseBatchActionCreateAccount(logic: VMLogic, promiseIdx: bigint): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_create_account');
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  payActionBase(logic, 'create_account', sir);
  logic.ext.appendActionCreateAccount(receiptIndex);
}

function readCode(logic: VMLogic, codePtr: bigint, codeLen: bigint): Uint8Array {
  const code = logic.memoryOrRegister(codePtr, codeLen).slice();
  const limit = logic.config.limitConfig.maxContractSize;
  if (BigInt(code.length) > limit) throw new HostError({ kind: 'ContractSizeExceeded', size: BigInt(code.length), limit });
  return code;
}

/** B, V!, GMR(code), [size limit], [index], AB(deploy_contract_base), AP(deploy_contract_byte). */
export function promiseBatchActionDeployContract(logic: VMLogic, promiseIdx: bigint, codeLen: bigint, codePtr: bigint): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_deploy_contract');
  const code = readCode(logic, codePtr, codeLen);
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  payActionBase(logic, 'deploy_contract_base', sir);
  payActionPerByte(logic, 'deploy_contract_byte', BigInt(code.length), sir);
  logic.ext.appendActionDeployContract(receiptIndex, code);
}

function deployGlobal(logic: VMLogic, promiseIdx: bigint, codeLen: bigint, codePtr: bigint, mode: GlobalContractDeployMode, name: string): void {
  logic.payBase();
  logic.checkNotView(name);
  const code = readCode(logic, codePtr, codeLen);
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  payActionBase(logic, 'deploy_global_contract_base', sir);
  payActionPerByte(logic, 'deploy_global_contract_byte', BigInt(code.length), sir);
  logic.ext.appendActionDeployGlobalContract(receiptIndex, code, mode);
}

/** Like deploy_contract with the global-contract fees; mode: by code hash. */
export function promiseBatchActionDeployGlobalContract(logic: VMLogic, promiseIdx: bigint, codeLen: bigint, codePtr: bigint): void {
  deployGlobal(logic, promiseIdx, codeLen, codePtr, 'CodeHash', 'promise_batch_action_deploy_global_contract');
}

/** Like deploy_contract with the global-contract fees; mode: by account id. */
export function promiseBatchActionDeployGlobalContractByAccountId(logic: VMLogic, promiseIdx: bigint, codeLen: bigint, codePtr: bigint): void {
  deployGlobal(logic, promiseIdx, codeLen, codePtr, 'AccountId', 'promise_batch_action_deploy_global_contract_by_account_id');
}

function readCodeHash(logic: VMLogic, ptr: bigint, len: bigint): GlobalContractIdentifier {
  const hash = logic.memoryOrRegister(ptr, len);
  if (hash.length !== 32) throw new HostError({ kind: 'ContractCodeHashMalformed' });
  return { type: 'CodeHash', hash: hash.slice() };
}

function useGlobal(logic: VMLogic, promiseIdx: bigint, readId: () => GlobalContractIdentifier, name: string): void {
  logic.payBase();
  logic.checkNotView(name);
  const contractId = readId();
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  payActionBase(logic, 'use_global_contract_base', sir);
  payActionPerByte(logic, 'use_global_contract_byte', BigInt(globalContractIdentifierLen(contractId)), sir);
  logic.ext.appendActionUseGlobalContract(receiptIndex, contractId);
}

/** B, V!, GMR(hash) [≠ 32 → ContractCodeHashMalformed], [index], AB + AP(32). */
export function promiseBatchActionUseGlobalContract(logic: VMLogic, promiseIdx: bigint, codeHashLen: bigint, codeHashPtr: bigint): void {
  useGlobal(logic, promiseIdx, () => readCodeHash(logic, codeHashPtr, codeHashLen), 'promise_batch_action_use_global_contract');
}

/** B, V!, ACC, [index], AB + AP(account id length). */
export function promiseBatchActionUseGlobalContractByAccountId(logic: VMLogic, promiseIdx: bigint, accountIdLen: bigint, accountIdPtr: bigint): void {
  useGlobal(
    logic,
    promiseIdx,
    () => ({ type: 'AccountId', accountId: logic.readAccountId(accountIdPtr, accountIdLen) }),
    'promise_batch_action_use_global_contract_by_account_id',
  );
}

function stateInit(logic: VMLogic, promiseIdx: bigint, readId: () => GlobalContractIdentifier, amountPtr: bigint, name: string): bigint {
  logic.payBase();
  logic.checkNotView(name);
  const contractId = readId();
  const amount = logic.readU128(amountPtr);
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  payActionBase(logic, 'deterministic_state_init_base', sir);
  logic.deductBalance(amount);
  return BigInt(logic.ext.appendActionDeterministicStateInit(receiptIndex, contractId, amount));
}

/** B, V!, GMR(hash), U128R(amount), [index], AB(deterministic_state_init_base), deduct; returns the action index. */
export function promiseBatchActionStateInit(logic: VMLogic, promiseIdx: bigint, codeLen: bigint, codePtr: bigint, amountPtr: bigint): bigint {
  return stateInit(logic, promiseIdx, () => readCodeHash(logic, codePtr, codeLen), amountPtr, 'promise_batch_action_state_init');
}

/** The same with the contract given by account id (ACC). */
export function promiseBatchActionStateInitByAccountId(
  logic: VMLogic,
  promiseIdx: bigint,
  accountIdLen: bigint,
  accountIdPtr: bigint,
  amountPtr: bigint,
): bigint {
  return stateInit(
    logic,
    promiseIdx,
    () => ({ type: 'AccountId', accountId: logic.readAccountId(accountIdPtr, accountIdLen) }),
    amountPtr,
    'promise_batch_action_state_init_by_account_id',
  );
}

/** B, V!, [index], GMR(key), GMR(value), AB(entry), AP(byte, key+value), then the External's checks. */
export function setStateInitDataEntry(
  logic: VMLogic,
  promiseIdx: bigint,
  actionIndex: bigint,
  keyLen: bigint,
  keyPtr: bigint,
  valueLen: bigint,
  valuePtr: bigint,
): void {
  logic.payBase();
  logic.checkNotView('set_state_init_data_entry');
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  const key = logic.memoryOrRegister(keyPtr, keyLen).slice();
  const value = logic.memoryOrRegister(valuePtr, valueLen).slice();
  payActionBase(logic, 'deterministic_state_init_entry', sir);
  payActionPerByte(logic, 'deterministic_state_init_byte', checkedAddU64(BigInt(key.length), BigInt(value.length)), sir);
  if (actionIndex > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new HostError({ kind: 'InvalidActionIndex', receipt_index: BigInt(receiptIndex), action_index: actionIndex });
  }
  logic.ext.setDeterministicStateInitDataEntry(receiptIndex, Number(actionIndex), key, value);
}

/** = `_weight` with weight 0. */
export function promiseBatchActionFunctionCall(
  logic: VMLogic,
  promiseIdx: bigint,
  methodNameLen: bigint,
  methodNamePtr: bigint,
  argumentsLen: bigint,
  argumentsPtr: bigint,
  amountPtr: bigint,
  gas: bigint,
): void {
  promiseBatchActionFunctionCallWeight(logic, promiseIdx, methodNameLen, methodNamePtr, argumentsLen, argumentsPtr, amountPtr, gas, 0n);
}

/**
 * B, V! (always reported as promise_batch_action_function_call), U128R(amount), GMR(method)
 * [empty → EmptyMethodName], GMR(args), [index], AB(function_call_base),
 * AP(function_call_byte, method+args), prepay(gas), deduct (1-yocto subsidy), append.
 */
export function promiseBatchActionFunctionCallWeight(
  logic: VMLogic,
  promiseIdx: bigint,
  methodNameLen: bigint,
  methodNamePtr: bigint,
  argumentsLen: bigint,
  argumentsPtr: bigint,
  amountPtr: bigint,
  gas: bigint,
  gasWeight: bigint,
): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_function_call');
  const amount = logic.readU128(amountPtr);
  const methodName = logic.memoryOrRegister(methodNamePtr, methodNameLen).slice();
  if (methodName.length === 0) throw new HostError({ kind: 'EmptyMethodName' });
  const args = logic.memoryOrRegister(argumentsPtr, argumentsLen).slice();
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  const numBytes = BigInt(methodName.length) + BigInt(args.length);
  payActionBase(logic, 'function_call_base', sir);
  payActionPerByte(logic, 'function_call_byte', numBytes, sir);
  logic.gas.prepayGas(gas);
  deductDeposit(logic, amount);
  logic.ext.appendActionFunctionCallWeight(receiptIndex, methodName, args, amount, gas, gasWeight);
}

/**
 * B, V!, U128R, [index], transfer fee (with implicit-account creation fees), profiled as
 * `transfer`, deduct.
 */
export function promiseBatchActionTransfer(logic: VMLogic, promiseIdx: bigint, amountPtr: bigint): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_transfer');
  const amount = logic.readU128(amountPtr);
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  const receiver = logic.ext.getReceiptReceiver(receiptIndex);
  const eth = logic.config.ethImplicitAccounts;
  const burn = transferSendFee(logic.fees, sir, eth, receiver);
  const exec = transferExecFee(logic.fees, eth, receiver);
  logic.gas.payActionAccumulated(burn, checkedAddU64(burn.gas, exec.gas), 'transfer');
  logic.deductBalance(amount);
  logic.ext.appendActionTransfer(receiptIndex, amount);
}

/**
 * B, V!, PK, U128R, [index], gas_key_transfer_base and gas_key_byte fees (each under its own
 * profile entry), deduct, decode. The per-byte fees use the `public_key_len` *argument*.
 */
export function promiseBatchActionTransferToGasKey(
  logic: VMLogic,
  promiseIdx: bigint,
  publicKeyLen: bigint,
  publicKeyPtr: bigint,
  amountPtr: bigint,
): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_transfer_to_gas_key');
  const publicKey = readPublicKey(logic, publicKeyPtr, publicKeyLen);
  const amount = logic.readU128(amountPtr);
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  const receiverLen = BigInt(encodeUtf8(logic.ext.getReceiptReceiver(receiptIndex)).length);
  const send = gasKeyTransferSendFee(logic.fees, sir, publicKeyLen);
  const exec = gasKeyTransferExecFee(logic.fees, receiverLen, publicKeyLen);
  logic.gas.payActionAccumulated(send.base, checkedAddU64(send.base.gas, exec.base.gas), 'gas_key_transfer_base');
  logic.gas.payActionAccumulated(send.perByte, checkedAddU64(send.perByte.gas, exec.perByte.gas), 'gas_key_byte');
  logic.deductBalance(amount);
  logic.ext.appendActionTransferToGasKey(receiptIndex, publicKey(), amount);
}

function numNoncesU16(numNonces: bigint): number {
  if (numNonces > 0xffffn) throw new HostError({ kind: 'IntegerOverflow' });
  return Number(numNonces);
}

function payGasKeyExtras(logic: VMLogic, receiptIndex: number, sir: boolean, publicKeyLen: bigint, numNonces: number): void {
  const receiverLen = BigInt(encodeUtf8(logic.ext.getReceiptReceiver(receiptIndex)).length);
  const send = gasKeyAddKeySendFee(logic.fees, sir);
  const exec = gasKeyAddKeyExecFee(logic.fees, receiverLen, publicKeyLen, BigInt(numNonces));
  logic.gas.payGasKeyAddKeyFees(send, exec);
}

/** B, V!, PK, [u16], [index], AB(add_full_access_key), gas-key extras, decode. */
export function promiseBatchActionAddGasKeyWithFullAccess(
  logic: VMLogic,
  promiseIdx: bigint,
  publicKeyLen: bigint,
  publicKeyPtr: bigint,
  numNonces: bigint,
): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_add_gas_key_with_full_access');
  const publicKey = readPublicKey(logic, publicKeyPtr, publicKeyLen);
  const nonces = numNoncesU16(numNonces);
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  payActionBase(logic, 'add_full_access_key', sir);
  payGasKeyExtras(logic, receiptIndex, sir, publicKeyLen, nonces);
  logic.ext.appendActionAddGasKeyWithFullAccess(receiptIndex, publicKey(), nonces);
}

interface FunctionCallKeyArgs {
  readonly allowance: bigint | null;
  readonly receiverId: string;
  readonly methodNames: Uint8Array[];
}

function readFunctionCallKeyArgs(
  logic: VMLogic,
  allowancePtr: bigint,
  receiverIdLen: bigint,
  receiverIdPtr: bigint,
  methodNamesLen: bigint,
  methodNamesPtr: bigint,
): FunctionCallKeyArgs {
  const allowanceRaw = logic.readU128(allowancePtr);
  const receiverId = logic.readAccountId(receiverIdPtr, receiverIdLen);
  const methodNames = splitMethodNames(logic.memoryOrRegister(methodNamesPtr, methodNamesLen));
  return { allowance: allowanceRaw > 0n ? allowanceRaw : null, receiverId, methodNames };
}

/** B, V!, PK, [u16], U128R, ACC, GMR(names), [index], AB + AP(add_function_call_key_*), gas-key extras, decode. */
export function promiseBatchActionAddGasKeyWithFunctionCall(
  logic: VMLogic,
  promiseIdx: bigint,
  publicKeyLen: bigint,
  publicKeyPtr: bigint,
  numNonces: bigint,
  allowancePtr: bigint,
  receiverIdLen: bigint,
  receiverIdPtr: bigint,
  methodNamesLen: bigint,
  methodNamesPtr: bigint,
): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_add_gas_key_with_function_call');
  const publicKey = readPublicKey(logic, publicKeyPtr, publicKeyLen);
  const nonces = numNoncesU16(numNonces);
  const a = readFunctionCallKeyArgs(logic, allowancePtr, receiverIdLen, receiverIdPtr, methodNamesLen, methodNamesPtr);
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  payActionBase(logic, 'add_function_call_key_base', sir);
  payActionPerByte(logic, 'add_function_call_key_byte', nullTerminatedLen(a.methodNames), sir);
  payGasKeyExtras(logic, receiptIndex, sir, publicKeyLen, nonces);
  logic.ext.appendActionAddGasKeyWithFunctionCall(receiptIndex, publicKey(), nonces, a.allowance, a.receiverId, a.methodNames);
}

/** B, V!, U128R(amount), PK, [index], AB(stake), decode. */
export function promiseBatchActionStake(logic: VMLogic, promiseIdx: bigint, amountPtr: bigint, publicKeyLen: bigint, publicKeyPtr: bigint): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_stake');
  const amount = logic.readU128(amountPtr);
  const publicKey = readPublicKey(logic, publicKeyPtr, publicKeyLen);
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  payActionBase(logic, 'stake', sir);
  logic.ext.appendActionStake(receiptIndex, amount, publicKey());
}

/** B, V!, PK, [index], AB(add_full_access_key), decode. */
export function promiseBatchActionAddKeyWithFullAccess(
  logic: VMLogic,
  promiseIdx: bigint,
  publicKeyLen: bigint,
  publicKeyPtr: bigint,
  nonce: bigint,
): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_add_key_with_full_access');
  const publicKey = readPublicKey(logic, publicKeyPtr, publicKeyLen);
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  payActionBase(logic, 'add_full_access_key', sir);
  logic.ext.appendActionAddKeyWithFullAccess(receiptIndex, publicKey(), nonce);
}

/** B, V!, PK, U128R(allowance), ACC(receiver), GMR(names), [index], AB + AP(Σ len+1), decode. */
export function promiseBatchActionAddKeyWithFunctionCall(
  logic: VMLogic,
  promiseIdx: bigint,
  publicKeyLen: bigint,
  publicKeyPtr: bigint,
  nonce: bigint,
  allowancePtr: bigint,
  receiverIdLen: bigint,
  receiverIdPtr: bigint,
  methodNamesLen: bigint,
  methodNamesPtr: bigint,
): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_add_key_with_function_call');
  const publicKey = readPublicKey(logic, publicKeyPtr, publicKeyLen);
  const a = readFunctionCallKeyArgs(logic, allowancePtr, receiverIdLen, receiverIdPtr, methodNamesLen, methodNamesPtr);
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  payActionBase(logic, 'add_function_call_key_base', sir);
  payActionPerByte(logic, 'add_function_call_key_byte', nullTerminatedLen(a.methodNames), sir);
  logic.ext.appendActionAddKeyWithFunctionCall(receiptIndex, publicKey(), nonce, a.allowance, a.receiverId, a.methodNames);
}

/** B, V!, PK, [index], AB(delete_key), decode. */
export function promiseBatchActionDeleteKey(logic: VMLogic, promiseIdx: bigint, publicKeyLen: bigint, publicKeyPtr: bigint): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_delete_key');
  const publicKey = readPublicKey(logic, publicKeyPtr, publicKeyLen);
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  payActionBase(logic, 'delete_key', sir);
  logic.ext.appendActionDeleteKey(receiptIndex, publicKey());
}

/** B, V!, ACC(beneficiary), [index], AB(delete_account). */
export function promiseBatchActionDeleteAccount(logic: VMLogic, promiseIdx: bigint, beneficiaryIdLen: bigint, beneficiaryIdPtr: bigint): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_delete_account');
  const beneficiaryId = logic.readAccountId(beneficiaryIdPtr, beneficiaryIdLen);
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  payActionBase(logic, 'delete_account', sir);
  logic.ext.appendActionDeleteAccount(receiptIndex, beneficiaryId);
}

