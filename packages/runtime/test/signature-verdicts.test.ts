/**
 * Remembered signature verdicts: the check done on submission spares the one at apply, but a
 * verdict is never reused for different bytes, and invalid signatures are never remembered.
 */
import { KeyPair, NEAR, Signature, sha256, type Action } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { InvalidTxError, type InvalidTxErrorData } from '../src/index.js';
import { SignatureVerdicts } from '../src/verifier/signature-verdicts.js';
import { keyOf, signTx, testChain, txBytes } from './helpers.js';

const alice = KeyPair.ed25519FromSeed(new Uint8Array(32).fill(1));
const bob = KeyPair.ed25519FromSeed(new Uint8Array(32).fill(2));

function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] ^= 1;
  return copy;
}

describe('SignatureVerdicts', () => {
  it('reuses a verdict only for the identical hash, key and signature', () => {
    const verdicts = new SignatureVerdicts(8);
    const hash = sha256(new TextEncoder().encode('tx'));
    const sig = alice.sign(hash);
    expect(verdicts.verify(hash, sig, alice.publicKey)).toBe(true);
    expect(verdicts.size).toBe(1);
    expect(verdicts.verify(hash, sig, alice.publicKey)).toBe(true);
    expect(verdicts.size).toBe(1);
    expect(verdicts.verify(flipped(hash, 0), sig, alice.publicKey)).toBe(false);
    expect(verdicts.verify(hash, new Signature(sig.keyType, flipped(sig.data, 63)), alice.publicKey)).toBe(false);
    expect(verdicts.verify(hash, sig, bob.publicKey)).toBe(false);
    expect(verdicts.size).toBe(1);
  });

  it('keeps at most its capacity, dropping the oldest, and still verifies dropped ones', () => {
    const verdicts = new SignatureVerdicts(2);
    const hashes = [1, 2, 3].map((i) => sha256(Uint8Array.of(i)));
    for (const h of hashes) expect(verdicts.verify(h, alice.sign(h), alice.publicKey)).toBe(true);
    expect(verdicts.size).toBe(2);
    expect(verdicts.verify(hashes[0], alice.sign(hashes[0]), alice.publicKey)).toBe(true);
    expect(verdicts.verify(hashes[0], bob.sign(hashes[0]), alice.publicKey)).toBe(false);
    expect(verdicts.size).toBe(2);
  });
});

describe('signature checked on submission, then at apply', () => {
  const transfer: Action[] = [{ type: 'Transfer', deposit: NEAR }];

  function rejection(fn: () => unknown): InvalidTxErrorData {
    try {
      fn();
    } catch (e) {
      if (e instanceof InvalidTxError) return e.data;
      throw e;
    }
    throw new Error('expected the transaction to be rejected');
  }

  it('a forged signature over an already accepted transaction is still rejected, on submit and in a block', () => {
    const accepting = testChain();
    const good = signTx('alice.near', keyOf('alice.near'), 'bob.near', 1n, transfer, accepting.head.hash);
    const forged = { ...good, signature: new Signature(good.signature.keyType, flipped(good.signature.data, 0)) };
    accepting.submit(good);
    expect(rejection(() => accepting.submit(forged))).toEqual({ kind: 'InvalidSignature' });
    // A second chain from the same genesis: same transaction hash, the forged signature unchecked.
    const chain = testChain();
    const hash = chain.submit(txBytes(forged), { check: false });
    chain.produceBlock();
    const o = chain.outcome(hash)!.outcome.outcome;
    expect(o.gasBurnt).toBe(0n);
    expect(o.tokensBurnt).toBe(0n);
    expect(o.status).toEqual({ kind: 'Failure', error: { kind: 'InvalidTxError', error: { kind: 'InvalidSignature' } } });
  });
});
