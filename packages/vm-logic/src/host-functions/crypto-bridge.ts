/**
 * The pure cryptographic operations the math host functions need, kept behind one module so the
 * charging code in `math.ts` does not depend on how they are implemented. Hashes come from
 * @noble/hashes; the curve operations are provided by `src/crypto/` (written separately) and are
 * wired in here. Until then they throw NotImplementedHostFunction.
 *
 * Conventions: inputs are already length-checked by the host function; curve functions report
 * malformed input by throwing `CryptoInputError` (its message becomes the HostError's `msg`).
 */
import { keccak_256, keccak_512 } from '@noble/hashes/sha3.js';
import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { NotImplementedHostFunction } from '../errors.js';

/** Malformed curve input; `message` is nearcore's text for the matching HostError. */
export class CryptoInputError extends Error {
  override readonly name = 'CryptoInputError';
}

export const sha256 = (data: Uint8Array): Uint8Array => nobleSha256(data);
export const keccak256 = (data: Uint8Array): Uint8Array => keccak_256(data);
export const keccak512 = (data: Uint8Array): Uint8Array => keccak_512(data);
export const ripemd160 = (data: Uint8Array): Uint8Array => nobleRipemd160(data);

/** secp256k1 recovery: 64-byte uncompressed key (no 0x04), or null when recovery fails. */
export function secp256k1Recover(_hash: Uint8Array, _sig: Uint8Array, _v: number): Uint8Array | null {
  throw new NotImplementedHostFunction('ecrecover');
}

/** dalek v2 non-strict `verify`; false also for a public key that does not decode. */
export function ed25519Verify(_sig: Uint8Array, _msg: Uint8Array, _pk: Uint8Array): boolean {
  throw new NotImplementedHostFunction('ed25519_verify');
}

/** P-256 `verify_prehash` with a 33-byte compressed SEC1 key; false for a bad key. */
export function p256VerifyPrehash(_sig: Uint8Array, _digest: Uint8Array, _pk: Uint8Array): boolean {
  throw new NotImplementedHostFunction('p256_verify');
}

/** alt_bn128 Σ sᵢ·Pᵢ over 96-byte items; 64-byte result. */
export function altBn128G1Multiexp(_items: Uint8Array[]): Uint8Array {
  throw new NotImplementedHostFunction('alt_bn128_g1_multiexp');
}

/** alt_bn128 Σ ±Pᵢ over 65-byte items; 64-byte result. */
export function altBn128G1Sum(_items: Uint8Array[]): Uint8Array {
  throw new NotImplementedHostFunction('alt_bn128_g1_sum');
}

/** alt_bn128 pairing product == 1 over 192-byte items. */
export function altBn128PairingCheck(_items: Uint8Array[]): boolean {
  throw new NotImplementedHostFunction('alt_bn128_pairing_check');
}

export type Bls12381Op =
  | 'p1_sum'
  | 'p2_sum'
  | 'g1_multiexp'
  | 'g2_multiexp'
  | 'map_fp_to_g1'
  | 'map_fp2_to_g2'
  | 'p1_decompress'
  | 'p2_decompress';

/**
 * A BLS12-381 operation over the whole input (nearcore `bls12381.rs`): the result bytes, or null
 * for bad points/encodings (the host function then returns 1). A length that is not a multiple of
 * the item size throws CryptoInputError. `version` > 0 enables `bls12381_not_in_group_fix`.
 */
export function bls12381(op: Bls12381Op, _data: Uint8Array, _version: number): Uint8Array | null {
  throw new NotImplementedHostFunction(`bls12381_${op}`);
}

/** 0 = pairing product is one, 2 = it is not, 1 = malformed input. */
export function bls12381PairingCheck(_data: Uint8Array): bigint {
  throw new NotImplementedHostFunction('bls12381_pairing_check');
}
