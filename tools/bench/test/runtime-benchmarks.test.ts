// Smoke test of the runtime throughput and memory benchmarks with tiny states: transactions all
// succeed, token balances still sum to the supply, the supply invariant holds. Never timings.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs benchmark script without declarations
import * as throughput from '../throughput.mjs';
// @ts-expect-error plain .mjs benchmark script without declarations
import * as memory from '../memory.mjs';

describe('runtime benchmarks (quick)', () => {
  it('throughput: native and FT transfers apply without failures on both stores', async () => {
    const r = await throughput.run({ quick: true, sizes: '100', senders: 5, 'ft-holders': 3, 'native-blocks': 1, 'ft-blocks': 1 });
    expect(r.mismatches).toEqual([]);
    expect(r.rows.map((x: { backend: string }) => x.backend).sort()).toEqual(['lmdb', 'memory']);
    for (const row of r.rows) expect(row.blocks).toEqual({ native: 1, ft: 1 });
    expect(typeof throughput.render(r)).toBe('string');
  }, 60_000);

  it('memory: distinct contracts are cached and called', async () => {
    const r = await memory.run({ quick: true, contracts: 5 });
    expect(r.mismatches).toEqual([]);
    expect(r.contracts.cacheStats.entries).toBe(5);
    expect(typeof memory.render(r)).toBe('string');
  }, 60_000);
});
