// Smoke test of nearts vs near-mock-vm: every benchmarked call gives identical return values,
// logs and storage effects on both (differences must be explained exactly). Never timings.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs benchmark script without declarations
import * as peer from '../peer.mjs';

describe('nearts vs near-mock-vm (quick)', () => {
  it('identical results on every call', async () => {
    const r = await peer.run({ quick: true });
    expect(r.mismatches).toEqual([]);
    expect(r.rows.length).toBeGreaterThan(10);
    expect(r.rows.every((x: { identical: boolean }) => x.identical)).toBe(true);
    // The fungible token's storage refund differs by nearcore's per-record overhead, exactly.
    expect(r.knownDifferences.every((d: string) => d.includes('40-byte record overhead'))).toBe(true);
    expect(typeof peer.render(r)).toBe('string');
  }, 60_000);
});
