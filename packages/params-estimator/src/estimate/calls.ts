/**
 * Host-function estimations (nearcore `fn_cost`): transactions call a method of the estimator
 * contract that calls one host function N times in a loop. The same transactions with N = 0 do
 * everything else (transaction, receipt, contract loading, argument decoding, setup in the
 * method), so (T(N) − T(0)) / N is the cost of one call — host function, its `base` fee's work
 * and the loop's few wasm instructions, as in nearcore. Varying the input size and fitting a
 * line gives the base (intercept) and per-byte/per-element (slope) parts.
 *
 * N is chosen per host function and size so that one measured block takes about `blockTargetMs`
 * of wall clock: cheap functions get long loops, pairings get a few calls. Blocks with N calls
 * and blocks with none alternate on one testbed (paired measurement, see blocks.ts).
 */
import type { SignedTransaction } from '@nearts/primitives';
import { divide, type GasCost } from '../stats/gas-cost.js';
import { leastSquares, type LeastSquaresTolerance } from '../stats/least-squares.js';
import { encodeArgs, type MethodArgs } from '../contracts/estimator-contract.js';
import type { EstimatorAccount } from '../testbed/genesis.js';
import { CALL_GAS, Testbed } from '../testbed/testbed.js';
import { TimeMetric } from '../metric/metric.js';
import { pairedDifference } from './blocks.js';
import type { Estimate, EstimatorContext, FitReport } from './context.js';

export interface CallPlan {
  /** Cache key; also names the fit in reports. */
  readonly key: string;
  readonly method: string;
  /** The sizes measured (x axis of the fit); one value = no fit, just a per-call cost. */
  readonly xs: readonly number[];
  readonly xLabel: string;
  /** The method's arguments for N calls at size x (`setupValue`: what the setup call returned). */
  args(n: number, x: number, iteration: number, setupValue: Uint8Array | undefined): MethodArgs;
  /** A call applied (unmeasured) before each measured block, on the same account. */
  setup?(tb: Testbed, account: EstimatorAccount, n: number, x: number, iteration: number): SignedTransaction;
  /** Upper bound of N (memory, gas or limits of the host function). */
  readonly maxN?: number;
  /** Transactions per measured block (default 4). */
  readonly blockSize?: number;
  /** Measure only the block with the calls, not the blocks their receipts cause. */
  readonly firstBlockOnly?: boolean;
  readonly tolerance?: LeastSquaresTolerance;
}

const DEFAULT_BLOCK_SIZE = 4;
const DEFAULT_MAX_N = 100_000;

/** The outcome value of the setup call of each account (e.g. the data ids of its yields). */
function setupValues(results: ReturnType<Testbed['settle']>): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const r of results) {
    for (const o of r.outcomes) {
      const s = o.outcome.status;
      if (s.kind === 'SuccessValue' && s.value.length > 0) out.set(o.outcome.executorId, s.value);
    }
  }
  return out;
}

/** One block: setup (unmeasured), then `accounts` each calling `method` with N = n at size x. */
function runCalls(tb: Testbed, plan: CallPlan, accounts: readonly EstimatorAccount[], n: number, x: number, iteration: number): number[] {
  let values = new Map<string, Uint8Array>();
  if (plan.setup) values = setupValues(tb.settle({ transactions: accounts.map((a) => plan.setup!(tb, a, n, x, iteration)) }));
  const transactions = accounts.map((a) => tb.functionCall(a, plan.method, encodeArgs(plan.args(n, x, iteration, values.get(a.id)))));
  const run = tb.run({ transactions });
  return plan.firstBlockOnly ? run.parts.slice(0, 1) : [...run.parts];
}

/**
 * Wall time and gas burnt of one transaction calling the method with N = n (setup excluded; only
 * the first block for plans measured that way). `tb` measures wall time whatever the run's metric:
 * N is about how long a block takes.
 */
function probe(tb: Testbed, plan: CallPlan, n: number, x: number): { ns: number; gas: bigint } {
  const [account] = tb.takeAccounts(1);
  const values = plan.setup ? setupValues(tb.settle({ transactions: [plan.setup(tb, account, n, x, 0)] })) : new Map<string, Uint8Array>();
  const tx = tb.functionCall(account, plan.method, encodeArgs(plan.args(n, x, 0, values.get(account.id))));
  let gas = 0n;
  const run = tb.run({ transactions: [tx] });
  for (const r of run.results) for (const o of r.outcomes) gas += o.outcome.gasBurnt;
  return { ns: plan.firstBlockOnly ? run.parts[0] : run.total, gas };
}

