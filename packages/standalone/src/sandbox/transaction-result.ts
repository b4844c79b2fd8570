/**
 * The full result of a transaction: its own outcome and every receipt's, in nearcore's order
 * (depth first from the transaction). Contract failures are data here — nothing throws.
 */
import { hashToBase58, stringifyJson, type JsonValue } from '@nearts/primitives';
import {
  finalExecutionOutcomeView,
  type ExecutionOutcome,
  type FinalExecutionOutcome,
  type FinalExecutionStatus,
  type InvalidTxErrorData,
  type TxExecutionErrorData,
} from '@nearts/runtime';
import { displayActionErrorKind, displayInvalidTxError, displayTxExecutionError, TxExecutionError } from '@nearts/vm-errors';

/** One outcome (the transaction's or a receipt's) in a readable shape. */
export interface OutcomeSummary {
  /** Transaction hash or receipt id (base58). */
  id: string;
  executorId: string;
  /** 'success' with `value` (or `receiptId` when it handed over to another receipt), 'failure' with `failure`. */
  status: 'success' | 'failure' | 'unknown';
  value?: Uint8Array;
  receiptId?: string;
  failure?: TxExecutionErrorData;
  logs: string[];
  gasBurnt: bigint;
  tokensBurnt: bigint;
  /** Receipts this outcome created (base58 ids). */
  receiptIds: string[];
  blockHash: string;
  /** The runtime's outcome record, profile included. */
  raw: ExecutionOutcome;
}

/** `ActionError.FunctionCallError.ExecutionError`-style path of an error (no `TxExecutionError.` prefix). */
export function failureKind(e: TxExecutionErrorData): string {
  return new TxExecutionError(e).code.replace(/^TxExecutionError\./, '');
}

/**
 * The readable text of an error: a contract's own message for `ExecutionError` (e.g. "Smart
 * contract panicked: …"), else nearcore's Display of the innermost error (without "Action #i: ").
 */
export function failureMessage(e: TxExecutionErrorData): string {
  if (e.kind === 'InvalidTxError') return displayInvalidTxError(e.error);
  const kind = e.error.kind;
  if (kind.kind === 'FunctionCallError' && kind.error.kind === 'ExecutionError') return kind.error.msg;
  return displayActionErrorKind(kind);
}

