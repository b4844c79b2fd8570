/**
 * The copy-on-write key index under many forks (compaction past the depth limit): every fork
 * must keep seeing exactly what a plain Map copy would, with or without a base below it.
 */
import { describe, expect, it } from 'vitest';
import { FlatLayers } from '../src/flat-layers.js';

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('FlatLayers', () => {
  for (const withBase of [false, true]) {
    it(`matches a Map model across 60 forks and random writes (${withBase ? 'with' : 'without'} a base)`, () => {
      const baseData = new Map<string, Uint8Array>([['b0', Uint8Array.of(9)], ['b1', Uint8Array.of(8)]]);
      const base = withBase ? (k: string) => baseData.get(k) : undefined;
      const random = rng(42);
      const states: Array<{ layers: FlatLayers; model: Map<string, Uint8Array> }> = [
        { layers: new FlatLayers(base), model: new Map(withBase ? baseData : []) },
      ];
      const keys = Array.from({ length: 40 }, (_, i) => `k${i}`).concat(withBase ? ['b0', 'b1'] : []);
      for (let step = 0; step < 2000; step++) {
        const s = states[Math.floor(random() * states.length)]!;
        const r = random();
        if (r < 0.03 && states.length < 60) {
          states.push({ layers: s.layers.fork(), model: new Map(s.model) });
        } else {
          const key = keys[Math.floor(random() * keys.length)]!;
          if (r < 0.3) {
            s.layers.write(key, null);
            s.model.delete(key);
          } else {
            const value = Uint8Array.of(step & 0xff);
            s.layers.write(key, value);
            s.model.set(key, value);
          }
        }
      }
      expect(states.length).toBeGreaterThan(20);
      for (const s of states) for (const k of keys) expect(s.layers.get(k)).toEqual(s.model.get(k));
    });
  }
});
