/**
 * Per-action results and their fold into a receipt result (nearcore `ActionResult`,
 * `ActionReceiptResult::merge`).
 */
import type { AccountContract, Receipt } from '@nearts/primitives';
import { ProfileDataV3, type ReturnData } from '@nearts/vm-logic';
import type { ValidatorStake } from '../apply/types.js';
import type { ActionErrorData, ActionErrorKindData } from '../tx-errors.js';

export type ActionOutcome = { ok: true; value: ReturnData } | { ok: false; error: ActionErrorData };

export const OK_NONE: ActionOutcome = { ok: true, value: { kind: 'None' } };

export function actionError(kind: ActionErrorKindData, index: bigint | null = null): ActionOutcome {
  return { ok: false, error: { index, kind } };
}

/**
 * The gas profile of a result nothing was charged to yet, shared instead of allocating two arrays
 * of 114 entries per action and receipt (only function calls fill a profile). Frozen, so a write
 * into it throws instead of leaking into every other result; `mergeActionResult` replaces it by
 * an own profile before merging anything non-empty.
 */
export const EMPTY_PROFILE: ProfileDataV3 = (() => {
  const p = new ProfileDataV3();
  Object.freeze(p.actionsProfile);
  Object.freeze(p.wasmExtProfile);
  return Object.freeze(p);
})();

export interface ActionResult {
  gasBurnt: bigint;
  gasBurntForFunctionCall: bigint;
  gasUsed: bigint;
  computeUsage: bigint;
  result: ActionOutcome;
  logs: string[];
  newReceipts: Receipt[];
  validatorProposals: ValidatorStake[];
  profile: ProfileDataV3;
  /** The receiver's contract before the action ran (ExecutionMetadata V4). */
  currentContract: AccountContract;
  tokensBurnt: bigint;
  subsidizedAmount: bigint;
}

/** `ownProfile`: the action charges into `profile` (a function call); otherwise it stays EMPTY_PROFILE. */
export function newActionResult(ownProfile = true): ActionResult {
  return {
    gasBurnt: 0n,
    gasBurntForFunctionCall: 0n,
    gasUsed: 0n,
    computeUsage: 0n,
    result: OK_NONE,
    logs: [],
    newReceipts: [],
    validatorProposals: [],
    profile: ownProfile ? new ProfileDataV3() : EMPTY_PROFILE,
    currentContract: { type: 'None' },
    tokensBurnt: 0n,
    subsidizedAmount: 0n,
  };
}

export interface ReceiptResult {
  gasBurnt: bigint;
  gasBurntForFunctionCall: bigint;
  gasUsed: bigint;
  computeUsage: bigint;
  result: ActionOutcome;
  logs: string[];
  newReceipts: Receipt[];
  validatorProposals: ValidatorStake[];
  profile: ProfileDataV3;
  currentContracts: AccountContract[];
  tokensBurnt: bigint;
  subsidizedAmount: bigint;
}

export function newReceiptResult(): ReceiptResult {
  return {
    gasBurnt: 0n,
    gasBurntForFunctionCall: 0n,
    gasUsed: 0n,
    computeUsage: 0n,
    result: OK_NONE,
    logs: [],
    newReceipts: [],
    validatorProposals: [],
    profile: EMPTY_PROFILE,
    currentContracts: [],
    tokensBurnt: 0n,
    subsidizedAmount: 0n,
  };
}

/** Marks the receipt failed and drops everything that must not survive the failure. */
export function setReceiptError(r: ReceiptResult, error: ActionErrorData): void {
  r.result = { ok: false, error };
  r.newReceipts = [];
  r.validatorProposals = [];
  r.tokensBurnt = 0n;
  r.subsidizedAmount = 0n;
}

export function mergeActionResult(r: ReceiptResult, next: ActionResult): void {
  r.gasBurnt += next.gasBurnt;
  r.gasBurntForFunctionCall += next.gasBurntForFunctionCall;
  r.gasUsed += next.gasUsed;
  r.computeUsage += next.computeUsage;
  if (next.profile !== EMPTY_PROFILE) {
    if (r.profile === EMPTY_PROFILE) r.profile = new ProfileDataV3();
    r.profile.merge(next.profile);
  }
  r.currentContracts.push(next.currentContract);
  if (next.logs.length !== 0) r.logs.push(...next.logs);
  if (next.result.ok) {
    let value = next.result.value;
    // A promise index is local to the action; shift it past the receipts of earlier actions.
    if (value.kind === 'ReceiptIndex') value = { kind: 'ReceiptIndex', receiptIndex: value.receiptIndex + r.newReceipts.length };
    r.result = { ok: true, value };
    if (next.newReceipts.length !== 0) r.newReceipts.push(...next.newReceipts);
    if (next.validatorProposals.length !== 0) r.validatorProposals.push(...next.validatorProposals);
    r.tokensBurnt += next.tokensBurnt;
    r.subsidizedAmount += next.subsidizedAmount;
  } else {
    setReceiptError(r, next.result.error);
  }
}
