// Contract storage as the driver exchanges it: base64 key -> base64 value.
import { PeerInputError } from './errors.mjs';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decode(what, text) {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !BASE64.test(text)) {
    throw new PeerInputError(`state ${what} must be canonical base64, got ${JSON.stringify(text)}`);
  }
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/**
 * Accepts a Map or a plain object of base64 -> base64 and returns [key, value] byte pairs sorted
 * by key bytes (the order nearcore's trie iterates in), so results never depend on insertion order.
 * @param {Map<string,string> | Record<string,string> | undefined} state
 * @returns {Array<[Uint8Array, Uint8Array]>}
 */
export function stateEntries(state) {
  if (state === undefined || state === null) return [];
  const pairs = state instanceof Map ? [...state.entries()] : Object.entries(state);
  const out = pairs.map(([k, v]) => [decode('key', k), decode('value', v)]);
  out.sort((a, b) => Buffer.compare(a[0], b[0]));
  for (let i = 1; i < out.length; i++) {
    if (Buffer.compare(out[i - 1][0], out[i][0]) === 0) throw new PeerInputError('state has a duplicate key');
  }
  return out;
}

/** @param {Iterable<[Uint8Array, Uint8Array]>} entries sorted by key bytes */
export function stateMap(entries) {
  const m = new Map();
  for (const [k, v] of entries) m.set(Buffer.from(k).toString('base64'), Buffer.from(v).toString('base64'));
  return m;
}

/** Key bytes as a string usable as a Map key (latin1 keeps every byte value distinct). */
export function keyId(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
