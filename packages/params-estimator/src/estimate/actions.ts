/**
 * Action costs, whole and split into send (sir / not sir) and execution parts.
 *
 * `ActionReceiptCreation` (an empty transaction: conversion, receipt, refund) is measured like
 * nearcore does: blocks of 100, the empty-block overhead subtracted. Every other action is measured
 * against empty transactions of the same shape in alternating blocks (see blocks.ts, paired
 * measurements), which subtracts the receipt's cost the way nearcore subtracts
 * `ActionReceiptCreation`, and divided by the number of copies of the action in each transaction.
 *
 * Two experiments per action:
 * - not sir: signer → another account. The block with the transactions is the send part (their
 *   conversion into receipts); the blocks after it are the execution part (the receipts and their
 *   refunds). Actions only allowed on one's own account (keys, stake, deploy, delete) are executed
 *   on the receipts of that block sent back to their signers.
 * - sir: signer → itself. The receipt runs in the same block as the conversion, so the sir send
 *   part is that experiment's total minus the execution part of the first.
 */
import type { AccountId, Receipt } from '@nearts/primitives';
import { add, divide, PER_MILLE, saturatingSub, type GasCost } from '../stats/gas-cost.js';
import { leastSquares, type LeastSquaresTolerance } from '../stats/least-squares.js';
import type { EstimatorAccount } from '../testbed/genesis.js';
import type { Testbed } from '../testbed/testbed.js';
import { measurePaired, measureTransactions, type BlockPlan } from './blocks.js';
import type { Estimate, EstimatorContext, FitReport } from './context.js';
import { RECEIPT_CREATION, type ActionSpec } from './action-specs.js';

/** One action's parts, per action. */
export interface ActionMeasurement {
  readonly sendNotSir: GasCost;
  readonly exec: GasCost;
  readonly sendSir: GasCost;
  readonly totalNotSir: GasCost;
  readonly totalSir: GasCost;
  readonly note?: string;
}

export type ActionPart = 'total' | 'sendSir' | 'sendNotSir' | 'exec';

const toSigner = (r: Receipt): Receipt => ({ ...r, receiverId: r.predecessorId });

function receiverOf(spec: ActionSpec, tb: Testbed, signer: EstimatorAccount, index: number): AccountId {
  return spec.receiver ? spec.receiver(tb, signer, index) : tb.receiver(index).id;
}

/** The experiment's transactions and the same transactions without actions. */
function plans(ctx: EstimatorContext, spec: ActionSpec, sir: boolean): [BlockPlan, BlockPlan] {
  const blockSize = ctx.blockSize(spec.blockSize);
  const retarget = !sir && spec.sirOnly ? toSigner : undefined;
  const to = (tb: Testbed, a: EstimatorAccount, index: number): AccountId => (sir ? a.id : receiverOf(spec, tb, a, index));
  const main: BlockPlan = {
    blockSize,
    setup: spec.setup?.bind(spec),
    transaction: (tb, a, i, index) => spec.transaction(tb, a, to(tb, a, index), i),
    retarget,
    allowFailures: spec.allowFailures,
  };
  const empty: BlockPlan = {
    blockSize,
    // An empty receipt to a receiver that exists (CreateAccount's receiver does not, yet).
    transaction: (tb, a, _i, index) => tb.transaction(a, sir ? a.id : tb.receiver(index).id, []),
    retarget,
    allowFailures: spec.allowFailures,
  };
  return [main, empty];
}

export function measureAction(ctx: EstimatorContext, spec: ActionSpec, key: string = spec.cost): ActionMeasurement {
  return ctx.cached(`action:${key}`, () => {
    const k = spec.repeat;
    const notSir = measurePaired(ctx, ...plans(ctx, spec, false));
    const sendNotSir = divide(notSir.perTxParts[0], k);
    const exec = divide(notSir.afterFirst, k);
    const totalNotSir = divide(notSir.perTx, k);
    if (!spec.hasSir) {
      return {
        sendNotSir,
        exec,
        sendSir: sendNotSir,
        totalNotSir,
        totalSir: totalNotSir,
        note: 'no sir transaction exists: sir values are the not-sir measurement (nearts converts both alike)',
      };
    }
    const totalSir = divide(measurePaired(ctx, ...plans(ctx, spec, true)).perTx, k);
    return { sendNotSir, exec, sendSir: saturatingSub(totalSir, exec, PER_MILLE), totalNotSir, totalSir };
  });
}

