import { createHash } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import {
  ed25519SignatureEarlyReject,
  ed25519Verify,
  ed25519VerifyReference,
} from '../../src/crypto/index.js';
import { concat, expectHostError, hex, readJsonVector, toHex } from './helpers.js';

const invalid = (msg: string) => ({ kind: 'Ed25519VerifyInvalidInput' as const, msg });

// nearcore logic/tests/ed25519_verify.rs
const SIGNATURE = Uint8Array.from([
  145, 193, 203, 18, 114, 227, 14, 117, 33, 213, 121, 66, 130, 14, 25, 4, 36, 120, 46, 142, 226,
  215, 7, 66, 122, 112, 97, 30, 249, 135, 61, 165, 221, 249, 252, 23, 105, 40, 56, 70, 31, 152,
  236, 141, 154, 122, 207, 20, 75, 118, 79, 90, 168, 6, 221, 122, 213, 29, 126, 196, 216, 104,
  191, 6,
]);
const PUBLIC_KEY = Uint8Array.from([
  32, 122, 6, 120, 146, 130, 30, 37, 215, 112, 241, 251, 160, 196, 124, 17, 255, 75, 129, 62, 84,
  22, 46, 206, 158, 184, 57, 224, 118, 35, 26, 182,
]);
const MESSAGE = Uint8Array.from([
  107, 97, 106, 100, 108, 102, 107, 106, 97, 108, 107, 102, 106, 97, 107, 108, 102, 106, 100, 107,
  108, 97, 100, 106, 102, 107, 108, 106, 97, 100, 115, 107,
]);

function withByte(bytes: Uint8Array, index: number, value: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = value;
  return copy;
}

/** Both implementations must give the same answer; returns it. */
function verifyBoth(sig: Uint8Array, msg: Uint8Array, pk: Uint8Array): boolean {
  const fast = ed25519Verify(sig, msg, pk);
  expect(ed25519VerifyReference(sig, msg, pk), `reference vs node for pk ${toHex(pk)}`).toBe(fast);
  return fast;
}

describe('ed25519_verify: nearcore unit-test expectations', () => {
  it('accepts the valid signature', () => {
    expect(verifyBoth(SIGNATURE, MESSAGE, PUBLIC_KEY)).toBe(true);
  });

  it('returns false for an undecodable public key (FORGED_PUBLIC_KEY)', () => {
    expect(verifyBoth(SIGNATURE, MESSAGE, withByte(PUBLIC_KEY, 31, 0b1110_0001))).toBe(false);
  });

  it('returns false for BAD_SIGNATURE ([1; 64]) and for an empty message', () => {
    expect(verifyBoth(new Uint8Array(64).fill(1), MESSAGE, PUBLIC_KEY)).toBe(false);
    expect(verifyBoth(SIGNATURE, new Uint8Array(), PUBLIC_KEY)).toBe(false);
  });

  it('FORGED_SIGNATURE (top bits of s set) is rejected before the message is looked at', () => {
    const forged = withByte(SIGNATURE, 63, 0b1110_0001);
    expect(ed25519SignatureEarlyReject(forged)).toBe(true);
    expect(ed25519SignatureEarlyReject(SIGNATURE)).toBe(false);
    // Early rejection wins even over a public key of the wrong length.
    expect(ed25519Verify(forged, MESSAGE, new Uint8Array(5))).toBe(false);
    for (const bit of [0x20, 0x40, 0x80]) {
      expect(ed25519SignatureEarlyReject(withByte(SIGNATURE, 63, SIGNATURE[63]! | bit))).toBe(true);
    }
  });

  it('throws on wrong lengths, signature first', () => {
    expectHostError(() => ed25519Verify(SIGNATURE.subarray(0, 63), MESSAGE, PUBLIC_KEY), invalid('invalid signature length'));
    expectHostError(() => ed25519Verify(new Uint8Array([0]), MESSAGE, new Uint8Array([0])), invalid('invalid signature length'));
    expectHostError(() => ed25519SignatureEarlyReject(new Uint8Array(65)), invalid('invalid signature length'));
    expectHostError(() => ed25519Verify(SIGNATURE, MESSAGE, PUBLIC_KEY.subarray(0, 31)), invalid('invalid public key length'));
    expectHostError(() => ed25519Verify(SIGNATURE, MESSAGE, new Uint8Array([0])), invalid('invalid public key length'));
  });
});

describe('ed25519_verify: RFC 8032 §7.1', () => {
  const cases = [
    {
      pk: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
      msg: '',
      sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    },
    {
      pk: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
      msg: '72',
      sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    },
    {
      pk: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
      msg: 'af82',
      sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
    },
  ];
  it.each(cases)('TEST pk=$pk verifies, and fails when the message changes', ({ pk, msg, sig }) => {
    expect(verifyBoth(hex(sig), hex(msg), hex(pk))).toBe(true);
    expect(verifyBoth(hex(sig), concat(hex(msg), new Uint8Array([0])), hex(pk))).toBe(false);
  });
});

interface WycheproofEddsa {
  testGroups: { publicKey: { pk: string }; tests: { tcId: number; msg: string; sig: string; result: string; comment: string }[] }[];
}

