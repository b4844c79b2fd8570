/**
 * Parameter values as nearcore's parameter files define them (`ParameterValue` in
 * core/parameters/src/parameter_table.rs): how a YAML value becomes one, when two are equal
 * (diffs check their `old` side with it), and how nearcore prints one in `parameters.snap`.
 */
import { InvalidParameterValueError } from './errors.js';

/** One fee component: plain gas (compute = gas) or gas with its own compute cost. */
export interface FeeComponentValue {
  readonly gas: bigint;
  /** Absent for the plain-gas form; the two forms are different values in diffs. */
  readonly compute?: bigint;
}

export type ParameterValue =
  | { readonly kind: 'u64'; readonly value: bigint }
  | { readonly kind: 'rational'; readonly numerator: bigint; readonly denominator: bigint }
  | { readonly kind: 'cost'; readonly gas: bigint; readonly compute: bigint }
  | {
      readonly kind: 'fee';
      readonly sendSir: FeeComponentValue;
      readonly sendNotSir: FeeComponentValue;
      readonly execution: FeeComponentValue;
    }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'flag'; readonly value: boolean }
  | { readonly kind: 'vec'; readonly items: readonly ParameterValue[] };

export const U64_MAX = (1n << 64n) - 1n;
const I32_MIN = -(1n << 31n);
const I32_MAX = (1n << 31n) - 1n;

/** Sentinel for "the YAML value matched no variant"; callers turn it into a typed error. */
const NO_MATCH = Symbol('no match');

type YamlValue = unknown;

function isMapping(value: YamlValue): value is Record<string, YamlValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * nearcore rewrites YAML strings before typing them: an empty string is null, and a string of
 * digits and `_` separators is a number when it has fewer than 20 digits (u64 range), else a
 * digit string (a u128 balance). Mappings are rewritten recursively; sequences are not.
 */
function canonicalize(value: YamlValue): YamlValue {
  if (typeof value === 'string') {
    if (value === '') return null;
    if (/^[0-9_]+$/.test(value)) {
      const digits = value.replace(/_/g, '');
      if (digits === '') return null;
      return digits.length < 20 ? BigInt(digits) : digits;
    }
    return value;
  }
  if (isMapping(value)) {
    const out: Record<string, YamlValue> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = canonicalize(inner);
    return out;
  }
  return value;
}

function asU64(value: YamlValue): bigint | typeof NO_MATCH {
  return typeof value === 'bigint' && value >= 0n && value <= U64_MAX ? value : NO_MATCH;
}

function asI32(value: YamlValue): bigint | typeof NO_MATCH {
  return typeof value === 'bigint' && value >= I32_MIN && value <= I32_MAX ? value : NO_MATCH;
}

function feeComponent(value: YamlValue): FeeComponentValue | typeof NO_MATCH {
  const gas = asU64(value);
  if (gas !== NO_MATCH) return { gas };
  if (!isMapping(value)) return NO_MATCH;
  const g = asU64(value['gas']);
  const c = asU64(value['compute']);
  return g === NO_MATCH || c === NO_MATCH ? NO_MATCH : { gas: g, compute: c };
}

/** Tries the variants in nearcore's (serde untagged) order; extra mapping keys are ignored. */
function typeValue(value: YamlValue): ParameterValue | typeof NO_MATCH {
  const u64 = asU64(value);
  if (u64 !== NO_MATCH) return { kind: 'u64', value: u64 };
  if (isMapping(value)) {
    const numerator = asI32(value['numerator']);
    const denominator = asI32(value['denominator']);
    if (numerator !== NO_MATCH && denominator !== NO_MATCH) {
      return { kind: 'rational', numerator, denominator };
    }
    const gas = asU64(value['gas']);
    const compute = asU64(value['compute']);
    if (gas !== NO_MATCH && compute !== NO_MATCH) return { kind: 'cost', gas, compute };
    const sendSir = feeComponent(value['send_sir']);
    const sendNotSir = feeComponent(value['send_not_sir']);
    const execution = feeComponent(value['execution']);
    if (sendSir !== NO_MATCH && sendNotSir !== NO_MATCH && execution !== NO_MATCH) {
      return { kind: 'fee', sendSir, sendNotSir, execution };
    }
    return NO_MATCH;
  }
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'flag', value };
  if (Array.isArray(value)) {
    const items: ParameterValue[] = [];
    for (const item of value) {
      const typed = typeValue(item);
      if (typed === NO_MATCH) return NO_MATCH;
      items.push(typed);
    }
    return { kind: 'vec', items };
  }
  return NO_MATCH;
}

