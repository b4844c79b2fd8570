/**
 * `runContract`: one function call of one contract, in nearcore's order of early outcomes
 * (contract-preparation notes §4). This is the entry point the runtime and the standalone
 * runner use; the executor only supplies the engine-specific steps.
 *
 * The contract is looked up (prepared and compiled on a miss) first, as nearcore does; an engine
 * that cannot load it (`Executor.loadingError`) fails the node without `fix_contract_loading_error`.
 * At protocol 86 (`fix_contract_loading_cost` off):
 *   empty method name → abort, burnt 0 · compilation failure → abort, burnt 0 ·
 *   loading fee · loading failure → abort (fee kept) · link failure → abort (fee kept) ·
 *   unknown method / bad signature → nop outcome · run.
 * With `fix_contract_loading_cost` (nightly) the fee comes before compilation and the method
 * errors keep it.
 */
import { createHash } from 'node:crypto';
import { toHex, tracer } from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import { VMRunnerError, type FunctionCallErrorData } from '@nearts/vm-errors';
import { nopOutcome, VMLogic, type External, type VMContext, type VMOutcome } from '@nearts/vm-logic';
import type { ContractCache } from './cache/contract-cache.js';
import { LruContractCache } from './cache/lru-cache.js';
import { configSignature } from './config-signature.js';
import type { Executor, LoadResult } from './executor/executor.js';
import { defaultExecutor } from './executor/wasm-executor.js';
import { classifyWasmException } from './executor/traps.js';

const trace = tracer('nearts:vm-runner:run');

export interface RunContractInput {
  /** The contract code, or null when the account has none (→ CodeDoesNotExist nop outcome). */
  readonly code: Uint8Array | null;
  /** sha256 of `code`; computed when absent. */
  readonly codeHash?: Uint8Array;
  readonly method: string;
  readonly context: VMContext;
  /** The whole runtime config of the protocol version (wasm config and fees). */
  readonly config: RuntimeConfig;
  readonly external: External;
  readonly executor?: Executor;
  /** Defaults to a process-wide LRU shared by every call that does not pass its own. */
  readonly cache?: ContractCache<LoadResult<unknown>>;
}

let sharedCache: ContractCache<LoadResult<unknown>> | undefined;

/** The process-wide compiled-contract cache (256 MiB budget). */
export function defaultContractCache(): ContractCache<LoadResult<unknown>> {
  sharedCache ??= new LruContractCache<LoadResult<unknown>>();
  return sharedCache;
}

/** The cache key's code hash: given by the caller (the runtime has it in the account), else computed. */
function codeHashOf(input: RunContractInput, code: Uint8Array): string {
  return input.codeHash ? toHex(input.codeHash) : createHash('sha256').update(code).digest('hex');
}

function load(input: RunContractInput, executor: Executor, code: Uint8Array, cache: ContractCache<LoadResult<unknown>>): LoadResult<unknown> {
  const wasmConfig = input.config.wasmConfig;
  const key = {
    codeHash: codeHashOf(input, code),
    configSignature: configSignature(wasmConfig),
    executorId: executor.id,
  };
  const hit = cache.get(key);
  if (hit) return hit.value;
  const loaded = executor.load(code, wasmConfig);
  // Failures are cached too (nearcore caches CompileModuleError): hostile code fails fast.
  cache.put(key, { value: loaded, byteSize: loaded.ok ? loaded.byteSize : 64 });
  return loaded;
}

export function runContract(input: RunContractInput): VMOutcome {
  const { code, method, context, config, external } = input;
  if (code === null) {
    return nopOutcome({
      kind: 'CompilationError',
      error: { kind: 'CodeDoesNotExist', account_id: context.currentAccountId },
    });
  }
  const executor = input.executor ?? defaultExecutor();
  const logic = new VMLogic({ ext: external, context, config: config.wasmConfig, fees: config.fees });
  const codeLen = BigInt(code.length);

  const cache = input.cache ?? defaultContractCache();
  const loaded = load(input, executor, code, cache);
  const loadingError = loaded.ok ? (executor.loadingError?.(loaded.contract) ?? null) : null;
  if (loadingError !== null && !config.wasmConfig.fixContractLoadingError) {
    throw new VMRunnerError({ kind: 'LoadingError', msg: loadingError });
  }

  const early = logic.beforeLoadingExecutable(method, codeLen);
  if (early) return logic.abortOutcome(early);
  if (!loaded.ok) return logic.abortOutcome({ kind: 'CompilationError', error: loaded.error });

  const feeError = logic.afterLoadingExecutable(codeLen);
  if (feeError) return logic.abortOutcome(feeError);
  if (loadingError !== null) return logic.abortOutcome({ kind: 'LoadingError', msg: loadingError });

  const linkError = executor.link(loaded.contract, config.wasmConfig);
  if (linkError !== null) return logic.abortOutcome({ kind: 'LinkError', msg: linkError });

  const methodError = executor.resolveMethod(loaded.contract, method);
  if (methodError !== null)
    return logic.abortButNopOutcomeInOldProtocol({ kind: 'MethodResolveError', error: methodError });

  let aborted: FunctionCallErrorData | null = null;
  try {
    executor.run(loaded.contract, method, logic, { cache });
  } catch (e) {
    aborted = classifyWasmException(e);
  }
  if (trace.enabled) trace(`${context.currentAccountId}.${method}`, aborted ?? 'ok', logic.gas.burntGas());
  return aborted ? logic.abortOutcome(aborted) : logic.okOutcome();
}
