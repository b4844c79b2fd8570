/**
 * The state file: `{ "<base64 key>": "<base64 value>" }`, the interchange format of nearcore's
 * old standalone runner. Written back sorted by key bytes so dumps are stable.
 */
import { decodeBase64, encodeBase64, readObject, readString } from './json-fields.js';

export type ContractState = Map<string, { key: Uint8Array; value: Uint8Array }>;

export function parseStateJson(json: unknown, source: string): Array<[Uint8Array, Uint8Array]> {
  const obj = readObject(json, source);
  const entries: Array<[Uint8Array, Uint8Array]> = [];
  for (const [k, v] of Object.entries(obj)) {
    const path = `${source}[${JSON.stringify(k)}]`;
    entries.push([decodeBase64(k, `${path} (key)`), decodeBase64(readString(v, path), path)]);
  }
  return entries;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function stateToJson(entries: Iterable<[Uint8Array, Uint8Array]>): Record<string, string> {
  const sorted = [...entries].sort((x, y) => compareBytes(x[0], y[0]));
  const out: Record<string, string> = {};
  for (const [k, v] of sorted) out[encodeBase64(k)] = encodeBase64(v);
  return out;
}