/** Types a value read from a parameter file (YAML parsed with integers as bigint). */
export function parseParameterValue(parameter: string, raw: YamlValue): ParameterValue {
  const typed = typeValue(canonicalize(raw));
  if (typed === NO_MATCH) {
    throw new InvalidParameterValueError(
      parameter,
      `\`${describeYaml(raw)}\` is not an unsigned 64-bit integer, ratio, gas/compute pair, fee, string, flag or list`,
    );
  }
  return typed;
}

function describeYaml(raw: YamlValue): string {
  return JSON.stringify(raw, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(raw);
}

function feeComponentEquals(a: FeeComponentValue, b: FeeComponentValue): boolean {
  return a.gas === b.gas && a.compute === b.compute;
}

/** Structural equality, as nearcore's derived `PartialEq` (plain gas ≠ `{gas, compute}`). */
export function parameterValueEquals(a: ParameterValue, b: ParameterValue): boolean {
  switch (a.kind) {
    case 'u64':
    case 'string':
    case 'flag':
      return b.kind === a.kind && b.value === a.value;
    case 'rational':
      return b.kind === 'rational' && b.numerator === a.numerator && b.denominator === a.denominator;
    case 'cost':
      return b.kind === 'cost' && b.gas === a.gas && b.compute === a.compute;
    case 'fee':
      return (
        b.kind === 'fee' &&
        feeComponentEquals(a.sendSir, b.sendSir) &&
        feeComponentEquals(a.sendNotSir, b.sendNotSir) &&
        feeComponentEquals(a.execution, b.execution)
      );
    case 'vec':
      return (
        b.kind === 'vec' &&
        b.items.length === a.items.length &&
        a.items.every((item, i) => parameterValueEquals(item, b.items[i]!))
      );
  }
}

/** `1234567` → `1_234_567`, as nearcore's `FormattedNumber`. */
function groupDigits(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '_');
}

function formatNumber(n: bigint): string {
  return groupDigits(n).padStart(20);
}

function formatGasCompute(gas: bigint, compute: bigint): string {
  return `${formatNumber(gas)}, compute: ${formatNumber(compute)}`;
}

function formatFeeComponent(c: FeeComponentValue): string {
  return c.compute === undefined ? formatNumber(c.gas) : formatGasCompute(c.gas, c.compute);
}

function debugValue(v: ParameterValue): string {
  switch (v.kind) {
    case 'u64':
      return `U64(${v.value})`;
    case 'rational':
      return `Rational { numerator: ${v.numerator}, denominator: ${v.denominator} }`;
    case 'cost':
      return `ParameterCost { gas: ${v.gas}, compute: ${v.compute} }`;
    case 'fee':
      return `Fee { .. }`;
    case 'string':
      return `String(${JSON.stringify(v.value)})`;
    case 'flag':
      return `Flag(${v.value})`;
    case 'vec':
      return `Vec([${v.items.map(debugValue).join(', ')}])`;
  }
}

/** A value as nearcore prints it in `parameters.snap`. */
export function formatParameterValue(v: ParameterValue): string {
  switch (v.kind) {
    case 'u64':
      return formatNumber(v.value);
    case 'rational':
      return `${v.numerator} / ${v.denominator}`;
    case 'cost':
      return formatGasCompute(v.gas, v.compute);
    case 'fee':
      return (
        `\n- send_sir:     ${formatFeeComponent(v.sendSir)}` +
        `\n- send_not_sir: ${formatFeeComponent(v.sendNotSir)}` +
        `\n- execution:    ${formatFeeComponent(v.execution)}`
      );
    case 'string':
      return v.value;
    case 'flag':
      return String(v.value);
    case 'vec':
      return `[${v.items.map(debugValue).join(', ')}]`;
  }
}
