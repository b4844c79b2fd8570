import { readFileSync } from 'node:fs';
import { HostError, type HostErrorData } from '@nearts/vm-errors';
import { expect } from 'vitest';

export const VECTORS = new URL('./vectors/', import.meta.url);

export function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/^0x/, ''), 'hex'));
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

export function readVector(name: string): string {
  return readFileSync(new URL(name, VECTORS), 'utf8');
}

export function readJsonVector<T>(name: string): T {
  return JSON.parse(readVector(name)) as T;
}

/** Rows of a two-column `input,result` CSV whose second column may be quoted and hold commas. */
export function readCsvVector(name: string): { input: string; result: string }[] {
  const lines = readVector(name).split('\n').filter((l) => l.trim() !== '');
  return lines.slice(1).map((line) => {
    const comma = line.indexOf(',');
    let result = line.slice(comma + 1).trim();
    if (result.startsWith('"') && result.endsWith('"')) result = result.slice(1, -1);
    return { input: line.slice(0, comma), result };
  });
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

/** Asserts that `fn` throws a HostError equal to `expected` (kind and fields). */
export function expectHostError(fn: () => unknown, expected: HostErrorData): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(HostError);
  expect((thrown as HostError).data).toEqual(expected);
}
