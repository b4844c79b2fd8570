// Order statistics for repeated measurements: medians with spread, never means (a shared,
// noisy machine produces long right tails that would drag a mean around).

/** Value at quantile q (0..1) of an ascending array, linear interpolation between ranks. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median, p10, p90, min, max and count of a sample. */
export function summarize(values) {
  const s = [...values].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p10: quantile(s, 0.1), p90: quantile(s, 0.9), min: s[0], max: s[s.length - 1], n: s.length };
}

/** A number with 3 significant digits (at least), for tables. */
export function fmt(x, digits = 3) {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const a = Math.abs(x);
  if (a >= 10 ** digits) return Math.round(x).toLocaleString('en-US');
  return x.toPrecision(digits);
}

/** "1.08× (p10–p90 1.05–1.12)" */
export function fmtRatio(s) {
  return `${s.median.toFixed(2)}× (p10–p90 ${s.p10.toFixed(2)}–${s.p90.toFixed(2)})`;
}

/** "12.3 µs (p10–p90 11.9–13.0)" */
export function fmtSpread(s, unit) {
  return `${fmt(s.median)} ${unit} (p10–p90 ${fmt(s.p10)}–${fmt(s.p90)})`;
}

/** 10000 → "10k", 1000000 → "1M". */
export function sizeLabel(n) {
  if (n >= 1e6 && n % 1e6 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 1e3 === 0) return `${n / 1e3}k`;
  return String(n);
}
