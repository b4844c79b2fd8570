/**
 * Measuring blocks of identical transactions (nearcore `transaction_cost_ext`): each iteration
 * applies one block of `blockSize` transactions of the same shape and the blocks its receipts need
 * afterwards (receipts to other accounts, refunds), each block measured on its own. Warm-up
 * iterations are discarded, the rest averaged (HIGH-VARIANCE when they disagree by more than
 * 10%), the cost of applying as many empty blocks is subtracted, and the result divided by the
 * block size.
 *
 * Paired measurements alternate a block of the transactions being estimated with a block of
 * baseline transactions (the same without the thing being estimated) on the same testbed, and
 * average the per-iteration differences. A change of machine load then moves both sides of the
 * subtraction alike; nearcore measures the two sides in separate runs, which is fine on an idle
 * dedicated machine and not on a shared one.
 */
import { EstimatorInputError } from '../errors.js';
import { tracer, type Receipt, type SignedTransaction } from '@nearts/primitives';
import { averageOf, center, isHighVariance, mean, type Statistic } from '../stats/samples.js';
import { combine, cost, divide, PER_MILLE, saturatingSub, scale, tolerates, type GasCost } from '../stats/gas-cost.js';
import type { EstimatorAccount } from '../testbed/genesis.js';
import type { Testbed } from '../testbed/testbed.js';
import type { EstimatorContext } from './context.js';

// NEARTS_DEBUG=nearts:params-estimator:* prints every measured block (like nearcore's --debug).
const trace = tracer('nearts:params-estimator:blocks');

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
    return averageOf(samples, ctx.settings.statistic);
  });
}

/** One iteration of a plan: per-block measurements. */
export function runPlan(tb: Testbed, plan: BlockPlan, iteration: number): number[] {
  const accounts = tb.takeAccounts(plan.blockSize);
  if (plan.setup) tb.settle({ transactions: plan.setup(tb, accounts, iteration) });
  const transactions = accounts.map((a, index) => plan.transaction(tb, a, iteration, index));
  if (plan.retarget === undefined) return [...tb.run({ transactions }, { allowFailures: plan.allowFailures }).parts];
  const first = tb.run({ transactions }, { allowFailures: plan.allowFailures, untilIdle: false });
  const receipts = tb.takePendingReceipts().map(plan.retarget);
  const rest = tb.run({ receipts }, { allowFailures: plan.allowFailures });
  return [...first.parts, ...rest.parts];
}

export function measureTransactions(ctx: EstimatorContext, plan: BlockPlan): TransactionCost {
  const tb = ctx.testbed();
  const runs = ctx.repeat((iteration) => runPlan(tb, plan, iteration));
  return aggregateBlocks(ctx, runs, plan.blockSize);
}

/**
 * Per-transaction costs from per-iteration block measurements: the average of each block position
 * and of the total, minus as many empty blocks, divided by the block size.
 */
export function aggregateBlocks(ctx: EstimatorContext, runs: ReadonlyArray<readonly number[]>, blockSize: number): TransactionCost {
  if (trace.enabled) trace(`blocks of ${blockSize}:`, runs.map((r) => r.map((v) => Math.round(v)).join('+')).join(' | '));
  const empty = applyBlockCost(ctx);
  const width = Math.max(...runs.map((r) => r.length));
  const perTxParts: GasCost[] = [];
  for (let j = 0; j < width; j++) {
    const avg = averageOf(runs.map((r) => r[j] ?? 0), ctx.settings.statistic);
    perTxParts.push(divide(saturatingSub(avg, empty, PER_MILLE), blockSize));
  }
  const totals = averageOf(runs.map((r) => r.reduce((a, b) => a + b, 0)), ctx.settings.statistic);
  const perTx = divide(saturatingSub(totals, scale(empty, width), PER_MILLE), blockSize);
  return { perTx, perTxParts };
}

/**
 * The mean (or median) of paired differences, clamped at zero: SUBTRACTION-UNDERFLOW when it is
 * negative beyond 0.1% of the main side, HIGH-VARIANCE when the differences spread by more than
 * 10% of their mean (nearcore's criterion, applied to the quantity being estimated).
 */
export function differenceOf(mains: readonly number[], baselines: readonly number[], statistic: Statistic = 'mean'): GasCost {
  const diffs = mains.map((m, i) => m - baselines[i]);
  const d = center(diffs, statistic);
  const underflow = d < 0 && !tolerates(PER_MILLE, mean(mains), -d);
  const spread = d > 0 ? isHighVariance(diffs) : diffs.length <= 1;
  return cost(Math.max(0, d), combine(underflow ? 'SUBTRACTION-UNDERFLOW' : null, spread ? 'HIGH-VARIANCE' : null));
}

/** Main minus baseline, per transaction: total, by block position, and all blocks after the first. */
export interface PairedCost {
  readonly perTx: GasCost;
  readonly perTxParts: readonly GasCost[];
  readonly afterFirst: GasCost;
}

/**
 * Alternates blocks of `main` and `baseline` (the order swapped every iteration) on one testbed
 * and returns the per-transaction difference. Both plans must have the same block size.
 */
export function measurePaired(ctx: EstimatorContext, main: BlockPlan, baseline: BlockPlan): PairedCost {
  if (main.blockSize !== baseline.blockSize) throw new EstimatorInputError('paired plans need the same block size');
  const tb = ctx.testbed();
  const mains: number[][] = [];
  const bases: number[][] = [];
  ctx.repeat((iteration) => {
    const baseFirst = iteration % 2 === 0;
    const a = runPlan(tb, baseFirst ? baseline : main, iteration);
    const b = runPlan(tb, baseFirst ? main : baseline, iteration);
    return baseFirst ? [b, a] : [a, b];
  }).forEach(([m, b]) => {
    mains.push(m);
    bases.push(b);
  });
  return pairedDifference(mains, bases, main.blockSize, ctx.settings.statistic);
}

/** Per-iteration differences of block measurements, per transaction. */
export function pairedDifference(
  mains: ReadonlyArray<readonly number[]>,
  bases: ReadonlyArray<readonly number[]>,
  blockSize: number,
  statistic: Statistic = 'mean',
): PairedCost {
  if (trace.enabled) {
    const total = (r: readonly number[]): number => Math.round(r.reduce((a, b) => a + b, 0));
    trace(`paired blocks of ${blockSize}: main`, mains.map(total).join(' '), '| baseline', bases.map(total).join(' '));
  }
  const width = Math.max(...mains.map((r) => r.length), ...bases.map((r) => r.length));
  const perTxParts: GasCost[] = [];
  for (let j = 0; j < width; j++) {
    perTxParts.push(divide(differenceOf(mains.map((r) => r[j] ?? 0), bases.map((r) => r[j] ?? 0), statistic), blockSize));
  }
  const sum = (r: readonly number[]): number => r.reduce((a, b) => a + b, 0);
  const rest = (r: readonly number[]): number => sum(r.slice(1));
  return {
    perTx: divide(differenceOf(mains.map(sum), bases.map(sum), statistic), blockSize),
    perTxParts,
    afterFirst: divide(differenceOf(mains.map(rest), bases.map(rest), statistic), blockSize),
  };
}
