/**
 * Timings of the expensive crypto host functions (not run by `vitest run`).
 * Run: npx vitest bench --project vm-logic --run test/crypto
 */
import { createHash } from 'node:crypto';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bn254 } from '@noble/curves/bn254.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bench, describe } from 'vitest';
import {
  altBn128G1Multiexp,
  altBn128PairingCheck,
  bls12381G1Multiexp,
  bls12381G2Multiexp,
  bls12381MapFp2ToG2,
  bls12381P2Decompress,
  bls12381PairingCheck,
  ed25519Verify,
  ed25519VerifyReference,
} from '../../src/crypto/index.js';

const R = bls12_381.G1.Point.CURVE().n;
const s = (label: string) => BigInt('0x' + createHash('sha256').update(label).digest('hex')) % R;
const le32 = (v: bigint) => Uint8Array.from(Buffer.from(v.toString(16).padStart(64, '0'), 'hex').reverse());
const cat = (...p: Uint8Array[]) => Uint8Array.from(Buffer.concat(p));

const G1 = bls12_381.G1.Point;
const G2 = bls12_381.G2.Point;
const g1 = (n: number) => cat(...Array.from({ length: n }, (_, i) => cat(G1.BASE.multiply(s(`a${i}`)).toBytes(false), le32(s(`b${i}`)))));
const g2 = (n: number) => cat(...Array.from({ length: n }, (_, i) => cat(G2.BASE.multiply(s(`a${i}`)).toBytes(false), le32(s(`b${i}`)))));
const pairing = cat(
  G1.BASE.multiply(5n).toBytes(false), G2.BASE.toBytes(false),
  G1.BASE.multiply(5n).negate().toBytes(false), G2.BASE.toBytes(false),
);
const g1x1 = g1(1), g1x16 = g1(16), g1x64 = g1(64), g2x1 = g2(1), g2x16 = g2(16);
const compressedG2 = G2.BASE.multiply(9n).toBytes(true);
const fp2 = cat(new Uint8Array(47), Uint8Array.of(5), new Uint8Array(47), Uint8Array.of(7));

describe('bls12381', () => {
  bench('g1_multiexp 1', () => void bls12381G1Multiexp(g1x1, true));
  bench('g1_multiexp 16', () => void bls12381G1Multiexp(g1x16, true));
  bench('g1_multiexp 64', () => void bls12381G1Multiexp(g1x64, true), { iterations: 3 });
  bench('g2_multiexp 1', () => void bls12381G2Multiexp(g2x1, true));
  bench('g2_multiexp 16', () => void bls12381G2Multiexp(g2x16, true), { iterations: 3 });
  bench('pairing_check 2 pairs', () => void bls12381PairingCheck(pairing), { iterations: 5 });
  bench('map_fp2_to_g2 1', () => void bls12381MapFp2ToG2(fp2, true));
  bench('p2_decompress 1', () => void bls12381P2Decompress(compressedG2, true));
});

const B1 = bn254.G1.Point;
const B2 = bn254.G2.Point;
const leFq = (v: bigint) => le32(v);
function bnG1(p: InstanceType<typeof B1>) {
  const { x, y } = p.toAffine();
  return cat(leFq(x), leFq(y));
}
function bnG2(p: InstanceType<typeof B2>) {
  const { x, y } = p.toAffine();
  return cat(leFq(x.c0), leFq(x.c1), leFq(y.c0), leFq(y.c1));
}
const bnPairing = cat(bnG1(B1.BASE.multiply(3n)), bnG2(B2.BASE), bnG1(B1.BASE.multiply(3n).negate()), bnG2(B2.BASE));
const bnMultiexp = cat(...Array.from({ length: 16 }, (_, i) => cat(bnG1(B1.BASE.multiply(BigInt(i + 2))), le32(s(`c${i}`) % B1.CURVE().n))));

describe('alt_bn128', () => {
  bench('pairing_check 2 pairs', () => void altBn128PairingCheck(bnPairing), { iterations: 5 });
  bench('g1_multiexp 16', () => void altBn128G1Multiexp(bnMultiexp));
});

const seed = new Uint8Array(32).fill(3);
const msg = new Uint8Array(100).fill(1);
const sig = ed25519.sign(msg, seed);
const pk = ed25519.getPublicKey(seed);

describe('ed25519_verify', () => {
  bench('node path', () => void ed25519Verify(sig, msg, pk));
  bench('bigint reference', () => void ed25519VerifyReference(sig, msg, pk));
});
