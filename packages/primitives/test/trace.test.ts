import { describe, expect, it } from 'vitest';
import { setTraceSpec, tracer } from '@nearts/primitives';

describe('tracer', () => {
  it('is off by default and switched on by pattern', () => {
    const lines: string[] = [];
    setTraceSpec('', (l) => lines.push(l));
    const t = tracer('nearts:test:a');
    t('hidden');
    expect(t.enabled).toBe(false);
    setTraceSpec('nearts:test:*,-nearts:test:b', (l) => lines.push(l));
    t('shown', 1n, new Uint8Array([1, 2]));
    tracer('nearts:test:b')('excluded');
    expect(lines).toEqual(['nearts:test:a shown 1 0102']);
    setTraceSpec('');
  });
});
