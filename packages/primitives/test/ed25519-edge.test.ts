/**
 * Transaction signatures are checked with OpenSSL (node:crypto); nearcore uses ed25519-dalek 2.x
 * `VerifyingKey::verify`: the cofactorless equation encode([s]B − [k]A) == R byte for byte,
 * k = SHA-512(R ‖ A as given ‖ M) mod L, s < L, A decompressed leniently (y taken mod p, small
 * order allowed). These cases pin that both accept and reject exactly the same inputs, with a
 * dalek-mirroring reference written here on @noble/curves as the oracle.
 */
import { createHash } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { verifyEd25519 } from '@nearts/primitives';

const Point = ed25519.Point;
const Fp = Point.Fp;
const P = Fp.ORDER;
const L = Point.CURVE().n;
const D = Point.CURVE().d;

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const le = (b: Uint8Array) => BigInt('0x' + (toHex(Uint8Array.from(b).reverse()) || '0'));
const le32 = (v: bigint) => hex(v.toString(16).padStart(64, '0')).reverse();
const concat = (a: Uint8Array, b: Uint8Array) => Uint8Array.from([...a, ...b]);

/** curve25519-dalek `CompressedEdwardsY::decompress`: y mod p, x = √((y²−1)/(dy²+1)) non-negative, negated by the sign bit. */
function decompressLenient(bytes: Uint8Array) {
  const masked = Uint8Array.from(bytes);
  masked[31] = masked[31]! & 0x7f;
  const y = le(masked) % P;
  const yy = Fp.sqr(y);
  let x: bigint;
  try {
    x = Fp.sqrt(Fp.div(Fp.sub(yy, 1n), Fp.add(Fp.mul(yy, D), 1n)));
  } catch {
    return null;
  }
  if ((x & 1n) === 1n) x = Fp.neg(x);
  if ((bytes[31]! & 0x80) !== 0) x = Fp.neg(x);
  return Point.fromAffine({ x, y });
}

/** ed25519-dalek 2.x `verify` (non-strict), step by step. */
function dalekVerify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  const A = decompressLenient(publicKey);
  if (A === null) return false;
  const s = le(signature.subarray(32));
  if (s >= L) return false;
  const k = le(createHash('sha512').update(signature.subarray(0, 32)).update(publicKey).update(message).digest()) % L;
  const R = (s === 0n ? Point.ZERO : Point.BASE.multiplyUnsafe(s)).subtract(k === 0n ? Point.ZERO : A.multiplyUnsafe(k)).toBytes();
  return toHex(R) === toHex(signature.subarray(0, 32));
}

function same(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  const expected = dalekVerify(message, signature, publicKey);
  expect(verifyEd25519(message, signature, publicKey), `key ${toHex(publicKey)} sig ${toHex(signature)}`).toBe(expected);
  return expected;
}

