/**
 * The one place the runtime calls into vm-runner. ADAPTER: vm-runner's `runContract` and
 * `Executor` are reached through the namespace so the runtime keeps loading while vm-runner's
 * entry point is being written; without it a call fails with a WasmUnknownError outcome.
 */
import * as vmRunner from '@nearts/vm-runner';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import { nopOutcome, type External, type VMContext, type VMOutcome } from '@nearts/vm-logic';

/** vm-runner's pluggable wasm engine (opaque to the runtime). */
export type Executor = { readonly id: string };

export interface RunInput {
  readonly code: Uint8Array | null;
  readonly codeHash?: Uint8Array;
  readonly method: string;
  readonly context: VMContext;
  readonly config: RuntimeConfig;
  readonly external: External;
  readonly executor?: Executor;
  readonly cache?: unknown;
}

export type RunContract = (input: RunInput) => VMOutcome;

let override: RunContract | undefined;

/** Replaces the contract runner (a custom VM, a debugger, a test double); `undefined` restores vm-runner's. */
export function useContractRunner(run: RunContract | undefined): void {
  override = run;
}

export function runContract(input: RunInput): VMOutcome {
  const run = override ?? (vmRunner as unknown as { runContract?: RunContract }).runContract;
  if (typeof run !== 'function') {
    return nopOutcome({ kind: 'WasmUnknownError', msg: '@nearts/vm-runner does not export runContract yet' });
  }
  return run(input);
}
