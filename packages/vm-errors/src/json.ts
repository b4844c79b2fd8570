/**
 * The JSON values this package produces: what nearcore's serde_json prints for its errors.
 *
 * nearcore prints u64 fields as JSON numbers. Doubles cannot hold every u64, so a u64 above
 * 2^53 − 1 stays a `bigint` in the tree; `stringifyJson` prints it with all its digits, and
 * `toPlainJson` rounds it to a double (what `JSON.parse` would read from nearcore's text).
 */

export type JsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A u64 as nearcore's serde_json prints it: a number, kept as bigint when a double would round it. */
export function u64Json(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= 0n ? Number(value) : value;
}

/** u128 amounts (Balance) use nearcore's dec_format: a decimal string. */
export function u128Json(value: bigint): string {
  return value.toString(10);
}

/**
 * JSON text with nearcore's field order; bigints are printed as exact integers.
 * Doubles are printed by JavaScript's shortest round-trip form, which can differ from serde_json's
 * in spelling only (`1` vs `1.0`) — the values are equal.
 */
export function stringifyJson(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'bigint': return value.toString(10);
    case 'number': return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean': return value ? 'true' : 'false';
    case 'string': return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => stringifyJson(v)).join(',')}]`;
  const entries = Object.entries(value as { readonly [key: string]: JsonValue });
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stringifyJson(v)}`).join(',')}}`;
}

/** The same tree with every bigint turned into a double, so `JSON.stringify` accepts it. */
export function toPlainJson(value: JsonValue): JsonValue {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => toPlainJson(v));
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(value as { readonly [key: string]: JsonValue })) out[k] = toPlainJson(v);
  return out;
}
