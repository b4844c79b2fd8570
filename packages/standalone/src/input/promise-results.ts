/**
 * `--promise-results` values for callbacks: `"NotReady"`, `"Failed"` or
 * `{"Successful": "<base64>"}` (nearcore's PromiseResult serde form).
 */
import type { PromiseResult } from '@nearts/vm-logic';
import { UsageError } from '../usage-error.js';
import { describeJson, parseJsonText, readBase64 } from './json-fields.js';

export function parsePromiseResult(json: unknown, where: string): PromiseResult {
  if (json === 'NotReady') return { kind: 'NotReady' };
  if (json === 'Failed') return { kind: 'Failed' };
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const keys = Object.keys(json);
    if (keys.length === 1 && keys[0] === 'Successful')
      return { kind: 'Successful', data: readBase64((json as { Successful: unknown }).Successful, `${where}.Successful`) };
  }
  throw new UsageError(
    `expected "NotReady", "Failed" or {"Successful": "<base64>"}, got ${describeJson(json)}`,
    where,
  );
}

/** Flag values: JSON, or the bare words NotReady / Failed (what a shell leaves of `"Failed"`). */
export function parsePromiseResultsFlags(values: readonly string[]): PromiseResult[] {
  return values.map((text, i) => {
    const where = `--promise-results[${i}]`;
    const bare = text.trim();
    if (bare === 'NotReady' || bare === 'Failed') return parsePromiseResult(bare, where);
    return parsePromiseResult(parseJsonText(text, where), where);
  });
}
