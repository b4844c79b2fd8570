/**
 * Ordinary least squares for "base + per unit" costs (nearcore `least_squares_method_gas_cost`).
 *
 * A fit over positive samples can still produce a negative intercept or slope. Negative gas
 * makes no sense, so the negative part is clamped to zero and the result is flagged
 * NEG-LEAST-SQUARES unless the caller's tolerance accepts it. A relative tolerance is measured
 * against the mean sample — "does the clamped part change the typical total by more than this
 * factor" — which is what nearcore's documentation describes.
 */
import { combine, cost, STRICT, tolerates, type GasCost, type NonNegativeTolerance } from './gas-cost.js';
import { mean } from './samples.js';

export interface LeastSquaresTolerance {
  readonly base: NonNegativeTolerance;
  readonly perUnit: NonNegativeTolerance;
}

export const STRICT_FIT: LeastSquaresTolerance = { base: STRICT, perUnit: STRICT };

/** The raw line and the clamped, flagged parameters. */
export interface LinearFit {
  readonly intercept: number;
  readonly slope: number;
  readonly base: GasCost;
  readonly perUnit: GasCost;
}

export class FitError extends Error {
  override readonly name = 'FitError';
}

/**
 * The unclamped least-squares line through (xs, ys), each point weighted by `weights[i]` (all 1
 * by default). Needs two distinct x values.
 */
export function fitLine(xs: readonly number[], ys: readonly number[], weights?: readonly number[]): { intercept: number; slope: number } {
  if (xs.length !== ys.length) throw new FitError(`${xs.length} x values but ${ys.length} y values`);
  if (xs.length < 2) throw new FitError('a line needs at least two points');
  const w = weights ?? xs.map(() => 1);
  if (w.length !== xs.length || w.some((v) => !(v > 0) || !Number.isFinite(v))) throw new FitError('weights must be positive and one per point');
  const total = w.reduce((a, b) => a + b, 0);
  const mx = xs.reduce((a, x, i) => a + w[i] * x, 0) / total;
  const my = ys.reduce((a, y, i) => a + w[i] * y, 0) / total;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += w[i] * (xs[i] - mx) * (ys[i] - my);
    sxx += w[i] * (xs[i] - mx) * (xs[i] - mx);
  }
  if (sxx === 0) throw new FitError('all x values are equal: the slope is undetermined');
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope };
}

/**
 * Weights for least squares on relative errors (1/y²): timing noise grows with the measured
 * value, so with plain least squares the largest sizes alone would decide the intercept (the base
 * cost). Zero samples get the weight of 0.1% of the largest one.
 */
export function relativeWeights(ys: readonly number[]): number[] {
  const floor = Math.max(...ys.map((y) => Math.abs(y))) * 1e-3 || 1;
  return ys.map((y) => 1 / Math.max(Math.abs(y), floor) ** 2);
}

export function leastSquares(
  xs: readonly number[],
  ys: readonly GasCost[],
  tolerance: LeastSquaresTolerance = STRICT_FIT,
  options: { readonly relative?: boolean } = {},
): LinearFit {
  const values = ys.map((y) => y.value);
  const { intercept, slope } = fitLine(xs, values, options.relative ? relativeWeights(values) : undefined);
  const typical = Math.max(0, mean(values));
  const inherited = combine(...ys.map((y) => y.uncertain));
  const accept = (t: NonNegativeTolerance, neg: number): boolean => {
    if (neg <= 0) return true;
    // A relative tolerance compares the clamped amount with the typical sample.
    if (t.kind === 'relative') return tolerates(t, typical, neg);
    return tolerates(t, 0, neg);
  };
  const baseNeg = Math.max(0, -intercept);
  const slopeNeg = Math.max(0, -slope) * mean(xs.map((x) => Math.abs(x)));
  const clampedBadly = !accept(tolerance.base, baseNeg) || !accept(tolerance.perUnit, slopeNeg);
  const flag = combine(clampedBadly ? 'NEG-LEAST-SQUARES' : null, inherited);
  return { intercept, slope, base: cost(Math.max(0, intercept), flag), perUnit: cost(Math.max(0, slope), flag) };
}
