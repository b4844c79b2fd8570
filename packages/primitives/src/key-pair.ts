/**
 * Signing keys for tests, tools and the sandbox: ed25519 (node:crypto) and secp256k1
 * (@noble/curves). String forms follow nearcore / near-api-js: `ed25519:<base58(seed ‖ public)>`
 * (64 bytes) and `secp256k1:<base58(secret)>` (32 bytes).
 */
import { createPrivateKey, createPublicKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { base58Encode } from './base58.js';
import { BorshError } from './borsh/errors.js';
import { base58Decode } from './base58.js';
import { KeyType, PublicKey, Signature, parseKeyType } from './keys.js';

const ED25519_PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

export class KeyPair {
  readonly keyType: KeyType;
  readonly publicKey: PublicKey;
  /** ed25519: the 32-byte seed; secp256k1: the 32-byte secret scalar. */
  private readonly secret: Uint8Array;
  private readonly nodeKey: KeyObject | undefined;

  private constructor(keyType: KeyType, secret: Uint8Array) {
    this.keyType = keyType;
    this.secret = secret;
    if (keyType === KeyType.ED25519) {
      const der = new Uint8Array(ED25519_PKCS8_PREFIX.length + 32);
      der.set(ED25519_PKCS8_PREFIX);
      der.set(secret, ED25519_PKCS8_PREFIX.length);
      this.nodeKey = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
      const spki = createPublicKey(this.nodeKey).export({ format: 'der', type: 'spki' });
      this.publicKey = new PublicKey(KeyType.ED25519, new Uint8Array(spki.subarray(spki.length - 32)));
    } else {
      this.nodeKey = undefined;
      const full = secp256k1.getPublicKey(secret, false);
      this.publicKey = new PublicKey(KeyType.SECP256K1, full.slice(1));
    }
  }

  /** ed25519 key from a 32-byte seed. */
  static ed25519FromSeed(seed: Uint8Array): KeyPair {
    if (seed.length !== 32) throw new BorshError('wrong_key_length', `ed25519 seed needs 32 bytes, got ${seed.length}`);
    return new KeyPair(KeyType.ED25519, seed.slice());
  }

  /** secp256k1 key from a 32-byte secret scalar. */
  static secp256k1FromSecret(secret: Uint8Array): KeyPair {
    if (secret.length !== 32 || !secp256k1.utils.isValidSecretKey(secret)) {
      throw new BorshError('wrong_key_length', 'secp256k1 secret key must be 32 bytes in 1..n-1');
    }
    return new KeyPair(KeyType.SECP256K1, secret.slice());
  }

  /**
   * nearcore's test keys, `SecretKey::from_seed(ED25519, text)`: the UTF-8 text copied into a
   * 32-byte seed padded with spaces (truncated if longer).
   */
  static fromNearcoreTestSeed(text: string): KeyPair {
    const seed = new Uint8Array(32).fill(0x20);
    const bytes = new TextEncoder().encode(text);
    seed.set(bytes.subarray(0, 32));
    return KeyPair.ed25519FromSeed(seed);
  }

  /**
   * Parses `ed25519:<base58 64 bytes>` (seed ‖ public key, checked) or `secp256k1:<base58>` of
   * the 32-byte secret (nearcore) or secret ‖ public key (near-api-js, 96 bytes).
   */
  static fromString(s: string): KeyPair {
    const i = s.indexOf(':');
    const type = i < 0 ? KeyType.ED25519 : parseKeyType(s.slice(0, i));
    const data = base58Decode(i < 0 ? s : s.slice(i + 1));
    if (type === KeyType.ED25519) {
      if (data.length !== 64) throw new BorshError('wrong_key_length', `ed25519 secret key needs 64 bytes, got ${data.length}`);
      const kp = KeyPair.ed25519FromSeed(data.subarray(0, 32));
      const pub = data.subarray(32);
      for (let j = 0; j < 32; j++) {
        if (pub[j] !== kp.publicKey.data[j]) {
          throw new BorshError('invalid_value', 'ed25519 secret key: public half does not match the seed');
        }
      }
      return kp;
    }
    if (type === KeyType.SECP256K1) {
      // nearcore writes the 32-byte secret; near-api-js writes secret ‖ 64-byte public key.
      if (data.length === 96) {
        const kp = KeyPair.secp256k1FromSecret(data.subarray(0, 32));
        const pub = data.subarray(32);
        for (let j = 0; j < 64; j++) {
          if (pub[j] !== kp.publicKey.data[j]) {
            throw new BorshError('invalid_value', 'secp256k1 secret key: public half does not match the secret');
          }
        }
        return kp;
      }
      if (data.length !== 32) throw new BorshError('wrong_key_length', `secp256k1 secret key needs 32 (or 96) bytes, got ${data.length}`);
      return KeyPair.secp256k1FromSecret(data);
    }
    throw new BorshError('invalid_value', 'ml-dsa-65 key pairs are not supported');
  }

  /** Signs `data` as nearcore does: ed25519 over the bytes; secp256k1 over a 32-byte digest. */
  sign(data: Uint8Array): Signature {
    if (this.keyType === KeyType.ED25519) {
      return new Signature(KeyType.ED25519, new Uint8Array(nodeSign(null, data, this.nodeKey!)));
    }
    if (data.length !== 32) throw new BorshError('invalid_value', 'secp256k1 signs a 32-byte digest');
    const rec = secp256k1.sign(data, this.secret, { prehash: false, format: 'recovered' });
    const out = new Uint8Array(65);
    out.set(rec.subarray(1, 65), 0); // noble puts the recovery id first; nearcore puts it last
    out[64] = rec[0];
    return new Signature(KeyType.SECP256K1, out);
  }

  /** `ed25519:<base58(seed ‖ public)>` or `secp256k1:<base58(secret)>`. */
  toString(): string {
    if (this.keyType === KeyType.ED25519) {
      const full = new Uint8Array(64);
      full.set(this.secret);
      full.set(this.publicKey.data, 32);
      return `ed25519:${base58Encode(full)}`;
    }
    return `secp256k1:${base58Encode(this.secret)}`;
  }
}
