import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import {
  ecrecover,
  ecrecoverCheckHash,
  ecrecoverCheckSignature,
  keccak256,
} from '../../src/crypto/index.js';
import { concat, expectHostError, hex, readJsonVector, toHex } from './helpers.js';

interface EcrecoverVector {
  m: string;
  v: number;
  sig: string;
  mc: boolean;
  res: string | null;
}

const N = secp256k1.Point.CURVE().n;
const P = secp256k1.Point.CURVE().p;

function be32(v: bigint): Uint8Array {
  return hex(v.toString(16).padStart(64, '0'));
}

describe('ecrecover', () => {
  const vectors = readJsonVector<EcrecoverVector[]>('ecrecover-tests.json');

  it('reproduces all 161 cases of nearcore ecrecover-tests.json', () => {
    expect(vectors).toHaveLength(161);
    for (const t of vectors) {
      const got = ecrecover(hex(t.m), hex(t.sig), BigInt(t.v), t.mc ? 1n : 0n);
      expect(got === null ? null : toHex(got), `${t.m} v=${t.v} mc=${t.mc}`).toBe(t.res);
    }
  });

  it('agrees with the Ethereum ECRECOVER precompile vectors (go-ethereum) where v is 27/28', () => {
    const geth = readJsonVector<{ Input: string; Expected: string; Name: string }[]>('geth-ecRecover.json');
    let checked = 0;
    for (const t of geth) {
      const input = hex(t.Input);
      const vWord = BigInt('0x' + toHex(input.subarray(32, 64)));
      // The EVM rejects any other 32-byte v word before recovering; NEAR has no such word.
      if (vWord !== 27n && vWord !== 28n) continue;
      const pk = ecrecover(input.subarray(0, 32), input.subarray(64, 128), vWord - 27n, 0n);
      if (t.Expected === '') expect(pk, t.Name).toBeNull();
      else expect(toHex(keccak256(pk!).subarray(12)), t.Name).toBe(t.Expected.slice(24));
      checked++;
    }
    expect(checked).toBe(2);
  });

  // A signature made here with a known key, so every rule can be exercised around a valid case.
  const secret = hex('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721');
  const pub = secp256k1.getPublicKey(secret, false).subarray(1);
  const hash = keccak256(new TextEncoder().encode('nearts ecrecover'));
  const sig = secp256k1.sign(hash, secret, { prehash: false, format: 'recovered' });
  const v = BigInt(sig[0]!);
  const rs = sig.subarray(1);

  it('recovers the signer and matches its Ethereum address', () => {
    const got = ecrecover(hash, rs, v, 0n)!;
    expect(toHex(got)).toBe(toHex(pub));
    expect(toHex(keccak256(got).subarray(12))).toBe(
      toHex(keccak256(pub).subarray(12)),
    );
  });

  it('malleability flag: high s fails only with flag 1, and (r, n - s) recovers with v ^ 1', () => {
    const s = BigInt('0x' + toHex(rs.subarray(32)));
    const r = rs.subarray(0, 32);
    const flippedS = concat(r, be32(N - s));
    const highIsFlipped = N - s > N / 2n;
    const [low, lowV, high, highV] = highIsFlipped
      ? [rs, v, flippedS, v ^ 1n]
      : [flippedS, v ^ 1n, rs, v];
    expect(toHex(ecrecover(hash, low, lowV, 1n)!)).toBe(toHex(pub));
    expect(toHex(ecrecover(hash, high, highV, 0n)!)).toBe(toHex(pub));
    expect(ecrecover(hash, high, highV, 1n)).toBeNull();
  });

  it('s exactly n/2 passes the malleability check, n/2 + 1 does not', () => {
    const r = rs.subarray(0, 32);
    // Recovery still runs; whatever it yields, only the range check may reject here.
    expect(ecrecover(hash, concat(r, be32(N / 2n)), 0n, 1n)).not.toBeNull();
    expect(ecrecover(hash, concat(r, be32(N / 2n + 1n)), 0n, 1n)).toBeNull();
    expect(ecrecover(hash, concat(r, be32(N / 2n + 1n)), 0n, 0n)).not.toBeNull();
  });

  it('returns null for r or s out of range or zero', () => {
    const r = rs.subarray(0, 32);
    const s = rs.subarray(32);
    expect(ecrecover(hash, concat(be32(0n), s), v, 0n)).toBeNull();
    expect(ecrecover(hash, concat(r, be32(0n)), v, 0n)).toBeNull();
    expect(ecrecover(hash, concat(be32(N), s), v, 0n)).toBeNull();
    expect(ecrecover(hash, concat(r, be32(N)), v, 0n)).toBeNull();
    expect(ecrecover(hash, concat(be32(2n ** 256n - 1n), s), v, 0n)).toBeNull();
  });

  it('v = 2/3 needs r + n < p', () => {
    const s = rs.subarray(32);
    expect(ecrecover(hash, concat(be32(P - N), s), 2n, 0n)).toBeNull();
    expect(ecrecover(hash, concat(be32(P - N), s), 3n, 0n)).toBeNull();
    // r = 1: x = 1 + n < p; whether it lifts depends on the curve, but it must not throw.
    expect(() => ecrecover(hash, concat(be32(1n), s), 2n, 0n)).not.toThrow();
  });

  it('returns null when r is not the x-coordinate of any point', () => {
    // x = 5: 5³ + 7 = 132 is a non-residue mod p (checked below), so there is no point.
    const Fp = secp256k1.Point.Fp;
    expect(() => Fp.sqrt(132n)).toThrow();
    expect(ecrecover(hash, concat(be32(5n), rs.subarray(32)), 0n, 0n)).toBeNull();
  });

  it('throws ECRecoverError in nearcore order: sig length, v, hash length, flag', () => {
    const msg = (m: string) => ({ kind: 'ECRecoverError' as const, msg: m });
    expectHostError(
      () => ecrecover(new Uint8Array(31), new Uint8Array(65), 9n, 7n),
      msg('The length of the signature: 65, exceeds the limit of 64 bytes'),
    );
    expectHostError(
      () => ecrecover(new Uint8Array(31), new Uint8Array(0), 0n, 0n),
      msg('The length of the signature: 0, exceeds the limit of 64 bytes'),
    );
    expectHostError(
      () => ecrecover(new Uint8Array(31), rs, 4n, 7n),
      msg('V recovery byte 0 through 3 are valid but was provided 4'),
    );
    expectHostError(
      () => ecrecover(hash, rs, 2n ** 64n - 1n, 0n),
      msg('V recovery byte 0 through 3 are valid but was provided 18446744073709551615'),
    );
    expectHostError(
      () => ecrecover(new Uint8Array(33), rs, 0n, 7n),
      msg('The length of the hash: 33, exceeds the limit of 32 bytes'),
    );
    expectHostError(
      () => ecrecover(hash, rs, 0n, 2n),
      msg('Malleability flag needs to be 0 or 1, but is instead 2'),
    );
    // The split checks used by the host wrapper between its two reads.
    expectHostError(() => ecrecoverCheckSignature(rs, 27n), msg('V recovery byte 0 through 3 are valid but was provided 27'));
    expectHostError(() => ecrecoverCheckHash(new Uint8Array(0)), msg('The length of the hash: 0, exceeds the limit of 32 bytes'));
  });
});
