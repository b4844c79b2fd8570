import { createHash } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { p256SignatureEarlyReject, p256Verify } from '../../src/crypto/index.js';
import { concat, expectHostError, hex, readJsonVector } from './helpers.js';

const invalid = (msg: string) => ({ kind: 'P256VerifyInvalidInput' as const, msg });
const sha256 = (b: Uint8Array) => Uint8Array.from(createHash('sha256').update(b).digest());
const N = p256.Point.CURVE().n;
const be32 = (v: bigint) => hex(v.toString(16).padStart(64, '0'));

/** 04‖x‖y → 02/03‖x */
function compress(uncompressed: Uint8Array): Uint8Array {
  const y = uncompressed[64]!;
  return concat(Uint8Array.of(y & 1 ? 0x03 : 0x02), uncompressed.subarray(1, 33));
}

// nearcore logic/tests/p256_verify.rs uses this secret key, a 32-byte prehash of 7s, and signs
// the raw bytes (no hashing: the host function takes the prehash).
const SECRET = hex('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721');
const PUBLIC = p256.getPublicKey(SECRET, true);
const MESSAGE = new Uint8Array(32).fill(7);
const SIGNATURE = p256.sign(MESSAGE, SECRET, { prehash: false });

describe('p256_verify: nearcore unit-test expectations', () => {
  it('accepts a valid signature over a raw 32-byte prehash', () => {
    expect(PUBLIC).toHaveLength(33);
    expect(p256Verify(SIGNATURE, MESSAGE, PUBLIC)).toBe(true);
  });

  it('all-zero signature is rejected early (Signature::from_slice fails)', () => {
    expect(p256SignatureEarlyReject(new Uint8Array(64))).toBe(true);
    expect(p256SignatureEarlyReject(SIGNATURE)).toBe(false);
    // Early rejection happens before the key length is looked at.
    expect(p256Verify(new Uint8Array(64), MESSAGE, new Uint8Array(1))).toBe(false);
  });

  it('tampered message, unrelated key, all-zero key and empty message give false', () => {
    const tampered = Uint8Array.from(MESSAGE);
    tampered[0]! ^= 1;
    expect(p256Verify(SIGNATURE, tampered, PUBLIC)).toBe(false);
    const other = p256.getPublicKey(hex('112233445566778899aabbccddeeff0102030405060708090a0b0c0d0e0f1021'), true);
    expect(p256Verify(SIGNATURE, MESSAGE, other)).toBe(false);
    expect(p256Verify(SIGNATURE, MESSAGE, new Uint8Array(33))).toBe(false);
    expect(p256Verify(SIGNATURE, new Uint8Array(), PUBLIC)).toBe(false);
  });

  it('a 256-byte prehash is truncated to its first 32 bytes', () => {
    const long = Uint8Array.from({ length: 256 }, (_, i) => i & 0xff);
    const sig = p256.sign(long.subarray(0, 32), SECRET, { prehash: false });
    expect(p256Verify(sig, long, PUBLIC)).toBe(true);
    // Bytes past the 32nd do not matter.
    const changedTail = Uint8Array.from(long);
    changedTail[200]! ^= 0xff;
    expect(p256Verify(sig, changedTail, PUBLIC)).toBe(true);
  });

  it('throws on wrong lengths: signature (63, 0, 1 bytes), then public key (32 bytes)', () => {
    expectHostError(() => p256Verify(SIGNATURE.subarray(0, 63), MESSAGE, PUBLIC), invalid('invalid signature length'));
    expectHostError(() => p256Verify(new Uint8Array(), MESSAGE, PUBLIC), invalid('invalid signature length'));
    expectHostError(() => p256SignatureEarlyReject(new Uint8Array(1)), invalid('invalid signature length'));
    expectHostError(() => p256Verify(SIGNATURE, MESSAGE, PUBLIC.subarray(0, 32)), invalid('invalid public key length'));
    expectHostError(() => p256Verify(SIGNATURE, MESSAGE, p256.getPublicKey(SECRET, false)), invalid('invalid public key length'));
  });
});

