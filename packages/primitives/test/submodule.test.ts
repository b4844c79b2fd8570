import { describe, expect, it } from 'vitest';
import {
  ActionCodec,
  BorshError,
  NonDelegateActionCodec,
  ReceiptCodec,
  SignedTransactionCodec,
  Signature,
  PublicKey,
  SubmodulePolicyCodec,
  SubmoduleRecordCodec,
  actionJson,
  decode,
  decodeSignedTransaction,
  encode,
  parseSubmoduleTrieKey,
  submoduleTrieKeys,
  toHex,
  transactionHashAndSize,
  type Action,
  type Receipt,
  type SignedTransaction,
  type SubmodulePolicy,
} from '@nearts/primitives';

const SUB = { submodules: true } as const;
const policy: SubmodulePolicy = { storage: { type: 'Prefix', prefix: Uint8Array.of(0x61) }, parentExports: ['h'], hostFunctions: ['log_utf8'] };
const deploy: Action = { type: 'DeploySubmodule', key: Uint8Array.of(1, 2), code: Uint8Array.of(0, 0x61, 0x73, 0x6d), policy };
const del: Action = { type: 'DeleteSubmodule', key: Uint8Array.of(0xff) };

function thrown(f: () => unknown): BorshError {
  try {
    f();
  } catch (e) {
    if (e instanceof BorshError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('submodule policy and record layouts', () => {
  it('policy: scope tag + prefix, then the two name lists', () => {
    expect(toHex(encode(SubmodulePolicyCodec, policy))).toBe(
      '01' + '0100000061' + '01000000' + '0100000068' + '01000000' + '080000006c6f675f75746638',
    );
    expect(toHex(encode(SubmodulePolicyCodec, { storage: { type: 'WholeAccount' }, parentExports: [], hostFunctions: [] }))).toBe('000000000000000000');
  });

  it('record: code hash, u64 code length, policy; round-trips', () => {
    const record = { codeHash: new Uint8Array(32).fill(7), codeLength: 300n, policy };
    const bytes = encode(SubmoduleRecordCodec, record);
    expect(bytes.length).toBe(32 + 8 + 31);
    expect(toHex(bytes.subarray(32, 40))).toBe('2c01000000000000');
    expect(decode(SubmoduleRecordCodec, bytes)).toEqual(record);
  });

  it('an unknown scope tag is a bad_enum_tag error', () => {
    expect(thrown(() => decode(SubmodulePolicyCodec, Uint8Array.of(2, 0, 0, 0, 0, 0, 0, 0, 0))).reason).toBe('bad_enum_tag');
  });
});

describe('submodule actions without the extension (protocol 86 behaviour)', () => {
  it('are unencodable, like any unknown action type', () => {
    const e = thrown(() => encode(ActionCodec, deploy));
    expect(e.reason).toBe('unencodable');
    expect(e.detail).toBe('unknown action type "DeploySubmodule"');
    expect(thrown(() => encode(ActionCodec, del)).detail).toBe('unknown action type "DeleteSubmodule"');
  });

  it('their tags are unknown Action tags, reported like tag 15', () => {
    const e201 = thrown(() => decode(ActionCodec, encode(ActionCodec, del, SUB)));
    const e15 = thrown(() => decode(ActionCodec, Uint8Array.of(15, 1, 0, 0, 0, 0xff)));
    expect(e201.reason).toBe('bad_enum_tag');
    expect(e201.message).toBe(e15.message.replace('tag 15', 'tag 201'));
  });
});

describe('submodule actions with the extension', () => {
  it('DeploySubmodule: tag 200, key, code, policy', () => {
    const bytes = encode(ActionCodec, deploy, SUB);
    expect(toHex(bytes)).toBe('c8' + '020000000102' + '0400000000617' + '36d' + toHex(encode(SubmodulePolicyCodec, policy)));
    expect(decode(ActionCodec, bytes, SUB)).toEqual(deploy);
  });

  it('DeleteSubmodule: tag 201, key', () => {
    expect(toHex(encode(ActionCodec, del, SUB))).toBe('c901000000ff');
    expect(decode(ActionCodec, Uint8Array.of(201, 1, 0, 0, 0, 0xff), SUB)).toEqual(del);
  });

  it('travel inside transactions and receipts; the hash needs the extension too', () => {
    const signed: SignedTransaction = {
      transaction: {
        version: 'V0',
        signerId: 'alice.near',
        publicKey: new PublicKey(0, new Uint8Array(32)),
        nonce: 1n,
        receiverId: 'alice.near',
        blockHash: new Uint8Array(32),
        actions: [deploy, del],
      },
      signature: new Signature(0, new Uint8Array(64)),
    };
    const bytes = encode(SignedTransactionCodec, signed, SUB);
    expect(decodeSignedTransaction(bytes, SUB).signedTransaction).toEqual(signed);
    expect(thrown(() => decodeSignedTransaction(bytes)).reason).toBe('bad_enum_tag');
    expect(thrown(() => transactionHashAndSize(signed.transaction)).reason).toBe('unencodable');
    expect(transactionHashAndSize(signed.transaction, SUB).size).toBe(bytes.length - 65);

    const receipt: Receipt = {
      predecessorId: 'alice.near',
      receiverId: 'alice.near',
      receiptId: new Uint8Array(32),
      receipt: {
        type: 'Action',
        receipt: {
          signerId: 'alice.near',
          signerPublicKey: new PublicKey(0, new Uint8Array(32)),
          gasPrice: 1n,
          outputDataReceivers: [],
          inputDataIds: [],
          actions: [del],
        },
      },
    };
    expect(decode(ReceiptCodec, encode(ReceiptCodec, receipt, SUB), SUB)).toEqual(receipt);
  });

  it('are never allowed inside a delegate action', () => {
    expect(thrown(() => encode(NonDelegateActionCodec, del, SUB)).reason).toBe('unencodable');
    expect(thrown(() => decode(NonDelegateActionCodec, Uint8Array.of(201, 1, 0, 0, 0, 0xff), SUB)).reason).toBe('bad_enum_tag');
  });

  it('have a JSON view', () => {
    expect(actionJson(del)).toEqual({ DeleteSubmodule: { key: '/w==' } });
    expect(actionJson(deploy)).toEqual({
      DeploySubmodule: { key: 'AQI=', code: 'AGFzbQ==', policy: { storage: { Prefix: 'YQ==' }, parent_exports: ['h'], host_functions: ['log_utf8'] } },
    });
  });
});

describe('submodule trie keys', () => {
  it('column 200/201, account, ",", binary key', () => {
    expect(toHex(submoduleTrieKeys.code('a.near', Uint8Array.of(0, 0x2c)))).toBe('c8' + '612e6e656172' + '2c' + '002c');
    expect(toHex(submoduleTrieKeys.record('a.near', Uint8Array.of(9)))).toBe('c9' + '612e6e656172' + '2c' + '09');
    expect(toHex(submoduleTrieKeys.recordPrefix('a.near'))).toBe('c9612e6e6561722c');
  });

  it('parse back, the key may itself contain ","', () => {
    expect(parseSubmoduleTrieKey(submoduleTrieKeys.code('a.near', Uint8Array.of(0, 0x2c)))).toEqual({
      type: 'SubmoduleCode',
      accountId: 'a.near',
      key: Uint8Array.of(0, 0x2c),
    });
    expect(thrown(() => parseSubmoduleTrieKey(Uint8Array.of(9, 0x61))).reason).toBe('bad_enum_tag');
    expect(thrown(() => submoduleTrieKeys.code('A', new Uint8Array(0))).reason).toBe('invalid_account_id');
  });
});
