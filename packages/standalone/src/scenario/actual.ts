/** What a step produced, in the shape expectations are checked against and written back in. */
import { hashToBase58, sha256, type AccessKeyPermission, type JsonValue } from '@nearts/primitives';
import { ViewCallError } from '@nearts/runtime';
import { toOnChainFunctionCallError } from '@nearts/vm-errors';
import type { Sandbox } from '../sandbox/sandbox.js';
import { failureKind, failureMessage, type OutcomeSummary, type TransactionResult } from '../sandbox/transaction-result.js';
import { renderBalance, renderBytes, renderGas } from './values.js';

export interface ActualOutcome {
  executor: string;
  status: 'success' | 'failure' | 'unknown';
  value?: Uint8Array;
  failure?: { kind: string; message: string };
  logs: string[];
  gasBurnt?: bigint;
  tokensBurnt?: bigint;
}

export interface ActualTx extends ActualOutcome {
  hash: string;
  receipts: ActualOutcome[];
  /** Set when the RPC-style check rejected the transaction (it reached no block). */
  rejected: boolean;
}

function outcomeOf(o: OutcomeSummary): ActualOutcome {
  return {
    executor: o.executorId,
    status: o.status,
    value: o.value,
    failure: o.failure ? { kind: failureKind(o.failure), message: failureMessage(o.failure) } : undefined,
    logs: o.logs,
    gasBurnt: o.gasBurnt,
    tokensBurnt: o.tokensBurnt,
  };
}

export function actualTx(r: TransactionResult): ActualTx {
  const e = r.error;
  return {
    hash: r.hash,
    executor: r.transactionOutcome?.executorId ?? '',
    status: r.succeeded ? 'success' : r.failed ? 'failure' : 'unknown',
    value: r.value,
    failure: e ? { kind: failureKind(e), message: failureMessage(e) } : undefined,
    logs: r.logs,
    gasBurnt: r.gasBurnt,
    tokensBurnt: r.tokensBurnt,
    receipts: r.receipts.map(outcomeOf),
    rejected: r.outcome === undefined,
  };
}

/** Runs a view call; a failing method or a missing account is a failure outcome, not an exception. */
export function actualView(sandbox: Sandbox, contract: string, method: string, args: Uint8Array): ActualOutcome {
  if (sandbox.viewAccount(contract) === undefined) {
    return { executor: contract, status: 'failure', failure: { kind: 'AccountDoesNotExist', message: `account ${contract} does not exist` }, logs: [] };
  }
  try {
    const r = sandbox.viewRaw(contract, method, args);
    return { executor: contract, status: 'success', value: r.result, logs: r.logs };
  } catch (e) {
    if (!(e instanceof ViewCallError)) throw e;
    // Described like the same failure inside a transaction, without the "ActionError." level.
    const asTx = { kind: 'ActionError' as const, error: { index: 0n, kind: { kind: 'FunctionCallError' as const, error: toOnChainFunctionCallError(e.error) } } };
    const failure = { kind: failureKind(asTx).replace(/^ActionError\./, ''), message: failureMessage(asTx) };
    return { executor: contract, status: 'failure', failure, logs: e.logs };
  }
}

export function renderFailure(f: { kind: string; message: string }): JsonValue {
  return { kind: f.kind, message: f.message };
}

/** An outcome as an expectation would be written (status, value or failure, logs, gas). */
export function renderOutcome(a: ActualOutcome, withExecutor: boolean): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  if (withExecutor) out.executor = a.executor;
  out.status = a.status;
  if (a.status === 'success' && a.value !== undefined) out.value = renderBytes(a.value, true);
  if (a.failure) out.failure = renderFailure(a.failure);
  out.logs = a.logs;
  if (a.gasBurnt !== undefined) out.gasBurnt = renderGas(a.gasBurnt);
  return out;
}

export function renderTx(a: ActualTx): Record<string, JsonValue> {
  return { ...renderOutcome(a, false), receipts: a.receipts.map((r) => renderOutcome(r, true)) };
}

export function renderPermission(p: AccessKeyPermission): JsonValue {
  if (p.type === 'FullAccess') return 'FullAccess';
  if (p.type === 'FunctionCall') {
    const f = p.functionCall;
    return { receiverId: f.receiverId, methodNames: f.methodNames, allowance: f.allowance === null ? null : renderBalance(f.allowance) };
  }
  return p.type;
}

export function permissionsEqual(a: AccessKeyPermission, b: AccessKeyPermission): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'FunctionCall' && b.type === 'FunctionCall') {
    const x = a.functionCall;
    const y = b.functionCall;
    return x.receiverId === y.receiverId && x.allowance === y.allowance && x.methodNames.join('\u0000') === y.methodNames.join('\u0000');
  }
  return a.type === 'FullAccess';
}

/** The code hash an account check compares against: base58, or "none". */
export function codeHashText(contract: { type: string; hash?: Uint8Array; accountId?: string }): string {
  if (contract.type === 'Local' && contract.hash) return hashToBase58(contract.hash);
  if (contract.type === 'Global' && contract.hash) return `global:${hashToBase58(contract.hash)}`;
  if (contract.type === 'GlobalByAccount') return `global-account:${contract.accountId}`;
  return 'none';
}

export const codeHashOf = (code: Uint8Array): string => hashToBase58(sha256(code));
