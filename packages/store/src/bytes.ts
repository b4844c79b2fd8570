/**
 * Byte helpers shared by the backends. Keys are kept in JS maps as latin1 strings (one char per
 * byte): JS compares such strings by UTF-16 code unit, which for chars 0..255 is exactly the
 * lexicographic byte order, so sorting these strings sorts the keys bytewise.
 */
import { latin1, latin1Bytes } from '@nearts/primitives';
import { StoreError } from './errors.js';

/** One char per byte; `compareBytes` order equals string order for the results. */
export const bytesToKeyString: (key: Uint8Array) => string = latin1;

/** Inverse of `bytesToKeyString`. */
export const keyStringToBytes: (s: string) => Uint8Array = latin1Bytes;

/** Lexicographic byte order (a proper prefix sorts first). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > key.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A plain Uint8Array copy (never a Buffer, so results compare equal in tests and across realms). */
export function copyBytes(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  out.set(b);
  return out;
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');
}

export function checkKey(key: unknown): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array)) throw new StoreError('InvalidArgument', 'key must be a Uint8Array');
  if (key.length === 0) throw new StoreError('EmptyKey', 'keys must not be empty');
}

export function checkValue(value: unknown): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new StoreError('InvalidArgument', 'value must be a Uint8Array');
}

export function checkPrefix(prefix: unknown): asserts prefix is Uint8Array {
  if (!(prefix instanceof Uint8Array)) throw new StoreError('InvalidArgument', 'prefix must be a Uint8Array');
}
