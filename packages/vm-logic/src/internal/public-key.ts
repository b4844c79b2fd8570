/**
 * Borsh decoding of a public key exactly as near-crypto does it for host functions: a tag byte
 * (0 ed25519 / 1 secp256k1 / 2 ml-dsa-65) followed by exactly 32 / 64 / 1952 bytes and nothing
 * else. No curve check: nearcore only decodes.
 */
import type { PublicKeyData } from '../types.js';

const KEY_LENGTHS: Record<number, number> = { 0: 32, 1: 64, 2: 1952 };

export function decodePublicKey(bytes: Uint8Array): PublicKeyData | null {
  if (bytes.length === 0) return null;
  const keyType = bytes[0];
  const want = KEY_LENGTHS[keyType];
  if (want === undefined || bytes.length !== 1 + want) return null;
  return { keyType, data: bytes.slice(1) };
}
