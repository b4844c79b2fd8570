/**
 * Public keys and signatures in nearcore's layouts (`near-crypto`):
 *
 * | key type   | tag | public key                         | signature        |
 * | ---------- | --- | ---------------------------------- | ---------------- |
 * | ed25519    | 0   | 32 bytes                           | 64 bytes         |
 * | secp256k1  | 1   | 64 bytes (uncompressed, no 0x04)   | 65 bytes r‖s‖v   |
 * | ml-dsa-65  | 2   | 1952 bytes (protocol 85+)          | 3309 bytes       |
 *
 * String forms are `<type>:<base58>`; like nearcore, the type is matched case-insensitively and a
 * string without a prefix is taken as ed25519.
 */
import { base58Decode, base58Encode } from './base58.js';
import { BorshError } from './borsh/errors.js';
import type { Codec } from './borsh/codec.js';
import type { BorshReader } from './borsh/reader.js';
import type { BorshWriter } from './borsh/writer.js';

export enum KeyType {
  ED25519 = 0,
  SECP256K1 = 1,
  MLDSA65 = 2,
}

export const ML_DSA_65_PUBLIC_KEY_LENGTH = 1952;
export const ML_DSA_65_SIGNATURE_LENGTH = 3309;

const PUBLIC_KEY_LENGTH: Record<KeyType, number> = { 0: 32, 1: 64, 2: ML_DSA_65_PUBLIC_KEY_LENGTH };
const SIGNATURE_LENGTH: Record<KeyType, number> = { 0: 64, 1: 65, 2: ML_DSA_65_SIGNATURE_LENGTH };
const KEY_TYPE_NAME: Record<KeyType, string> = { 0: 'ed25519', 1: 'secp256k1', 2: 'ml-dsa-65' };
const KEY_TYPE_COUNT = 3;

export function keyTypeName(t: KeyType): string {
  return KEY_TYPE_NAME[t];
}

export function publicKeyLength(t: KeyType): number {
  return PUBLIC_KEY_LENGTH[t];
}

export function signatureLength(t: KeyType): number {
  return SIGNATURE_LENGTH[t];
}

/** Parses `ed25519` / `secp256k1` / `ml-dsa-65` (any case). */
export function parseKeyType(s: string): KeyType {
  switch (s.toLowerCase()) {
    case 'ed25519':
      return KeyType.ED25519;
    case 'secp256k1':
      return KeyType.SECP256K1;
    case 'ml-dsa-65':
      return KeyType.MLDSA65;
    default:
      throw new BorshError('invalid_string', `unknown key type ${JSON.stringify(s)}`);
  }
}

/** Splits `<type>:<base58>`; no colon means ed25519. */
function splitTyped(s: string): [KeyType, Uint8Array] {
  const i = s.indexOf(':');
  const type = i < 0 ? KeyType.ED25519 : parseKeyType(s.slice(0, i));
  return [type, base58Decode(i < 0 ? s : s.slice(i + 1))];
}

function isKeyType(t: number): t is KeyType {
  return t === 0 || t === 1 || t === 2;
}

/** A public key: key type plus its raw bytes (length checked on construction). */
export class PublicKey {
  readonly keyType: KeyType;
  readonly data: Uint8Array;

  constructor(keyType: KeyType, data: Uint8Array) {
    if (!isKeyType(keyType)) throw new BorshError('bad_enum_tag', `unknown key type ${String(keyType)}`);
    const want = PUBLIC_KEY_LENGTH[keyType];
    if (data.length !== want) {
      throw new BorshError('wrong_key_length', `${KEY_TYPE_NAME[keyType]} public key needs ${want} bytes, got ${data.length}`);
    }
    this.keyType = keyType;
    this.data = data;
  }

  static fromString(s: string): PublicKey {
    const [type, data] = splitTyped(s);
    return new PublicKey(type, data);
  }

  static ed25519(data: Uint8Array): PublicKey {
    return new PublicKey(KeyType.ED25519, data);
  }

  static secp256k1(data: Uint8Array): PublicKey {
    return new PublicKey(KeyType.SECP256K1, data);
  }

  /** Borsh length: tag byte plus key bytes (33 / 65 / 1953). */
  get borshLength(): number {
    return 1 + this.data.length;
  }

  toString(): string {
    return `${KEY_TYPE_NAME[this.keyType]}:${base58Encode(this.data)}`;
  }

  toJSON(): string {
    return this.toString();
  }

  equals(other: PublicKey): boolean {
    return this.keyType === other.keyType && bytesEqual(this.data, other.data);
  }
}

/** A signature: key type plus raw bytes. */
export class Signature {
  readonly keyType: KeyType;
  readonly data: Uint8Array;

  constructor(keyType: KeyType, data: Uint8Array) {
    if (!isKeyType(keyType)) throw new BorshError('bad_enum_tag', `unknown key type ${String(keyType)}`);
    const want = SIGNATURE_LENGTH[keyType];
    if (data.length !== want) {
      throw new BorshError('wrong_key_length', `${KEY_TYPE_NAME[keyType]} signature needs ${want} bytes, got ${data.length}`);
    }
    this.keyType = keyType;
    this.data = data;
  }

  static fromString(s: string): Signature {
    const [type, data] = splitTyped(s);
    return new Signature(type, data);
  }

  toString(): string {
    return `${KEY_TYPE_NAME[this.keyType]}:${base58Encode(this.data)}`;
  }

  toJSON(): string {
    return this.toString();
  }

  equals(other: Signature): boolean {
    return this.keyType === other.keyType && bytesEqual(this.data, other.data);
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function readKeyTag(r: BorshReader, what: string): KeyType {
  return r.tag(what, KEY_TYPE_COUNT) as KeyType;
}

export const PublicKeyCodec: Codec<PublicKey> = {
  name: 'PublicKey',
  minSize: 33,
  write: (w: BorshWriter, v: PublicKey) => {
    w.u8(v.keyType);
    w.fixedBytes(v.data, PUBLIC_KEY_LENGTH[v.keyType]);
  },
  read: (r: BorshReader) => {
    const t = readKeyTag(r, 'KeyType');
    return new PublicKey(t, r.fixedBytes(PUBLIC_KEY_LENGTH[t]));
  },
};

export const SignatureCodec: Codec<Signature> = {
  name: 'Signature',
  minSize: 65,
  write: (w: BorshWriter, v: Signature) => {
    w.u8(v.keyType);
    w.fixedBytes(v.data, SIGNATURE_LENGTH[v.keyType]);
  },
  read: (r: BorshReader) => {
    const t = readKeyTag(r, 'KeyType');
    const at = r.offset;
    const data = r.fixedBytes(SIGNATURE_LENGTH[t]);
    // nearcore keeps ed25519-dalek 1.x's sanity check: the top three bits of the last byte of
    // an ed25519 signature must be zero, otherwise the signature does not even deserialize.
    if (t === KeyType.ED25519 && (data[63] & 0xe0) !== 0) {
      throw new BorshError('invalid_value', 'ed25519 signature has high bits set in its last byte', at + 63);
    }
    return new Signature(t, data);
  },
};

/**
 * The key handle used in trie keys (`PublicKeyHandle`): ed25519 and secp256k1 keys are stored
 * as themselves (tags 0 and 1); an ML-DSA-65 key is stored as tag 3 plus a 32-byte SHA3-256
 * digest (see `mlDsa65KeyHandle` in trie-key.ts).
 */
export type PublicKeyHandle =
  | { kind: 'key'; key: PublicKey }
  | { kind: 'MlDsa65Hash'; hash: Uint8Array };
