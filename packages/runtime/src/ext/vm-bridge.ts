/**
 * The one place the runtime calls into vm-runner, so an embedder can swap the contract runner
 * (a custom VM, a debugger, a test double) without touching the runtime.
 */
import { runContract as vmRunContract, type Executor, type RunContractInput } from '@nearts/vm-runner';
import type { VMOutcome } from '@nearts/vm-logic';

export type { Executor };
export type RunInput = RunContractInput;
export type RunContract = (input: RunInput) => VMOutcome;

let override: RunContract | undefined;

/** Replaces the contract runner; `undefined` restores vm-runner's `runContract`. */
export function useContractRunner(run: RunContract | undefined): void {
  override = run;
}

export function runContract(input: RunInput): VMOutcome {
  return (override ?? vmRunContract)(input);
}
