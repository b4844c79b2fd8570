/**
 * The hash host functions: `sha256`, `keccak256`, `keccak512`, `ripemd160`.
 *
 * Each takes the bytes the host function read (memory or register) and returns the digest that
 * goes to the register. Charges (nearcore `logic.rs`, in order):
 *   sha256:    sha256_base, read, len·sha256_byte, write 32
 *   keccak256: keccak256_base, read, len·keccak256_byte, write 32
 *   keccak512: keccak512_base, read, len·keccak512_byte, write 64
 *   ripemd160: ripemd160_base, read, ripemd160BlockCount(len)·ripemd160_block, write 20
 */
import { createHash } from 'node:crypto';
import { keccak_256, keccak_512 } from '@noble/hashes/sha3.js';
import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';
import { HostError } from '@nearts/vm-errors';
import { sha256 as primitivesSha256 } from '@nearts/primitives';

const U64_MAX = (1n << 64n) - 1n;

/** primitives' sha256: node:crypto's one-shot hash, no Hash object per call. */
export function sha256(data: Uint8Array): Uint8Array {
  return primitivesSha256(data);
}

/** Original Keccak-256 (pre-NIST padding), as Ethereum uses; not SHA3-256. */
export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

/** Original Keccak-512 (pre-NIST padding); not SHA3-512. */
export function keccak512(data: Uint8Array): Uint8Array {
  return keccak_512(data);
}

// OpenSSL 3 ships RIPEMD-160 in its default provider, but a FIPS-only build may not; probe once.
const nodeHasRipemd160 = (() => {
  try {
    createHash('ripemd160');
    return true;
  } catch {
    return false;
  }
})();

export function ripemd160(data: Uint8Array): Uint8Array {
  if (nodeHasRipemd160) return new Uint8Array(createHash('ripemd160').update(data).digest());
  return nobleRipemd160(data);
}

/**
 * Number of `ripemd160_block` units charged for a `len`-byte input: nearcore computes
 * `(len + 8) / 64 + 1` (the padded message length in 64-byte blocks, the 8 being the length
 * suffix), with `checked_add` raising `IntegerOverflow` if `len + 8` overflows.
 */
export function ripemd160BlockCount(len: bigint | number): bigint {
  const n = BigInt(len);
  if (n + 8n > U64_MAX) throw new HostError({ kind: 'IntegerOverflow' });
  return (n + 8n) / 64n + 1n;
}
