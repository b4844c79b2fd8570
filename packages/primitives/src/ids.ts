/**
 * Id derivations of nearcore's `utils.rs` for protocol ≥ 77 (block-height based), plus the
 * implicit account ids.
 *
 * Every receipt id, action hash and data id is `create_hash_index(base, height, salt)` =
 * sha256(base[32] ‖ height u64 LE ‖ salt u64 LE).
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { BorshError } from './borsh/errors.js';
import { sha256, toHex, type CryptoHash } from './hash.js';
import { KeyType, type PublicKey } from './keys.js';
import type { AccountId } from './account-id.js';
import type { BlockHeight } from './units.js';

const U64_MAX = (1n << 64n) - 1n;

function checkU64(v: bigint): void {
  if (v < 0n || v > U64_MAX) throw new BorshError('unencodable', `u64 out of range: ${v}`);
}

// One input buffer for every derivation: sha256 reads it synchronously, so it is free again on return.
const indexInput = new Uint8Array(48);
const indexView = new DataView(indexInput.buffer);

/** sha256(base ‖ height u64 LE ‖ salt u64 LE). */
export function createHashIndex(base: CryptoHash, blockHeight: BlockHeight, salt: bigint): CryptoHash {
  if (base.length !== 32) throw new BorshError('wrong_key_length', `hash base must be 32 bytes, got ${base.length}`);
  checkU64(blockHeight);
  checkU64(salt);
  indexInput.set(base, 0);
  indexView.setBigUint64(32, blockHeight, true);
  indexView.setBigUint64(40, salt, true);
  return sha256(indexInput);
}

/** Receipt id of the receipt a transaction converts into: salt 0. */
export function createReceiptIdFromTransaction(txHash: CryptoHash, blockHeight: BlockHeight): CryptoHash {
  return createHashIndex(txHash, blockHeight, 0n);
}

/** Id of the `receiptIndex`-th new receipt produced while executing `parentReceiptId`. */
export function createReceiptIdFromReceipt(parentReceiptId: CryptoHash, blockHeight: BlockHeight, receiptIndex: bigint | number): CryptoHash {
  return createHashIndex(parentReceiptId, blockHeight, BigInt(receiptIndex));
}

/**
 * Action hash: the salt counts down from u64::MAX so it never collides with receipt indices
 * derived from the same receipt id.
 */
export function createActionHash(receiptId: CryptoHash, blockHeight: BlockHeight, actionIndex: bigint | number): CryptoHash {
  return createHashIndex(receiptId, blockHeight, U64_MAX - BigInt(actionIndex));
}

/**
 * Data id of the `dataIndex`-th data dependency created by a function call
 * (`create_receipt_id_from_action_hash`, used by `generate_data_id`).
 */
export function createDataId(actionHash: CryptoHash, blockHeight: BlockHeight, dataIndex: bigint | number): CryptoHash {
  return createHashIndex(actionHash, blockHeight, BigInt(dataIndex));
}

/** Receipt id of a yield-timeout resume: `create_hash_index(data_id, height, k)`. */
export function createReceiptIdFromDataId(dataId: CryptoHash, blockHeight: BlockHeight, index: bigint | number): CryptoHash {
  return createHashIndex(dataId, blockHeight, BigInt(index));
}

/** Random seed handed to a contract: sha256(action_hash ‖ block random value). */
export function createRandomSeed(actionHash: CryptoHash, blockRandomValue: CryptoHash): Uint8Array {
  const buf = new Uint8Array(64);
  buf.set(actionHash, 0);
  buf.set(blockRandomValue, 32);
  return sha256(buf);
}

/** NEAR-implicit account: lowercase hex of the 32-byte ed25519 public key. */
export function deriveNearImplicitAccountId(publicKey: PublicKey): AccountId {
  if (publicKey.keyType !== KeyType.ED25519) throw new BorshError('invalid_value', 'NEAR-implicit ids come from ed25519 keys');
  return toHex(publicKey.data);
}

/** ETH-implicit account: "0x" + hex(keccak256(64-byte secp256k1 key)[12..32]). */
export function deriveEthImplicitAccountId(publicKey: PublicKey): AccountId {
  if (publicKey.keyType !== KeyType.SECP256K1) throw new BorshError('invalid_value', 'ETH-implicit ids come from secp256k1 keys');
  return '0x' + toHex(keccak_256(publicKey.data).subarray(12, 32));
}

export { deriveNearDeterministicAccountId } from './deterministic-state-init.js';
