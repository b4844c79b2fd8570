/**
 * Strict readers for JSON input fields. Every failure names the field (a JSON path such as
 * `context.block_height`) and what was expected, as a UsageError.
 */
import { UsageError } from '../usage-error.js';

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** An unsigned integer given as a decimal string, or as a JSON number when it is a safe integer. */
export function readUnsigned(value: unknown, path: string, bits: 64 | 128): bigint {
  const max = bits === 64 ? U64_MAX : U128_MAX;
  let n: bigint;
  if (typeof value === 'string' && /^(0|[1-9][0-9]*)$/.test(value)) n = BigInt(value);
  else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) n = BigInt(value);
  else
    throw new UsageError(
      `expected a u${bits} as a decimal string (or a number up to 2^53), got ${describeJson(value)}`,
      path,
    );
  if (n > max) throw new UsageError(`value ${n} does not fit in u${bits}`, path);
  return n;
}

export function readString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new UsageError(`expected a string, got ${describeJson(value)}`, path);
  return value;
}

export function readBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new UsageError(`expected true or false, got ${describeJson(value)}`, path);
  return value;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base64 with padding; anything else is rejected rather than silently decoded. */
export function decodeBase64(text: string, path: string): Uint8Array {
  if (!BASE64.test(text)) throw new UsageError(`expected standard padded base64 (A-Z a-z 0-9 + /, length a multiple of 4), got ${describeJson(text)}`, path);
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function readBase64(value: unknown, path: string): Uint8Array {
  return decodeBase64(readString(value, path), path);
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function readObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`expected a JSON object, got ${describeJson(value)}`, path);
  return value as Record<string, unknown>;
}

/** Parses JSON text, reporting the source (file or flag) on a syntax error. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`not valid JSON (${(e as Error).message})`, source);
  }
}

/** Rejects keys the reader does not know, so typos do not pass silently. */
export function rejectUnknownKeys(obj: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key))
      throw new UsageError(`unknown field; expected one of ${known.join(', ')}`, `${path}.${key}`);
  }
}
