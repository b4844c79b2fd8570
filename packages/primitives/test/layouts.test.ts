import { describe, expect, it } from 'vitest';
import {
  ActionCodec,
  KeyPair,
  PublicKey,
  ReceiptCodec,
  ReceiptOrStateStoredReceiptCodec,
  Signature,
  SignedTransactionCodec,
  TransactionCodec,
  VersionedDelegateActionPayloadCodec,
  decode,
  decodeSignedTransaction,
  delegateActionV2Hash,
  encode,
  encodedLength,
  U16Codec,
  U32Codec,
  U64Codec,
  U128Codec,
  fromHex,
  sha256,
  toHex,
  transactionHash,
  verifySignature,
  verifySignedTransaction,
  type Action,
  type Receipt,
  type Transaction,
} from '@nearts/primitives';

const ed = KeyPair.fromNearcoreTestSeed('test');
const zeroKey = new PublicKey(0, new Uint8Array(32));
const zeroSig = new Signature(0, new Uint8Array(64));

describe('nearcore delegate.rs DELEGATE_ACTION_HEX', () => {
  const hex =
    '0803000000616161030000006262620100000000010000000000000002000000000000' +
    '0000000000000000000000000000000000000000000000000000000000000000000000' +
    '0000000000000000000000000000000000000000000000000000000000000000000000' +
    '0000000000000000000000000000000000000000000000000000000000';
  it('decodes to Delegate{aaa → bbb, [CreateAccount], nonce 1, max height 2} and re-encodes', () => {
    const a = decode(ActionCodec, fromHex(hex));
    expect(a).toEqual({
      type: 'Delegate',
      delegateAction: { senderId: 'aaa', receiverId: 'bbb', actions: [{ type: 'CreateAccount' }], nonce: 1n, maxBlockHeight: 2n, publicKey: zeroKey },
      signature: zeroSig,
    });
    expect(toHex(encode(ActionCodec, a))).toBe(hex);
  });
});

describe('TransactionV1 (gas-key nonces, nonce mode)', () => {
  const v1: Transaction = {
    version: 'V1',
    signerId: 'alice.near',
    publicKey: ed.publicKey,
    nonce: { type: 'GasKeyNonce', nonce: 42n, nonceIndex: 3 },
    receiverId: 'bob.near',
    blockHash: sha256(Uint8Array.of(1)),
    actions: [{ type: 'Transfer', deposit: 1n }],
    nonceMode: 'Strict',
  };
  const bytes = encode(TransactionCodec, v1);
  it('is 0x01 followed by the V1 struct, nonce as TransactionNonce and a trailing NonceMode', () => {
    expect(bytes[0]).toBe(1);
    expect(bytes[1]).toBe(10); // first byte of the signer-id length
    const nonceAt = 1 + 4 + 10 + 33;
    expect(toHex(bytes.subarray(nonceAt, nonceAt + 11))).toBe('01' + '2a00000000000000' + '0300');
    expect(bytes[bytes.length - 1]).toBe(1); // Strict
    expect(decode(TransactionCodec, bytes)).toEqual(v1);
  });
  it('is hashed including the version byte and verifies when signed', () => {
    const hash = transactionHash(v1);
    expect(toHex(hash)).toBe(toHex(sha256(bytes)));
    const signed = encode(SignedTransactionCodec, { transaction: v1, signature: ed.sign(hash) });
    const d = decodeSignedTransaction(signed);
    expect(d.signedTransaction.transaction).toEqual(v1);
    expect(verifySignedTransaction(d.signedTransaction, d.hash)).toBe(true);
  });
  it('plain nonce in V1 and Monotonic mode', () => {
    const t: Transaction = { ...v1, nonce: { type: 'Nonce', nonce: 5n }, nonceMode: 'Monotonic' };
    const b = encode(TransactionCodec, t);
    expect(b[b.length - 1]).toBe(0);
    expect(decode(TransactionCodec, b)).toEqual(t);
  });
});

