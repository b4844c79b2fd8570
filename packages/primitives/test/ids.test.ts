import { createHash } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import {
  AccountCodec,
  ActionCodec,
  KeyPair,
  PublicKey,
  createActionHash,
  createDataId,
  createHashIndex,
  createRandomSeed,
  createReceiptIdFromReceipt,
  createReceiptIdFromTransaction,
  decode,
  deriveEthImplicitAccountId,
  deriveNearDeterministicAccountId,
  deriveNearImplicitAccountId,
  encode,
  fromHex,
  hashToBase58,
  newAccount,
  sha256,
  toHex,
  type DeterministicAccountStateInit,
} from '@nearts/primitives';

const H = (s: string) => new Uint8Array(createHash('sha256').update(s).digest());

/** The recipe written out independently: sha256(base ‖ u64 LE height ‖ u64 LE salt). */
function expected(base: Uint8Array, height: bigint, salt: bigint): string {
  const b = Buffer.alloc(48);
  Buffer.from(base).copy(b, 0);
  b.writeBigUInt64LE(height, 32);
  b.writeBigUInt64LE(salt, 40);
  return createHash('sha256').update(b).digest('hex');
}

describe('id derivations (protocol ≥ 77)', () => {
  const txHash = H('tx');
  const receiptId = H('receipt');

  it('receipt id from a transaction uses salt 0', () => {
    expect(toHex(createReceiptIdFromTransaction(txHash, 123n))).toBe(expected(txHash, 123n, 0n));
  });
  it('receipt id from a receipt uses the new-receipt index', () => {
    expect(toHex(createReceiptIdFromReceipt(receiptId, 7n, 3))).toBe(expected(receiptId, 7n, 3n));
  });
  it('action hash counts down from u64::MAX', () => {
    expect(toHex(createActionHash(receiptId, 7n, 0))).toBe(expected(receiptId, 7n, 0xffff_ffff_ffff_ffffn));
    expect(toHex(createActionHash(receiptId, 7n, 2))).toBe(expected(receiptId, 7n, 0xffff_ffff_ffff_fffdn));
  });
  it('data id from an action hash and a data index', () => {
    const actionHash = createActionHash(receiptId, 7n, 0);
    expect(toHex(createDataId(actionHash, 7n, 1))).toBe(expected(actionHash, 7n, 1n));
  });
  it('random seed is sha256(action hash ‖ block random value)', () => {
    const a = H('action');
    const r = H('random');
    expect(toHex(createRandomSeed(a, r))).toBe(createHash('sha256').update(Buffer.concat([a, r])).digest('hex'));
  });
  it('createHashIndex is 48 bytes hashed and rejects bad input', () => {
    expect(toHex(createHashIndex(new Uint8Array(32), 0n, 0n))).toBe(createHash('sha256').update(Buffer.alloc(48)).digest('hex'));
    expect(() => createHashIndex(new Uint8Array(31), 0n, 0n)).toThrow(/32 bytes/);
    expect(() => createHashIndex(new Uint8Array(32), -1n, 0n)).toThrow(/u64 out of range/);
  });
});

describe('implicit account ids', () => {
  it('NEAR-implicit: hex of the ed25519 key', () => {
    const pk = PublicKey.fromString('ed25519:DcA2MzgpJbrUATQLLceocVckhhAqrkingax4oJ9kZ847');
    expect(deriveNearImplicitAccountId(pk)).toBe(Buffer.from(pk.data).toString('hex'));
    expect(deriveNearImplicitAccountId(pk)).toHaveLength(64);
  });
  it('ETH-implicit: the Ethereum address of the secp256k1 key (web3 docs test key)', () => {
    const kp = KeyPair.secp256k1FromSecret(fromHex('4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'));
    expect(deriveEthImplicitAccountId(kp.publicKey)).toBe('0x2c7536e3605d9c16a7a3d7b1898e529396a65c23');
  });
  it('NEAR-deterministic: "0s" + keccak256(borsh(state_init))[12..32] hex', () => {
    const init: DeterministicAccountStateInit = {
      version: 'V1',
      code: { type: 'CodeHash', hash: new Uint8Array(32).fill(0x22) },
      data: [[new TextEncoder().encode('key'), new TextEncoder().encode('value')]],
    };
    const id = deriveNearDeterministicAccountId(init);
    expect(id).toMatch(/^0s[0-9a-f]{40}$/);
    // The encoding hashed: tag 0, code (tag 0 + 32 bytes), 1 entry, "key", "value".
    const action = encode(ActionCodec, { type: 'DeterministicStateInit', stateInit: init, deposit: 0n });
    const stateInitBytes = action.subarray(1, action.length - 16);
    const expectedHex =
      '00' + '00' + '22'.repeat(32) + '01000000' + '03000000' + toHex(new TextEncoder().encode('key')) + '05000000' + toHex(new TextEncoder().encode('value'));
    expect(toHex(stateInitBytes)).toBe(expectedHex);
    // keccak256 of the hand-written bytes, last 20 bytes, hex, "0s" prefix
    expect(id).toBe('0s' + toHex(keccak_256(fromHex(expectedHex)).subarray(12)));
  });
  it('deterministic ids do not depend on the order entries were listed in', () => {
    const a: DeterministicAccountStateInit = {
      version: 'V1',
      code: { type: 'AccountId', accountId: 'pub.near' },
      data: [[Uint8Array.of(2), Uint8Array.of()], [Uint8Array.of(1), Uint8Array.of(5)]],
    };
    const b: DeterministicAccountStateInit = { ...a, data: [a.data[1], a.data[0]] };
    expect(deriveNearDeterministicAccountId(a)).toBe(deriveNearDeterministicAccountId(b));
  });
});

describe('Account borsh (nearcore account.rs test constants)', () => {
  it('V1 of (1e6, 1e6, no code, 100) hashes to EVk5UaxBe8LQ8r8iD5EAxVBs6TJcMDKqyH7PBuho6bBJ', () => {
    const bytes = encode(AccountCodec, newAccount(1_000_000n, 1_000_000n, { type: 'None' }, 100n));
    expect(bytes.length).toBe(72);
    expect(hashToBase58(sha256(bytes))).toBe('EVk5UaxBe8LQ8r8iD5EAxVBs6TJcMDKqyH7PBuho6bBJ');
  });
  const codeHash = sha256(Uint8Array.of(42));
  const v1Hex =
    '64000000000000000000000000000000c8000000000000000000000000000000684888c0ebb17f374298b65ee2807526c066094c701bcc7ebbe1c1095f494fc12c01000000000000';
  const v2Hex =
    'ffffffffffffffffffffffffffffffff0064000000000000000000000000000000c80000000000000000000000000000002c0100000000000002684888c0ebb17f374298b65ee2807526c066094c701bcc7ebbe1c1095f494fc1';
  it('V1 with a local contract matches borsh_encoding_is_stable', () => {
    const acc = newAccount(100n, 200n, { type: 'Local', hash: codeHash }, 300n);
    expect(acc.version).toBe('V1');
    expect(toHex(encode(AccountCodec, acc))).toBe(v1Hex);
    expect(decode(AccountCodec, fromHex(v1Hex))).toEqual(acc);
  });
  it('V2 with a global contract matches borsh_encoding_is_stable', () => {
    const acc = newAccount(100n, 200n, { type: 'Global', hash: codeHash }, 300n);
    expect(acc.version).toBe('V2');
    expect(toHex(encode(AccountCodec, acc))).toBe(v2Hex);
    expect(decode(AccountCodec, fromHex(v2Hex))).toEqual(acc);
  });
});
