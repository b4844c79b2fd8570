/** Sample statistics over repeated block measurements. */
import { EstimatorInputError } from '../errors.js';
import { cost, combine, type GasCost } from './gas-cost.js';

/** nearcore flags a measurement whose sample standard deviation exceeds 10% of its mean. */
export const HIGH_VARIANCE_THRESHOLD = 0.1;

/**
 * How repeated measurements are summarized. nearcore takes the mean. The median ignores the
 * occasional block that a garbage-collection pause or another process inflated, which on a
 * machine shared with other work is most of the noise.
 */
export type Statistic = 'mean' | 'median';

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new EstimatorInputError('median of no samples');
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function center(samples: readonly number[], statistic: Statistic): number {
  return statistic === 'median' ? median(samples) : mean(samples);
}

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) throw new EstimatorInputError('mean of no samples');
  let s = 0;
  for (const x of samples) s += x;
  return s / samples.length;
}

/** Sample standard deviation (n − 1 in the denominator); 0 for a single sample. */
export function sampleStdDev(samples: readonly number[]): number {
  if (samples.length < 2) return 0;
  const m = mean(samples);
  let s2 = 0;
  for (const x of samples) s2 += (x - m) * (x - m);
  return Math.sqrt(s2 / (samples.length - 1));
}

/**
 * nearcore's `is_high_variance`: fewer than two samples cannot show a stable value, and a spread
 * above 10% of the mean is suspicious.
 */
export function isHighVariance(samples: readonly number[], threshold = HIGH_VARIANCE_THRESHOLD): boolean {
  if (samples.length <= 1) return true;
  const m = mean(samples);
  if (m <= 0) return sampleStdDev(samples) > 0;
  return sampleStdDev(samples) / m > threshold;
}

/** The mean (or median) of per-block values, HIGH-VARIANCE when they disagree too much. */
export function averageOf(samples: readonly number[], statistic: Statistic = 'mean'): GasCost {
  return cost(center(samples, statistic), isHighVariance(samples) ? 'HIGH-VARIANCE' : null);
}

/** The mean of costs that already carry flags (nearcore `average_cost`). */
export function averageCosts(costs: readonly GasCost[]): GasCost {
  const values = costs.map((c) => c.value);
  const own = isHighVariance(values) ? 'HIGH-VARIANCE' : null;
  return cost(mean(values), combine(own, ...costs.map((c) => c.uncertain)));
}
