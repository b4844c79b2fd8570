import { describe, expect, it } from 'vitest';
import { SortedStrings } from '../src/ext/sorted-strings.js';

describe('SortedStrings (the trie shape key index)', () => {
  it('behaves like a sorted array under random inserts and removals across chunk splits', () => {
    let x = 7;
    const random = () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const initial = Array.from({ length: 3000 }, (_, i) => `k${(i * 7919) % 100000}`).sort();
    const model = [...new Set(initial)];
    const s = SortedStrings.from(model.slice());
    for (let step = 0; step < 6000; step++) {
      const k = `k${Math.floor(random() * 100000)}`;
      const at = s.lowerBound(k);
      const modelAt = model.findIndex((m) => m >= k);
      expect(at).toBe(modelAt === -1 ? model.length : modelAt);
      const exists = at < s.length && s.at(at) === k;
      if (random() < 0.6) {
        if (!exists) {
          s.insert(at, k);
          model.splice(at, 0, k);
        }
      } else if (exists) {
        s.removeAt(at);
        model.splice(at, 1);
      }
      if (step % 500 === 0) {
        expect(s.length).toBe(model.length);
        for (let i = 0; i < model.length; i += 97) expect(s.at(i)).toBe(model[i]);
      }
    }
    expect(Array.from({ length: s.length }, (_, i) => s.at(i))).toEqual(model);
  });

  it('starts empty and grows from nothing', () => {
    const s = new SortedStrings();
    expect(s.lowerBound('a')).toBe(0);
    for (const k of ['m', 'a', 'z', 'b']) s.insert(s.lowerBound(k), k);
    expect([0, 1, 2, 3].map((i) => s.at(i))).toEqual(['a', 'b', 'm', 'z']);
    s.removeAt(0);
    s.removeAt(2);
    expect([0, 1].map((i) => s.at(i))).toEqual(['b', 'm']);
  });
});
