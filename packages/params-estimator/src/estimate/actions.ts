/**
 * Action costs, whole and split into send (sir / not sir) and execution parts.
 *
 * Two experiments per action, each a series of blocks of identical transactions:
 * - not sir: signer → another account. The block with the transactions is the send part (the
 *   conversion of each transaction into a receipt); the blocks after it are the execution part
 *   (the receipt, its refund). Actions only allowed on one's own account (keys, stake, deploy,
 *   delete) are executed on the receipts of that block sent back to their signer.
 * - sir: signer → itself. The receipt runs in the same block as the conversion, so the sir send
 *   part is that block minus the execution part of the first experiment.
 * Like nearcore, the cost of an empty receipt (`ActionReceiptCreation`, or its sir variant for
 * actions that are always sir) is subtracted from every action; an action repeated k times in a
 * transaction is divided by k.
 */
import type { AccountId, Receipt } from '@nearts/primitives';
import { add, divide, PER_MILLE, saturatingSub, scale, type GasCost } from '../stats/gas-cost.js';
import { leastSquares, type LeastSquaresTolerance } from '../stats/least-squares.js';
import type { EstimatorAccount } from '../testbed/genesis.js';
import type { Testbed } from '../testbed/testbed.js';
import { measureTransactions } from './blocks.js';
import type { Estimate, EstimatorContext, FitReport } from './context.js';
import { RECEIPT_CREATION, type ActionSpec } from './action-specs.js';

/** One action measured in both experiments, per transaction, nothing subtracted. */
export interface RawAction {
  readonly sendNotSir: GasCost;
  readonly exec: GasCost;
  readonly sendSir: GasCost;
  readonly totalNotSir: GasCost;
  readonly totalSir: GasCost;
  readonly note?: string;
}

export type ActionPart = 'total' | 'sendSir' | 'sendNotSir' | 'exec';

const toSigner = (r: Receipt): Receipt => ({ ...r, receiverId: r.predecessorId });

function sum(costs: readonly GasCost[]): GasCost {
  return costs.reduce(add, { value: 0, uncertain: null });
}

export function rawAction(ctx: EstimatorContext, spec: ActionSpec, key: string = spec.cost): RawAction {
  return ctx.cached(`raw-action:${key}`, () => {
    const blockSize = ctx.blockSize(spec.nearcoreBlockSize);
    const receiverOf = (tb: Testbed, signer: EstimatorAccount, index: number): AccountId =>
      spec.receiver ? spec.receiver(tb, signer, index) : tb.receiver(index).id;
    const notSir = measureTransactions(ctx, {
      blockSize,
      setup: spec.setup?.bind(spec),
      transaction: (tb, a, i, index) => spec.transaction(tb, a, receiverOf(tb, a, index), i),
      retarget: spec.sirOnly ? toSigner : undefined,
      allowFailures: spec.allowFailures,
    });
    const sendNotSir = notSir.perTxParts[0];
    const exec = sum(notSir.perTxParts.slice(1));
    if (!spec.hasSir) {
      return {
        sendNotSir,
        exec,
        sendSir: sendNotSir,
        totalNotSir: notSir.perTx,
        totalSir: notSir.perTx,
        note: 'no sir transaction exists: sir values are the not-sir measurement (nearts converts both alike)',
      };
    }
    const sir = measureTransactions(ctx, {
      blockSize,
      setup: spec.setup?.bind(spec),
      transaction: (tb, a, i) => spec.transaction(tb, a, a.id, i),
      allowFailures: spec.allowFailures,
    });
    return { sendNotSir, exec, sendSir: saturatingSub(sir.perTx, exec, PER_MILLE), totalNotSir: notSir.perTx, totalSir: sir.perTx };
  });
}

export function receiptCreation(ctx: EstimatorContext): RawAction {
  return rawAction(ctx, RECEIPT_CREATION);
}

/** `ActionReceiptCreation` and its parts: nothing to subtract. */
export function receiptCreationPart(ctx: EstimatorContext, part: ActionPart | 'totalSir'): Estimate {
  const rc = receiptCreation(ctx);
  const pick = { total: rc.totalNotSir, totalSir: rc.totalSir, sendSir: rc.sendSir, sendNotSir: rc.sendNotSir, exec: rc.exec }[part];
  return { cost: pick };
}

/** Extra amounts subtracted from an action's execution (e.g. contract loading of a call). */
export interface ActionAdjustments {
  readonly execOverhead?: GasCost;
}

/** One part of an action: the raw measurement minus the empty receipt's part, per action. */
export function actionPart(ctx: EstimatorContext, spec: ActionSpec, part: ActionPart, adjust: ActionAdjustments = {}): Estimate {
  const raw = rawAction(ctx, spec);
  const rc = receiptCreation(ctx);
  let value: GasCost;
  switch (part) {
    case 'total':
      value = spec.sirOnly ? saturatingSub(raw.totalSir, rc.totalSir) : saturatingSub(raw.totalNotSir, rc.totalNotSir);
      break;
    case 'sendSir':
      value = saturatingSub(raw.sendSir, rc.sendSir);
      break;
    case 'sendNotSir':
      value = saturatingSub(raw.sendNotSir, rc.sendNotSir);
      break;
    case 'exec':
      value = saturatingSub(raw.exec, rc.exec);
      break;
  }
  value = divide(value, spec.repeat);
  if (adjust.execOverhead && (part === 'exec' || part === 'total')) value = saturatingSub(value, adjust.execOverhead);
  const note = part === 'sendSir' || (part === 'total' && spec.sirOnly) ? raw.note : undefined;
  return { cost: value, note };
}

/** Meta transactions: nearcore subtracts 1.5 empty receipts (two sends, one execution). */
export function delegatePart(ctx: EstimatorContext, spec: ActionSpec, part: ActionPart): Estimate {
  const raw = rawAction(ctx, spec);
  const rc = receiptCreation(ctx);
  if (part === 'total') return { cost: saturatingSub(raw.totalNotSir, scale(rc.totalNotSir, 1.5)) };
  // Executing the delegate receipt also creates and (a block later) runs the inner receipt.
  if (part === 'exec') return { cost: saturatingSub(raw.exec, add(rc.exec, rc.totalNotSir)) };
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
      const raw = rawAction(ctx, s.spec, `${series.key}:${s.bytes}`);
      const pick = { total: sirOnly ? raw.totalSir : raw.totalNotSir, sendSir: raw.sendSir, sendNotSir: raw.sendNotSir, exec: raw.exec }[part];
      return divide(pick, s.spec.repeat);
    });
    const fit = leastSquares(xs, ys, PER_BYTE_TOLERANCE);
    const report: FitReport = {
      xLabel: 'bytes',
      yLabel: `per transaction (${part})`,
      points: xs.map((x, i) => ({ x, y: ys[i].value })),
      intercept: fit.intercept,
      slope: fit.slope,
    };
    return { cost: fit.perUnit, fit: report };
  });
}
