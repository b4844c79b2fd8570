import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  KeyPair,
  SignedTransactionCodec,
  TransactionCodec,
  decode,
  decodeSignedTransaction,
  encode,
  fromHex,
  hashToBase58,
  sha256,
  toHex,
  transactionHash,
  verifySignedTransaction,
  type Action,
} from '@nearts/primitives';

const vector = JSON.parse(readFileSync(new URL('./vectors/sample-signed-tx.json', import.meta.url), 'utf8'));

describe('client vector: sample-signed-tx.json (@near-js 2.5.1)', () => {
  const signedBytes = fromHex(vector.signedTxHex);
  const txBytes = fromHex(vector.txHex);
  const decoded = decodeSignedTransaction(signedBytes);
  const { transaction, signature } = decoded.signedTransaction;

  it('decodes into a V0 transaction with the listed fields', () => {
    expect(transaction.version).toBe('V0');
    expect(transaction.signerId).toBe('alice.test.near');
    expect(transaction.receiverId).toBe('counter.alice.test.near');
    expect(transaction.publicKey.toString()).toBe(vector.signerPublicKey);
    expect(transaction.version === 'V0' && transaction.nonce).toBe(1n);
    expect(toHex(transaction.blockHash)).toBe(vector.blockHashHex);
    expect(hashToBase58(transaction.blockHash)).toBe(vector.blockHashBase58);
    expect(transaction.actions.map((a) => a.type)).toEqual(['CreateAccount', 'Transfer', 'AddKey', 'DeployContract', 'FunctionCall']);
    const [, transfer, addKey, deploy, call] = transaction.actions as [Action, Action, Action, Action, Action];
    expect(transfer).toEqual({ type: 'Transfer', deposit: 10n * 10n ** 24n });
    expect(addKey.type === 'AddKey' && addKey.publicKey.toString()).toBe(vector.actions[2].publicKey);
    expect(addKey.type === 'AddKey' && addKey.accessKey).toEqual({ nonce: 0n, permission: { type: 'FullAccess' } });
    expect(deploy.type === 'DeployContract' && deploy.code.length).toBe(5255);
    expect(deploy.type === 'DeployContract' && toHex(sha256(deploy.code))).toBe(vector.actions[3].codeSha256Hex);
    expect(call).toEqual({
      type: 'FunctionCall',
      methodName: 'increment',
      args: new TextEncoder().encode('{}'),
      gas: 30_000_000_000_000n,
      deposit: 0n,
    });
  });

  it('hashes to txHashHex and the ed25519 signature verifies', () => {
    expect(toHex(decoded.hash)).toBe(vector.txHashHex);
    expect(hashToBase58(transactionHash(transaction))).toBe(vector.txHashBase58);
    expect(toHex(signature.data)).toBe(vector.signature.hex);
    expect(signature.toString()).toBe('ed25519:' + vector.signature.base58);
    expect(verifySignedTransaction(decoded.signedTransaction, decoded.hash)).toBe(true);
    expect(decoded.size).toBe(vector.txLength);
    expect(decoded.wireSize).toBe(vector.signedTxLength);
  });

  it('re-encodes byte for byte', () => {
    expect(toHex(encode(TransactionCodec, transaction))).toBe(vector.txHex);
    expect(toHex(encode(SignedTransactionCodec, decoded.signedTransaction))).toBe(vector.signedTxHex);
    expect(toHex(encode(TransactionCodec, decode(TransactionCodec, txBytes)))).toBe(vector.txHex);
  });

  it('rejects the signature once any transaction byte changes', () => {
    const tampered = signedBytes.slice();
    tampered[30] ^= 1; // inside the signer public key
    const t = decodeSignedTransaction(tampered);
    expect(verifySignedTransaction(t.signedTransaction, t.hash)).toBe(false);
  });

  it('the listed test secret key reproduces the signer key and the signature', () => {
    const kp = KeyPair.fromString(vector.signerSecretKey);
    expect(kp.publicKey.toString()).toBe(vector.signerPublicKey);
    expect(toHex(kp.sign(decoded.hash).data)).toBe(vector.signature.hex);
    const seeded = KeyPair.ed25519FromSeed(sha256(new TextEncoder().encode(vector.signerSeedText)));
    expect(seeded.toString()).toBe(vector.signerSecretKey);
  });
});
