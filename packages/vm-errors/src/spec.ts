/**
 * One table per nearcore error enum: each variant's borsh discriminant, its shape (unit, tuple
 * or struct variant) and its fields' Rust types in declaration order. From the table follow the
 * serde JSON (externally tagged), the Rust `{:?}` text, the stable code and the discriminant
 * path, so those never drift apart per variant. Display texts are written out per variant in
 * each error's module, because nearcore words every one of them by hand.
 */
import { u128Json, u64Json, type JsonValue } from './json.js';
import { debugAccountId, debugF64, debugStr } from './rust-fmt.js';

/** Rust field types as they appear in nearcore's errors, with how each maps to TypeScript. */
export type FieldType =
  /** u64 → bigint; JSON number. */
  | 'u64'
  /** u32 / u16 → number; JSON number. */
  | 'u32'
  | 'u16'
  /** `NotNan<f64>` → number; JSON number. */
  | 'notNanF64'
  /** `Balance` (u128 `NearToken`) → bigint; JSON decimal string. */
  | 'balance'
  /** `Gas` (u64) → bigint; JSON number. */
  | 'gas'
  /** `AccountId` → string; `{:?}` prints `AccountId("…")`. */
  | 'accountId'
  /** `String` → string; `{:?}` prints it quoted and escaped. */
  | 'string'
  /** `PublicKey` → its `ed25519:<base58>` text; Debug equals Display. */
  | 'publicKey'
  /** `CryptoHash` → its base58 text; Debug equals Display. */
  | 'cryptoHash'
  /** A value from outside this package's types, carried as its already rendered `{:?}` text. */
  | 'debugText'
  /** `Option<T>` → `T | null` (undefined also reads as None); JSON null. */
  | { readonly option: FieldType }
  /** A nested enum → its tagged-union data. */
  | { readonly union: AnyUnionSpec }
  /** A nested enum whose variants are all unit variants → the variant name as a string. */
  | { readonly names: UnitEnumSpec<string> }
  /** A nested struct → an object with its fields. */
  | { readonly struct: StructSpec };

/** A Rust struct: its fields in declaration order. */
export interface StructSpec {
  readonly name: string;
  readonly fields: { readonly [field: string]: FieldType };
  /** The field whose enum continues codes and discriminant paths (ActionError → `kind`). */
  readonly pathField?: string;
}

/** An enum of unit variants only, carried as its variant name (e.g. `WasmTrap`, `PrepareError`). */
export interface UnitEnumSpec<K extends string> {
  readonly name: string;
  /** Borsh discriminant per variant (null where nearcore never borsh-serializes the enum), in order. */
  readonly tags: { readonly [P in K]: number | null };
}

export function unitEnumKinds<K extends string>(spec: UnitEnumSpec<K>): readonly K[] {
  return Object.keys(spec.tags) as K[];
}

function unitEnumName(spec: UnitEnumSpec<string>, value: unknown): string {
  if (typeof value !== 'string' || !Object.hasOwn(spec.tags, value)) throw new MalformedErrorDataError(spec.name, value);
  return value;
}

interface VariantBase {
  /** Borsh discriminant; null where nearcore's enum is never borsh-serialized. */
  readonly tag: number | null;
  /** serde's name for the variant when it is renamed (`#[serde(rename = …)]`). */
  readonly jsonName?: string;
}
export interface UnitVariant extends VariantBase {
  readonly unit: true;
}
/** `Variant(T)`: the value lives in the data's `field` property. */
export interface NewtypeVariant<F extends string = string> extends VariantBase {
  readonly newtype: F;
  readonly type: FieldType;
}
/** `Variant { a: A, b: B }`; `wraps` names the struct for `Variant(Struct { a, b })`. */
export interface StructVariant<F = Record<string, unknown>> extends VariantBase {
  readonly fields: { readonly [P in keyof F]-?: FieldType };
  readonly wraps?: string;
}
export type VariantSpec = UnitVariant | NewtypeVariant | StructVariant;

type FieldsOf<U, K> = Omit<Extract<U, { kind: K }>, 'kind'>;
type VariantSpecFor<F> = [keyof F] extends [never]
  ? UnitVariant
  : NewtypeVariant<keyof F & string> | StructVariant<F>;

/** The table of one enum; the mapped type makes a missing variant a compile error. */
export interface UnionSpec<U extends { kind: string }> {
  /** nearcore's enum name, the first segment of codes. */
  readonly name: string;
  readonly variants: { readonly [K in U['kind']]: VariantSpecFor<FieldsOf<U, K>> };
}
/** Any enum's table, without its data type (what nesting and the generic walkers take). */
export interface AnyUnionSpec {
  readonly name: string;
  readonly variants: { readonly [kind: string]: VariantSpec };
}

