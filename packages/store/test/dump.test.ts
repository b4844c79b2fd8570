import { expect, it } from 'vitest';
import { MemoryState, StoreError, dumpState, entriesFromJson, entriesToJson, loadState } from '../src/index.js';
import { hex, utf8 } from './backends.js';

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof StoreError ? e.code : String(e);
  }
  return undefined;
}

it('dumps sorted entries and loads them into another state with the same root', () => {
  const a = new MemoryState();
  for (const k of ['zeta', 'alpha', 'alp', '\u00ff']) a.set(utf8(k), utf8(k.toUpperCase()));
  const dump = dumpState(a);
  expect(dump.map(([k]) => hex(k))).toEqual(['616c70', '616c706861', '7a657461', 'c3bf']);
  const b = new MemoryState();
  loadState(b, dump.reverse());
  expect(b.commitBlock(1n)).toEqual(a.commitBlock(1n));
});

it('writes the JSON state file in key byte order, base64 with padding', () => {
  // 0xff sorts after 'b' as bytes; its base64 "/w==" would sort first as text.
  const entries: Array<[Uint8Array, Uint8Array]> = [
    [Uint8Array.of(0xff), Uint8Array.of()],
    [utf8('b'), utf8('2')],
    [utf8('a'), Uint8Array.of(0, 1, 2, 3)],
  ];
  expect(entriesToJson(entries)).toBe('{\n  "YQ==": "AAECAw==",\n  "Yg==": "Mg==",\n  "/w==": ""\n}');
  expect(entriesToJson(entries, 0)).toBe('{"YQ==":"AAECAw==","Yg==":"Mg==","/w==":""}');
  expect(entriesToJson([])).toBe('{}');
  const back = entriesFromJson(entriesToJson(entries));
  expect(back.map(([k, v]) => [hex(k), hex(v)])).toEqual([
    ['61', '00010203'],
    ['62', '32'],
    ['ff', ''],
  ]);
  expect(entriesFromJson({ 'Yg==': 'Mg==', 'YQ==': '' }).map(([k]) => hex(k))).toEqual(['61', '62']);
});

it('rejects malformed state files with typed errors', () => {
  expect(code(() => entriesFromJson('{'))).toBe('InvalidDump');
  expect(code(() => entriesFromJson('[]'))).toBe('InvalidDump');
  expect(code(() => entriesFromJson('null'))).toBe('InvalidDump');
  expect(code(() => entriesFromJson('{"YQ==": 5}'))).toBe('InvalidDump');
  expect(code(() => entriesFromJson('{"YQ": "Mg=="}'))).toBe('InvalidDump'); // missing padding
  expect(code(() => entriesFromJson('{"Y*Q==": "Mg=="}'))).toBe('InvalidDump');
  expect(code(() => entriesFromJson('{"": "Mg=="}'))).toBe('EmptyKey');
});
