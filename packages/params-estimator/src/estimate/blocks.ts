/**
 * Measuring blocks of identical transactions (nearcore `transaction_cost_ext`): each iteration
 * applies one block of `blockSize` transactions of the same shape and the blocks its receipts need
 * afterwards (receipts to other accounts, refunds), each block measured on its own. Warm-up
 * iterations are discarded, the rest averaged (HIGH-VARIANCE when they disagree by more than
 * 10%), the cost of applying as many empty blocks is subtracted, and the result divided by the
 * block size.
 */
import type { Receipt, SignedTransaction } from '@nearts/primitives';
import { averageOf } from '../stats/samples.js';
import { divide, PER_MILLE, saturatingSub, scale, type GasCost } from '../stats/gas-cost.js';
import type { EstimatorAccount } from '../testbed/genesis.js';
import type { Testbed } from '../testbed/testbed.js';
import type { EstimatorContext } from './context.js';

export interface BlockPlan {
  readonly blockSize: number;
  /** The transaction of `account`, the `index`-th of the measured block of `iteration`. */
  readonly transaction: (tb: Testbed, account: EstimatorAccount, iteration: number, index: number) => SignedTransaction;
  /** Transactions applied (until idle, unmeasured) before each measured block. */
  readonly setup?: (tb: Testbed, accounts: readonly EstimatorAccount[], iteration: number) => SignedTransaction[];
  /**
   * Measure the block with the transactions alone, then rewrite the receipts it produced and
   * measure them in a block of their own (used to execute sir-only actions as incoming receipts).
   */
  readonly retarget?: (receipt: Receipt) => Receipt;
  readonly allowFailures?: boolean;
  /** Continue on this testbed instead of a fresh fork. */
  readonly testbed?: Testbed;
}

export interface TransactionCost {
  /** Everything one transaction caused, per transaction, empty-block overhead subtracted. */
  readonly perTx: GasCost;
  /** The same split by block: [0] the block with the transactions, then the follow-up blocks. */
  readonly perTxParts: readonly GasCost[];
}

/** nearcore `ApplyBlock`: applying and committing a block with nothing in it. */
export function applyBlockCost(ctx: EstimatorContext): GasCost {
  return ctx.cached('apply-block', () => {
    const tb = ctx.testbed();
    const blocksPerMeasurement = 10;
    const samples = ctx.repeat(() => {
      let total = 0;
      for (let i = 0; i < blocksPerMeasurement; i++) total += tb.run({}).total;
      return total / blocksPerMeasurement;
    });
    return averageOf(samples);
  });
}

export function measureTransactions(ctx: EstimatorContext, plan: BlockPlan): TransactionCost {
  const tb = plan.testbed ?? ctx.testbed();
  const runs = ctx.repeat((iteration) => {
    const accounts = tb.takeAccounts(plan.blockSize);
    if (plan.setup) tb.settle({ transactions: plan.setup(tb, accounts, iteration) });
    const transactions = accounts.map((a, index) => plan.transaction(tb, a, iteration, index));
    if (plan.retarget === undefined) return tb.run({ transactions }, { allowFailures: plan.allowFailures }).parts;
    const first = tb.run({ transactions }, { allowFailures: plan.allowFailures, untilIdle: false });
    const receipts = tb.takePendingReceipts().map(plan.retarget);
    const rest = tb.run({ receipts }, { allowFailures: plan.allowFailures });
    return [...first.parts, ...rest.parts];
  });
  return aggregateBlocks(ctx, runs, plan.blockSize);
}

/**
 * Per-transaction costs from per-iteration block measurements: the average of each block position
 * and of the total, minus as many empty blocks, divided by the block size.
 */
export function aggregateBlocks(ctx: EstimatorContext, runs: ReadonlyArray<readonly number[]>, blockSize: number): TransactionCost {
  const empty = applyBlockCost(ctx);
  const width = Math.max(...runs.map((r) => r.length));
  const perTxParts: GasCost[] = [];
  for (let j = 0; j < width; j++) {
    const avg = averageOf(runs.map((r) => r[j] ?? 0));
    perTxParts.push(divide(saturatingSub(avg, empty, PER_MILLE), blockSize));
  }
  const totals = averageOf(runs.map((r) => r.reduce((a, b) => a + b, 0)));
  const perTx = divide(saturatingSub(totals, scale(empty, width), PER_MILLE), blockSize);
  return { perTx, perTxParts };
}
