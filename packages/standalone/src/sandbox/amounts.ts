/**
 * Amounts a test writes: bigint (yoctoNEAR / gas units), a safe integer, or readable text
 * ("10 NEAR", "0.5 NEAR", "1 mNEAR", "30 Tgas"; a bare decimal is yoctoNEAR / gas).
 */
import { parseBalance, parseGas } from '@nearts/primitives';
import { SandboxError } from './errors.js';

/** yoctoNEAR as bigint, or text such as "10 NEAR" / "1.5 NEAR" / "250 mNEAR" / "1000" (yocto). */
export type Amount = bigint | string | number;
/** Gas units as bigint, or text such as "30 Tgas" / "1.5 Pgas" / "1000000". */
export type GasAmount = bigint | string | number;

function fromNumber(n: number, what: string): bigint {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new SandboxError('invalid_amount', `${what} ${n} is not a non-negative safe integer; pass a bigint or a string`);
  }
  return BigInt(n);
}

function fromText(parse: (s: string) => bigint, s: string, what: string): bigint {
  try {
    return parse(s);
  } catch (e) {
    throw new SandboxError('invalid_amount', `${what}: ${(e as { detail?: string }).detail ?? (e as Error).message}`);
  }
}

export function toYocto(amount: Amount, what = 'balance'): bigint {
  if (typeof amount === 'bigint') {
    if (amount < 0n) throw new SandboxError('invalid_amount', `${what} ${amount} is negative`);
    return amount;
  }
  if (typeof amount === 'number') return fromNumber(amount, what);
  if (typeof amount === 'string') return fromText(parseBalance, amount, what);
  throw new SandboxError('invalid_amount', `${what} must be a bigint, a safe integer or a string like "10 NEAR"`);
}

export function toGas(gas: GasAmount, what = 'gas'): bigint {
  if (typeof gas === 'bigint') {
    if (gas < 0n) throw new SandboxError('invalid_amount', `${what} ${gas} is negative`);
    return gas;
  }
  if (typeof gas === 'number') return fromNumber(gas, what);
  if (typeof gas === 'string') return fromText(parseGas, gas, what);
  throw new SandboxError('invalid_amount', `${what} must be a bigint, a safe integer or a string like "30 Tgas"`);
}
