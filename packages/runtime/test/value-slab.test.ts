import { describe, expect, it } from 'vitest';
import { ValueSlab } from '../src/chain/value-slab.js';

describe('ValueSlab', () => {
  it('returns independent copies: equal bytes, later changes of the source do not show', () => {
    const slab = new ValueSlab();
    const src = Uint8Array.of(1, 2, 3);
    const a = slab.copy(src);
    src[0] = 9;
    const b = slab.copy(src);
    expect([...a]).toEqual([1, 2, 3]);
    expect([...b]).toEqual([9, 2, 3]);
    // Many copies fill several slabs without overlapping.
    const copies = Array.from({ length: 5000 }, (_, i) => slab.copy(Uint8Array.of(i & 255, i >> 8, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7)));
    copies.forEach((c, i) => expect([c[0], c[1], c.length]).toEqual([i & 255, i >> 8, 20]));
    // A large value gets its own array.
    const big = slab.copy(new Uint8Array(10_000).fill(5));
    expect(big.length).toBe(10_000);
    expect(big.byteOffset).toBe(0);
  });
});
