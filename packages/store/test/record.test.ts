import { describe, expect, it } from 'vitest';
import { recordKey, recordKeyOfNibbles } from '../src/trie/record.js';

describe('trie node record keys', () => {
  it('are the same from a packed path and from one nibble per byte, hashed ones included', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (const count of [0, 1, 2, 3, 17, 64, 2047, 2048, 2049, 4100]) {
      const nibbles = Uint8Array.from({ length: count + 3 }, () => rand(16));
      let packed = '';
      for (let i = 0; i < nibbles.length; i += 2) packed += String.fromCharCode((nibbles[i]! << 4) | (nibbles[i + 1] ?? 0));
      const key = recordKeyOfNibbles(nibbles, count);
      expect(key).toEqual(recordKey(packed, count));
      // Paths whose encoding passes 1024 bytes are keyed by 0xff + their hash.
      expect(key[0] === 0xff).toBe(1 + (count >> 1) > 1024);
    }
  });
});
