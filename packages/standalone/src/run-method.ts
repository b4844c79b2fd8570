/**
 * `runMethod`: one method of one contract, without a chain — the library behind `nearts run`,
 * the successor of nearcore's near-vm-runner-standalone. Contract storage comes in as entries
 * and goes out as entries, so calls can be chained; the receipts the call tried to create are
 * reported, not executed.
 */
import { applyParameterOverrides, runtimeConfig, withSandboxHostFunctions, type RuntimeConfig } from '@nearts/runtime-fees';
import { FREE_STORAGE_TRACKER, type MockAction, type PromiseResult, type VMContext, type VMOutcome } from '@nearts/vm-logic';
import { runContract, type Executor } from '@nearts/vm-runner';
import { RunExternal } from './run-external.js';

export interface RunMethodInput {
  readonly code: Uint8Array;
  readonly method: string;
  readonly context: VMContext;
  /** Contract storage before the call. */
  readonly state?: Iterable<[Uint8Array, Uint8Array]>;
  readonly promiseResults?: readonly PromiseResult[];
  /** Default 86. */
  readonly protocolVersion?: number;
  readonly chainId?: string;
  /** Overrides by nearcore parameter name, applied over the version's config. */
  readonly configOverrides?: Record<string, string | number | bigint | boolean>;
  readonly executor?: Executor;
  /**
   * Link `sandbox_debug_log` as a node built with nearcore's `sandbox` feature does (its messages
   * go to the `nearts:vm-logic:sandbox` trace). Protocol parameters are unchanged.
   */
  readonly sandbox?: boolean;
}

export interface RunMethodResult {
  readonly outcome: VMOutcome;
  /**
   * Receipt-creation calls the contract made, in order. Receipt indices in it (and in
   * `outcome.returnData`) count receipts from 0, as on chain.
   */
  readonly actions: readonly MockAction[];
  /** Storage after the call: changed only when the call succeeded (and was not a view). */
  readonly state: Array<[Uint8Array, Uint8Array]>;
  readonly config: RuntimeConfig;
}

export function runMethod(input: RunMethodInput): RunMethodResult {
  let config = runtimeConfig(input.protocolVersion ?? 86, input.chainId ?? 'mainnet');
  if (input.configOverrides && Object.keys(input.configOverrides).length > 0)
    config = applyParameterOverrides(config, input.configOverrides);
  if (input.sandbox) config = withSandboxHostFunctions(config);
  const before = [...(input.state ?? [])];
  const external = new RunExternal({ chainId: input.chainId ?? 'mainnet' });
  for (const [k, v] of before) external.storageSet(FREE_STORAGE_TRACKER, k, v);
  const context: VMContext = input.promiseResults ? { ...input.context, promiseResults: input.promiseResults } : input.context;
  const outcome = runContract({
    code: input.code,
    method: input.method,
    context,
    config,
    external,
    ...(input.executor ? { executor: input.executor } : {}),
  });
  const committed = outcome.aborted === null;
  const state = committed
    ? external.storageEntries().map(({ key, value }): [Uint8Array, Uint8Array] => [key, value])
    : before;
  return { outcome, actions: external.actionLog, state, config };
}
