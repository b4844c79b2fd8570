// near-sdk-as sample "words" (near-sdk-simulator@3.2.1 build/debug/words.wasm) on near-mock-vm.
import { describe, expect, it } from 'vitest';
import { packagedContract } from '../src/contracts.mjs';
import { createPeer } from '../src/near-mock-vm.mjs';
import { json, text } from './util.js';

const peer = createPeer();
const ctx = { currentAccountId: 'words.test.near' };

// The release build is older than the shipped sources: its bindgen abort sits on another line.
describe.each([
  ['debug', packagedContract('words'), 33],
  ['release', packagedContract('wordsRelease'), 25],
])('near-sdk-as words (%s build) on near-mock-vm', (_build, wasm, abortLine) => {
  it('reverse returns the reversed word and logs the contract name', () => {
    const r = peer.call({ wasm, method: 'reverse', input: json({ word: { text: 'hello' } }), context: ctx });
    expect(r.error).toBeUndefined();
    expect(text(r.returnValue)).toBe('{"text":"olleh"}');
    expect(r.logs).toEqual(['[words.test.near] invoked function reverse(hello)']);
    expect(r.state.size).toBe(0);
  });

  it('upcase returns the upper-cased word', () => {
    const r = peer.call({ wasm, method: 'upcase', input: json({ word: { text: 'héllo' } }), context: ctx });
    expect(text(r.returnValue)).toBe('{"text":"HÉLLO"}');
    expect(r.logs).toEqual(['[words.test.near] invoked function upcase(héllo)']);
  });

  it('a missing argument is a GuestPanic raised by the bindgen abort', () => {
    const r = peer.call({ wasm, method: 'upcase', input: json({}), context: ctx });
    expect(r.error?.hostError).toBe('GuestPanic');
    expect(r.error?.panicMsg).toBe(`Parameter word with type Word is required but missing, filename: "~lib/near-sdk-bindgen/index.ts" line: ${abortLine} col: 3`);
  });
});
