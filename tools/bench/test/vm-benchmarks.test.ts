// Smoke test of the vm-runner benchmarks with minimal iterations: they still run and their
// results are still correct (same return values as the unmetered baseline). Never timings.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs benchmark scripts without declarations
import * as metering from '../metering.mjs';
// @ts-expect-error plain .mjs benchmark scripts without declarations
import * as callOverhead from '../call-overhead.mjs';

describe('vm-runner benchmarks (quick)', () => {
  it('metering: nearts and unmetered V8 return the same values', async () => {
    const r = await metering.run({ quick: true });
    expect(r.mismatches).toEqual([]);
    expect(r.rows.map((x: { method: string }) => x.method)).toEqual(['hash_loop', 'sort', 'bigint_loop']);
    expect(r.rows.every((x: { result: string }) => /^\d+$/.test(x.result))).toBe(true);
    expect(typeof metering.render(r)).toBe('string');
  });

  it('call overhead: cold and repeat calls of the tiny and the large contract succeed', async () => {
    const r = await callOverhead.run({ quick: true });
    expect(r.mismatches).toEqual([]);
    expect(Object.keys(r.figures.cold)).toEqual(['cold tiny noop', 'cold ft get_total_supply']);
    expect(typeof callOverhead.render(r)).toBe('string');
  });
});