describe('protocol 85/86 actions', () => {
  const actions: Action[] = [
    { type: 'TransferToGasKey', publicKey: ed.publicKey, deposit: 10n },
    { type: 'WithdrawFromGasKey', publicKey: ed.publicKey, amount: 3n },
    {
      type: 'AddKey',
      publicKey: ed.publicKey,
      accessKey: { nonce: 0n, permission: { type: 'GasKeyFullAccess', gasKeyInfo: { balance: 0n, numNonces: 16 } } },
    },
    {
      type: 'AddKey',
      publicKey: ed.publicKey,
      accessKey: {
        nonce: 0n,
        permission: {
          type: 'GasKeyFunctionCall',
          gasKeyInfo: { balance: 0n, numNonces: 1 },
          functionCall: { allowance: null, receiverId: 'c.near', methodNames: ['a'] },
        },
      },
    },
    {
      type: 'DeterministicStateInit',
      stateInit: { version: 'V1', code: { type: 'CodeHash', hash: sha256(Uint8Array.of(7)) }, data: [[Uint8Array.of(1), Uint8Array.of(2)]] },
      deposit: 10n ** 21n,
    },
  ];
  it('use tags 12, 13, 5, 5, 11 and round-trip', () => {
    expect(actions.map((a) => encode(ActionCodec, a)[0])).toEqual([12, 13, 5, 5, 11]);
    for (const a of actions) expect(decode(ActionCodec, encode(ActionCodec, a))).toEqual(a);
  });
  it('gas-key permissions: tag 3 + GasKeyInfo (18 bytes) gives a 27-byte AccessKey', () => {
    const b = encode(ActionCodec, actions[2]);
    expect(b.length - 1 - 33).toBe(27); // nearcore's min_gas_key_borsh_len
    expect(b[1 + 33 + 8]).toBe(3);
  });
  it('DelegateV2: tag 14, payload tag 0, NEP-461 hash with 2^30 + 611, signature verifies', () => {
    const payload = {
      version: 'V2' as const,
      delegateAction: {
        senderId: 'alice.near',
        receiverId: 'c.near',
        actions: [{ type: 'Transfer', deposit: 1n } as Action],
        nonce: { type: 'GasKeyNonce' as const, nonce: 9n, nonceIndex: 0 },
        maxBlockHeight: 100n,
        publicKey: ed.publicKey,
      },
    };
    const hash = delegateActionV2Hash(payload);
    const expected = sha256(Uint8Array.from([...fromHex('63020040'), ...encode(VersionedDelegateActionPayloadCodec, payload)]));
    expect(toHex(hash)).toBe(toHex(expected));
    const action: Action = { type: 'DelegateV2', payload, signature: ed.sign(hash) };
    const b = encode(ActionCodec, action);
    expect([b[0], b[1]]).toEqual([14, 0]);
    const back = decode(ActionCodec, b);
    expect(back).toEqual(action);
    if (back.type !== 'DelegateV2') throw new Error('unreachable');
    expect(verifySignature(delegateActionV2Hash(back.payload), back.signature, back.payload.delegateAction.publicKey)).toBe(true);
  });
  it('a DelegateV2 inside a delegate action is refused when encoding', () => {
    const inner: Action = { type: 'Delegate', delegateAction: { senderId: 'a.near', receiverId: 'b.near', actions: [], nonce: 1n, maxBlockHeight: 1n, publicKey: zeroKey }, signature: zeroSig };
    const outer: Action = { ...inner, delegateAction: { ...(inner as Extract<Action, { type: 'Delegate' }>).delegateAction, actions: [inner] } } as Action;
    expect(() => encode(ActionCodec, outer)).toThrow(/cannot contain another delegate action/);
  });
});

