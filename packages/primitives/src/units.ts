/**
 * Balances (yoctoNEAR, u128) and gas (u64) as bigint, with exact parse/format helpers.
 * No floating point anywhere: "1.5 NEAR" is parsed digit by digit.
 */
import { BorshError } from './borsh/errors.js';

export type Balance = bigint;
export type Gas = bigint;
export type Nonce = bigint;
export type BlockHeight = bigint;
export type StorageUsage = bigint;
export type ShardId = bigint;

/** 1 NEAR = 10^24 yoctoNEAR. */
export const NEAR: Balance = 10n ** 24n;
/** 1 milliNEAR = 10^21 yoctoNEAR. */
export const MILLINEAR: Balance = 10n ** 21n;
/** 1 Tgas = 10^12 gas. */
export const TGAS: Gas = 10n ** 12n;
/** 1 Ggas = 10^9 gas. */
export const GGAS: Gas = 10n ** 9n;
/** 1 Pgas = 10^15 gas. */
export const PGAS: Gas = 10n ** 15n;

export const U64_MAX = (1n << 64n) - 1n;
export const U128_MAX = (1n << 128n) - 1n;

const BALANCE_UNITS: Record<string, bigint> = {
  near: NEAR,
  mnear: MILLINEAR,
  millinear: MILLINEAR,
  yocto: 1n,
  yoctonear: 1n,
  yn: 1n,
};

const GAS_UNITS: Record<string, bigint> = {
  gas: 1n,
  ggas: GGAS,
  tgas: TGAS,
  pgas: PGAS,
};

function parseDecimal(amount: string, scale: bigint, original: string): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!m) throw new BorshError('invalid_string', `not a decimal amount: ${JSON.stringify(original)}`);
  const whole = BigInt(m[1]) * scale;
  const frac = m[2] ?? '';
  if (frac.length === 0) return whole;
  const denom = 10n ** BigInt(frac.length);
  const fracScaled = BigInt(frac) * scale;
  if (fracScaled % denom !== 0n) {
    throw new BorshError('invalid_string', `${JSON.stringify(original)} has more decimals than the unit allows`);
  }
  return whole + fracScaled / denom;
}

function parseWithUnit(input: string, units: Record<string, bigint>, defaultUnit: string, max: bigint, kind: string): bigint {
  const s = input.trim().replace(/_/g, '');
  const m = /^([0-9.]+)\s*([A-Za-z]*)$/.exec(s);
  if (!m) throw new BorshError('invalid_string', `not a ${kind}: ${JSON.stringify(input)}`);
  const unitName = (m[2] || defaultUnit).toLowerCase();
  const scale = units[unitName];
  if (scale === undefined) throw new BorshError('invalid_string', `unknown ${kind} unit ${JSON.stringify(m[2])} in ${JSON.stringify(input)}`);
  const v = parseDecimal(m[1], scale, input);
  if (v > max) throw new BorshError('invalid_string', `${kind} ${JSON.stringify(input)} does not fit`);
  return v;
}

/** "10 NEAR", "0.5 near", "1 mNEAR", "123 yocto" (a bare number is yoctoNEAR) → yoctoNEAR. */
export function parseBalance(input: string): Balance {
  return parseWithUnit(input, BALANCE_UNITS, 'yocto', U128_MAX, 'balance');
}

/** "5 Tgas", "300 Tgas", "1.5 Pgas", "1000" (bare number is gas) → gas units. */
export function parseGas(input: string): Gas {
  return parseWithUnit(input, GAS_UNITS, 'gas', U64_MAX, 'gas amount');
}

function formatScaled(v: bigint, scale: bigint, unit: string): string {
  const whole = v / scale;
  const frac = v % scale;
  if (frac === 0n) return `${whole} ${unit}`;
  const digits = scale.toString().length - 1;
  const fracStr = frac.toString().padStart(digits, '0').replace(/0+$/, '');
  return `${whole}.${fracStr} ${unit}`;
}

/** Exact NEAR amount, e.g. 1500000000000000000000000n → "1.5 NEAR". */
export function formatNear(yocto: Balance): string {
  if (yocto < 0n) return '-' + formatScaled(-yocto, NEAR, 'NEAR');
  return formatScaled(yocto, NEAR, 'NEAR');
}

/** Exact Tgas amount, e.g. 30000000000000n → "30 Tgas". */
export function formatTgas(gas: Gas): string {
  if (gas < 0n) return '-' + formatScaled(-gas, TGAS, 'Tgas');
  return formatScaled(gas, TGAS, 'Tgas');
}
