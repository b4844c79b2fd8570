import { describe, expect, it } from 'vitest';
import {
  averageCosts,
  averageOf,
  cost,
  divide,
  EstimatorInputError,
  fitLine,
  FitError,
  isHighVariance,
  leastSquares,
  mean,
  median,
  relativeWeights,
  PER_MILLE,
  sampleStdDev,
  saturatingSub,
  STRICT,
  tolerates,
} from '../src/index.js';

describe('sample statistics', () => {
  it('mean and sample standard deviation (n − 1)', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(sampleStdDev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.1380899, 6);
    expect(sampleStdDev([5])).toBe(0);
  });

  it('flags a spread above 10% of the mean, and a single sample', () => {
    expect(isHighVariance([100, 100, 100])).toBe(false);
    // stddev of [90, 110] is 14.14: 14% of 100.
    expect(isHighVariance([90, 110])).toBe(true);
    // stddev of [95, 105] is 7.07: 7% of 100.
    expect(isHighVariance([95, 105])).toBe(false);
    expect(isHighVariance([100])).toBe(true);
  });

  it('takes the median when asked: one inflated block does not move it', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(averageOf([10, 10, 11, 10, 40], 'median')).toEqual({ value: 10, uncertain: 'HIGH-VARIANCE' });
    expect(averageOf([10, 10, 11, 10, 40], 'mean').value).toBe(16.2);
  });

  it('averages block measurements with the HIGH-VARIANCE flag', () => {
    expect(averageOf([10, 10, 10])).toEqual({ value: 10, uncertain: null });
    expect(averageOf([5, 15])).toEqual({ value: 10, uncertain: 'HIGH-VARIANCE' });
  });

  it('keeps an inherited flag when averaging flagged costs', () => {
    const avg = averageCosts([cost(10), cost(10, 'SUBTRACTION-UNDERFLOW'), cost(10)]);
    expect(avg).toEqual({ value: 10, uncertain: 'SUBTRACTION-UNDERFLOW' });
  });
});

describe('subtraction', () => {
  it('subtracts and keeps no flag when the result is positive', () => {
    expect(saturatingSub(cost(100), cost(40))).toEqual({ value: 60, uncertain: null });
  });

  it('clamps at zero and flags SUBTRACTION-UNDERFLOW beyond 0.1%', () => {
    expect(saturatingSub(cost(100), cost(150))).toEqual({ value: 0, uncertain: 'SUBTRACTION-UNDERFLOW' });
  });

  it('tolerates a tiny negative part relative to the positive side', () => {
    expect(tolerates(PER_MILLE, 1000, 1)).toBe(true);
    expect(tolerates(PER_MILLE, 1000, 2)).toBe(false);
    expect(tolerates(PER_MILLE, 0, 1)).toBe(false);
    expect(tolerates(STRICT, 1000, 0.0001)).toBe(false);
    expect(tolerates(STRICT, 0, 0)).toBe(true);
    expect(tolerates({ kind: 'absolute', units: 5 }, 0, 5)).toBe(true);
  });

  it('exactly equal operands give zero without a flag', () => {
    expect(saturatingSub(cost(7), cost(7))).toEqual({ value: 0, uncertain: null });
  });

  it('propagates the operands’ flags', () => {
    expect(saturatingSub(cost(100, 'HIGH-VARIANCE'), cost(1))).toEqual({ value: 99, uncertain: 'HIGH-VARIANCE' });
    expect(divide(cost(9, 'HIGH-VARIANCE'), 3)).toEqual({ value: 3, uncertain: 'HIGH-VARIANCE' });
  });

  it('rejects non-finite values and bad divisors', () => {
    expect(() => cost(Number.NaN)).toThrow(EstimatorInputError);
    expect(() => divide(cost(1), 0)).toThrow(EstimatorInputError);
  });
});

describe('least squares', () => {
  it('recovers an exact line', () => {
    const fit = leastSquares([0, 10, 20, 30], [5, 25, 45, 65].map((v) => cost(v)));
    expect(fit.intercept).toBeCloseTo(5, 10);
    expect(fit.slope).toBeCloseTo(2, 10);
    expect(fit.base).toEqual({ value: fit.intercept, uncertain: null });
    expect(fit.perUnit.uncertain).toBeNull();
  });

  it('fits noisy points by ordinary least squares', () => {
    // y = 1 + x with residuals +1, −1, −1, +1: the fit is y = 1 + x exactly.
    const fit = fitLine([0, 1, 2, 3], [2, 1, 2, 5]);
    expect(fit.slope).toBeCloseTo(1, 10);
    expect(fit.intercept).toBeCloseTo(1, 10);
  });

  it('clamps a negative intercept and flags NEG-LEAST-SQUARES', () => {
    const fit = leastSquares([10, 20, 30], [0, 10, 20].map((v) => cost(v)));
    expect(fit.intercept).toBeCloseTo(-10, 10);
    expect(fit.base).toEqual({ value: 0, uncertain: 'NEG-LEAST-SQUARES' });
    expect(fit.perUnit.value).toBeCloseTo(1, 10);
    expect(fit.perUnit.uncertain).toBe('NEG-LEAST-SQUARES');
  });

  it('accepts a negative intercept within a relative tolerance of the typical sample', () => {
    // intercept −1 against a mean sample of 200: 0.5%.
    const fit = leastSquares([100, 200, 300], [99, 199, 299].map((v) => cost(v)), { base: { kind: 'relative', factor: 0.01 }, perUnit: STRICT });
    expect(fit.base).toEqual({ value: 0, uncertain: null });
  });

  it('flags a negative slope', () => {
    const fit = leastSquares([1, 2, 3], [30, 20, 10].map((v) => cost(v)));
    expect(fit.perUnit).toEqual({ value: 0, uncertain: 'NEG-LEAST-SQUARES' });
  });

  it('inherits flags of the samples', () => {
    const fit = leastSquares([1, 2], [cost(1), cost(2, 'HIGH-VARIANCE')]);
    expect(fit.base.uncertain).toBe('HIGH-VARIANCE');
  });

  it('weights points by relative error when asked', () => {
    // y = 1000 + x with a 10% error on the largest point: the plain fit's intercept is off by 36%,
    // the relative one's by 1.2%.
    const xs = [10, 1_000, 10_000, 100_000];
    const ys = [1_010, 2_000, 11_000, 101_000 * 1.1].map((v) => cost(v));
    expect(leastSquares(xs, ys).intercept).toBeCloseTo(640.3234, 3);
    expect(leastSquares(xs, ys, undefined, { relative: true }).intercept).toBeCloseTo(987.7419, 3);
    expect(relativeWeights([1, 2, 0])).toEqual([1, 0.25, 1 / (0.002 * 0.002)]);
  });

  it('refuses fits that cannot be determined', () => {
    expect(() => fitLine([1], [1])).toThrow(FitError);
    expect(() => fitLine([2, 2, 2], [1, 2, 3])).toThrow(FitError);
    expect(() => fitLine([1, 2], [1])).toThrow(FitError);
    expect(() => fitLine([1, 2], [1, 2], [1, 0])).toThrow(FitError);
  });
});
