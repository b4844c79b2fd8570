/** Gas and balance formatting without floating point. */

const TERA = 10n ** 12n;
const YOCTO_PER_NEAR = 10n ** 24n;

/** Decimal `value / 10^scaleDigits` with `digits` fraction digits, truncated. */
function fixed(value: bigint, unit: bigint, digits: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / unit;
  const frac = ((abs % unit) * 10n ** BigInt(digits)) / unit;
  const text = digits > 0 ? `${whole}.${frac.toString().padStart(digits, '0')}` : `${whole}`;
  return negative ? `-${text}` : text;
}

/** e.g. `2.4267 Tgas` */
export function formatTgas(gas: bigint, digits = 4): string {
  return `${fixed(gas, TERA, digits)} Tgas`;
}

/** e.g. `10.0000 NEAR` */
export function formatNear(yocto: bigint, digits = 4): string {
  return `${fixed(yocto, YOCTO_PER_NEAR, digits)} NEAR`;
}

/** Groups digits in threes for readability: 1_234_567. */
export function groupDigits(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '_');
}
