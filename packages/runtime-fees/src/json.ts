/**
 * JSON with exact integers, formatted like serde_json's pretty printer (two-space indent).
 *
 * Convention: a `bigint` is a JSON integer (printed digit for digit, whatever its size) and a
 * `number` is a JSON float (an f64), printed the way serde_json prints an f64: shortest
 * round-trip digits, always with a `.0` or an exponent, `1e16` rather than `10000000000000000`.
 */
import { RuntimeFeesError } from './errors.js';

export type JsonValue =
  | bigint
  | number
  | string
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** Malformed JSON text given to `parseJsonExact`. */
export class JsonParseError extends RuntimeFeesError {
  override name = 'JsonParseError';
  constructor(
    readonly position: number,
    reason: string,
  ) {
    super(`invalid JSON at offset ${position}: ${reason}`);
  }
}

/** An f64 as serde_json (via the `ryu` crate) prints it; non-finite values are `null`. */
export function formatF64(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits, as ryu does.
  const [mantissa, exp] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const length = digits.length;
  const kk = Number(exp) + 1; // value = 0.d1d2d3… × 10^kk
  let body: string;
  if (kk >= length && kk <= 16) {
    body = `${digits}${'0'.repeat(kk - length)}.0`;
  } else if (kk > 0 && kk <= 16) {
    body = `${digits.slice(0, kk)}.${digits.slice(kk)}`;
  } else if (kk > -5 && kk <= 0) {
    body = `0.${'0'.repeat(-kk)}${digits}`;
  } else if (length === 1) {
    body = `${digits}e${kk - 1}`;
  } else {
    body = `${digits[0]}.${digits.slice(1)}e${kk - 1}`;
  }
  return sign + body;
}

function stringify(value: JsonValue, indent: string, out: string[]): void {
  if (typeof value === 'bigint') out.push(value.toString());
  else if (typeof value === 'number') out.push(formatF64(value));
  else if (typeof value === 'string') out.push(JSON.stringify(value));
  else if (typeof value === 'boolean') out.push(value ? 'true' : 'false');
  else if (value === null) out.push('null');
  else if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    const inner = indent + '  ';
    out.push('[\n');
    value.forEach((item: JsonValue, i: number) => {
      out.push(inner);
      stringify(item, inner, out);
      out.push(i + 1 < value.length ? ',\n' : '\n');
    });
    out.push(indent, ']');
  } else {
    const entries = Object.entries(value as { readonly [key: string]: JsonValue });
    if (entries.length === 0) {
      out.push('{}');
      return;
    }
    const inner = indent + '  ';
    out.push('{\n');
    entries.forEach(([key, item], i) => {
      out.push(inner, JSON.stringify(key), ': ');
      stringify(item, inner, out);
      out.push(i + 1 < entries.length ? ',\n' : '\n');
    });
    out.push(indent, '}');
  }
}

/** Pretty JSON exactly as `serde_json::to_string_pretty` writes it (no trailing newline). */
export function stringifyJsonPretty(value: JsonValue): string {
  const out: string[] = [];
  stringify(value, '', out);
  return out.join('');
}

const LITERALS: ReadonlyArray<readonly [string, JsonValue]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/**
 * Parses JSON keeping integers exact: integer literals become `bigint`, literals with a
 * fraction or exponent become `number`. The inverse of `stringifyJsonPretty`'s convention.
 */
export function parseJsonExact(text: string): JsonValue {
  let pos = 0;
  const fail = (reason: string): never => {
    throw new JsonParseError(pos, reason);
  };
  const skipWhitespace = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  const expect = (literal: string): void => {
    if (!text.startsWith(literal, pos)) fail(`expected \`${literal}\``);
    pos += literal.length;
  };
  const parseString = (): string => {
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(pos));
    if (!match) return fail('malformed string');
    pos += match[0].length;
    return JSON.parse(match[0]) as string;
  };
  const parseValue = (): JsonValue => {
    skipWhitespace();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const obj: Record<string, JsonValue> = {};
      skipWhitespace();
      if (text[pos] === '}') {
        pos++;
        return obj;
      }
      for (;;) {
        skipWhitespace();
        const key = parseString();
        skipWhitespace();
        expect(':');
        obj[key] = parseValue();
        skipWhitespace();
        if (text[pos] === ',') pos++;
        else {
          expect('}');
          return obj;
        }
      }
    }
    if (c === '[') {
      pos++;
      const arr: JsonValue[] = [];
      skipWhitespace();
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue());
        skipWhitespace();
        if (text[pos] === ',') pos++;
        else {
          expect(']');
          return arr;
        }
      }
    }
    if (c === '"') return parseString();
    for (const [literal, value] of LITERALS) {
      if (text.startsWith(literal, pos)) {
        pos += literal.length;
        return value;
      }
    }
    const match = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!match) return fail('unexpected character');
    pos += match[0].length;
    return match[1] === undefined && match[2] === undefined ? BigInt(match[0]) : Number(match[0]);
  };
  const value = parseValue();
  skipWhitespace();
  if (pos !== text.length) fail('trailing characters');
  return value;
}