/** Every encoding dalek decodes for the 8 small-order points: sign-bit variants and y + p where it fits. */
function smallOrderEncodings(): Uint8Array[] {
  const gen = Point.fromBytes(hex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa'));
  const out = new Map<string, Uint8Array>();
  let pt = gen;
  for (let i = 0; i < 8; i++, pt = pt.add(gen)) {
    const { y } = pt.toAffine();
    for (const yy of [y, y + P]) {
      if (yy >= 2n ** 255n) continue;
      for (const sign of [0, 0x80]) {
        const e = le32(yy);
        e[31] = e[31]! | sign;
        out.set(toHex(e), e);
      }
    }
  }
  return [...out.values()];
}

describe('ed25519 transaction signatures: node:crypto accepts exactly what ed25519-dalek verify accepts', () => {
  it('ed25519-speccheck cases ("Taming the many EdDSAs"), Dalek verify column', () => {
    // [message, public key, signature, dalek verify]
    const cases: [string, string, string, boolean][] = [
      ['8c93255d71dcab10e8f379c26200f3c7bd5f09d9bc3068d3ef4edeb4853022b6', 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa', 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a0000000000000000000000000000000000000000000000000000000000000000', true],
      ['9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79', 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa', 'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04', true],
      ['aebf3f2601a0c8c5d39cc7d8911642f740b78168218da8471772b35f9d35b9ab', 'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43', 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa8c4bd45aecaca5b24fb97bc10ac27ac8751a7dfe1baff8b953ec9f5833ca260e', true],
      ['9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79', 'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d', '9046a64750444938de19f227bb80485e92b83fdb4b6506c160484c016cc1852f87909e14428a7a1d62e9f22f3d3ad7802db02eb2e688b6c52fcd6648a98bd009', true],
      ['e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c', 'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d', '160a1cb0dc9c0258cd0a7d23e94d8fa878bcb1925f2c64246b2dee1796bed5125ec6bc982a269b723e0668e540911a9a6a58921d6925e434ab10aa7940551a09', false],
      ['e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c', 'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d', '21122a84e0b5fca4052f5b1235c80a537878b38f3142356b2c2384ebad4668b7e40bc836dac0f71076f9abe3a53f9c03c1ceeeddb658d0030494ace586687405', false],
      ['85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40', '442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623', 'e96f66be976d82e60150baecff9906684aebb1ef181f67a7189ac78ea23b6c0e547f7690a0e2ddcd04d87dbc3490dc19b3b3052f7ff0538cb68afb369ba3a514', false],
      ['85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40', '442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623', '8ce5b96c8f26d0ab6c47958c9e68b937104cd36e13c33566acd2fe8d38aa19427e71f98a473474f2f13f06f97c20d58cc3f54b8bd0d272f42b695dd7e89a8c22', false],
      ['9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41', 'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43', 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff03be9678ac102edcd92b0210bb34d7428d12ffc5df5f37e359941266a4e35f0f', false],
      ['9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41', 'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43', 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffca8c5b64cd208982aa38d4936621a4775aa233aa0505711d8fdcfdaa943d4908', false],
      ['e96b7021eb39c1a163b6da4e3093dcd3f21387da4cc4572be588fafae23c155b', 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', 'a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dca5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04', false],
      ['39a591f5321bbe07fd5a23dc2f39d025d74526615746727ceefd6e82ae65c06f', 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', 'a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dca5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04', true],
    ];
    for (const [msg, pk, sig, expected] of cases) expect(same(hex(msg), hex(sig), hex(pk))).toBe(expected);
  });

  it('small-order keys (all 14 encodings dalek decodes) with s = 0: some accepted, some rejected, identically', () => {
    const keys = smallOrderEncodings();
    expect(keys).toHaveLength(14);
    let accepted = 0;
    let rejected = 0;
    for (const pk of keys) {
      const A = decompressLenient(pk)!;
      for (let m = 0; m < 16; m++) {
        const msg = new TextEncoder().encode(`small-order ${m}`);
        for (const R of [Point.ZERO, A, A.negate()]) {
          if (same(msg, concat(R.toBytes(), new Uint8Array(32)), pk)) accepted++;
          else rejected++;
        }
      }
    }
    expect(accepted).toBeGreaterThan(14);
    expect(rejected).toBeGreaterThan(14);
  });

  it('keys with a non-canonical y (y ≥ p, both sign bits), including the identity as p + 1', () => {
    let accepted = 0;
    for (let delta = 0n; delta < 19n; delta++) {
      for (const sign of [0, 0x80]) {
        const pk = le32(P + delta);
        pk[31] = pk[31]! | sign;
        for (let m = 0; m < 4; m++) {
          const msg = Uint8Array.of(m);
          // Under the identity key any R = [s]B verifies.
          if (same(msg, concat(Point.BASE.multiply(3n).toBytes(), le32(3n)), pk)) accepted++;
          same(msg, concat(Point.ZERO.toBytes(), new Uint8Array(32)), pk);
        }
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it('ordinary signatures, tampered ones, and s + L (non-canonical s)', () => {
    for (let i = 0; i < 16; i++) {
      const seed = createHash('sha256').update(`key ${i}`).digest();
      const pk = ed25519.getPublicKey(seed);
      const msg = createHash('sha256').update(`msg ${i}`).digest();
      const sig = ed25519.sign(msg, seed);
      expect(same(msg, sig, pk)).toBe(true);
      const tampered = Uint8Array.from(sig);
      tampered[(i * 5) % 64] ^= 1;
      expect(same(msg, tampered, pk)).toBe(false);
      const s = le(sig.subarray(32));
      if (s + L < 2n ** 253n) expect(same(msg, concat(sig.subarray(0, 32), le32(s + L)), pk)).toBe(false);
    }
  });
});