/** `ActionReceiptCreation` parts, from blocks of empty transactions minus empty blocks. */
export interface ReceiptCreation {
  readonly total: GasCost;
  readonly totalSir: GasCost;
  readonly sendNotSir: GasCost;
  readonly sendSir: GasCost;
  readonly exec: GasCost;
}

export function receiptCreation(ctx: EstimatorContext): ReceiptCreation {
  return ctx.cached('receipt-creation', () => {
    const [notSirPlan] = plans(ctx, RECEIPT_CREATION, false);
    const [sirPlan] = plans(ctx, RECEIPT_CREATION, true);
    const notSir = measureTransactions(ctx, notSirPlan);
    const sir = measureTransactions(ctx, sirPlan);
    const exec = notSir.perTxParts.slice(1).reduce(add, { value: 0, uncertain: null });
    return { total: notSir.perTx, totalSir: sir.perTx, sendNotSir: notSir.perTxParts[0], sendSir: saturatingSub(sir.perTx, exec, PER_MILLE), exec };
  });
}

export function receiptCreationPart(ctx: EstimatorContext, part: keyof ReceiptCreation): Estimate {
  return { cost: receiptCreation(ctx)[part] };
}

/** Extra amounts subtracted from an action's execution (e.g. contract loading of a call). */
export interface ActionAdjustments {
  readonly execOverhead?: GasCost;
}

export function actionPart(ctx: EstimatorContext, spec: ActionSpec, part: ActionPart, adjust: ActionAdjustments = {}): Estimate {
  const m = measureAction(ctx, spec);
  let value: GasCost;
  switch (part) {
    case 'total':
      value = spec.sirOnly ? m.totalSir : m.totalNotSir;
      break;
    case 'sendSir':
      value = m.sendSir;
      break;
    case 'sendNotSir':
      value = m.sendNotSir;
      break;
    case 'exec':
      value = m.exec;
      break;
  }
  if (adjust.execOverhead && (part === 'exec' || part === 'total')) value = saturatingSub(value, adjust.execOverhead);
  const note = part === 'sendSir' || part === 'total' ? m.note : undefined;
  return { cost: value, note };
}

/**
 * Meta transactions: executing the delegate receipt creates the inner receipt, which runs a block
 * later. nearcore subtracts 1.5 empty receipts from the whole (the outer one, and the inner
 * receipt's execution taken as half of one, i.e. sending ≈ executing). In nearts sending costs far
 * more than executing (it verifies the transaction's signature), so after the paired baseline has
 * removed the outer receipt, the inner receipt's measured execution part is subtracted instead.
 */
export function delegatePart(ctx: EstimatorContext, spec: ActionSpec, part: ActionPart): Estimate {
  const m = measureAction(ctx, spec);
  const inner = receiptCreation(ctx).exec;
  if (part === 'total') return { cost: saturatingSub(m.totalNotSir, inner) };
  if (part === 'exec') return { cost: saturatingSub(m.exec, inner) };
  return actionPart(ctx, spec, part);
}

/** Per-byte fits tolerate a slightly negative base (curvature at small sizes), not a negative slope. */
const PER_BYTE_TOLERANCE: LeastSquaresTolerance = {
  base: { kind: 'relative', factor: 0.1 },
  perUnit: { kind: 'relative', factor: 0.001 },
};

export interface PerByteSeries {
  /** Cache key prefix and label. */
  readonly key: string;
  /** x = bytes the protocol charges for; spec builds the action with about that many. Built on first use. */
  readonly sizes: () => ReadonlyArray<{ readonly bytes: number; readonly spec: ActionSpec }>;
}

/** The slope of one part over the sizes: the per-byte cost of that part. */
export function perBytePart(ctx: EstimatorContext, series: PerByteSeries, sirOnly: boolean, part: ActionPart): Estimate {
  return ctx.cached(`per-byte:${series.key}:${part}`, () => {
    const sizes = series.sizes();
    const xs = sizes.map((s) => s.bytes);
    const ys = sizes.map((s) => {
      const m = measureAction(ctx, s.spec, `${series.key}:${s.bytes}`);
      return { total: sirOnly ? m.totalSir : m.totalNotSir, sendSir: m.sendSir, sendNotSir: m.sendNotSir, exec: m.exec }[part];
    });
    const fit = leastSquares(xs, ys, PER_BYTE_TOLERANCE, { relative: true });
    const report: FitReport = {
      xLabel: 'bytes',
      yLabel: `per action (${part})`,
      points: xs.map((x, i) => ({ x, y: ys[i].value })),
      intercept: fit.intercept,
      slope: fit.slope,
    };
    return { cost: fit.perUnit, fit: report };
  });
}
