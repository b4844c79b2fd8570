/**
 * A measured cost in the metric's unit (nanoseconds or instructions) with nearcore's uncertainty
 * flags (runtime-params-estimator `gas_cost.rs`):
 *
 * - HIGH-VARIANCE: the sample standard deviation of the measured blocks exceeds 10% of their mean;
 * - SUBTRACTION-UNDERFLOW: a difference came out negative by more than the tolerance (0.1% of the
 *   positive side by default) and was clamped to zero;
 * - NEG-LEAST-SQUARES: a least-squares fit produced a negative parameter beyond its tolerance and
 *   the negative part was clamped to zero.
 *
 * Measurements are floating point on purpose: they are samples of a clock or a counter, never
 * amounts of tokens; the conversion to gas (a bigint) happens once, in `toGas`.
 */

import { EstimatorInputError } from '../errors.js';

export type Uncertainty = 'HIGH-VARIANCE' | 'SUBTRACTION-UNDERFLOW' | 'NEG-LEAST-SQUARES';

export const UNCERTAINTIES: readonly Uncertainty[] = ['HIGH-VARIANCE', 'SUBTRACTION-UNDERFLOW', 'NEG-LEAST-SQUARES'];

export interface GasCost {
  /** Metric units: nanoseconds (time) or instructions. Never negative. */
  readonly value: number;
  /** The first reason this value is uncertain, or null. */
  readonly uncertain: Uncertainty | null;
}

export function cost(value: number, uncertain: Uncertainty | null = null): GasCost {
  if (!Number.isFinite(value)) throw new EstimatorInputError(`a cost must be a finite number, got ${value}`);
  return { value: Math.max(0, value), uncertain };
}

export const ZERO: GasCost = cost(0);

/** Keeps the first flag: the earliest reason is the one worth reporting. */
export function combine(...flags: Array<Uncertainty | null>): Uncertainty | null {
  for (const f of flags) if (f !== null) return f;
  return null;
}

/** How much negativity a subtraction or fit may show before it is flagged. */
export type NonNegativeTolerance =
  | { readonly kind: 'strict' }
  | { readonly kind: 'relative'; readonly factor: number }
  | { readonly kind: 'absolute'; readonly units: number };

export const STRICT: NonNegativeTolerance = { kind: 'strict' };
/** nearcore's `PER_MILLE`: negative parts up to 0.1% of the positive side pass silently. */
export const PER_MILLE: NonNegativeTolerance = { kind: 'relative', factor: 0.001 };

/**
 * Whether a clamped negative part `neg` (≥ 0) next to the positive part `pos` is acceptable.
 * Unlike nearcore, an exact zero on both sides passes: nothing was clamped.
 */
export function tolerates(t: NonNegativeTolerance, pos: number, neg: number): boolean {
  if (neg <= 0) return true;
  switch (t.kind) {
    case 'strict':
      return false;
    case 'relative':
      return pos > 0 && neg / pos <= t.factor;
    case 'absolute':
      return neg <= t.units;
  }
}

export function add(a: GasCost, b: GasCost): GasCost {
  return cost(a.value + b.value, combine(a.uncertain, b.uncertain));
}

export function scale(a: GasCost, factor: number): GasCost {
  if (!(factor >= 0) || !Number.isFinite(factor)) throw new EstimatorInputError(`scale factor must be finite and ≥ 0, got ${factor}`);
  return cost(a.value * factor, a.uncertain);
}

export function divide(a: GasCost, divisor: number): GasCost {
  if (!(divisor > 0) || !Number.isFinite(divisor)) throw new EstimatorInputError(`divisor must be finite and > 0, got ${divisor}`);
  return cost(a.value / divisor, a.uncertain);
}

/** a − b, clamped at zero; SUBTRACTION-UNDERFLOW when the clamped part breaks the tolerance. */
export function saturatingSub(a: GasCost, b: GasCost, tolerance: NonNegativeTolerance = PER_MILLE): GasCost {
  const diff = a.value - b.value;
  const pos = Math.max(0, diff);
  const neg = Math.max(0, -diff);
  const own: Uncertainty | null = tolerates(tolerance, pos, neg) ? null : 'SUBTRACTION-UNDERFLOW';
  return cost(pos, combine(own, a.uncertain, b.uncertain));
}
