/**
 * VMOutcome: the result of one contract call (nearcore `logic/logic.rs::VMOutcome`).
 */
import { displayFunctionCallError, type FunctionCallErrorData } from '@nearts/vm-errors';
import { ProfileDataV3 } from './profile.js';
import type { ReturnData } from './types.js';

export interface VMOutcome {
  /** Balance after the call: balance + attached deposit − deposits attached to promises. */
  readonly balance: bigint;
  readonly storageUsage: bigint;
  readonly returnData: ReturnData;
  readonly burntGas: bigint;
  /** Burnt plus gas prepaid for promises. */
  readonly usedGas: bigint;
  readonly computeUsage: bigint;
  readonly logs: readonly string[];
  readonly profile: ProfileDataV3;
  /** Why the call aborted, or null on success. */
  readonly aborted: FunctionCallErrorData | null;
  /** 1-yocto deposits that were not deducted because of `one_yocto_on_promise`. */
  readonly subsidizedAmount: bigint;
}

/**
 * The outcome with every field zero or empty, used where nearcore throws the gas charged so far
 * away (MethodNotFound before FixContractLoadingCost, CodeDoesNotExist, runner-level errors).
 */
export function nopOutcome(error: FunctionCallErrorData): VMOutcome {
  return {
    balance: 0n,
    storageUsage: 0n,
    returnData: { kind: 'None' },
    burntGas: 0n,
    usedGas: 0n,
    computeUsage: 0n,
    logs: [],
    profile: new ProfileDataV3(),
    aborted: error,
    subsidizedAmount: 0n,
  };
}

function returnDataText(r: ReturnData): string {
  switch (r.kind) {
    case 'None':
      return 'None';
    case 'ReceiptIndex':
      return 'Receipt';
    case 'Value':
      return `Value [${r.value.length} bytes]`;
  }
}

/** nearcore's `Debug` of VMOutcome: one line, with ` failed with {err}` when aborted. */
export function outcomeDebugString(o: VMOutcome): string {
  const line =
    `VMOutcome: balance ${o.balance} storage_usage ${o.storageUsage} return data ${returnDataText(o.returnData)} ` +
    `burnt gas ${o.burntGas} used gas ${o.usedGas}`;
  return o.aborted === null ? line : `${line} failed with ${displayFunctionCallError(o.aborted)}`;
}

/**
 * The text nearcore's vm-runner test harness compares (`test_builder.rs`): the outcome line, a
 * newline, and `Err: {Display}\n` when aborted. The conformance vectors are in this form.
 */
export function formatOutcome(o: VMOutcome): string {
  const line =
    `VMOutcome: balance ${o.balance} storage_usage ${o.storageUsage} return data ${returnDataText(o.returnData)} ` +
    `burnt gas ${o.burntGas} used gas ${o.usedGas}\n`;
  return o.aborted === null ? line : `${line}Err: ${displayFunctionCallError(o.aborted)}\n`;
}

/** nearcore-style constructors: `VMOutcome.nop(err)`, `VMOutcome.ok(logic)`, `VMOutcome.abort(logic, err)`. */
export const VMOutcome = {
  nop: nopOutcome,
  ok: (logic: { okOutcome(): VMOutcome }): VMOutcome => logic.okOutcome(),
  abort: (logic: { abortOutcome(error: FunctionCallErrorData): VMOutcome }, error: FunctionCallErrorData): VMOutcome =>
    logic.abortOutcome(error),
  format: formatOutcome,
} as const;
