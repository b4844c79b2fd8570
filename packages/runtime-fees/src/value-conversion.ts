/**
 * Typed reads of parameter values, with nearcore's conversion rules (the `TryFrom<&ParameterValue>`
 * impls in core/parameters/src/parameter_table.rs): integers must fit their Rust type, a cost
 * given as a plain integer has compute = gas, balances may be written with a unit
 * (`0.007 N`, `10000000000000000000 yN`), flags may be the strings `true`/`false`.
 */
import { InvalidParameterValueError, MissingParameterError } from './errors.js';
import type { ParameterName } from './parameter-names.js';
import type { ParameterTable } from './parameter-table.js';
import type { FeeComponentValue, ParameterValue } from './parameter-value.js';
import { VM_KINDS, type Fee, type ParameterCost, type Rational, type VMKind } from './types.js';

const U128_MAX = (1n << 128n) - 1n;

const UINT_MAX = { u8: 0xffn, u16: 0xffffn, u32: 0xffff_ffffn, u64: (1n << 64n) - 1n } as const;
export type UIntType = keyof typeof UINT_MAX;

function fail(name: string, reason: string): never {
  throw new InvalidParameterValueError(name, reason);
}

function describe(value: ParameterValue): string {
  switch (value.kind) {
    case 'u64':
    case 'string':
    case 'flag':
      return `${value.kind} ${String(value.value)}`;
    default:
      return value.kind;
  }
}

/** An unsigned integer that must fit `type` (usize is u64 here, as on nearcore's 64-bit hosts). */
export function toUInt(name: string, value: ParameterValue, type: UIntType): bigint {
  if (value.kind !== 'u64') fail(name, `expected an integer of type ${type}, found ${describe(value)}`);
  if (value.value < 0n || value.value > UINT_MAX[type]) {
    fail(name, `${value.value} does not fit in ${type}`);
  }
  return value.value;
}

/** A small unsigned integer (u8/u16/u32) as a JS number. */
export function toSmallUInt(name: string, value: ParameterValue, type: 'u8' | 'u16' | 'u32'): number {
  return Number(toUInt(name, value, type));
}

