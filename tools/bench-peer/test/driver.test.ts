// The driver itself: context mapping, state handling, typed errors, runtime patches, receipts.
import { describe, expect, it } from 'vitest';
import { packagedContract } from '../src/contracts.mjs';
import { PeerInputError, PeerUnsupportedError } from '../src/errors.mjs';
import { GuestMemory } from '../src/guest-memory.mjs';
import { loadGeneration } from '../src/load-near-mock-vm.mjs';
import { createPeer } from '../src/near-mock-vm.mjs';
import { loadTarballFixtures, suffix } from './tarball-fixtures.js';
import { b64, json, text, textState } from './util.js';

const fixtures = await loadTarballFixtures();
const peer = createPeer();
const sentences = packagedContract('sentences');
const singleton = packagedContract('singleton');
const hello = packagedContract('nearHello');

describe('context mapping', () => {
  it('u64 fields beyond 2^53 reach the contract exactly (block_timestamp via the BigInt setter)', () => {
    const r = peer.call({ wasm: sentences, method: 'getBlock_timestamp', input: json({}), context: { blockTimestamp: 1_700_000_000_123_456_789n } });
    expect(text(r.returnValue)).toBe('"1700000000123456789"');
  });

  it('attached deposit is visible to the contract', () => {
    const paid = peer.call({ wasm: sentences, method: 'nonPayableFunction', input: json({}), context: { attachedDeposit: 5n } });
    expect(paid.error?.panicMsg).toBe('Method doesn\'t accept deposit, filename: "~lib/near-sdk-bindgen/index.ts" line: 21 col: 3');
  });

  it('signer account id and account balance reach the contract; state carries across calls', () => {
    const init = peer.call({ wasm: singleton, method: 'init', input: json({ owner: 'olga.test.near' }), context: { signerAccountId: 'sam.test.near' } });
    expect(init.error).toBeUndefined();
    const visit = peer.call({ wasm: singleton, method: 'visit', input: json({}), context: { signerAccountId: 'sam.test.near', accountBalance: 2n ** 128n - 1n }, state: init.state });
    expect(visit.logs).toEqual(['Visited the first time by sam.test.near']);
    expect(visit.balance).toBe(2n ** 128n - 1n);
    const last = peer.call({ wasm: singleton, method: 'lastVisited', input: json({}), state: visit.state });
    expect(text(last.returnValue)).toBe('"sam.test.near"');
    const owner = peer.call({ wasm: singleton, method: 'owner', input: json({}), state: visit.state });
    expect(text(owner.returnValue)).toBe('"olga.test.near"');
  });

  it('rejects unknown fields and out-of-range values with PeerInputError', () => {
    expect(() => peer.call({ wasm: hello, method: 'hello', context: { blockHeight: 1n } as never })).toThrow(PeerInputError);
    expect(() => peer.call({ wasm: hello, method: 'hello', context: { prepaidGas: 2n ** 64n } })).toThrow(/prepaidGas out of range/);
    expect(() => peer.call({ wasm: hello, method: 'hello', state: { 'not base64!': '' } })).toThrow(PeerInputError);
  });
});

describe('state', () => {
  it('accepts a Map or an object and returns a Map sorted by key bytes', () => {
    const state = new Map([[b64('zz'), b64('1')], [b64('name'), b64('7')]]);
    const r = peer.call({ wasm: hello, method: 'generateLogs', input: json({}), state });
    expect([...r.state.keys()]).toEqual([b64('item'), b64('name'), b64('zz')]);
    const fromObject = peer.call({ wasm: hello, method: 'generateLogs', input: json({}), state: Object.fromEntries(state) });
    expect(fromObject.state).toEqual(r.state);
  });

  it('a removed key disappears from the returned state', () => {
    const r = peer.call({ wasm: hello, method: 'testSetRemove', input: json({ value: 'x' }) });
    expect(r.error).toBeUndefined();
    expect(textState(r.state)).toEqual({});
  });
});

