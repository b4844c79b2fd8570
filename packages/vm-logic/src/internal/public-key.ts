/**
 * Borsh decoding of a public key exactly as near-crypto does it for host functions: a tag byte
 * (0 ed25519 / 1 secp256k1 / 2 ml-dsa-65) followed by exactly 32 / 64 / 1952 bytes and nothing
 * else. No curve check: nearcore only decodes.
 */
import { KeyType, PublicKey } from '@nearts/primitives';

const KEY_LENGTHS: Record<number, number> = { [KeyType.ED25519]: 32, [KeyType.SECP256K1]: 64, [KeyType.MLDSA65]: 1952 };

export function decodePublicKey(bytes: Uint8Array): PublicKey | null {
  if (bytes.length === 0) return null;
  const keyType = bytes[0];
  const want = KEY_LENGTHS[keyType];
  if (want === undefined || bytes.length !== 1 + want) return null;
  return new PublicKey(keyType as KeyType, bytes.slice(1));
}