function summarize(o: ExecutionOutcome, id: Uint8Array, blockHash: Uint8Array): OutcomeSummary {
  const s = o.status;
  const base = {
    id: hashToBase58(id),
    executorId: o.executorId,
    logs: [...o.logs],
    gasBurnt: o.gasBurnt,
    tokensBurnt: o.tokensBurnt,
    receiptIds: o.receiptIds.map(hashToBase58),
    blockHash: hashToBase58(blockHash),
    raw: o,
  };
  switch (s.kind) {
    case 'SuccessValue':
      return { ...base, status: 'success', value: s.value };
    case 'SuccessReceiptId':
      return { ...base, status: 'success', receiptId: hashToBase58(s.receiptId) };
    case 'Failure':
      return { ...base, status: 'failure', failure: s.error };
    case 'Unknown':
      return { ...base, status: 'unknown' };
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** JSON text → value, else UTF-8 text, else the bytes; empty → undefined (near-workspaces' parseResult). */
export function parseReturnValue(bytes: Uint8Array | undefined): unknown {
  if (bytes === undefined || bytes.length === 0) return undefined;
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return bytes;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export class TransactionResult {
  /** Base58 transaction hash. */
  readonly hash: string;
  private summaries: OutcomeSummary[] | undefined;

  private constructor(
    hash: string,
    /** All outcomes (undefined when the transaction was rejected before reaching a block). */
    readonly outcome: FinalExecutionOutcome | undefined,
    /** Why the RPC-style check rejected it, when it did. */
    readonly rejection: InvalidTxErrorData | undefined,
  ) {
    this.hash = hash;
  }

  static executed(outcome: FinalExecutionOutcome): TransactionResult {
    return new TransactionResult(hashToBase58(outcome.transactionHash), outcome, undefined);
  }

  static rejected(hash: string, error: InvalidTxErrorData): TransactionResult {
    return new TransactionResult(hash, undefined, error);
  }

  /** nearcore's FinalExecutionStatus; a rejected transaction is a Failure with its InvalidTxError. */
  get status(): FinalExecutionStatus {
    if (this.outcome) return this.outcome.status;
    return { kind: 'Failure', error: { kind: 'InvalidTxError', error: this.rejection! } };
  }

  get succeeded(): boolean {
    return this.status.kind === 'SuccessValue';
  }

  get failed(): boolean {
    return this.status.kind === 'Failure';
  }

  /** The transaction's return value (its last receipt's in a call chain), when it succeeded. */
  get value(): Uint8Array | undefined {
    const s = this.status;
    return s.kind === 'SuccessValue' ? s.value : undefined;
  }

  /** The return value parsed: JSON, else text, undefined when empty. */
  parseResult<T = unknown>(): T {
    return parseReturnValue(this.value) as T;
  }

  /** The return value as JSON (throws SyntaxError when it is not JSON). */
  json<T = unknown>(): T {
    return JSON.parse(this.text()) as T;
  }

  /** The return value as UTF-8 text. */
  text(): string {
    return new TextDecoder().decode(this.value ?? new Uint8Array(0));
  }

  /** The error of a failed transaction (the first failure on its path, as nearcore reports it). */
  get error(): TxExecutionErrorData | undefined {
    const s = this.status;
    return s.kind === 'Failure' ? s.error : undefined;
  }

  /** e.g. `ActionError.FunctionCallError.ExecutionError`. */
  get errorKind(): string | undefined {
    const e = this.error;
    return e === undefined ? undefined : failureKind(e);
  }

  /** The error's readable text, e.g. `Smart contract panicked: counter is already zero`. */
  get errorMessage(): string | undefined {
    const e = this.error;
    return e === undefined ? undefined : failureMessage(e);
  }

  /** nearcore's Display of the whole error, e.g. `Action #0: ExecutionError("Smart contract panicked: …")`. */
  get errorDisplay(): string | undefined {
    const e = this.error;
    return e === undefined ? undefined : displayTxExecutionError(e);
  }

  /** The transaction's outcome followed by every receipt's. */
  get outcomes(): OutcomeSummary[] {
    if (this.summaries === undefined) {
      const f = this.outcome;
      this.summaries =
        f === undefined
          ? []
          : [f.transactionOutcome, ...f.receiptsOutcome].map((r) => summarize(r.outcome.outcome, r.outcome.id, r.blockHash));
    }
    return this.summaries;
  }

  /** The transaction's own outcome (conversion into its first receipt). */
  get transactionOutcome(): OutcomeSummary | undefined {
    return this.outcomes[0];
  }

  /** Every receipt's outcome, depth first (refunds included). */
  get receipts(): OutcomeSummary[] {
    return this.outcomes.slice(1);
  }

  /** Every failed receipt (not only the one the final status reports). */
  get failures(): OutcomeSummary[] {
    return this.outcomes.filter((o) => o.status === 'failure');
  }

  /** All logs, in outcome order. */
  get logs(): string[] {
    return this.outcomes.flatMap((o) => o.logs);
  }

  /** Gas burnt by the transaction and all its receipts. */
  get gasBurnt(): bigint {
    return this.outcomes.reduce((s, o) => s + o.gasBurnt, 0n);
  }

  get tokensBurnt(): bigint {
    return this.outcomes.reduce((s, o) => s + o.tokensBurnt, 0n);
  }

  /** nearcore's RPC JSON (FinalExecutionOutcomeView), or the RPC error data of a rejected transaction. */
  view(): JsonValue {
    if (this.outcome) return finalExecutionOutcomeView(this.outcome);
    return { TxExecutionError: new TxExecutionError(this.error!).json() as JsonValue };
  }

  toString(): string {
    const s = this.status;
    const head = s.kind === 'Failure' ? `failed: ${this.errorMessage}` : s.kind === 'SuccessValue' ? 'succeeded' : s.kind;
    return `transaction ${this.hash} ${head}${this.logs.length ? `\nlogs:\n  ${this.logs.join('\n  ')}` : ''}`;
  }

  /** `view()` as JSON text. */
  toJSONString(space = 2): string {
    return stringifyJson(this.view(), space);
  }
}