describe('errors', () => {
  it('unknown and empty method names are reported without running', () => {
    expect(peer.call({ wasm: hello, method: 'nope' }).error).toEqual({ kind: 'MethodNotFound', message: 'method nope is not exported' });
    expect(peer.call({ wasm: hello, method: '' }).error?.kind).toBe('MethodEmptyName');
  });

  it('invalid wasm is a PrepareError from near-mock-vm\'s own preparation', () => {
    const r = peer.call({ wasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99]), method: 'x' });
    expect(r.error).toEqual({ kind: 'PrepareError', message: 'Deserialization' });
  });

  // Minimal hand-assembled modules: `main` calls an import, or traps on `unreachable`.
  const module = (importName: string | null) => {
    const imp = importName === null ? [] : [1, 3, ...Buffer.from('env'), importName.length, ...Buffer.from(importName), 0, 0];
    const importSection = importName === null ? [] : [2, imp.length, ...imp];
    const body = importName === null ? [0, 0x00, 0x0b] : [0, 0x10, 0, 0x0b];
    const mainIndex = importName === null ? 0 : 1;
    return new Uint8Array([
      0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, ...importSection, 3, 2, 1, 0,
      7, 8, 1, 4, ...Buffer.from('main'), 0, mainIndex, 10, body.length + 2, 1, body.length, ...body,
    ]);
  };

  it('a host function near-mock-vm lacks is a LinkError (ed25519_verify is newer than its logic)', () => {
    const r = peer.call({ wasm: module('ed25519_verify'), method: 'main' });
    expect(r.error).toEqual({
      kind: 'LinkError',
      message: 'WebAssembly.Instance(): Import #0 module="env" function="ed25519_verify" error: function import requires a callable',
    });
  });

  it('a trap in contract code is a WasmTrap and does not replace the runtime', () => {
    peer.call({ wasm: hello, method: 'hello', input: json({ name: 'x' }) }); // a healthy runtime exists
    const before = peer.stats().runtimeInstances;
    expect(peer.call({ wasm: module(null), method: 'main' }).error).toEqual({ kind: 'WasmTrap', message: 'unreachable' });
    expect(text(peer.call({ wasm: hello, method: 'hello', input: json({ name: 'x' }) }).returnValue)).toBe('"hello x"');
    expect(peer.stats().runtimeInstances).toBe(before);
  });

  it('promise results cannot be given to near-mock-vm', () => {
    expect(() => peer.call({ wasm: hello, method: 'getLastResult', promiseResults: [new Uint8Array()] })).toThrow(PeerUnsupportedError);
  });
});

describe('isolation', () => {
  it('freshRuntimePerCall re-instantiates near-mock-vm\'s runtime for every call with the same results', () => {
    const isolated = createPeer({ freshRuntimePerCall: true });
    const a = isolated.call({ wasm: hello, method: 'setValue', input: json({ value: 'v' }) });
    const b = isolated.call({ wasm: hello, method: 'getValue', input: json({}), state: a.state });
    expect(text(b.returnValue)).toBe('"v"');
    expect(isolated.stats()).toEqual({ calls: 2, runtimeInstances: 2 });
  });
});

describe('runtime patches (near-mock-vm\'s own JS is unchanged on disk)', () => {
  it('patch 2: near-mock-vm\'s Memory.fits_memory still rejects a range ending at the end of memory; ours accepts it', () => {
    const wasmMemory = new WebAssembly.Memory({ initial: 1 });
    const original = new (loadGeneration().memory.Memory)(wasmMemory);
    expect(original.fits_memory(65532n, 4n)).toBe(false); // the upstream off-by-one
    const ours = new GuestMemory();
    ours.attachWasm(wasmMemory);
    expect(ours.fits_memory(65532n, 4n)).toBe(true);
    expect(ours.fits_memory(65533n, 4n)).toBe(false);
    expect(ours.fits_memory((1n << 64n) - 1n, 2n)).toBe(false);
  });

  it('patch 1: near-mock-vm\'s runner still lacks env.panic_utf8, which every near-sdk-rs contract imports', () => {
    const { runner } = loadGeneration();
    const env = runner.VMRunner.prototype.createImports.call({ vm: {}, memory: { Memory: null } }).env;
    expect(env.panic_utf8).toBeUndefined();
    expect(typeof env.panic).toBe('function');
  });
});

describe.skipIf(!fixtures.ok)(`receipts (near-sdk-rs linkdrop, near-workspaces@5.0.0)${suffix(fixtures)}`, () => {
  it('create_account records a batch and a callback with exact u128 amounts', () => {
    const wasm = fixtures.ok ? fixtures.linkdrop : new Uint8Array();
    const pk = 'ed25519:' + 'H'.repeat(44); // any 32-byte base58 key
    const r = peer.call({
      wasm, method: 'create_account', input: json({ new_account_id: 'eve.testnet', new_public_key: pk }),
      context: { currentAccountId: 'testnet', predecessorAccountId: 'alice.testnet', attachedDeposit: 10n ** 24n },
    });
    expect(r.error).toBeUndefined();
    expect(r.returnData).toEqual({ type: 'ReceiptIndex', index: 1n });
    expect(r.receipts).toHaveLength(2);
    expect(r.receipts[0]).toMatchObject({ receipt_indices: [], receiver_id: 'eve.testnet' });
    expect(r.receipts[0].actions[0]).toBe('CreateAccount');
    expect(r.receipts[0].actions[2]).toEqual({ Transfer: { deposit: 10n ** 24n } });
    expect(r.receipts[1]).toEqual({
      receipt_indices: [0n], receiver_id: 'testnet',
      actions: [{ FunctionCall: {
        method_name: 'on_account_created',
        args: '{"predecessor_account_id":"alice.testnet","amount":"1000000000000000000000000"}',
        gas: 20_000_000_000_000n, deposit: 0n,
      } }],
    });
  });
});