describe('ed25519_verify: Wycheproof ed25519_test.json', () => {
  const suite = readJsonVector<WycheproofEddsa>('wycheproof-ed25519_test.json');
  const cases = suite.testGroups.flatMap((g) => g.tests.map((t) => ({ ...t, pk: g.publicKey.pk })));

  it('has the expected 151 cases', () => {
    expect(cases).toHaveLength(151);
  });

  it('64-byte signatures: valid ones verify, invalid ones do not', () => {
    for (const t of cases.filter((c) => c.sig.length === 128)) {
      expect(verifyBoth(hex(t.sig), hex(t.msg), hex(t.pk)), `tcId ${t.tcId} ${t.comment}`).toBe(t.result === 'valid');
    }
  });

  it('other signature lengths throw "invalid signature length"', () => {
    const wrongLength = cases.filter((c) => c.sig.length !== 128);
    expect(wrongLength).toHaveLength(12);
    for (const t of wrongLength) {
      expectHostError(() => ed25519Verify(hex(t.sig), hex(t.msg), hex(t.pk)), invalid('invalid signature length'));
    }
  });
});

describe('ed25519_verify: ed25519-speccheck edge cases ("Taming the many EdDSAs")', () => {
  // novifinancial/ed25519-speccheck cases.txt; expected = its results.md row for Dalek (verify),
  // which is also the OpenSSL 3.0 row: small-order keys and R accepted (cofactorless equation),
  // non-canonical s and R rejected, the non-canonical key encoding hashed as given.
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
  it.each(cases.map((c, i) => [i, ...c] as const))('case %i', (_i, msg, pk, sig, expected) => {
    expect(verifyBoth(hex(sig), hex(msg), hex(pk))).toBe(expected);
  });
});

describe('ed25519_verify: node fast path agrees with the dalek-mirroring reference', () => {
  const Point = ed25519.Point;
  const p = Point.Fp.ORDER;
  const L = Point.CURVE().n;

  function le32(v: bigint): Uint8Array {
    return hex(v.toString(16).padStart(64, '0')).reverse();
  }

  /**
   * Every encoding of a small-order point that dalek decodes: canonical, sign-bit variants
   * (including "−0"), and y + p where y + p < 2^255.
   */
  function smallOrderEncodings(): Uint8Array[] {
    const out: Uint8Array[] = [];
    let pt = Point.fromBytes(hex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa'));
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++, pt = pt.add(Point.fromBytes(hex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa')))) {
      const { y } = pt.toAffine();
      for (const yy of [y, y + p]) {
        if (yy >= 2n ** 255n) continue;
        for (const sign of [0, 0x80]) {
          const enc = le32(yy);
          enc[31] = enc[31]! | sign;
          if (!seen.has(toHex(enc))) {
            seen.add(toHex(enc));
            out.push(enc);
          }
        }
      }
    }
    return out;
  }

  it('enumerates the 14 encodings dalek accepts for the 8 small-order points', () => {
    // 5 distinct y (1, −1, 0, ±y₈) × 2 sign bits, plus y = p and y = p + 1 × 2 sign bits.
    expect(smallOrderEncodings()).toHaveLength(14);
  });

  it('agrees on s = 0 signatures over small-order keys, valid and invalid', () => {
    let accepted = 0;
    let rejected = 0;
    for (const pk of smallOrderEncodings()) {
      // With s = 0 the equation is R = −[k]A; try messages until k makes it hold (1 in ≤ 8).
      const A = ed25519.Point.fromBytes(Uint8Array.from(pk), true);
      for (let m = 0; m < 16; m++) {
        const msg = new TextEncoder().encode(`small-order ${m}`);
        for (const R of [Point.ZERO, A, A.negate()]) {
          const sig = concat(R.toBytes(), new Uint8Array(32));
          if (verifyBoth(sig, msg, pk)) accepted++;
          else rejected++;
        }
      }
    }
    expect(accepted).toBeGreaterThan(14);
    expect(rejected).toBeGreaterThan(14);
  });

  it('agrees on keys with a non-canonical y (y ≥ p), including ones node refuses', () => {
    for (let delta = 0n; delta < 19n; delta++) {
      for (const sign of [0, 0x80]) {
        const pk = le32(p + delta);
        pk[31] = pk[31]! | sign;
        verifyBoth(SIGNATURE, MESSAGE, pk);
        verifyBoth(concat(new Uint8Array(32), le32(1n)), MESSAGE, pk);
      }
    }
  });

  it('agrees on random valid signatures, tampered ones and s ≥ L', () => {
    for (let i = 0; i < 20; i++) {
      const seed = createHash('sha256').update(`key ${i}`).digest();
      const pk = ed25519.getPublicKey(seed);
      const msg = createHash('sha256').update(`msg ${i}`).digest().subarray(0, i);
      const sig = ed25519.sign(msg, seed);
      expect(verifyBoth(sig, msg, pk)).toBe(true);
      expect(verifyBoth(withByte(sig, i, sig[i]! ^ 1), msg, pk)).toBe(false);
      // s + L still passes the legacy high-bit check for small s, but is not canonical.
      const s = BigInt('0x' + toHex(sig.subarray(32).reverse()));
      if (s + L < 2n ** 253n) expect(verifyBoth(concat(sig.subarray(0, 32), le32(s + L)), msg, pk)).toBe(false);
    }
  });
});