/** A call may burn at most this much of its prepaid gas in the loop (the rest is headroom). */
const LOOP_GAS_BUDGET = (CALL_GAS * 8n) / 10n;

/**
 * N at size x: about `blockTargetMs` of wall clock per block. The loop grows 4× at a time until
 * the calls take a quarter of the target beyond an empty call (the faster of two tries each, so
 * that one scheduler hiccup does not pick a tiny N).
 */
export function loopCount(ctx: EstimatorContext, plan: CallPlan, x: number): number {
  return ctx.cached(`loop-count:${plan.key}:${x}`, () => {
    const blockSize = plan.blockSize ?? DEFAULT_BLOCK_SIZE;
    const targetNs = ctx.settings.blockTargetMs * 1e6;
    const tb = new Testbed(ctx.genesis, new TimeMetric());
    const twice = (n: number): number => Math.min(probe(tb, plan, n, x).ns, probe(tb, plan, n, x).ns);
    // Gas bounds N too: the protocol charges some host functions far more than they take here.
    const gasPerCall = probe(tb, plan, 1, x).gas - probe(tb, plan, 0, x).gas;
    const gasBound = gasPerCall > 0n ? Number(LOOP_GAS_BUDGET / gasPerCall) : DEFAULT_MAX_N;
    const maxN = Math.max(1, Math.min(plan.maxN ?? DEFAULT_MAX_N, gasBound));
    twice(1);
    const empty = twice(0);
    let n = 1;
    let t = 0;
    for (;;) {
      t = twice(n) - empty;
      if (t >= targetNs / 4 / blockSize || n >= maxN) break;
      n = Math.min(maxN, n * 4);
    }
    const perCall = Math.max(t, 1) / n;
    return Math.max(1, Math.min(maxN, Math.floor(targetNs / blockSize / perCall)));
  });
}

/** Per transaction: N calls at size x minus no calls, from alternating blocks on one testbed. */
export function pairedCallCost(ctx: EstimatorContext, plan: CallPlan, n: number, x: number, baseline: CallPlan = plan, baselineN = 0): GasCost {
  const tb = ctx.testbed();
  const blockSize = plan.blockSize ?? DEFAULT_BLOCK_SIZE;
  const mains: number[][] = [];
  const bases: number[][] = [];
  ctx.repeat((iteration) => {
    const baseFirst = iteration % 2 === 0;
    const one = (main: boolean): number[] => runCalls(tb, main ? plan : baseline, tb.takeAccounts(blockSize), main ? n : baselineN, x, iteration);
    const a = one(!baseFirst);
    const b = one(baseFirst);
    return baseFirst ? [b, a] : [a, b];
  }).forEach(([m, b]) => {
    mains.push(m);
    bases.push(b);
  });
  return pairedDifference(mains, bases, blockSize, ctx.settings.statistic).perTx;
}

/** The cost of one host-function call at size x. */
export function perCall(ctx: EstimatorContext, plan: CallPlan, x: number): GasCost {
  return ctx.cached(`per-call:${plan.key}:${x}`, () => {
    const n = loopCount(ctx, plan, x);
    return divide(pairedCallCost(ctx, plan, n, x), n);
  });
}

export interface CallFit {
  readonly base: Estimate;
  readonly perUnit: Estimate;
  readonly report: FitReport;
}

/** Base and per-unit cost of a host function from its per-call cost at every size. */
export function callFit(ctx: EstimatorContext, plan: CallPlan): CallFit {
  return ctx.cached(`fit:${plan.key}`, () => {
    const ys = plan.xs.map((x) => perCall(ctx, plan, x));
    const points = plan.xs.map((x, i) => ({ x, y: ys[i].value }));
    if (plan.xs.length === 1) {
      const report: FitReport = { xLabel: plan.xLabel, yLabel: 'per call', points, intercept: ys[0].value, slope: 0 };
      return { base: { cost: ys[0] }, perUnit: { cost: { value: 0, uncertain: ys[0].uncertain } }, report };
    }
    const fit = leastSquares(plan.xs, ys, plan.tolerance, { relative: true });
    const report: FitReport = { xLabel: plan.xLabel, yLabel: 'per call', points, intercept: fit.intercept, slope: fit.slope };
    return { base: { cost: fit.base, fit: report }, perUnit: { cost: fit.perUnit, fit: report }, report };
  });
}
