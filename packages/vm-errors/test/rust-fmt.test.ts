import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  debugF64,
  debugStr,
  displayByteSize,
  displayNearGas,
  displayNearToken,
  rustFixed,
} from '../src/rust-fmt.js';

// Printed by tools/rust-fmt-vectors.rs, which links the real crates nearcore pins
// (bytesize 1.1.0, near-token 0.3.2, near-gas 0.3.2) and Rust's std formatting.
interface Vectors {
  byteSize: [string, string][];
  nearToken: [string, string][];
  nearGas: [string, string][];
  f64: [string, string, string, string][];
  f64bits: string[];
  strDebugEscapedRanges: [number, number][];
  strDebugSpecial: [number, string][];
  strDebugSamples: [string, string][];
}
const vectors = JSON.parse(
  readFileSync(new URL('./fixtures/rust-fmt-vectors.json', import.meta.url), 'utf8'),
) as Vectors;

function f64FromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('bytesize 1.1.0 Display', () => {
  it.each(vectors.byteSize)('%s bytes', (bytes, expected) => {
    expect(displayByteSize(BigInt(bytes))).toBe(expected);
  });
  it('keeps the crate quirks nearcore prints', () => {
    expect(displayByteSize(1_048_576n)).toBe('1048.6 KB');
    expect(displayByteSize(1250n)).toBe('1.2 KB');
    expect(displayByteSize(999n)).toBe('999 B');
  });
});

describe('near-token 0.3.2 Display', () => {
  it.each(vectors.nearToken)('%s yocto', (yocto, expected) => {
    expect(displayNearToken(BigInt(yocto))).toBe(expected);
  });
});

describe('near-gas 0.3.2 Display', () => {
  it.each(vectors.nearGas)('%s gas', (gas, expected) => {
    expect(displayNearGas(BigInt(gas))).toBe(expected);
  });
});

describe('f64 formatting', () => {
  const cases = vectors.f64.map((row, i) => [row[0], f64FromBits(vectors.f64bits[i]), row[1], row[2], row[3]] as const);
  it.each(cases)('%s', (_label, x, fixed3, fixed1, debug) => {
    expect(rustFixed(x, 3)).toBe(fixed3);
    expect(rustFixed(x, 1)).toBe(fixed1);
    expect(debugF64(x)).toBe(debug);
  });
});

describe('<str as Debug>', () => {
  it('escapes exactly the code points Rust escapes', () => {
    const escaped = new Set<number>();
    for (const [from, to] of vectors.strDebugEscapedRanges) for (let cp = from; cp <= to; cp++) escaped.add(cp);
    const special = new Map(vectors.strDebugSpecial);
    const wrong: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const expected = special.get(cp) ?? (escaped.has(cp) ? `\\u{${cp.toString(16)}}` : ch);
      if (debugStr(ch) !== `"${expected}"`) wrong.push(cp);
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });
  it.each(vectors.strDebugSamples)('%j', (input, expected) => {
    expect(debugStr(input)).toBe(expected);
  });
});
