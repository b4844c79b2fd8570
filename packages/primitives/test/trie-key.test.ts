import { describe, expect, it } from 'vitest';
import {
  KeyType,
  PublicKey,
  ReceivedDataCodec,
  TrieQueueIndicesCodec,
  BufferedReceiptIndicesCodec,
  PromiseYieldTimeoutCodec,
  decode,
  encode,
  encodeTrieKey,
  parseTrieKey,
  publicKeyHandle,
  sha256,
  toHex,
  trieKeys,
  ML_DSA_65_PUBLIC_KEY_LENGTH,
  type TrieKey,
} from '@nearts/primitives';
import { sha3_256 } from '@noble/hashes/sha3.js';

const ascii = (s: string) => toHex(new TextEncoder().encode(s));
const h = sha256(Uint8Array.of(1));
const ed = new PublicKey(KeyType.ED25519, new Uint8Array(32).fill(5));

describe('trie key layouts', () => {
  it('account / code / contract data', () => {
    expect(toHex(trieKeys.account('alice.near'))).toBe('00' + ascii('alice.near'));
    expect(toHex(trieKeys.contractCode('alice.near'))).toBe('01' + ascii('alice.near'));
    expect(toHex(trieKeys.contractData('alice.near', Uint8Array.of(0xaa)))).toBe('09' + ascii('alice.near') + '2c' + 'aa');
  });
  it('access keys and gas-key nonces share column 2', () => {
    expect(toHex(trieKeys.accessKey('a.near', ed))).toBe('02' + ascii('a.near') + '02' + '00' + '05'.repeat(32));
    expect(toHex(trieKeys.gasKeyNonce('a.near', ed, 258))).toBe('02' + ascii('a.near') + '02' + '00' + '05'.repeat(32) + '0201');
  });
  it('ML-DSA-65 keys are stored as tag 3 + sha3-256(domain ‖ key)', () => {
    const big = new PublicKey(KeyType.MLDSA65, new Uint8Array(ML_DSA_65_PUBLIC_KEY_LENGTH).fill(1));
    const digest = sha3_256(Uint8Array.from([...new TextEncoder().encode('near:ml-dsa-65-pubkey-hash:v1'), ...big.data]));
    expect(toHex(trieKeys.accessKey('a.near', big))).toBe('02' + ascii('a.near') + '02' + '03' + toHex(digest));
    const handle = publicKeyHandle(big);
    expect(handle.kind).toBe('MlDsa65Hash');
  });
  it('receipt-related keys', () => {
    expect(toHex(trieKeys.receivedData('b.near', h))).toBe('03' + ascii('b.near') + '2c' + toHex(h));
    expect(toHex(trieKeys.postponedReceipt('b.near', h))).toBe('06' + ascii('b.near') + '2c' + toHex(h));
    expect(toHex(trieKeys.delayedReceiptIndices())).toBe('07');
    expect(toHex(trieKeys.delayedReceipt(1n))).toBe('07' + '0100000000000000');
    expect(toHex(trieKeys.promiseYieldTimeout(2n))).toBe('0b' + '0200000000000000');
    expect(toHex(trieKeys.bufferedReceipt(3n, 4n))).toBe('0e' + '0300' + '0400000000000000');
    expect(toHex(trieKeys.bufferedReceiptGroupsQueueItem(3n, 4n))).toBe('11' + '0300000000000000' + '0400000000000000');
  });
  it('global contract keys use the borsh identifier', () => {
    expect(toHex(trieKeys.globalContractCode({ type: 'CodeHash', hash: h }))).toBe('12' + '00' + toHex(h));
    expect(toHex(trieKeys.globalContractNonce({ type: 'AccountId', accountId: 'p.near' }))).toBe('13' + '01' + '06000000' + ascii('p.near'));
  });
  it('every key parses back to itself', () => {
    const keys: TrieKey[] = [
      { type: 'Account', accountId: 'alice.near' },
      { type: 'ContractCode', accountId: 'alice.near' },
      { type: 'AccessKey', accountId: 'alice.near', keyHandle: { kind: 'key', key: ed } },
      { type: 'GasKeyNonce', accountId: 'alice.near', keyHandle: { kind: 'MlDsa65Hash', hash: h }, index: 7 },
      { type: 'ReceivedData', receiverId: 'a.near', dataId: h },
      { type: 'PostponedReceiptId', receiverId: 'a.near', dataId: h },
      { type: 'PendingDataCount', receiverId: 'a.near', receiptId: h },
      { type: 'PostponedReceipt', receiverId: 'a.near', receiptId: h },
      { type: 'DelayedReceiptIndices' },
      { type: 'DelayedReceipt', index: 99n },
      { type: 'ContractData', accountId: 'a.near', key: Uint8Array.of(0x2c, 2, 0) },
      { type: 'PromiseYieldIndices' },
      { type: 'PromiseYieldTimeout', index: 1n },
      { type: 'PromiseYieldReceipt', receiverId: 'a.near', dataId: h },
      { type: 'BufferedReceiptIndices' },
      { type: 'BufferedReceipt', receivingShard: 5n, index: 6n },
      { type: 'BandwidthSchedulerState' },
      { type: 'BufferedReceiptGroupsQueueData', receivingShard: 5n },
      { type: 'BufferedReceiptGroupsQueueItem', receivingShard: 5n, index: 2n },
      { type: 'GlobalContractCode', identifier: { type: 'CodeHash', hash: h } },
      { type: 'GlobalContractNonce', identifier: { type: 'AccountId', accountId: 'p.near' } },
      { type: 'PromiseYieldStatus', receiverId: 'a.near', dataId: h },
      { type: 'YieldIdToDataId', receiverId: 'a.near', yieldId: h },
      { type: 'DataIdToYieldId', receiverId: 'a.near', dataId: h },
    ];
    for (const k of keys) expect(parseTrieKey(encodeTrieKey(k))).toEqual(k);
  });
  it('malformed keys are BorshErrors', () => {
    expect(() => parseTrieKey(Uint8Array.of(8))).toThrow(/unknown trie column 8/);
    expect(() => parseTrieKey(Uint8Array.of(3, 0x61, 0x61))).toThrow(/no ',' separator/);
    expect(() => parseTrieKey(Uint8Array.of(0, 0x41, 0x41))).toThrow(/invalid_account_id/);
    expect(() => parseTrieKey(Uint8Array.of(7, 1, 2))).toThrow(/DelayedReceipt key must be 9 bytes/);
  });
});

describe('state values', () => {
  it('queue indices, received data, yield timeouts, buffered indices', () => {
    expect(toHex(encode(TrieQueueIndicesCodec, { firstIndex: 1n, nextAvailableIndex: 3n }))).toBe('0100000000000000' + '0300000000000000');
    expect(toHex(encode(ReceivedDataCodec, { data: null }))).toBe('00');
    expect(toHex(encode(ReceivedDataCodec, { data: Uint8Array.of(7) }))).toBe('01' + '01000000' + '07');
    const t = { accountId: 'a.near', dataId: h, expiresAt: 200n };
    expect(decode(PromiseYieldTimeoutCodec, encode(PromiseYieldTimeoutCodec, t))).toEqual(t);
    const idx = encode(BufferedReceiptIndicesCodec, [[2n, { firstIndex: 0n, nextAvailableIndex: 1n }], [1n, { firstIndex: 5n, nextAvailableIndex: 5n }]]);
    expect(toHex(idx.subarray(0, 12))).toBe('02000000' + '0100000000000000'); // sorted by shard
  });
});
