/** Value notation, amounts and JSON text handling of scenario files. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonValue } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { formatJsonText, parseJsonText, ScenarioError } from '../../src/scenario/index.js';
import { rootNode } from '../../src/scenario/node.js';
import { jsonDiff, matchValue, readBalance, readBytes, readGas, readTimestamp, readValueMatch, renderBytes } from '../../src/scenario/values.js';
import { builtDir, examplesDir } from './helpers.js';

const ctx = { file: 'x.scen.json', dir: builtDir };
const bytes = (v: JsonValue) => Buffer.from(readBytes(rootNode(v, ctx))).toString('hex');
const err = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).reason;
  }
  throw new Error('expected an error');
};

describe('bytes notation', () => {
  it('reads every prefix', () => {
    expect(bytes('')).toBe('');
    expect(bytes('str:hé')).toBe('68c3a9');
    expect(bytes('base64:AQID')).toBe('010203');
    expect(bytes('hex:0a0B')).toBe('0a0b');
    expect(bytes('0xff00')).toBe('ff00');
    expect(bytes('json:"a"')).toBe('226122');
    expect(bytes('u8:255')).toBe('ff');
    expect(bytes('u32:1_000')).toBe('e8030000');
    expect(bytes('u64:42')).toBe('2a00000000000000');
    expect(bytes('u128:340282366920938463463374607431768211455')).toBe('ff'.repeat(16));
    expect(bytes({ owner_id: 'a.near', n: 1 })).toBe(Buffer.from('{"owner_id":"a.near","n":1}').toString('hex'));
    expect(bytes([1, true, null])).toBe(Buffer.from('[1,true,null]').toString('hex'));
    expect(bytes(parseJsonText('{"big": 123456789012345678901234567890}'))).toBe(Buffer.from('{"big":123456789012345678901234567890}').toString('hex'));
    expect(readBytes(rootNode('file:counter.wasm', ctx)).subarray(0, 4)).toEqual(Uint8Array.of(0, 0x61, 0x73, 0x6d));
  });

  it('refuses what it cannot read', () => {
    expect(err(() => bytes('base64:@@'))).toBe('invalid base64 in "base64:@@"');
    expect(err(() => bytes('hex:abc'))).toBe('invalid hex "abc"');
    expect(err(() => bytes('json:{'))).toMatch(/^"json:" text is not JSON: line 1, column 2/);
    expect(err(() => bytes('u16:x'))).toBe('expected a decimal integer after "u16:" in "u16:x"');
  });

  it('renders actual bytes readably and exactly', () => {
    expect(renderBytes(new TextEncoder().encode('ok:0'), false)).toBe('str:ok:0');
    expect(renderBytes(new TextEncoder().encode('{"a":[1,2]}'), true)).toEqual({ a: [1, 2] });
    expect(renderBytes(new TextEncoder().encode('"1000"'), true)).toBe('json:"1000"');
    expect(renderBytes(Uint8Array.of(1, 0, 0, 0), true)).toBe('base64:AQAAAA==');
    expect(renderBytes(new Uint8Array(0), true)).toBe('');
  });

  it('compares JSON values structurally with "*" wildcards and exact big integers', () => {
    const m = readValueMatch(rootNode({ owner: '*', total: 10000000000000000000001n, list: [1, 2] } as JsonValue, ctx));
    const actual = (s: string) => new TextEncoder().encode(s);
    expect(matchValue(m, actual('{"owner":"x","total":10000000000000000000001,"list":[1,2]}'))).toEqual([]);
    expect(matchValue(m, actual('{"owner":"x","total":10000000000000000000000,"list":[1]}'))).toEqual([
      '.total: expected 10000000000000000000001, got 10000000000000000000000',
      '.list[1]: missing (expected 2)',
    ]);
    expect(jsonDiff({ a: 1 }, { a: 1, b: 2 })).toEqual(['.b: unexpected 2']);
    expect(matchValue(readValueMatch(rootNode('str:1', ctx)), actual('1'))).toEqual([]);
    expect(matchValue(readValueMatch(rootNode(1, ctx)), actual('"1"'))).toEqual(['(value): expected 1, got "1"']);
  });
});

describe('amounts and times', () => {
  it('reads balances, gas and timestamps', () => {
    expect(readBalance(rootNode('1.5 NEAR', ctx))).toBe(1_500_000_000_000_000_000_000_000n);
    expect(readBalance(rootNode('250 mNEAR', ctx))).toBe(250_000_000_000_000_000_000_000n);
    expect(readBalance(rootNode('123', ctx))).toBe(123n);
    expect(readGas(rootNode('5 Tgas', ctx))).toBe(5_000_000_000_000n);
    expect(readGas(rootNode(1000, ctx))).toBe(1000n);
    expect(readTimestamp(rootNode('2030-01-01T00:00:00Z', ctx))).toBe(1_893_456_000_000_000_000n);
    expect(readTimestamp(rootNode('1893456000000000000', ctx))).toBe(1_893_456_000_000_000_000n);
    expect(err(() => readBalance(rootNode('1.0000000000000000000000001 NEAR', ctx)))).toMatch(/more decimals than the unit allows/);
    expect(err(() => readTimestamp(rootNode('yesterday', ctx)))).toMatch(/^not a timestamp/);
  });
});

describe('JSON text', () => {
  it('keeps integers beyond 2^53 exact and says where a syntax error is', () => {
    expect(parseJsonText('{"a": 18446744073709551615, "b": 1.5, "c": -3}')).toEqual({ a: 18446744073709551615n, b: 1.5, c: -3 });
    expect(() => parseJsonText('{"a": 1,\n "a": 2}')).toThrow('line 2, column 2: field "a" appears twice');
    expect(() => parseJsonText('[1, 2')).toThrow('line 1, column 6: expected "," or "]"');
  });

  it('the examples are formatted the way --update-expectations writes files', () => {
    for (const f of readdirSync(examplesDir).filter((x) => x.endsWith('.scen.json'))) {
      const text = readFileSync(join(examplesDir, f), 'utf8');
      expect(formatJsonText(parseJsonText(text)), f).toBe(text);
    }
  });
});
