/**
 * The mutable state of one `apply` call: where outcomes, outgoing receipts and balance stats
 * accumulate, and how much of the chunk's gas/compute budget is used.
 */
import type { Receipt } from '@nearts/primitives';
import type { TrieAccounting } from '../ext/trie-accounting.js';
import type { StateUpdate } from '../state/state-update.js';
import type { DelayedReceiptQueue } from './delayed-queue.js';
import type { ApplyState, BalanceStats, ExecutionOutcomeWithId, ValidatorStake } from './types.js';

export interface Processing {
  readonly state: StateUpdate;
  readonly apply: ApplyState;
  readonly accounting: TrieAccounting;
  readonly stats: BalanceStats;
  readonly outcomes: ExecutionOutcomeWithId[];
  /** Receipts leaving this chunk (executed in the next block at the earliest). */
  readonly outgoing: Receipt[];
  /** Receipts to execute right after the current one (yields, lone DeleteAccount). */
  readonly instant: Receipt[];
  /** Receipts of transactions signed by their own receiver. */
  readonly local: Receipt[];
  readonly validatorProposals: ValidatorStake[];
  readonly delayed: DelayedReceiptQueue;
  total: { gas: bigint; compute: bigint };
}

export function newBalanceStats(): BalanceStats {
  return { txBurntAmount: 0n, otherBurntAmount: 0n, gasDeficitAmount: 0n, subsidizedAmount: 0n, slashedBurntAmount: 0n };
}