/** Data that does not fit its declared type, e.g. from an untyped caller. */
export class MalformedErrorDataError extends Error {
  override readonly name = 'MalformedErrorDataError';
  constructor(readonly where: string, readonly value: unknown) {
    super(`malformed ${where}: ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value !== null && typeof value === 'object' && 'kind' in value) return `kind ${String((value as { kind: unknown }).kind)}`;
  return typeof value;
}

/** For the default branch of an exhaustive switch: a compile error if a case is missing, a typed error at run time. */
export function unknownKind(where: string, value: never): never {
  throw new MalformedErrorDataError(where, value);
}

interface Tagged {
  readonly kind: string;
}

function variantOf(spec: AnyUnionSpec, data: unknown): [string, VariantSpec] {
  const kind = data !== null && typeof data === 'object' ? (data as Tagged).kind : undefined;
  const variants = spec.variants as Record<string, VariantSpec>;
  if (typeof kind !== 'string' || !Object.hasOwn(variants, kind)) throw new MalformedErrorDataError(spec.name, data);
  return [kind, variants[kind]];
}

function fieldOf(data: unknown, field: string): unknown {
  return (data as Record<string, unknown>)[field];
}

/** nearcore's serde JSON of one enum value (externally tagged). */
export function unionToJson(spec: AnyUnionSpec, data: unknown): JsonValue {
  const [kind, variant] = variantOf(spec, data);
  const name = variant.jsonName ?? kind;
  if ('unit' in variant) return name;
  if ('newtype' in variant) {
    return { [name]: fieldToJson(variant.type, fieldOf(data, variant.newtype), `${spec.name}.${kind}`) };
  }
  const body: Record<string, JsonValue> = {};
  for (const [field, type] of Object.entries(variant.fields as Record<string, FieldType>)) {
    body[field] = fieldToJson(type, fieldOf(data, field), `${spec.name}.${kind}.${field}`);
  }
  return { [name]: body };
}

/** Rust's derived `{:?}` of one enum value. */
export function unionToDebug(spec: AnyUnionSpec, data: unknown): string {
  const [kind, variant] = variantOf(spec, data);
  if ('unit' in variant) return kind;
  if ('newtype' in variant) {
    return `${kind}(${fieldToDebug(variant.type, fieldOf(data, variant.newtype), `${spec.name}.${kind}`)})`;
  }
  const parts = Object.entries(variant.fields as Record<string, FieldType>).map(
    ([field, type]) => `${field}: ${fieldToDebug(type, fieldOf(data, field), `${spec.name}.${kind}.${field}`)}`,
  );
  const struct = `${variant.wraps ?? kind} { ${parts.join(', ')} }`;
  return variant.wraps === undefined ? struct : `${kind}(${struct})`;
}

/** Stable code: the enum name and the variant names down through nested enums, e.g. `InvalidTxError.InvalidAccessKeyError.AccessKeyNotFound`. */
export function unionCode(spec: AnyUnionSpec, data: unknown): string {
  return [spec.name, ...variantPath(spec, data).map(([kind]) => kind)].join('.');
}

/** The borsh discriminants along the same path, or null where an enum on it has none. */
export function unionDiscriminants(spec: AnyUnionSpec, data: unknown): readonly number[] | null {
  const tags = variantPath(spec, data).map(([, tag]) => tag);
  return tags.every((tag): tag is number => tag !== null) ? tags : null;
}

function variantPath(spec: AnyUnionSpec, data: unknown): [string, number | null][] {
  const [kind, variant] = variantOf(spec, data);
  const here: [string, number | null] = [kind, variant.tag];
  if ('newtype' in variant) return [here, ...fieldPath(variant.type, fieldOf(data, variant.newtype))];
  return [here];
}

function fieldPath(type: FieldType, value: unknown): [string, number | null][] {
  if (typeof type !== 'object') return [];
  if ('union' in type) return variantPath(type.union, value);
  if ('names' in type) {
    const name = unitEnumName(type.names, value);
    return [[name, type.names.tags[name]]];
  }
  if ('struct' in type && type.struct.pathField !== undefined) {
    return fieldPath(type.struct.fields[type.struct.pathField], fieldOf(expectObject(value, type.struct.name), type.struct.pathField));
  }
  return [];
}

/** The variant names along the code path, without the outer enum's name. */
export function unionCodePath(spec: AnyUnionSpec, data: unknown): readonly string[] {
  return variantPath(spec, data).map(([kind]) => kind);
}

/** Codes and discriminant paths of a struct's nested enum (e.g. ActionError's `kind`). */
export function structPath(spec: StructSpec, data: unknown): { names: readonly string[]; tags: readonly number[] | null } {
  const path = fieldPath({ struct: spec }, data);
  const tags = path.map(([, tag]) => tag);
  return { names: path.map(([kind]) => kind), tags: tags.every((tag): tag is number => tag !== null) ? tags : null };
}

/** serde JSON of a struct: its fields in declaration order. */
export function structToJson(spec: StructSpec, data: unknown): JsonValue {
  const object = expectObject(data, spec.name);
  const body: Record<string, JsonValue> = {};
  for (const [field, type] of Object.entries(spec.fields)) body[field] = fieldToJson(type, fieldOf(object, field), `${spec.name}.${field}`);
  return body;
}

/** Rust's derived `{:?}` of a struct. */
export function structToDebug(spec: StructSpec, data: unknown): string {
  const object = expectObject(data, spec.name);
  const parts = Object.entries(spec.fields).map(
    ([field, type]) => `${field}: ${fieldToDebug(type, fieldOf(object, field), `${spec.name}.${field}`)}`,
  );
  return `${spec.name} { ${parts.join(', ')} }`;
}

function expectObject(value: unknown, where: string): object {
  if (value === null || typeof value !== 'object') throw new MalformedErrorDataError(where, value);
  return value;
}

/** Every variant name of an enum, in discriminant order. */
export function unionKinds<U extends { kind: string }>(spec: UnionSpec<U>): readonly U['kind'][] {
  return Object.keys(spec.variants) as U['kind'][];
}

function expectBigint(value: unknown, where: string, bits: 64 | 128 = 64): bigint {
  if (typeof value !== 'bigint' || value < 0n || value >= 1n << BigInt(bits)) throw new MalformedErrorDataError(where, value);
  return value;
}
function expectNumber(value: unknown, where: string, max = Number.POSITIVE_INFINITY): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new MalformedErrorDataError(where, value);
  if (max !== Number.POSITIVE_INFINITY && !(Number.isInteger(value) && value >= 0 && value <= max)) {
    throw new MalformedErrorDataError(where, value);
  }
  return value;
}
function expectString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new MalformedErrorDataError(where, value);
  return value;
}

export function fieldToJson(type: FieldType, value: unknown, where: string): JsonValue {
  switch (type) {
    case 'u64':
    case 'gas':
      return u64Json(expectBigint(value, where));
    case 'balance':
      return u128Json(expectBigint(value, where, 128));
    case 'u32':
      return expectNumber(value, where, 0xffff_ffff);
    case 'u16':
      return expectNumber(value, where, 0xffff);
    case 'notNanF64':
      return expectNumber(value, where);
    case 'accountId':
    case 'string':
    case 'publicKey':
    case 'cryptoHash':
    case 'debugText':
      return expectString(value, where);
  }
  if ('option' in type) return value === null || value === undefined ? null : fieldToJson(type.option, value, where);
  if ('names' in type) return unitEnumName(type.names, value);
  if ('struct' in type) return structToJson(type.struct, value);
  return unionToJson(type.union, value);
}

export function fieldToDebug(type: FieldType, value: unknown, where: string): string {
  switch (type) {
    case 'u64':
    case 'gas':
      return expectBigint(value, where).toString(10);
    case 'balance':
      // near_token::NearToken derives Debug over its private `inner: u128`.
      return `NearToken { inner: ${expectBigint(value, where, 128)} }`;
    case 'u32':
      return expectNumber(value, where, 0xffff_ffff).toString(10);
    case 'u16':
      return expectNumber(value, where, 0xffff).toString(10);
    case 'notNanF64':
      return `NotNan(${debugF64(expectNumber(value, where))})`;
    case 'accountId':
      return debugAccountId(expectString(value, where));
    case 'string':
      return debugStr(expectString(value, where));
    case 'publicKey':
    case 'cryptoHash':
    case 'debugText':
      return expectString(value, where);
  }
  if ('option' in type) {
    return value === null || value === undefined ? 'None' : `Some(${fieldToDebug(type.option, value, where)})`;
  }
  if ('names' in type) return unitEnumName(type.names, value);
  if ('struct' in type) return structToDebug(type.struct, value);
  return unionToDebug(type.union, value);
}
