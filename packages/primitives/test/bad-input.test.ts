import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AccessKeyCodec,
  AccountCodec,
  AccountIdError,
  ActionCodec,
  BorshError,
  BorshReader,
  BorshWriter,
  PublicKey,
  ReceiptCodec,
  SignedTransactionCodec,
  TransactionCodec,
  decode,
  encode,
  fromHex,
  type BorshErrorReason,
  type Codec,
} from '@nearts/primitives';

const sample = JSON.parse(readFileSync(new URL('./vectors/sample-signed-tx.json', import.meta.url), 'utf8'));
const signedBytes = fromHex(sample.signedTxHex);

function failure<T>(codec: Codec<T>, bytes: Uint8Array): BorshError {
  try {
    decode(codec, bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(BorshError);
    return e as BorshError;
  }
  throw new Error('decoding unexpectedly succeeded');
}

function expectReason<T>(codec: Codec<T>, bytes: Uint8Array, reason: BorshErrorReason): BorshError {
  const e = failure(codec, bytes);
  expect(e.reason).toBe(reason);
  return e;
}

/** A small V0 transaction with one action, built by hand so offsets are known. */
function txWith(actionBytes: number[], signerId = 'ab'): Uint8Array {
  const w = new BorshWriter();
  w.string(signerId); // 4 + len
  w.u8(0);
  w.fixedBytes(new Uint8Array(32).fill(7));
  w.u64(5n);
  w.string('cd');
  w.fixedBytes(new Uint8Array(32));
  w.u32(1);
  w.fixedBytes(Uint8Array.from(actionBytes));
  return w.finish();
}

describe('bad input is a BorshError with the right reason, offset and path', () => {
  it('truncated input', () => {
    const e = expectReason(SignedTransactionCodec, signedBytes.subarray(0, signedBytes.length - 10), 'truncated');
    expect(e.path.join('.')).toBe('SignedTransaction.signature');
    expect(e.message).toMatch(/^truncated: need 64 byte\(s\) for 64 fixed bytes, 54 left \(at offset 5489, in SignedTransaction\.signature\)$/);
    expectReason(SignedTransactionCodec, new Uint8Array(0), 'truncated');
    expectReason(AccountCodec, new Uint8Array(71), 'truncated');
  });

  it('trailing bytes after a complete value', () => {
    const e = expectReason(SignedTransactionCodec, Uint8Array.from([...signedBytes, 0]), 'trailing_bytes');
    expect(e.offset).toBe(signedBytes.length);
    expect(e.message).toContain('1 byte(s) left after the value');
  });

  it('bad enum tags name the type and the field path', () => {
    const e = expectReason(TransactionCodec, txWith([15]), 'bad_enum_tag');
    expect(e.message).toContain('unknown Action tag 15');
    expect(e.path).toEqual(['Transaction', 'actions', '[0]']);
    expect(e.offset).toBe(6 + 33 + 8 + 6 + 32 + 4);
    const k = expectReason(TransactionCodec, txWith([6, 9, ...new Uint8Array(32)]), 'bad_enum_tag');
    expect(k.message).toContain('unknown KeyType tag 9');
    expect(k.path).toEqual(['Transaction', 'actions', '[0]', 'DeleteKey', 'public_key']);
    const p = expectReason(AccessKeyCodec, Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 4]), 'bad_enum_tag');
    expect(p.message).toContain('unknown AccessKeyPermission tag 4');
    const o = expectReason(AccessKeyCodec, Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 2]), 'bad_enum_tag');
    expect(o.message).toContain('unknown Option tag 2');
    // Transaction version: first byte 2 with a non-zero second byte
    expectReason(TransactionCodec, Uint8Array.from([2, 1, 0, 0]), 'bad_enum_tag');
  });

  it('a nested delegate action is refused', () => {
    const inner = [8];
    const w = new BorshWriter();
    w.u8(8); // Delegate
    w.string('aaa');
    w.string('bbb');
    w.u32(1);
    w.fixedBytes(Uint8Array.from(inner));
    const e = failure(ActionCodec, w.finish());
    expect(e.reason).toBe('invalid_value');
    expect(e.message).toContain("DelegateAction mustn't contain a nested one");
    expect(e.path).toEqual(['Action', 'Delegate', 'delegate_action', 'actions', '[0]']);
  });

  it('over-long vectors are rejected before allocating', () => {
    // DeployContract with a code length of 4 GiB - 1 but no bytes behind it.
    const e = expectReason(TransactionCodec, txWith([1, 0xff, 0xff, 0xff, 0xff]), 'vec_too_long');
    expect(e.message).toContain('Vec<u8> length 4294967295 exceeds the 0 byte(s) left');
    expect(e.path).toEqual(['Transaction', 'actions', '[0]', 'DeployContract', 'code']);
    // Vec<Action> count that cannot fit.
    const bytes = txWith([0]);
    bytes[bytes.length - 5] = 0xff;
    bytes[bytes.length - 4] = 0xff;
    expectReason(TransactionCodec, bytes, 'vec_too_long');
  });

  it('invalid UTF-8 in an id or a method name', () => {
    const e = expectReason(TransactionCodec, txWith([0], 'a\u00ff').map((b, i) => (i === 5 ? 0xff : b)), 'invalid_utf8');
    expect(e.path).toEqual(['Transaction', 'signer_id']);
    const m = expectReason(TransactionCodec, txWith([2, 1, 0, 0, 0, 0xc3, 0, 0, 0, 0, ...new Uint8Array(24)]), 'invalid_utf8');
    expect(m.path).toEqual(['Transaction', 'actions', '[0]', 'FunctionCall', 'method_name']);
  });

  it('invalid account ids carry the AccountIdError as cause', () => {
    const e = expectReason(TransactionCodec, txWith([0], 'A.'), 'invalid_account_id');
    expect(e.path).toEqual(['Transaction', 'signer_id']);
    expect(e.cause).toBeInstanceOf(AccountIdError);
    expect((e.cause as AccountIdError).kind).toBe('InvalidChar');
    expect(e.message).toContain("the Account ID contains an invalid character 'A' at index 0");
    expectReason(TransactionCodec, txWith([7, 1, 0, 0, 0, 0x61]), 'invalid_account_id'); // DeleteAccount("a")
  });

  it('bool bytes other than 0/1', () => {
    const r = new BorshReader(Uint8Array.from([2]));
    try {
      r.bool();
      expect.unreachable();
    } catch (e) {
      expect((e as BorshError).reason).toBe('invalid_bool');
    }
  });

  it('wrong key lengths', () => {
    expect(() => new PublicKey(0, new Uint8Array(33))).toThrow(BorshError);
    let caught: unknown;
    try {
      PublicKey.fromString('secp256k1:11111');
    } catch (e) {
      caught = e;
    }
    expect((caught as BorshError).reason).toBe('wrong_key_length');
    expect((caught as BorshError).message).toContain('secp256k1 public key needs 64 bytes, got 5');
    // encoding a hand-made key object with the wrong size is refused too
    const fake = Object.create(PublicKey.prototype, { keyType: { value: 0 }, data: { value: new Uint8Array(5) } });
    expect(() => encode(ActionCodec, { type: 'DeleteKey', publicKey: fake })).toThrow(/expected 32 bytes, got 5/);
  });

  it('a receipt with an unknown ReceiptEnum tag', () => {
    const w = new BorshWriter();
    w.string('alice');
    w.string('bob');
    w.fixedBytes(new Uint8Array(32));
    w.u8(7);
    const e = expectReason(ReceiptCodec, w.finish(), 'bad_enum_tag');
    expect(e.message).toContain('unknown ReceiptEnum tag 7');
  });

  it('an Account with the V2 sentinel and an unknown version tag', () => {
    const b = new Uint8Array(16 + 1 + 41).fill(0xff);
    b[16] = 1; // uninitialized universal account: not part of protocol 86
    expect(expectReason(AccountCodec, b, 'bad_enum_tag').message).toContain('BorshVersionedAccount');
  });
});