describe('receipts', () => {
  const base = { predecessorId: 'alice.near', receiverId: 'bob.near', receiptId: sha256(Uint8Array.of(9)) };
  const action = {
    signerId: 'alice.near',
    signerPublicKey: ed.publicKey,
    gasPrice: 100_000_000n,
    outputDataReceivers: [{ dataId: sha256(Uint8Array.of(1)), receiverId: 'carol.near' }],
    inputDataIds: [sha256(Uint8Array.of(2))],
    actions: [{ type: 'FunctionCall', methodName: 'f', args: Uint8Array.of(1), gas: 5n, deposit: 0n } as Action],
  };
  const receipts: Receipt[] = [
    { ...base, receipt: { type: 'Action', receipt: action } },
    { ...base, receipt: { type: 'Data', receipt: { dataId: sha256(Uint8Array.of(3)), data: Uint8Array.of(1, 2) } } },
    { ...base, receipt: { type: 'PromiseYield', receipt: action } },
    { ...base, receipt: { type: 'PromiseResume', receipt: { dataId: sha256(Uint8Array.of(3)), data: null } } },
    {
      ...base,
      predecessorId: 'system',
      receiverId: 'system',
      receipt: { type: 'GlobalContractDistribution', receipt: { version: 'V2', id: { type: 'AccountId', accountId: 'pub.near' }, targetShard: 2n, alreadyDeliveredShards: [0n, 1n], code: Uint8Array.of(0, 97, 115, 109), nonce: 3n } },
    },
    { ...base, receipt: { type: 'ActionV2', receipt: { ...action, refundTo: 'dave.near' } } },
    { ...base, receipt: { type: 'PromiseYieldV2', receipt: { ...action, refundTo: null } } },
  ];
  it('ReceiptV0 layout: ids, 32-byte receipt id, then the ReceiptEnum tag', () => {
    receipts.forEach((r, tag) => {
      const b = encode(ReceiptCodec, r);
      const ids = 4 + r.predecessorId.length + 4 + r.receiverId.length;
      expect(b[ids + 32]).toBe(tag);
      expect(decode(ReceiptCodec, b)).toEqual(r);
    });
  });
  it('ActionReceiptV2 puts refund_to right after signer_id', () => {
    const b = encode(ReceiptCodec, receipts[5]);
    const at = 4 + 10 + 4 + 8 + 32 + 1 + 4 + 10;
    expect(toHex(b.subarray(at, at + 1 + 4 + 9))).toBe('01' + '09000000' + toHex(new TextEncoder().encode('dave.near')));
  });
  it('state-stored receipts: 0xFF 0xFF, version, receipt, metadata; a bare receipt is also accepted', () => {
    const r = receipts[0];
    const stored = encode(ReceiptOrStateStoredReceiptCodec, { type: 'StateStoredReceipt', version: 1, receipt: r, metadata: { congestionGas: 1n, congestionSize: 2n } });
    expect(toHex(stored.subarray(0, 3))).toBe('ffff01');
    expect(toHex(stored.subarray(stored.length - 16))).toBe('0100000000000000' + '0200000000000000');
    expect(decode(ReceiptOrStateStoredReceiptCodec, stored)).toMatchObject({ type: 'StateStoredReceipt', version: 1 });
    expect(decode(ReceiptOrStateStoredReceiptCodec, encode(ReceiptCodec, r))).toEqual({ type: 'Receipt', receipt: r });
  });
});

