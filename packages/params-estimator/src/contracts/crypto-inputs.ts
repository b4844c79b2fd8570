/**
 * Valid inputs for the cryptographic host functions: an invalid point or a wrong signature takes
 * a cheaper early-exit path, so every input here is a real signature or a point on the curve
 * (in nearcore's encodings: alt_bn128 little-endian, BLS12-381 ZCash big-endian).
 */
import { EstimatorInputError } from '../errors.js';
import { createPrivateKey, createPublicKey, sign as nodeSign } from 'node:crypto';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bn254 } from '@noble/curves/bn254.js';
import { p256 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function le(value: bigint, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return out;
}

function be(value: bigint, bytes: number): Uint8Array {
  return le(value, bytes).reverse();
}

/** `len` bytes of 'a', the filler the contract also uses. */
export function filler(len: number): Uint8Array {
  return new Uint8Array(len).fill(0x61);
}

/** secp256k1: hash (32) ‖ signature r‖s (64), and the recovery id for `v`. */
export function ecrecoverInput(): { payload: Uint8Array; v: number } {
  const secret = new Uint8Array(32).fill(7);
  const hash = new Uint8Array(32).fill(0x11);
  const sig = secp256k1.sign(hash, secret, { prehash: false, format: 'recovered' });
  // noble's recovered format puts the recovery byte first.
  return { payload: concat([hash, sig.subarray(1, 65)]), v: sig[0] };
}

const ED25519_PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

/** ed25519: signature (64) ‖ public key (32) ‖ message of `len` bytes of 'a'. */
export function ed25519Input(len: number): Uint8Array {
  const key = createPrivateKey({ key: Buffer.from(concat([ED25519_PKCS8_PREFIX, new Uint8Array(32).fill(3)])), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  const publicKey = new Uint8Array(spki.subarray(spki.length - 32));
  const message = filler(len);
  const signature = new Uint8Array(nodeSign(null, message, key));
  return concat([signature, publicKey, message]);
}

/** P-256 (prehash): signature (64) ‖ compressed public key (33) ‖ prehash of `len` ≥ 32 bytes of 'a'. */
export function p256Input(len: number): Uint8Array {
  if (len < 32) throw new EstimatorInputError('p256 inputs here are at least 32 bytes (shorter prehashes verify differently)');
  const secret = new Uint8Array(32).fill(5);
  const message = filler(len);
  // The host uses the first 32 bytes of a longer prehash.
  const sig = p256.sign(message.subarray(0, 32), secret, { prehash: false });
  return concat([sig, p256.getPublicKey(secret, true), message]);
}

const BN_G1 = bn254.G1.Point;
const BN_G2 = bn254.G2.Point;

function bnG1(k: bigint): Uint8Array {
  const { x, y } = BN_G1.BASE.multiply(k).toAffine();
  return concat([le(x, 32), le(y, 32)]);
}

function bnG2(k: bigint): Uint8Array {
  const { x, y } = BN_G2.BASE.multiply(k).toAffine();
  return concat([le(x.c0, 32), le(x.c1, 32), le(y.c0, 32), le(y.c1, 32)]);
}

/** `count` items of (G1, scalar) for alt_bn128_g1_multiexp. */
export function altBn128MultiexpInput(count: number): Uint8Array {
  return concat(Array.from({ length: count }, (_, i) => concat([bnG1(BigInt(i + 2)), le(0x1234567890abcdefn * BigInt(i + 1), 32)])));
}

/** `count` items of (sign, G1) for alt_bn128_g1_sum. */
export function altBn128SumInput(count: number): Uint8Array {
  return concat(Array.from({ length: count }, (_, i) => concat([Uint8Array.of(i % 2), bnG1(BigInt(i + 2))])));
}

/** `count` pairs (G1, G2) for alt_bn128_pairing_check. */
export function altBn128PairingInput(count: number): Uint8Array {
  return concat(Array.from({ length: count }, (_, i) => concat([bnG1(BigInt(i + 2)), bnG2(BigInt(i + 3))])));
}

const BLS_G1 = bls12_381.G1.Point;
const BLS_G2 = bls12_381.G2.Point;
const BLS_P = bls12_381.fields.Fp.ORDER;

const blsG1 = (k: number, compressed: boolean): Uint8Array => BLS_G1.BASE.multiply(BigInt(k + 2)).toBytes(compressed);
const blsG2 = (k: number, compressed: boolean): Uint8Array => BLS_G2.BASE.multiply(BigInt(k + 2)).toBytes(compressed);
const fp = (k: number): Uint8Array => be((BLS_P - 1n) / BigInt(k + 3), 48);

export type Bls12381Function =
  | 'p1_sum'
  | 'p2_sum'
  | 'g1_multiexp'
  | 'g2_multiexp'
  | 'map_fp_to_g1'
  | 'map_fp2_to_g2'
  | 'pairing_check'
  | 'p1_decompress'
  | 'p2_decompress';

/** `count` valid items for a `bls12381_<fn>` host function. */
export function bls12381Input(fn: Bls12381Function, count: number): Uint8Array {
  const item = (i: number): Uint8Array => {
    switch (fn) {
      case 'p1_sum':
        return concat([Uint8Array.of(i % 2), blsG1(i, false)]);
      case 'p2_sum':
        return concat([Uint8Array.of(i % 2), blsG2(i, false)]);
      case 'g1_multiexp':
        return concat([blsG1(i, false), le(0xfedcba9876543210n * BigInt(i + 1), 32)]);
      case 'g2_multiexp':
        return concat([blsG2(i, false), le(0xfedcba9876543210n * BigInt(i + 1), 32)]);
      case 'map_fp_to_g1':
        return fp(i);
      case 'map_fp2_to_g2':
        return concat([fp(i), fp(i + 1)]);
      case 'pairing_check':
        return concat([blsG1(i, false), blsG2(i, false)]);
      case 'p1_decompress':
        return blsG1(i, true);
      case 'p2_decompress':
        return blsG2(i, true);
    }
  };
  return concat(Array.from({ length: count }, (_, i) => item(i)));
}
