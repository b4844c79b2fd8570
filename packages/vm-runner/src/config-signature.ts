/**
 * A digest of the whole VM config, part of every cache key: like nearcore, any config change
 * means a new preparation (limits, costs and feature flags can all change the artifact).
 */
import { createHash } from 'node:crypto';
import type { VMConfig } from '@nearts/runtime-fees';

const memo = new WeakMap<VMConfig, string>();

function canonical(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export function configSignature(config: VMConfig): string {
  let sig = memo.get(config);
  if (sig === undefined) {
    sig = createHash('sha256').update(canonical(config)).digest('hex').slice(0, 32);
    memo.set(config, sig);
  }
  return sig;
}
