/**
 * Converting measurements to gas, with nearcore's estimator constants
 * (runtime-params-estimator `estimator_params.rs`): 1 ns = 10^6 gas (so 1 ms = 1 Tgas, the
 * protocol's rule), and for instruction counts 125 000 gas per x86 instruction (8 per ns).
 */
import type { GasCost } from './stats/gas-cost.js';

export const GAS_IN_NS = 1_000_000;
export const GAS_IN_INSTR = 125_000;

export type MetricName = 'time' | 'cpu' | 'instructions';

export function gasPerUnit(metric: MetricName): number {
  return metric === 'instructions' ? GAS_IN_INSTR : GAS_IN_NS;
}

/** Gas for a measurement, rounded to the nearest unit. */
export function toGas(c: GasCost | number, metric: MetricName): bigint {
  const v = typeof c === 'number' ? c : c.value;
  return BigInt(Math.round(v * gasPerUnit(metric)));
}

/** 1234567 → "1_234_567" (nearcore's YAML and cost tables group digits with underscores). */
export function groupDigits(n: bigint, sep = '_'): string {
  const neg = n < 0n;
  const s = (neg ? -n : n).toString();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += sep;
    out += s[i];
  }
  return neg ? `-${out}` : out;
}

const UNITS: Array<[bigint, string]> = [
  [1_000_000_000_000_000n, 'Pgas'],
  [1_000_000_000_000n, 'Tgas'],
  [1_000_000_000n, 'Ggas'],
  [1_000_000n, 'Mgas'],
  [1_000n, 'Kgas'],
];

/** A short human form: 216_119_000_000 → "216.1 Ggas". */
export function formatGasShort(gas: bigint): string {
  for (const [unit, name] of UNITS) {
    if (gas >= unit) {
      const scaled = Number((gas * 10n) / unit) / 10;
      return `${scaled >= 100 ? Math.round(scaled) : scaled.toFixed(1)} ${name}`;
    }
  }
  return `${gas} gas`;
}

/** The raw measurement as nearcore prints it: a duration or an instruction count. */
export function formatRaw(value: number, metric: MetricName): string {
  if (metric === 'instructions') return `${value >= 100 ? Math.round(value) : value.toFixed(2)}i`;
  // time and cpu are nanoseconds.
  if (value >= 1e9) return `${(value / 1e9).toFixed(3)}s`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(3)}ms`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(3)}µs`;
  if (value >= 1) return `${value.toFixed(2)}ns`;
  return `${Math.round(value * 1000)}ps`;
}