export function toBool(name: string, value: ParameterValue): boolean {
  if (value.kind === 'flag') return value.value;
  if (value.kind === 'string' && (value.value === 'true' || value.value === 'false')) {
    return value.value === 'true';
  }
  return fail(name, `expected a flag, found ${describe(value)}`);
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** A ratio, reduced with a positive denominator as `Rational32::new` does. */
export function toRational(name: string, value: ParameterValue): Rational {
  if (value.kind !== 'rational') fail(name, `expected { numerator, denominator }, found ${describe(value)}`);
  let { numerator, denominator } = value;
  if (denominator === 0n) fail(name, 'the denominator is zero');
  const divisor = gcd(numerator, denominator);
  numerator /= divisor;
  denominator /= divisor;
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  return { numerator, denominator };
}

export function toCost(name: string, value: ParameterValue): ParameterCost {
  if (value.kind === 'cost') return { gas: value.gas, compute: value.compute };
  if (value.kind === 'u64') return { gas: value.value, compute: value.value };
  return fail(name, `expected a gas cost or { gas, compute }, found ${describe(value)}`);
}

function componentCompute(c: FeeComponentValue): bigint {
  return c.compute ?? c.gas;
}

export function toFee(name: string, value: ParameterValue): Fee {
  if (value.kind !== 'fee') fail(name, `expected { send_sir, send_not_sir, execution }, found ${describe(value)}`);
  return {
    sendSir: value.sendSir.gas,
    sendNotSir: value.sendNotSir.gas,
    execution: value.execution.gas,
    sendSirCompute: componentCompute(value.sendSir),
    sendNotSirCompute: componentCompute(value.sendNotSir),
    executionCompute: componentCompute(value.execution),
  };
}

export function toStr(name: string, value: ParameterValue): string {
  if (value.kind !== 'string') fail(name, `expected a string, found ${describe(value)}`);
  return value.value;
}

/** Units accepted by the `near-token` crate's parser, in yoctoNEAR. */
const TOKEN_UNITS: ReadonlyMap<string, bigint> = new Map([
  ['YN', 1n],
  ['YNEAR', 1n],
  ['YOCTONEAR', 1n],
  ['MICRONEAR', 10n ** 18n],
  ['MILLINEAR', 10n ** 21n],
  ['NEAR', 10n ** 24n],
  ['N', 10n ** 24n],
]);

/** Parses `<decimal> <unit>` into yoctoNEAR, or returns a reason it cannot. */
export function parseNearAmount(text: string): bigint | string {
  const trimmed = text.trim();
  const unitStart = trimmed.search(/[A-Za-z]/);
  if (unitStart < 0) return `\`${text}\` has no unit (yN, N, NEAR, milliNEAR, microNEAR)`;
  const unit = TOKEN_UNITS.get(trimmed.slice(unitStart).toUpperCase());
  if (unit === undefined) return `\`${text}\` has an unknown unit`;
  const amount = trimmed.slice(0, unitStart).trim();
  const match = /^\+?(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) return `\`${amount}\` is not a decimal number`;
  const whole = BigInt(match[1]!);
  let fraction = 0n;
  if (match[2] !== undefined) {
    const scale = unit / 10n ** BigInt(match[2].length);
    if (scale === 0n) return `\`${amount}\` has more fractional digits than the unit allows`;
    fraction = BigInt(match[2]) * scale;
  }
  const total = whole * unit + fraction;
  return total > U128_MAX ? `\`${text}\` does not fit in u128` : total;
}

/** A NEAR amount in yoctoNEAR: a plain integer, or a string with a unit. */
export function toBalance(name: string, value: ParameterValue): bigint {
  if (value.kind === 'u64') return value.value;
  if (value.kind !== 'string') fail(name, `expected a balance, found ${describe(value)}`);
  const parsed = parseNearAmount(value.value);
  return typeof parsed === 'string' ? fail(name, parsed) : parsed;
}

/** nearcore's AccountId rules: 2..=64 chars, lowercase parts joined by `.`, `-` or `_`. */
const ACCOUNT_ID = /^(?:[a-z\d]+[-_])*[a-z\d]+(?:\.(?:[a-z\d]+[-_])*[a-z\d]+)*$/;

export function toAccountId(name: string, value: ParameterValue): string {
  const id = toStr(name, value);
  if (id.length < 2 || id.length > 64 || !ACCOUNT_ID.test(id)) {
    fail(name, `\`${id}\` is not a valid account id`);
  }
  return id;
}

export function toVmKind(name: string, value: ParameterValue): VMKind {
  const kind = toStr(name, value);
  if (!(VM_KINDS as readonly string[]).includes(kind)) {
    fail(name, `\`${kind}\` is not a VM kind (${VM_KINDS.join(', ')})`);
  }
  return kind as VMKind;
}

/** Reads parameters from a table, failing with the parameter's name. */
export class TableReader {
  constructor(private readonly table: ParameterTable) {}

  value(name: ParameterName): ParameterValue {
    const value = this.table.get(name);
    if (value === undefined) throw new MissingParameterError(name);
    return value;
  }

  optional(name: ParameterName): ParameterValue | undefined {
    return this.table.get(name);
  }

  u64(name: ParameterName): bigint {
    return toUInt(name, this.value(name), 'u64');
  }

  u32AsBigInt(name: ParameterName): bigint {
    return toUInt(name, this.value(name), 'u32');
  }

  small(name: ParameterName, type: 'u8' | 'u16' | 'u32'): number {
    return toSmallUInt(name, this.value(name), type);
  }

  optionalU64(name: ParameterName): bigint | undefined {
    const value = this.optional(name);
    return value === undefined ? undefined : toUInt(name, value, 'u64');
  }

  bool(name: ParameterName): boolean {
    return toBool(name, this.value(name));
  }

  rational(name: ParameterName): Rational {
    return toRational(name, this.value(name));
  }

  cost(name: ParameterName): ParameterCost {
    return toCost(name, this.value(name));
  }

  fee(name: ParameterName): Fee {
    return toFee(name, this.value(name));
  }

  balance(name: ParameterName): bigint {
    return toBalance(name, this.value(name));
  }

  accountId(name: ParameterName): string {
    return toAccountId(name, this.value(name));
  }

  vmKind(name: ParameterName): VMKind {
    return toVmKind(name, this.value(name));
  }
}
