import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  KeyPair,
  PublicKey,
  SignedTransactionCodec,
  TransactionCodec,
  delegateActionHash,
  delegateActionSignableBytes,
  decodeSignedTransaction,
  encode,
  fromHex,
  functionCallAccessKey,
  sha256,
  toHex,
  verifySignature,
  verifySignedTransaction,
  type Transaction,
} from '@nearts/primitives';
import { generateVectors, type NearJsVectors } from './vectors/generate.mjs';

const committed: NearJsVectors = JSON.parse(readFileSync(new URL('./vectors/near-js-actions.json', import.meta.url), 'utf8'));
const byName = new Map(committed.vectors.map((v) => [v.name, v]));

/** @near-js calls Action::Delegate "signedDelegate". */
const ourName = (t: string) => (t === 'SignedDelegate' ? 'Delegate' : t);

describe('@near-js 2.5.1 vectors (near-js-actions.json)', () => {
  it('covers every action kind @near-js can build, a delegate action and a secp256k1 signer', () => {
    const kinds = new Set(committed.vectors.flatMap((v) => v.actionTypes.map(ourName)));
    expect([...kinds].sort()).toEqual(
      ['AddKey', 'CreateAccount', 'Delegate', 'DeleteAccount', 'DeleteKey', 'DeployContract', 'DeployGlobalContract',
        'FunctionCall', 'Stake', 'Transfer', 'UseGlobalContract'].sort(),
    );
    expect(byName.get('secp256k1_transfer')?.publicKey.startsWith('secp256k1:')).toBe(true);
  });

  for (const v of committed.vectors) {
    it(`${v.name}: decodes, hashes, verifies and re-encodes byte for byte`, () => {
      const decoded = decodeSignedTransaction(fromHex(v.signedTxHex));
      const tx = decoded.signedTransaction.transaction;
      expect(tx.version).toBe('V0');
      expect(tx.signerId).toBe(v.signerId);
      expect(tx.receiverId).toBe(v.receiverId);
      expect((tx as Extract<Transaction, { version: 'V0' }>).nonce).toBe(BigInt(v.nonce));
      expect(tx.publicKey.toString()).toBe(v.publicKey);
      expect(toHex(tx.blockHash)).toBe(committed.blockHashHex);
      expect(tx.actions.map((a) => a.type)).toEqual(v.actionTypes.map(ourName));
      expect(toHex(decoded.hash)).toBe(v.txHashHex);
      expect(toHex(sha256(fromHex(v.txHex)))).toBe(v.txHashHex);
      expect(toHex(decoded.signedTransaction.signature.data)).toBe(v.signatureHex);
      expect(verifySignedTransaction(decoded.signedTransaction, decoded.hash)).toBe(true);
      expect(toHex(encode(TransactionCodec, tx))).toBe(v.txHex);
      expect(toHex(encode(SignedTransactionCodec, decoded.signedTransaction))).toBe(v.signedTxHex);
    });
  }

  it('delegate: NEP-461 bytes, hash and the inner signature match @near-js', () => {
    const v = byName.get('delegate')!;
    const action = decodeSignedTransaction(fromHex(v.signedTxHex)).signedTransaction.transaction.actions[0];
    if (action.type !== 'Delegate') throw new Error('expected a Delegate action');
    expect(action.delegateAction.senderId).toBe('bob.near');
    expect(action.delegateAction.actions.map((a) => a.type)).toEqual(['FunctionCall', 'Transfer']);
    expect(toHex(delegateActionSignableBytes(action.delegateAction))).toBe(v.delegateSignableHex);
    // prefix is u32 LE 2^30 + 366 = 0x4000016e
    expect(v.delegateSignableHex!.slice(0, 8)).toBe('6e010040');
    const hash = delegateActionHash(action.delegateAction);
    expect(toHex(hash)).toBe(v.delegateHashHex);
    expect(toHex(action.signature.data)).toBe(v.delegateSignatureHex);
    expect(verifySignature(hash, action.signature, PublicKey.fromString(v.delegatePublicKey!))).toBe(true);
    expect(verifySignature(sha256(new Uint8Array([1])), action.signature, action.delegateAction.publicKey)).toBe(false);
  });

  it('secp256k1: our signer reproduces the @near-js signature (RFC 6979, low s)', () => {
    const v = byName.get('secp256k1_transfer')!;
    const kp = KeyPair.fromString(v.secretKey!);
    expect(kp.publicKey.toString()).toBe(v.publicKey);
    expect(toHex(kp.sign(fromHex(v.txHashHex)).data)).toBe(v.signatureHex);
  });

  it('transactions built with this package give the same bytes as @near-js', () => {
    const alice = PublicKey.fromString(committed.keys.alice);
    const bob = PublicKey.fromString(committed.keys.bob);
    const blockHash = fromHex(committed.blockHashHex);
    const stake: Transaction = {
      version: 'V0',
      signerId: 'alice.near',
      publicKey: alice,
      nonce: BigInt(byName.get('stake')!.nonce),
      receiverId: 'alice.near',
      blockHash,
      actions: [{ type: 'Stake', stake: 100n * 10n ** 24n, publicKey: PublicKey.fromString(committed.keys.validator) }],
    };
    expect(toHex(encode(TransactionCodec, stake))).toBe(byName.get('stake')!.txHex);
    const fcKey: Transaction = {
      version: 'V0',
      signerId: 'alice.near',
      publicKey: alice,
      nonce: BigInt(byName.get('add_key_function_call')!.nonce),
      receiverId: 'alice.near',
      blockHash,
      actions: [{ type: 'AddKey', publicKey: bob, accessKey: functionCallAccessKey('contract.near', ['get', 'set'], 250_000_000_000_000_000_000_000n) }],
    };
    expect(toHex(encode(TransactionCodec, fcKey))).toBe(byName.get('add_key_function_call')!.txHex);
    const globalByAccount: Transaction = {
      version: 'V0',
      signerId: 'alice.near',
      publicKey: alice,
      nonce: BigInt(byName.get('use_global_contract_account_id')!.nonce),
      receiverId: 'alice.near',
      blockHash,
      actions: [{ type: 'UseGlobalContract', contractIdentifier: { type: 'AccountId', accountId: 'publisher.near' } }],
    };
    expect(toHex(encode(TransactionCodec, globalByAccount))).toBe(byName.get('use_global_contract_account_id')!.txHex);
  });

  it('regenerating with @near-js gives exactly the committed JSON (no drift)', async () => {
    expect(await generateVectors()).toEqual(committed);
  });
});
