/**
 * The submodules extension's host functions (NEP-481). Linked only when the config has
 * `wasmConfig.submodules`; without it they are unknown imports, exactly as at protocol 86.
 *
 * `submodule_call(key, method, input, gas, register_id) -> status`: runs method `method` of the
 * account's submodule `key` synchronously with `input`, giving it at most `gas`. The status is
 * `SubmoduleStatus`; the register gets the return value (0) or a UTF-8 error description.
 *
 * `promise_batch_action_deploy_submodule(promise, key, code, prefix, parent_exports,
 * host_functions)` and `promise_batch_action_delete_submodule(promise, key)` append the actions to
 * a receipt, as DeployContract / DeleteKey would be. Export and host-function lists are
 * comma-separated names (as an AddKey's method names); an empty prefix grants the whole account.
 */
import { HostError } from '@nearts/vm-errors';
import { encode, SubmodulePolicyCodec, type SubmodulePolicy } from '@nearts/primitives';
import type { Fee } from '@nearts/runtime-fees';
import { VMLogicUsageError } from '../errors.js';
import { costMul, execFee, sendFee } from '../fees.js';
import { decodeUtf8 } from '../internal/text.js';
import { checkedAddU64, checkedMulU64 } from '../internal/u64.js';
import type { VMLogic } from '../logic.js';
import { runSubmoduleCall } from '../submodules/call.js';
import type { SubmoduleExternal } from '../submodules/types.js';
import { splitMethodNames } from './promise-actions.js';

function submoduleConfig(logic: VMLogic) {
  const config = logic.config.submodules;
  if (config === undefined) throw new VMLogicUsageError('submodule host function called without the submodules extension');
  return config;
}

function submoduleExternal(logic: VMLogic): SubmoduleExternal {
  const store = logic.ext.submodules;
  if (store === undefined) throw new VMLogicUsageError('the External does not support submodules');
  return store;
}

/** GMR(key), then the key-length limit (KeyLengthExceeded, as storage keys). */
function readKey(logic: VMLogic, ptr: bigint, len: bigint): Uint8Array {
  const key = logic.memoryOrRegister(ptr, len).slice();
  const limit = submoduleConfig(logic).maxKeyLength;
  if (BigInt(key.length) > limit) throw new HostError({ kind: 'KeyLengthExceeded', length: BigInt(key.length), limit });
  return key;
}

/**
 * B, GMR(key) [key limit], GMR(method) + utf8 decoding, GMR(input), submodule_call_base,
 * submodule_call_byte·input, the call (see `runSubmoduleCall`), submodule_call_byte·result on
 * success, RW(result or message). Returns the status.
 */
export function submoduleCall(
  logic: VMLogic,
  keyLen: bigint,
  keyPtr: bigint,
  methodLen: bigint,
  methodPtr: bigint,
  inputLen: bigint,
  inputPtr: bigint,
  gas: bigint,
  registerId: bigint,
): bigint {
  logic.payBase();
  const config = submoduleConfig(logic);
  const key = readKey(logic, keyPtr, keyLen);
  const methodBytes = logic.memoryOrRegister(methodPtr, methodLen);
  logic.gas.payBase('utf8_decoding_base');
  logic.gas.payPer('utf8_decoding_byte', BigInt(methodBytes.length));
  const method = decodeUtf8(methodBytes);
  if (method === null) throw new HostError({ kind: 'BadUTF8' });
  const input = logic.memoryOrRegister(inputPtr, inputLen).slice();
  logic.gas.payExtensionCost('submodule_call_base', config.callBase);
  logic.gas.payExtensionCost('submodule_call_byte', config.callByte, BigInt(input.length));
  const { status, data } = runSubmoduleCall(logic, key, method, input, gas);
  if (status === 0n) logic.gas.payExtensionCost('submodule_call_byte', config.callByte, BigInt(data.length));
  logic.setRegister(registerId, data);
  return status;
}

/** AB/AP for an extension action fee: burnt send(sir)·n, used send(sir)·n + exec·n. */
function payExtensionAction(logic: VMLogic, fee: Fee, count: bigint, sir: boolean, name: string): void {
  const burn = costMul(sendFee(fee, sir), count);
  logic.gas.payExtensionActionAccumulated(burn, checkedAddU64(burn.gas, checkedMulU64(execFee(fee).gas, count)), name);
}

function names(raw: Uint8Array): string[] {
  return splitMethodNames(raw).map((n) => {
    const s = decodeUtf8(n);
    if (s === null) throw new HostError({ kind: 'InvalidMethodName' });
    return s;
  });
}

/**
 * B, V!, GMR(key) [key limit], GMR(code) [size limit], GMR(prefix), GMR(exports), GMR(host
 * functions), [index], deploy_submodule base and per byte of key + code + borsh(policy).
 */
export function promiseBatchActionDeploySubmodule(
  logic: VMLogic,
  promiseIdx: bigint,
  keyLen: bigint,
  keyPtr: bigint,
  codeLen: bigint,
  codePtr: bigint,
  prefixLen: bigint,
  prefixPtr: bigint,
  parentExportsLen: bigint,
  parentExportsPtr: bigint,
  hostFunctionsLen: bigint,
  hostFunctionsPtr: bigint,
): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_deploy_submodule');
  const config = submoduleConfig(logic);
  const key = readKey(logic, keyPtr, keyLen);
  const code = logic.memoryOrRegister(codePtr, codeLen).slice();
  const sizeLimit = logic.config.limitConfig.maxContractSize;
  if (BigInt(code.length) > sizeLimit) throw new HostError({ kind: 'ContractSizeExceeded', size: BigInt(code.length), limit: sizeLimit });
  const prefix = logic.memoryOrRegister(prefixPtr, prefixLen).slice();
  const policy: SubmodulePolicy = {
    storage: prefix.length === 0 ? { type: 'WholeAccount' } : { type: 'Prefix', prefix },
    parentExports: names(logic.memoryOrRegister(parentExportsPtr, parentExportsLen)),
    hostFunctions: names(logic.memoryOrRegister(hostFunctionsPtr, hostFunctionsLen)),
  };
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  const bytes = BigInt(key.length + code.length + encode(SubmodulePolicyCodec, policy).length);
  payExtensionAction(logic, config.deployFee, 1n, sir, 'deploy_submodule_base');
  payExtensionAction(logic, config.deployPerByteFee, bytes, sir, 'deploy_submodule_byte');
  submoduleExternal(logic).appendActionDeploySubmodule(receiptIndex, key, code, policy);
}

/** B, V!, GMR(key) [key limit], [index], delete_submodule base and per byte of key. */
export function promiseBatchActionDeleteSubmodule(logic: VMLogic, promiseIdx: bigint, keyLen: bigint, keyPtr: bigint): void {
  logic.payBase();
  logic.checkNotView('promise_batch_action_delete_submodule');
  const config = submoduleConfig(logic);
  const key = readKey(logic, keyPtr, keyLen);
  const { receiptIndex, sir } = logic.promiseToReceiptWithSir(promiseIdx);
  payExtensionAction(logic, config.deleteFee, 1n, sir, 'delete_submodule_base');
  payExtensionAction(logic, config.deletePerByteFee, BigInt(key.length), sir, 'delete_submodule_byte');
  submoduleExternal(logic).appendActionDeleteSubmodule(receiptIndex, key);
}
