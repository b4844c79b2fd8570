/**
 * One synchronous submodule call, engine-free: find the record, charge for it, open a gas frame
 * and a storage checkpoint, let the engine run the instance with a child logic, then commit or
 * roll back and tell the caller how it went.
 *
 * Gas, in order (everything before the frame and the result register is the caller's):
 *   storage_read_base + storage_read_key_byte·key + trie nodes of the record lookup
 *   [not found → NotFound] + storage_read_value_byte·record
 *   contract_loading_bytes·code + contract_loading_base
 *   frame(budget = min(gas argument, what the caller has left)):
 *     the instance's wasm gas, its host functions, and any of the contract's own code it calls
 *     back into — all charged to the one gas counter, capped at the budget.
 * A failed call keeps the gas it burnt and leaves no storage, storage-usage or log change.
 */
import { displayFunctionCallError, VMRunnerError, type FunctionCallErrorData } from '@nearts/vm-errors';
import type { SubmodulePolicy } from '@nearts/primitives';
import { VMLogic } from '../logic.js';
import { encodeUtf8 } from '../internal/text.js';
import { SUBMODULE_HOST_FUNCTIONS } from './capabilities.js';
import { SubmoduleAccessDenied, SubmoduleGasExhausted } from './errors.js';
import { GuardedExternal } from './guarded-external.js';
import { SubmoduleStatus, type SubmoduleScope, type SubmoduleStatusCode } from './types.js';

export interface SubmoduleCallResult {
  readonly status: SubmoduleStatusCode;
  /** The return value (Ok) or a UTF-8 description of what went wrong. */
  readonly data: Uint8Array;
}

const EMPTY = new Uint8Array(0);

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function result(status: SubmoduleStatusCode, message: string): SubmoduleCallResult {
  return { status, data: encodeUtf8(message) };
}

/**
 * What the submodule may use: its policy, narrowed by the submodule that called it (if any);
 * the contract's own code calling a submodule grants exactly the callee's policy.
 */
function scopeFor(caller: VMLogic, depth: number, key: Uint8Array, policy: SubmodulePolicy): SubmoduleScope {
  const outer = caller.submodule;
  const hostFunctions = new Set(policy.hostFunctions.filter((n) => SUBMODULE_HOST_FUNCTIONS.has(n) && (outer === null || outer.hostFunctions.has(n))));
  const parentExports = new Set(policy.parentExports.filter((n) => outer === null || outer.parentExports.has(n)));
  const prefixes = outer === null ? [] : [...outer.prefixes];
  if (policy.storage.type === 'Prefix' && policy.storage.prefix.length > 0) prefixes.push(policy.storage.prefix);
  return { depth, key, hostFunctions, parentExports, prefixes };
}

function failureStatus(error: FunctionCallErrorData): SubmoduleStatusCode {
  switch (error.kind) {
    case 'CompilationError':
    case 'LinkError':
    case 'MethodResolveError':
      return SubmoduleStatus.Unloadable;
    default:
      return SubmoduleStatus.Failed;
  }
}

export function runSubmoduleCall(caller: VMLogic, key: Uint8Array, method: string, input: Uint8Array, gas: bigint): SubmoduleCallResult {
  const config = caller.config.submodules;
  if (config === undefined) throw new VMRunnerError({ kind: 'InconsistentStateError', msg: 'submodule call without the submodules extension' });
  // Every active submodule call holds a gas frame, whoever started it (a submodule, or contract
  // code a submodule called back into), so the frame count is the call depth.
  const depth = caller.gas.frameDepth + 1;
  if (depth > config.maxCallDepth) return result(SubmoduleStatus.DepthExceeded, `submodule calls nested deeper than ${config.maxCallDepth}`);

  const store = caller.ext.submodules;
  caller.gas.payBase('storage_read_base');
  caller.gas.payPer('storage_read_key_byte', BigInt(key.length));
  const found = store === undefined ? null : store.record(caller.gas, key);
  caller.observeRecordedStorage();
  if (found === null || store === undefined) return result(SubmoduleStatus.NotFound, `no submodule under key 0x${hex(key)}`);
  caller.gas.payPer('storage_read_value_byte', BigInt(found.byteLength));
  const engine = caller.submoduleEngine;
  if (engine === null) return result(SubmoduleStatus.Unloadable, 'the executor running this contract cannot run submodules');
  const { record } = found;
  caller.gas.addContractLoadingFee(record.codeLength);

  const scope = scopeFor(caller, depth, key, record.policy);
  const rootExt = caller.root.ext;
  const child = new VMLogic({
    ext: scope.prefixes.length === 0 ? rootExt : new GuardedExternal(rootExt, scope.prefixes),
    context: { ...caller.context, input },
    config: caller.config,
    fees: caller.fees,
    submoduleOf: { parent: caller, scope },
  });
  const usageBefore = caller.currentStorageUsage;
  const logsBefore = caller.logs.length;
  const logLengthBefore = caller.totalLogLength;
  const loadCode = (): Uint8Array => {
    const code = store.code(key);
    if (code === null) throw new VMRunnerError({ kind: 'InconsistentStateError', msg: `submodule 0x${hex(key)} has a record but no code` });
    return code;
  };

  store.checkpoint();
  caller.gas.enterFrame(gas);
  let outcome: SubmoduleCallResult;
  try {
    const error = engine.run({ record, loadCode, method, logic: child, scope });
    if (error === null) {
      const ret = child.returnData;
      outcome = { status: SubmoduleStatus.Ok, data: ret.kind === 'Value' ? ret.value : EMPTY };
    } else {
      outcome = result(failureStatus(error), displayFunctionCallError(error));
    }
  } catch (e) {
    if (e instanceof SubmoduleGasExhausted) outcome = result(SubmoduleStatus.OutOfGas, e.message);
    else if (e instanceof SubmoduleAccessDenied) outcome = result(SubmoduleStatus.Forbidden, e.message);
    else {
      caller.gas.exitFrame();
      store.rollback();
      throw e;
    }
  }
  caller.gas.exitFrame();
  if (outcome.status === SubmoduleStatus.Ok) {
    store.commit();
  } else {
    store.rollback();
    caller.currentStorageUsage = usageBefore;
    caller.logs.length = logsBefore;
    caller.totalLogLength = logLengthBefore;
  }
  return outcome;
}
