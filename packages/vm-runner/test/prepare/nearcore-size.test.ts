import { describe, expect, it } from 'vitest';
import { prepareContract } from '../../src/prepare/index.js';
import { s64Size } from '../../src/prepare/nearcore-size.js';
import { ByteWriter } from '../../src/wasm/index.js';
import { pv86Config, wat } from './harness.js';

describe("nearcore's instrumented size model", () => {
  it('sizes signed 64-bit LEB128 as the encoder writes it, at every length boundary', () => {
    const values: bigint[] = [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n)];
    for (let k = 1n; k < 63n; k++) values.push(2n ** k - 1n, 2n ** k, 2n ** k + 1n, -(2n ** k) - 1n, -(2n ** k), -(2n ** k) + 1n);
    for (const v of values) {
      const expected = new ByteWriter().i64(v).finish().length;
      expect(s64Size(v)).toBe(expected);
      if (v >= -BigInt(Number.MAX_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) expect(s64Size(Number(v))).toBe(expected);
    }
  });

  it('counts export and import names in UTF-8 bytes', async () => {
    // Names as byte escapes: wabt reads its input as bytes.
    const quoted = (s: string) => [...Buffer.from(s)].map((b) => '\\' + b.toString(16).padStart(2, '0')).join('');
    const size = async (exportName: string, importName: string) =>
      prepareContract(await wat(`(module (import "env" "${quoted(importName)}" (func)) (func (export "${quoted(exportName)}")))`), pv86Config()).stats
        .nearcoreInstrumentedSize;
    const base = await size('a', 'b');
    expect(await size('é', 'b')).toBe(base + 1); // two bytes
    expect(await size('€', 'b')).toBe(base + 2); // three bytes
    expect(await size('😀', 'b')).toBe(base + 3); // four bytes (a surrogate pair in JS)
    expect(await size('a', 'ü😀')).toBe(base + 5);
  });
});
