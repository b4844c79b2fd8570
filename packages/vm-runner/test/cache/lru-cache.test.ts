import { describe, expect, it } from 'vitest';
import { LruContractCache } from '../../src/cache/lru-cache.js';

const key = (codeHash: string) => ({ codeHash, configSignature: 'cfg', executorId: 'wasm' });

describe('LruContractCache', () => {
  it('keeps entries within the byte budget, evicting the least recently used', () => {
    const cache = new LruContractCache<string>(100);
    cache.put(key('a'), { value: 'A', byteSize: 40 });
    cache.put(key('b'), { value: 'B', byteSize: 40 });
    expect(cache.get(key('a'))?.value).toBe('A'); // a is now most recent
    cache.put(key('c'), { value: 'C', byteSize: 40 }); // evicts b
    expect(cache.has(key('b'))).toBe(false);
    expect(cache.has(key('a'))).toBe(true);
    expect(cache.has(key('c'))).toBe(true);
    expect(cache.stats).toMatchObject({ evictions: 1, entries: 2, bytes: 80, hits: 1 });
  });

  it('separates entries by config signature and executor id', () => {
    const cache = new LruContractCache<string>(1000);
    cache.put({ codeHash: 'x', configSignature: 'v86', executorId: 'wasm' }, { value: '86', byteSize: 1 });
    expect(cache.get({ codeHash: 'x', configSignature: 'v155', executorId: 'wasm' })).toBeUndefined();
    expect(cache.get({ codeHash: 'x', configSignature: 'v86', executorId: 'debug' })).toBeUndefined();
    expect(cache.get({ codeHash: 'x', configSignature: 'v86', executorId: 'wasm' })?.value).toBe('86');
  });

  it('does not keep an artifact larger than the budget and replaces same-key entries', () => {
    const cache = new LruContractCache<string>(10);
    cache.put(key('big'), { value: 'B', byteSize: 11 });
    expect(cache.has(key('big'))).toBe(false);
    cache.put(key('k'), { value: '1', byteSize: 5 });
    cache.put(key('k'), { value: '2', byteSize: 6 });
    expect(cache.get(key('k'))?.value).toBe('2');
    expect(cache.stats.bytes).toBe(6);
  });

  it('rejects a non-positive budget', () => {
    expect(() => new LruContractCache(0)).toThrow(RangeError);
  });
});
