// near-hello@0.5.1 dist/main.wasm (AssemblyScript, the near-api-js test contract) on near-mock-vm.
import { describe, expect, it } from 'vitest';
import { packagedContract } from '../src/contracts.mjs';
import { createPeer } from '../src/near-mock-vm.mjs';
import { b64, json, text, textState } from './util.js';

const wasm = packagedContract('nearHello');
const peer = createPeer();

describe('near-hello on near-mock-vm', () => {
  it('setValue stores the value under "name"; getValue reads it back from the carried state', () => {
    const set = peer.call({ wasm, method: 'setValue', input: json({ value: '42' }) });
    expect(set.error).toBeUndefined();
    expect(text(set.returnValue)).toBe('"42"');
    expect(set.logs).toEqual([]);
    expect(set.state).toEqual(new Map([[b64('name'), b64('42')]]));

    const get = peer.call({ wasm, method: 'getValue', input: json({}), context: { isView: true }, state: set.state });
    expect(get.error).toBeUndefined();
    expect(text(get.returnValue)).toBe('"42"');
    expect(get.state).toEqual(set.state);
  });

  it('getValue without state aborts with a null message: BadUTF16, as nearcore\'s abort reports it', () => {
    // near-hello's message-less assert calls env.abort(0, "assembly/index.ts", 28, 9) on the missing
    // value; near-vm-logic rejects a message pointer below 4 with BadUTF16 (as nearcore does).
    const get = peer.call({ wasm, method: 'getValue', input: json({}), context: { isView: true } });
    expect(get.error).toEqual({ kind: 'HostError', hostError: 'BadUTF16', message: 'HostError(BadUTF16)' });
    expect(get.returnValue).toBeNull();
  });

  it('hello and generateLogs: return value and logs', () => {
    expect(text(peer.call({ wasm, method: 'hello', input: json({ name: 'bob' }) }).returnValue)).toBe('"hello bob"');
    const logs = peer.call({ wasm, method: 'generateLogs', input: json({}), state: { [b64('name')]: b64('42') } });
    expect(logs.logs).toEqual(['log1', 'log2']);
    expect(textState(logs.state)).toEqual({ item: 'value', name: '42' });
  });

  it('triggerAssert: AssemblyScript abort goes through near-vm-logic abort (nearcore message format)', () => {
    const r = peer.call({ wasm, method: 'triggerAssert', input: json({}), state: { [b64('name')]: b64('42') } });
    expect(r.error).toMatchObject({ kind: 'HostError', hostError: 'GuestPanic', panicMsg: 'expected to fail, filename: "assembly/index.ts" line: 77 col: 2' });
    expect(r.logs).toEqual(['log before assert']); // logs up to the failure are kept, as in nearcore
    expect(textState(r.state)).toEqual({ name: '42' });
  });

  it('writing storage in a view call is ProhibitedInView', () => {
    const r = peer.call({ wasm, method: 'setValue', input: json({ value: '1' }), context: { isView: true } });
    expect(r.error).toEqual({ kind: 'HostError', hostError: 'ProhibitedInView', message: 'HostError(ProhibitedInView { method_name: "storage_write" })' });
  });
});
