/**
 * Data receipts (nearcore `data_receipt_creation_base` / `_per_byte`): a call creates N promises
 * to `produce` (each returns x bytes) joined into one callback — N data receipts of x bytes — and
 * the same call without the callback creates none. The difference per promise, fitted over x,
 * gives the base (send + execution of one data receipt) and the cost per byte of data.
 * All blocks until nothing is in flight are measured: the data travels in the follow-up blocks.
 */
import { divide, type GasCost } from '../stats/gas-cost.js';
import { leastSquares } from '../stats/least-squares.js';
import { pairedCallCost, type CallPlan } from './calls.js';
import type { Estimate, EstimatorContext, FitReport } from './context.js';

/** Producers per call (at most 128 input data dependencies per receipt); the one callback is amortized over them. */
export const DATA_RECEIPTS_PER_CALL = 100;
const PRODUCER_GAS = 5_000_000_000_000n;
const SIZES = [10, 10_000, 30_000, 60_000];

function plan(method: string): CallPlan {
  return {
    key: method,
    method,
    xs: SIZES,
    xLabel: 'data bytes',
    blockSize: 2,
    args: (n, x) => ({ n, x, y: PRODUCER_GAS }),
  };
}

export function dataReceipts(ctx: EstimatorContext): { base: Estimate; perByte: Estimate } {
  return ctx.cached('data-receipts', () => {
    const n = DATA_RECEIPTS_PER_CALL;
    const withData = plan('data_receipts');
    const without = plan('data_receipts_base');
    const ys: GasCost[] = SIZES.map((x) => divide(pairedCallCost(ctx, withData, n, x, without, n), n));
    const fit = leastSquares(SIZES, ys, { base: { kind: 'strict' }, perUnit: { kind: 'relative', factor: 0.001 } }, { relative: true });
    const report: FitReport = {
      xLabel: 'data bytes',
      yLabel: 'per data receipt',
      points: SIZES.map((x, i) => ({ x, y: ys[i].value })),
      intercept: fit.intercept,
      slope: fit.slope,
    };
    return { base: { cost: fit.base, fit: report }, perByte: { cost: fit.perUnit, fit: report } };
  });
}