describe('p256_verify: prehash length rules (ecdsa bits2field)', () => {
  it('prehash shorter than 16 bytes never verifies; 16..31 bytes are left-padded', () => {
    for (const len of [16, 20, 31]) {
      const prehash = Uint8Array.from({ length: len }, (_, i) => i + 1);
      const padded = concat(new Uint8Array(32 - len), prehash);
      const sig = p256.sign(padded, SECRET, { prehash: false });
      expect(p256Verify(sig, prehash, PUBLIC), `len ${len}`).toBe(true);
    }
    const short = Uint8Array.from({ length: 15 }, (_, i) => i + 1);
    const sig = p256.sign(concat(new Uint8Array(17), short), SECRET, { prehash: false });
    expect(p256Verify(sig, concat(new Uint8Array(17), short), PUBLIC)).toBe(true);
    expect(p256Verify(sig, short, PUBLIC)).toBe(false);
  });

  it('a prehash ≥ n is reduced mod n', () => {
    const z = N + 5n;
    const sig = p256.sign(be32(5n), SECRET, { prehash: false });
    expect(p256Verify(sig, be32(z), PUBLIC)).toBe(true);
  });
});

describe('p256_verify: signature and key encodings', () => {
  const r = SIGNATURE.subarray(0, 32);
  const s = BigInt('0x' + Buffer.from(SIGNATURE.subarray(32)).toString('hex'));

  it('high s is accepted (no low-s rule), r/s = 0 or ≥ n are rejected early', () => {
    expect(p256Verify(concat(r, be32(N - s)), MESSAGE, PUBLIC)).toBe(true);
    for (const bad of [concat(r, be32(0n)), concat(r, be32(N)), concat(be32(0n), be32(s)), concat(be32(N), be32(s)), concat(be32(N + 1n), be32(s))]) {
      expect(p256SignatureEarlyReject(bad)).toBe(true);
      expect(p256Verify(bad, MESSAGE, PUBLIC)).toBe(false);
    }
  });

  it('only tags 0x02/0x03 are keys; the wrong parity is a different key; x ≥ p is rejected', () => {
    for (const tag of [0x00, 0x01, 0x04, 0x05, 0x06, 0x07]) {
      expect(p256Verify(SIGNATURE, MESSAGE, concat(Uint8Array.of(tag), PUBLIC.subarray(1)))).toBe(false);
    }
    expect(p256Verify(SIGNATURE, MESSAGE, concat(Uint8Array.of(PUBLIC[0]! ^ 1), PUBLIC.subarray(1)))).toBe(false);
    const p = p256.Point.CURVE().p;
    expect(p256Verify(SIGNATURE, MESSAGE, concat(Uint8Array.of(0x02), be32(p)))).toBe(false);
  });
});

interface WycheproofEcdsa {
  testGroups: { publicKey: { uncompressed: string }; tests: { tcId: number; msg: string; sig: string; result: string; comment: string }[] }[];
}

describe('p256_verify: Wycheproof ecdsa_secp256r1_sha256_p1363_test.json (SHA-256(msg) as prehash)', () => {
  const suite = readJsonVector<WycheproofEcdsa>('wycheproof-ecdsa_secp256r1_sha256_p1363_test.json');
  const cases = suite.testGroups.flatMap((g) => g.tests.map((t) => ({ ...t, pk: compress(hex(g.publicKey.uncompressed)) })));

  it('has 262 cases', () => {
    expect(cases).toHaveLength(262);
  });

  it('64-byte signatures: "valid" verifies, "invalid" does not', () => {
    const sized = cases.filter((c) => c.sig.length === 128);
    expect(sized).toHaveLength(241);
    for (const t of sized) {
      expect(p256Verify(hex(t.sig), sha256(hex(t.msg)), t.pk), `tcId ${t.tcId} ${t.comment}`).toBe(t.result === 'valid');
    }
  });

  it('other signature lengths throw "invalid signature length"', () => {
    for (const t of cases.filter((c) => c.sig.length !== 128)) {
      expectHostError(() => p256Verify(hex(t.sig), sha256(hex(t.msg)), t.pk), invalid('invalid signature length'));
    }
  });
});
