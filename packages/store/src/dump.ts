/**
 * State dumps: all entries sorted by key bytes, and the JSON form used by the standalone runner's
 * state files, `{ "<base64 key>": "<base64 value>" }` (standard base64 with padding), written in
 * key byte order so equal states give byte-identical files.
 */
import { StoreError } from './errors.js';
import { compareBytes } from './bytes.js';
import type { Entry, State } from './state.js';

/** Every entry of `state` (uncommitted writes included), sorted by key bytes. */
export function dumpState(state: State): Entry[] {
  return [...state.iter()];
}

/** Writes every entry into `state` (as uncommitted writes; commit a block to make them permanent). */
export function loadState(state: State, entries: Iterable<Entry>): void {
  for (const [key, value] of entries) state.set(key, value);
}

function toBase64(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('base64');
}

function fromBase64(s: unknown, what: string): Uint8Array {
  if (typeof s !== 'string') throw new StoreError('InvalidDump', `${what} is not a string`);
  const buf = Buffer.from(s, 'base64');
  // Node's decoder skips invalid characters; a round trip rejects anything but canonical base64.
  if (buf.toString('base64') !== s) throw new StoreError('InvalidDump', `${what} is not canonical base64: ${JSON.stringify(s)}`);
  return new Uint8Array(buf);
}

/** The JSON text of `entries`, keys in byte order (pretty-printed with `indent` spaces, 0 = one line). */
export function entriesToJson(entries: Iterable<Entry>, indent = 2): string {
  const sorted = [...entries].sort((a, b) => compareBytes(a[0], b[0]));
  if (sorted.length === 0) return '{}';
  const pad = indent > 0 ? '\n' + ' '.repeat(indent) : '';
  const sep = indent > 0 ? ': ' : ':';
  const items = sorted.map(([k, v]) => pad + JSON.stringify(toBase64(k)) + sep + JSON.stringify(toBase64(v)));
  return '{' + items.join(',') + (indent > 0 ? '\n' : '') + '}';
}

/** Entries of a JSON state file (text or parsed object), sorted by key bytes. */
export function entriesFromJson(json: string | Record<string, unknown>): Entry[] {
  let obj: unknown = json;
  if (typeof json === 'string') {
    try {
      obj = JSON.parse(json);
    } catch (e) {
      throw new StoreError('InvalidDump', `state file is not JSON: ${(e as Error).message}`);
    }
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new StoreError('InvalidDump', 'a state file is a JSON object of base64 key → base64 value');
  }
  const out: Entry[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const key = fromBase64(k, 'key');
    if (key.length === 0) throw new StoreError('EmptyKey', 'state file holds an empty key');
    out.push([key, fromBase64(v, `value of ${k}`)]);
  }
  return out.sort((a, b) => compareBytes(a[0], b[0]));
}
