// near-sdk-rs NEP-21 fungible token (near-shell@0.24.9 test/res/fungible_token.wasm) on near-mock-vm:
// new -> transfer -> get_balance with the state carried between calls, every call on a fresh VM.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPeer } from '../src/near-mock-vm.mjs';
import type { PeerResult } from '../src/near-mock-vm.mjs';
import { loadTarballFixtures, suffix } from './tarball-fixtures.js';
import { json, text } from './util.js';

const fixtures = await loadTarballFixtures();

// borsh pieces of near-sdk-rs 2.x collections, to spell out the expected storage.
const hex = (b: Uint8Array | string) => (typeof b === 'string' ? Buffer.from(b) : Buffer.from(b)).toString('hex');
const u32 = (n: number) => Buffer.from(Uint32Array.of(n).buffer).toString('hex');
const u64 = (n: bigint) => Buffer.from(BigUint64Array.of(n).buffer).toString('hex');
const u128 = (n: bigint) => u64(n & ((1n << 64n) - 1n)) + u64(n >> 64n);
const vec = (bytesHex: string) => u32(bytesHex.length / 2) + bytesHex;
const sha = (account: string) => createHash('sha256').update(account).digest('hex');
/** UnorderedMap<K, V> header: key-index prefix, keys Vector (len, prefix), values Vector (len, prefix). */
const unorderedMap = (prefixHex: string, len: bigint) =>
  vec(prefixHex + hex('i')) + u64(len) + vec(prefixHex + hex('k')) + u64(len) + vec(prefixHex + hex('v'));
/** Account { balance, allowances: UnorderedMap whose prefix is sha256(owner) } */
const account = (owner: string, balance: bigint) => u128(balance) + unorderedMap(sha(owner), 0n);
const b64ToHex = (state: Map<string, string>) =>
  Object.fromEntries([...state].map(([k, v]) => [Buffer.from(k, 'base64').toString('hex'), Buffer.from(v, 'base64').toString('hex')]));

const FT = 'ft.test.near';
const carol = { currentAccountId: FT, signerAccountId: 'carol.test.near', predecessorAccountId: 'carol.test.near' };

describe.skipIf(!fixtures.ok)(`near-sdk-rs fungible_token on near-mock-vm${suffix(fixtures)}`, () => {
  const wasm = fixtures.ok ? fixtures.fungibleToken : new Uint8Array();
  const peer = createPeer();
  let afterNew: PeerResult;
  let afterTransfer: PeerResult;

  beforeAll(() => {
    afterNew = peer.call({ wasm, method: 'new', input: json({ owner_id: 'carol.test.near', total_supply: '1000000' }), context: carol });
    afterTransfer = peer.call({
      wasm, method: 'transfer', input: json({ new_owner_id: 'dave.test.near', amount: '1025' }),
      context: { ...carol, attachedDeposit: 10n ** 23n }, state: afterNew.state,
    });
  });

  it('new writes the token header and the owner account', () => {
    expect(afterNew.error).toBeUndefined();
    expect(afterNew.returnData).toEqual({ type: 'None' });
    expect(afterNew.logs).toEqual([]);
    expect(afterNew.receipts).toEqual([]);
    expect(b64ToHex(afterNew.state)).toEqual({
      [hex('STATE')]: unorderedMap(hex('a'), 1n) + u128(1_000_000n),
      [hex('ai') + vec(sha('carol.test.near'))]: u64(0n),
      [hex('ak') + u64(0n)]: vec(sha('carol.test.near')),
      [hex('av') + u64(0n)]: account('carol.test.near', 1_000_000n),
    });
  });

  it('transfer moves 1025 tokens, refunds unused deposit through a Transfer receipt', () => {
    expect(afterTransfer.error).toBeUndefined();
    expect(afterTransfer.returnValue).toBeNull();
    // 1e23 attached, 755 bytes * 1e20 kept: near-mock-vm counts storage without nearcore's
    // 40-byte per-record overhead, so nearcore would refund a different amount.
    expect(afterTransfer.logs).toEqual(['Refunding 75500000000000000000000 tokens for storage']);
    expect(afterTransfer.receipts).toEqual([
      { receipt_indices: [], receiver_id: 'carol.test.near', actions: [{ Transfer: { deposit: 75_500_000_000_000_000_000_000n } }] },
    ]);
    expect(b64ToHex(afterTransfer.state)).toEqual({
      [hex('STATE')]: unorderedMap(hex('a'), 2n) + u128(1_000_000n),
      [hex('ai') + vec(sha('carol.test.near'))]: u64(0n),
      [hex('ai') + vec(sha('dave.test.near'))]: u64(1n),
      [hex('ak') + u64(0n)]: vec(sha('carol.test.near')),
      [hex('ak') + u64(1n)]: vec(sha('dave.test.near')),
      [hex('av') + u64(0n)]: account('carol.test.near', 998_975n),
      [hex('av') + u64(1n)]: account('dave.test.near', 1025n),
    });
  });

  it('get_balance (view) reads the carried state and leaves it untouched', () => {
    const view = { ...carol, isView: true };
    const dave = peer.call({ wasm, method: 'get_balance', input: json({ owner_id: 'dave.test.near' }), context: view, state: afterTransfer.state });
    expect(dave.error).toBeUndefined();
    expect(text(dave.returnValue)).toBe('"1025"');
    expect(dave.logs).toEqual([]);
    expect(dave.state).toEqual(afterTransfer.state);
    const owner = peer.call({ wasm, method: 'get_balance', input: json({ owner_id: 'carol.test.near' }), context: view, state: afterTransfer.state });
    expect(text(owner.returnValue)).toBe('"998975"');
    const supply = peer.call({ wasm, method: 'get_total_supply', input: json({}), context: view, state: afterTransfer.state });
    expect(text(supply.returnValue)).toBe('"1000000"');
  });

  it('a failing transfer reports the contract panic and keeps the input state', () => {
    const r = peer.call({
      wasm, method: 'transfer', input: json({ new_owner_id: 'dave.test.near', amount: '99999999' }),
      context: { ...carol, attachedDeposit: 10n ** 23n }, state: afterTransfer.state,
    });
    expect(r.error).toEqual({
      kind: 'HostError', hostError: 'GuestPanic', panicMsg: 'Not enough balance',
      message: 'HostError(GuestPanic { panic_msg: "Not enough balance" })',
    });
    expect(r.returnValue).toBeNull();
    expect(r.receipts).toEqual([]);
    expect(r.state).toEqual(afterTransfer.state);
  });

  it('a Rust panic (std panic hook -> panic_utf8, patch 1) is reported and the next call still works', () => {
    const again = peer.call({ wasm, method: 'new', input: json({ owner_id: 'carol.test.near', total_supply: '1' }), context: carol, state: afterNew.state });
    expect(again.error?.panicMsg).toBe("panicked at 'Already initialized', src/lib.rs:85:9");
    const before = peer.stats().runtimeInstances;
    const next = peer.call({ wasm, method: 'get_total_supply', input: json({}), context: { ...carol, isView: true }, state: afterNew.state });
    expect(text(next.returnValue)).toBe('"1000000"');
    expect(peer.stats().runtimeInstances).toBe(before + 1); // the panicked runtime was replaced
  });
});
