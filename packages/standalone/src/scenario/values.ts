/**
 * Value notation of scenario files.
 *
 * Bytes (arguments, return values, storage keys and values, code):
 *   ""               empty
 *   "str:<text>"     UTF-8 text
 *   "base64:<b64>"   bytes; "hex:<hex>" or "0x<hex>" too
 *   "json:<text>"    the JSON text (checked to be JSON), e.g. "json:\"a string\""
 *   "u8:N" … "u128:N" little-endian fixed-width integers (borsh)
 *   "file:<path>"    a file's contents, relative to the scenario file
 *   any other JSON value (object, array, number, true/false, null): its JSON text
 * Amounts: "10 NEAR", "1.5 NEAR", "250 mNEAR", "123" (yocto); gas: "30 Tgas", "5000000" (gas).
 * Expectations: "*" = anything; numbers also {"min": …, "max": …}.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { formatNear, formatTgas, parseBalance, parseGas, stringifyJson, type JsonValue } from '@nearts/primitives';
import { parseKeyText } from '../sandbox/keys.js';
import { parseJsonText } from './json-text.js';
import type { Node } from './node.js';

const WIDTHS: Record<string, number> = { u8: 1, u16: 2, u32: 4, u64: 8, u128: 16 };

export function readFileBytes(n: Node, path: string): Uint8Array {
  const full = isAbsolute(path) ? path : join(n.ctx.dir, path);
  try {
    return new Uint8Array(readFileSync(full));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return n.fail(code === 'ENOENT' ? `file not found: ${path} (looked at ${full})` : `cannot read ${path}: ${(e as Error).message}`);
  }
}

function littleEndian(n: Node, value: bigint, width: number, prefix: string): Uint8Array {
  if (value >= 1n << BigInt(width * 8)) n.fail(`${value} does not fit ${prefix}`);
  const out = new Uint8Array(width);
  let v = value;
  for (let i = 0; i < width; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Bytes written in value notation. */
export function readBytes(n: Node): Uint8Array {
  const v = n.value;
  if (v === undefined) return n.fail('missing value');
  if (typeof v !== 'string') return new TextEncoder().encode(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `\u0000${x}` : x)).replace(/"\\u0000(\d+)"/g, '$1'));
  if (v === '') return new Uint8Array(0);
  const colon = v.indexOf(':');
  const prefix = colon < 0 ? '' : v.slice(0, colon);
  const body = v.slice(colon + 1);
  if (v.startsWith('0x')) return readHex(n, v.slice(2));
  switch (prefix) {
    case 'str':
      return new TextEncoder().encode(body);
    case 'base64':
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) return n.fail(`invalid base64 in ${JSON.stringify(v)}`);
      return new Uint8Array(Buffer.from(body, 'base64'));
    case 'hex':
      return readHex(n, body);
    case 'json':
      try {
        parseJsonText(body);
      } catch (e) {
        return n.fail(`"json:" text is not JSON: ${(e as Error).message}`);
      }
      return new TextEncoder().encode(body);
    case 'file':
      return readFileBytes(n, body);
    default:
      if (prefix in WIDTHS) {
        const m = /^\d[\d_]*$/.exec(body);
        if (!m) return n.fail(`expected a decimal integer after "${prefix}:" in ${JSON.stringify(v)}`);
        return littleEndian(n, BigInt(body.replace(/_/g, '')), WIDTHS[prefix], prefix);
      }
      return n.fail(
        `unknown value notation ${JSON.stringify(v)}: use "str:", "base64:", "hex:", "json:", "u64:" (u8…u128), "file:", or a JSON value that is not a string`,
      );
  }
}

function readHex(n: Node, body: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(body)) return n.fail(`invalid hex ${JSON.stringify(body)}`);
  return new Uint8Array(Buffer.from(body, 'hex'));
}

function readAmount(n: Node, parse: (s: string) => bigint, what: string): bigint {
  const v = n.value;
  if (typeof v === 'bigint' && v >= 0n) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'string') {
    try {
      return parse(v);
    } catch (e) {
      return n.fail(`not ${what}: ${(e as { detail?: string }).detail ?? (e as Error).message}`);
    }
  }
  return n.fail(`expected ${what} such as ${what === 'a balance' ? '"10 NEAR"' : '"30 Tgas"'}, got ${JSON.stringify(typeof v === 'bigint' ? v.toString() : v)}`);
}

export const readBalance = (n: Node): bigint => readAmount(n, parseBalance, 'a balance');
export const readGas = (n: Node): bigint => readAmount(n, parseGas, 'a gas amount');

/** Nanoseconds as an integer, or an ISO 8601 date text ("2030-01-01T00:00:00Z"). */
export function readTimestamp(n: Node): bigint {
  const v = n.value;
  if (typeof v === 'string' && !/^\d+$/.test(v)) {
    const ms = Date.parse(v);
    if (!Number.isSafeInteger(ms) || ms < 0) return n.fail(`not a timestamp: ${JSON.stringify(v)} (nanoseconds, or an ISO date like "2030-01-01T00:00:00Z")`);
    return BigInt(ms) * 1_000_000n;
  }
  const ns = n.integer();
  if (ns >= 1n << 64n) n.fail('timestamp does not fit u64 nanoseconds');
  return ns;
}

/** A key: "seed:<text>", a secret key "ed25519:<64 bytes base58>", or a public key "ed25519:<32 bytes base58>". */
export function readKeyText(n: Node): ReturnType<typeof parseKeyText> {
  try {
    return parseKeyText(n.string());
  } catch (e) {
    return n.fail((e as Error).message);
  }
}

// ---- expectations ----------------------------------------------------------------------------