describe('decodeSignedTransaction hash and size', () => {
  const base = { version: 'V0' as const, signerId: 'alice.near', publicKey: ed.publicKey, nonce: 7n, receiverId: 'bob.near', blockHash: sha256(Uint8Array.of(1)) };
  const signedBytes = (t: Transaction): Uint8Array => encode(SignedTransactionCodec, { transaction: t, signature: ed.sign(transactionHash(t)) });

  it('equal the re-encoded transaction for every kind of action', () => {
    const kinds: Action[][] = [
      [{ type: 'Transfer', deposit: 10n ** 24n }],
      [{ type: 'FunctionCall', methodName: 'ünïcode_\u{feff}', args: Uint8Array.of(1, 2, 3), gas: 30n * 10n ** 12n, deposit: 1n }],
      [{ type: 'CreateAccount' }, { type: 'DeployContract', code: Uint8Array.of(0, 97, 115, 109) }, { type: 'DeleteKey', publicKey: zeroKey }],
      [{ type: 'Stake', stake: 5n, publicKey: ed.publicKey }, { type: 'DeleteAccount', beneficiaryId: 'carol.near' }],
      [{ type: 'AddKey', publicKey: zeroKey, accessKey: { nonce: 0n, permission: { type: 'FullAccess' } } }],
    ];
    for (const actions of kinds) {
      const t: Transaction = { ...base, actions };
      const body = encode(TransactionCodec, t);
      const d = decodeSignedTransaction(signedBytes(t));
      expect(toHex(d.hash)).toBe(toHex(sha256(body)));
      expect(d.size).toBe(body.length);
      expect(d.wireSize).toBe(body.length + 65);
    }
  });

  it('of a non-canonical input (unsorted state-init map) are those of its canonical form, as in nearcore', () => {
    const stateInit = { version: 'V1' as const, code: { type: 'CodeHash' as const, hash: sha256(Uint8Array.of(7)) }, data: [[Uint8Array.of(1), Uint8Array.of(2)], [Uint8Array.of(3), Uint8Array.of(4)]] as Array<[Uint8Array, Uint8Array]> };
    const t: Transaction = { ...base, actions: [{ type: 'DeterministicStateInit', stateInit, deposit: 1n }] };
    const canonical = signedBytes(t);
    // Swap the two map entries in the bytes: each is u32 len + 1 byte, u32 len + 1 byte (10 bytes).
    const at = canonical.length - 65 - 16 - 20;
    const unsorted = canonical.slice();
    unsorted.set(canonical.subarray(at + 10, at + 20), at);
    unsorted.set(canonical.subarray(at, at + 10), at + 10);
    expect(toHex(unsorted)).not.toBe(toHex(canonical));
    const d = decodeSignedTransaction(unsorted);
    expect(d.signedTransaction.transaction).toEqual(t);
    expect(toHex(d.hash)).toBe(toHex(transactionHash(t)));
    expect(d.size).toBe(encode(TransactionCodec, t).length);
  });
});

describe('encodedLength', () => {
  it('is the length of encode for the same value and extensions', () => {
    const t: Transaction = { version: 'V0', signerId: 'alice.near', publicKey: ed.publicKey, nonce: 1n, receiverId: 'bob.near', blockHash: sha256(Uint8Array.of(2)), actions: [{ type: 'FunctionCall', methodName: 'go', args: new Uint8Array(5000), gas: 1n, deposit: 0n }] };
    expect(encodedLength(TransactionCodec, t)).toBe(encode(TransactionCodec, t).length);
    expect(encodedLength(ActionCodec, { type: 'Transfer', deposit: 1n })).toBe(17);
    // A writer that grew for a large value still gives exact lengths for small ones afterwards.
    expect(encodedLength(ActionCodec, { type: 'CreateAccount' })).toBe(1);
  });
});

describe('integer reads', () => {
  it('u16, u32, u64 and u128 round-trip at their edges (exact-double fast path included)', () => {
    const u64s = [0n, 1n, 0xffff_ffffn, 0x1_0000_0000n, (1n << 53n) - 1n, 1n << 53n, (1n << 53n) + 1n, 0x1f_ffff_ffff_ffffn, 0x20_0000_0000_0000n, (1n << 64n) - 1n];
    for (const v of u64s) expect(decode(U64Codec, encode(U64Codec, v))).toBe(v);
    const u128s = [0n, (1n << 64n) - 1n, 1n << 64n, 10n ** 27n + 12345n, (1n << 128n) - 1n];
    for (const v of u128s) expect(decode(U128Codec, encode(U128Codec, v))).toBe(v);
    for (const v of [0, 1, 0xff, 0x100, 0xffff]) expect(decode(U16Codec, encode(U16Codec, v))).toBe(v);
    for (const v of [0, 1, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff]) expect(decode(U32Codec, encode(U32Codec, v))).toBe(v);
    // Little-endian on a view that does not start at its buffer's beginning.
    const bytes = Uint8Array.of(9, 1, 2, 3, 4, 5, 6, 7, 8).subarray(1);
    expect(decode(U64Codec, bytes)).toBe(0x0807060504030201n);
  });
});
