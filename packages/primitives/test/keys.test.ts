import { describe, expect, it } from 'vitest';
import {
  BorshError,
  KeyPair,
  KeyType,
  PublicKey,
  PublicKeyCodec,
  Signature,
  SignatureCodec,
  base58Decode,
  base58Encode,
  decode,
  encode,
  sha256,
  verifySignature,
} from '@nearts/primitives';

const enc = new TextEncoder();

describe('base58', () => {
  it('round-trips with leading zeros', () => {
    const b = Uint8Array.from([0, 0, 1, 2, 255]);
    // 0x0102ff = 66303 = 19·58² + 41·58 + 9 → 'L' 'i' 'A', plus one '1' per leading zero byte
    expect(base58Encode(b)).toBe('11LiA');
    expect(base58Decode('11LiA')).toEqual(b);
    expect(base58Encode(new Uint8Array(32))).toBe('11111111111111111111111111111111');
  });
  it('rejects characters outside the alphabet', () => {
    expect(() => base58Decode('0OIl')).toThrow(BorshError);
  });
});

describe('nearcore key constants (core/crypto signature.rs tests)', () => {
  // SecretKey::from_seed(ED25519, "test") and its signature over b"123".
  const kp = KeyPair.fromNearcoreTestSeed('test');
  it('derives the same public key and secret string', () => {
    expect(kp.publicKey.toString()).toBe('ed25519:DcA2MzgpJbrUATQLLceocVckhhAqrkingax4oJ9kZ847');
    expect(kp.toString()).toBe(
      'ed25519:3KyUuch8pYP47krBq4DosFEVBMR5wDTMQ8AThzM8kAEcBQEpsPdYTZ2FPX5ZnSoLrerjwg66hwwJaW1wHzprd5k3',
    );
  });
  it('produces the same deterministic signature, which verifies', () => {
    const sig = kp.sign(enc.encode('123'));
    expect(sig.toString()).toBe(
      'ed25519:3s1dvZdQtcAjBksMHFrysqvF63wnyMHPA4owNQmCJZ2EBakZEKdtMsLqrHdKWQjJbSRN6kRknN2WdwSBLWGCokXj',
    );
    expect(verifySignature(enc.encode('123'), sig, kp.publicKey)).toBe(true);
    expect(verifySignature(enc.encode('124'), sig, kp.publicKey)).toBe(false);
  });
  it('parses a prefix-less key as ed25519, and the type case-insensitively', () => {
    expect(PublicKey.fromString('DcA2MzgpJbrUATQLLceocVckhhAqrkingax4oJ9kZ847').equals(kp.publicKey)).toBe(true);
    expect(PublicKey.fromString('ED25519:DcA2MzgpJbrUATQLLceocVckhhAqrkingax4oJ9kZ847').equals(kp.publicKey)).toBe(true);
  });
});

describe('secp256k1', () => {
  const kp = KeyPair.secp256k1FromSecret(sha256(enc.encode('secp test key')));
  const digest = sha256(enc.encode('message'));
  it('signs r‖s‖v and verifies by nearcore rules', () => {
    const sig = kp.sign(digest);
    expect(sig.data.length).toBe(65);
    expect(sig.data[64]).toBeLessThanOrEqual(3);
    expect(verifySignature(digest, sig, kp.publicKey)).toBe(true);
    expect(verifySignature(sha256(enc.encode('other')), sig, kp.publicKey)).toBe(false);
    // recovery id out of range → false
    const bad = sig.data.slice();
    bad[64] = 4;
    expect(verifySignature(digest, new Signature(KeyType.SECP256K1, bad), kp.publicKey)).toBe(false);
    // data that is not a 32-byte digest → false
    expect(verifySignature(enc.encode('message'), sig, kp.publicKey)).toBe(false);
  });
  it('rejects the high-s twin of a valid signature (libsecp256k1 normalisation)', () => {
    const sig = kp.sign(digest);
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = BigInt('0x' + Buffer.from(sig.data.subarray(32, 64)).toString('hex'));
    const highS = Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex');
    const twin = sig.data.slice();
    twin.set(highS, 32);
    expect(verifySignature(digest, new Signature(KeyType.SECP256K1, twin), kp.publicKey)).toBe(false);
  });
  it('round-trips its string forms', () => {
    expect(KeyPair.fromString(kp.toString()).publicKey.equals(kp.publicKey)).toBe(true);
    expect(PublicKey.fromString(kp.publicKey.toString()).equals(kp.publicKey)).toBe(true);
  });
});

describe('key borsh and length errors', () => {
  it('encodes tag + bytes', () => {
    const pk = PublicKey.fromString('ed25519:DcA2MzgpJbrUATQLLceocVckhhAqrkingax4oJ9kZ847');
    const b = encode(PublicKeyCodec, pk);
    expect(b.length).toBe(33);
    expect(b[0]).toBe(0);
    expect(decode(PublicKeyCodec, b).equals(pk)).toBe(true);
  });
  it('rejects wrong key lengths with wrong_key_length', () => {
    const err = (() => {
      try {
        PublicKey.fromString('ed25519:' + base58Encode(new Uint8Array(31).fill(1)));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(BorshError);
    expect((err as BorshError).reason).toBe('wrong_key_length');
    expect(() => new Signature(KeyType.SECP256K1, new Uint8Array(64))).toThrow(/secp256k1 signature needs 65 bytes/);
  });
  it('rejects an unknown key type tag and ed25519 signatures with high bits set', () => {
    expect(() => decode(PublicKeyCodec, Uint8Array.from([9, ...new Uint8Array(32)]))).toThrow(/bad_enum_tag: unknown KeyType tag 9/);
    const sig = new Uint8Array(65);
    sig[64] = 0x20;
    try {
      decode(SignatureCodec, sig);
      expect.unreachable();
    } catch (e) {
      expect((e as BorshError).reason).toBe('invalid_value');
      expect((e as BorshError).offset).toBe(64);
    }
  });
});
