import { describe, expect, it } from 'vitest';
import { BoundedCache } from '@nearts/primitives';

describe('BoundedCache', () => {
  it('never holds more than its capacity and keeps the newest entries', () => {
    const c = new BoundedCache<number, string>(10);
    for (let i = 0; i < 1000; i++) {
      c.set(i, `v${i}`);
      expect(c.size).toBeLessThanOrEqual(10);
      expect(c.get(i)).toBe(`v${i}`);
    }
    // The newest half is always there; the oldest entries are gone.
    for (let i = 995; i < 1000; i++) expect(c.get(i)).toBe(`v${i}`);
    expect(c.get(0)).toBeUndefined();
  });

  it('a value set again replaces the older one, in either generation', () => {
    const c = new BoundedCache<string, number | null>(4);
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3); // 'a' and 'b' move to the older generation
    c.set('a', null);
    expect(c.get('a')).toBeNull();
    expect(c.get('b')).toBe(2);
    expect(c.size).toBe(3);
    c.set('c', 4);
    expect(c.get('c')).toBe(4);
  });

  it('holds nothing with capacity 0 and one entry with capacity 1', () => {
    const none = new BoundedCache<string, number>(0);
    none.set('a', 1);
    expect(none.get('a')).toBeUndefined();
    expect(none.size).toBe(0);
    const one = new BoundedCache<string, number>(1);
    one.set('a', 1);
    one.set('b', 2);
    expect(one.size).toBe(1);
    expect(one.get('b')).toBe(2);
    expect(one.get('a')).toBeUndefined();
  });
});