export type NumMatch = { kind: 'any' } | { kind: 'exact'; value: bigint } | { kind: 'range'; min?: bigint; max?: bigint };
export type ValueMatch = { kind: 'any' } | { kind: 'bytes'; bytes: Uint8Array } | { kind: 'json'; value: JsonValue };
export type TextMatch = { kind: 'any' } | { kind: 'exact'; value: string };

export function readNumMatch(n: Node, read: (n: Node) => bigint): NumMatch {
  if (n.isStar()) return { kind: 'any' };
  const v = n.value;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    n.object(['min', 'max']);
    const min = n.at('min').present ? read(n.at('min')) : undefined;
    const max = n.at('max').present ? read(n.at('max')) : undefined;
    if (min === undefined && max === undefined) n.fail('a range needs "min" or "max"');
    if (min !== undefined && max !== undefined && min > max) n.fail('"min" is above "max"');
    return { kind: 'range', min, max };
  }
  return { kind: 'exact', value: read(n) };
}

export function readValueMatch(n: Node): ValueMatch {
  if (n.isStar()) return { kind: 'any' };
  const v = n.value;
  if (typeof v === 'string' && v.startsWith('json:')) {
    readBytes(n); // validates
    return { kind: 'json', value: parseJsonText(v.slice(5)) };
  }
  if (typeof v !== 'string' && v !== undefined) return { kind: 'json', value: v };
  return { kind: 'bytes', bytes: readBytes(n) };
}

export function readTextMatch(n: Node): TextMatch {
  if (n.isStar()) return { kind: 'any' };
  return { kind: 'exact', value: n.string() };
}

export function matchNum(m: NumMatch, actual: bigint): boolean {
  if (m.kind === 'any') return true;
  if (m.kind === 'exact') return m.value === actual;
  return (m.min === undefined || actual >= m.min) && (m.max === undefined || actual <= m.max);
}

export function matchText(m: TextMatch, actual: string): boolean {
  return m.kind === 'any' || m.value === actual;
}

const fatal = new TextDecoder('utf-8', { fatal: true });

/** Parses bytes as JSON (exact big integers); undefined when they are not JSON. */
export function bytesAsJson(b: Uint8Array): JsonValue | undefined {
  try {
    return parseJsonText(fatal.decode(b));
  } catch {
    return undefined;
  }
}

/** Where `actual` differs from `expected` ("*" inside `expected` matches anything); [] = equal. */
export function jsonDiff(expected: JsonValue, actual: JsonValue, path = ''): string[] {
  if (expected === '*') return [];
  const show = (x: JsonValue): string => stringifyJson(x);
  const numeric = (x: JsonValue): bigint | undefined =>
    typeof x === 'bigint' ? x : typeof x === 'number' && Number.isInteger(x) ? BigInt(x) : undefined;
  const ne = numeric(expected);
  const na = numeric(actual);
  if (ne !== undefined && na !== undefined) return ne === na ? [] : [`${path || '(value)'}: expected ${show(expected)}, got ${show(actual)}`];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const out: string[] = [];
    const len = Math.max(expected.length, actual.length);
    for (let i = 0; i < len; i++) {
      if (i >= expected.length) out.push(`${path}[${i}]: unexpected ${show(actual[i])}`);
      else if (i >= actual.length) out.push(`${path}[${i}]: missing (expected ${show(expected[i])})`);
      else out.push(...jsonDiff(expected[i], actual[i], `${path}[${i}]`));
    }
    return out;
  }
  const isObj = (x: JsonValue): x is Record<string, JsonValue> => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (isObj(expected) && isObj(actual)) {
    const out: string[] = [];
    for (const k of Object.keys(expected)) {
      if (!(k in actual)) out.push(`${path}.${k}: missing (expected ${show(expected[k])})`);
      else out.push(...jsonDiff(expected[k], actual[k], `${path}.${k}`));
    }
    for (const k of Object.keys(actual)) if (!(k in expected)) out.push(`${path}.${k}: unexpected ${show(actual[k])}`);
    return out;
  }
  return expected === actual ? [] : [`${path || '(value)'}: expected ${show(expected)}, got ${show(actual)}`];
}

/** Mismatch lines of bytes against a value expectation ([] = match). */
export function matchValue(m: ValueMatch, actual: Uint8Array | undefined): string[] {
  if (m.kind === 'any') return [];
  if (actual === undefined) return ['no value'];
  if (m.kind === 'bytes') {
    return Buffer.from(m.bytes).equals(Buffer.from(actual)) ? [] : [`expected ${renderBytes(m.bytes, false)}, got ${renderBytes(actual, false)}`];
  }
  const parsed = bytesAsJson(actual);
  if (parsed === undefined) return [`expected JSON, got ${renderBytes(actual, false)}`];
  return jsonDiff(m.value, parsed);
}

// ---- rendering actual values -----------------------------------------------------------------

/** Bytes in the most readable notation: JSON (when asked and possible), "str:", else "base64:". */
export function renderBytes(b: Uint8Array, preferJson: boolean): JsonValue {
  if (b.length === 0) return '';
  if (preferJson) {
    const j = bytesAsJson(b);
    if (j !== undefined) return typeof j === 'string' ? `json:${fatal.decode(b)}` : j;
  }
  try {
    const text = fatal.decode(b);
    // eslint-disable-next-line no-control-regex
    if (!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) return `str:${text}`;
  } catch {
    // not UTF-8
  }
  return `base64:${Buffer.from(b).toString('base64')}`;
}

export const renderGas = (g: bigint): string => formatTgas(g);
export const renderBalance = (b: bigint): string => formatNear(b);
