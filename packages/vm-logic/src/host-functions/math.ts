/**
 * Math and crypto API. None of these charge `base` (random_seed, which does, is in context.ts).
 * This file owns the charging order (nearcore `wasmtime_runner/logic.rs`); the computations and
 * their error texts are the pure functions of `src/crypto/`.
 */
import type { ExtCosts } from '@nearts/runtime-fees';
import * as crypto from '../crypto/index.js';
import type { VMLogic } from '../logic.js';

function hashFn(
  logic: VMLogic,
  baseCost: ExtCosts,
  byteCost: ExtCosts,
  hash: (d: Uint8Array) => Uint8Array,
  valueLen: bigint,
  valuePtr: bigint,
  registerId: bigint,
): void {
  logic.gas.payBase(baseCost);
  const value = logic.memoryOrRegister(valuePtr, valueLen);
  logic.gas.payPer(byteCost, BigInt(value.length));
  logic.setRegister(registerId, hash(value));
}

/** sha256_base, GMR(n), n·sha256_byte, RW(32). */
export function sha256(logic: VMLogic, valueLen: bigint, valuePtr: bigint, registerId: bigint): void {
  hashFn(logic, 'sha256_base', 'sha256_byte', crypto.sha256, valueLen, valuePtr, registerId);
}

/** keccak256_base, GMR(n), n·keccak256_byte, RW(32). */
export function keccak256(logic: VMLogic, valueLen: bigint, valuePtr: bigint, registerId: bigint): void {
  hashFn(logic, 'keccak256_base', 'keccak256_byte', crypto.keccak256, valueLen, valuePtr, registerId);
}

/** keccak512_base, GMR(n), n·keccak512_byte, RW(64). */
export function keccak512(logic: VMLogic, valueLen: bigint, valuePtr: bigint, registerId: bigint): void {
  hashFn(logic, 'keccak512_base', 'keccak512_byte', crypto.keccak512, valueLen, valuePtr, registerId);
}

/** ripemd160_base, GMR(n), ((n + 8) div 64 + 1)·ripemd160_block, RW(20). */
export function ripemd160(logic: VMLogic, valueLen: bigint, valuePtr: bigint, registerId: bigint): void {
  logic.gas.payBase('ripemd160_base');
  const value = logic.memoryOrRegister(valuePtr, valueLen);
  logic.gas.payPer('ripemd160_block', crypto.ripemd160BlockCount(BigInt(value.length)));
  logic.setRegister(registerId, crypto.ripemd160(value));
}

/**
 * ecrecover_base, GMR(sig) [len ≠ 64, then v ≥ 4], GMR(hash) [len ≠ 32], [flag ∉ {0,1}];
 * 0 for out-of-range r/s or a failed recovery; otherwise 1 and RW(64).
 */
export function ecrecover(
  logic: VMLogic,
  hashLen: bigint,
  hashPtr: bigint,
  sigLen: bigint,
  sigPtr: bigint,
  v: bigint,
  malleabilityFlag: bigint,
  registerId: bigint,
): bigint {
  logic.gas.payBase('ecrecover_base');
  const sig = logic.memoryOrRegister(sigPtr, sigLen);
  crypto.ecrecoverCheckSignature(sig, v);
  const hash = logic.memoryOrRegister(hashPtr, hashLen);
  crypto.ecrecoverCheckHash(hash);
  const pk = crypto.ecrecover(hash, sig, v, malleabilityFlag);
  if (pk === null) return 0n;
  logic.setRegister(registerId, pk);
  return 1n;
}

/** The common order of the signature verifiers (ed25519, p256); see the two callers. */
function verifySignature(
  logic: VMLogic,
  baseCost: ExtCosts,
  byteCost: ExtCosts,
  earlyReject: (sig: Uint8Array) => boolean,
  verify: (sig: Uint8Array, msg: Uint8Array, pk: Uint8Array) => boolean,
  args: readonly [sigLen: bigint, sigPtr: bigint, msgLen: bigint, msgPtr: bigint, pkLen: bigint, pkPtr: bigint],
): bigint {
  const [sigLen, sigPtr, msgLen, msgPtr, pkLen, pkPtr] = args;
  logic.gas.payBase(baseCost);
  const sig = logic.memoryOrRegister(sigPtr, sigLen);
  if (earlyReject(sig)) return 0n;
  const msg = logic.memoryOrRegister(msgPtr, msgLen);
  logic.gas.payPer(byteCost, BigInt(msg.length));
  const pk = logic.memoryOrRegister(pkPtr, pkLen);
  return verify(sig, msg, pk) ? 1n : 0n;
}

/**
 * ed25519_verify_base, GMR(sig) [≠ 64 → error; sig[63] & 0xE0 ≠ 0 → 0 before reading more],
 * GMR(msg), n·ed25519_verify_byte, GMR(pk) [≠ 32 → error], verify.
 */
export function ed25519Verify(
  logic: VMLogic,
  sigLen: bigint,
  sigPtr: bigint,
  msgLen: bigint,
  msgPtr: bigint,
  pkLen: bigint,
  pkPtr: bigint,
): bigint {
  return verifySignature(logic, 'ed25519_verify_base', 'ed25519_verify_byte', crypto.ed25519SignatureEarlyReject, crypto.ed25519Verify, [
    sigLen, sigPtr, msgLen, msgPtr, pkLen, pkPtr,
  ]);
}

/**
 * p256_verify_base, GMR(sig) [≠ 64 → error; r or s not in 1..n−1 → 0], GMR(msg),
 * n·p256_verify_byte, GMR(pk) [≠ 33 → error], verify_prehash (the message is the digest).
 */
export function p256Verify(
  logic: VMLogic,
  sigLen: bigint,
  sigPtr: bigint,
  msgLen: bigint,
  msgPtr: bigint,
  pkLen: bigint,
  pkPtr: bigint,
): bigint {
  return verifySignature(logic, 'p256_verify_base', 'p256_verify_byte', crypto.p256SignatureEarlyReject, crypto.p256Verify, [
    sigLen, sigPtr, msgLen, msgPtr, pkLen, pkPtr,
  ]);
}

/** base, GMR, k·element (k from the data's length; a bad length is AltBn128InvalidInput), compute, RW(64). */
function altBn128G1(
  logic: VMLogic,
  base: ExtCosts,
  element: ExtCosts,
  elements: (data: Uint8Array) => number,
  op: (data: Uint8Array) => Uint8Array,
  valueLen: bigint,
  valuePtr: bigint,
  registerId: bigint,
): void {
  logic.gas.payBase(base);
  const data = logic.memoryOrRegister(valuePtr, valueLen);
  logic.gas.payPer(element, BigInt(elements(data)));
  logic.setRegister(registerId, op(data));
}

/** alt_bn128_g1_multiexp_base, GMR, [item size 96], k·element, compute, RW(64). */
export function altBn128G1Multiexp(logic: VMLogic, valueLen: bigint, valuePtr: bigint, registerId: bigint): void {
  altBn128G1(logic, 'alt_bn128_g1_multiexp_base', 'alt_bn128_g1_multiexp_element', crypto.altBn128G1MultiexpElements, crypto.altBn128G1Multiexp, valueLen, valuePtr, registerId);
}

/** alt_bn128_g1_sum_base, GMR, [item size 65], k·element, compute, RW(64). */
export function altBn128G1Sum(logic: VMLogic, valueLen: bigint, valuePtr: bigint, registerId: bigint): void {
  altBn128G1(logic, 'alt_bn128_g1_sum_base', 'alt_bn128_g1_sum_element', crypto.altBn128G1SumElements, crypto.altBn128G1Sum, valueLen, valuePtr, registerId);
}

/** alt_bn128_pairing_check_base, GMR, [item size 192], k·element; 1 when the product is one. */
export function altBn128PairingCheck(logic: VMLogic, valueLen: bigint, valuePtr: bigint): bigint {
  logic.gas.payBase('alt_bn128_pairing_check_base');
  const data = logic.memoryOrRegister(valuePtr, valueLen);
  logic.gas.payPer('alt_bn128_pairing_check_element', BigInt(crypto.altBn128PairingCheckElements(data)));
  return crypto.altBn128PairingCheck(data) ? 1n : 0n;
}

type BlsFn = (data: Uint8Array, notInGroupFix: boolean) => Uint8Array | null;

/**
 * base, then (value_len div item)·element computed from the *argument* (so register mode with
 * u64::MAX overflows or exhausts gas: a nearcore quirk), GMR, compute (a bad length is
 * BLS12381InvalidInput); 0 and RW on success, 1 for bad points (nothing written).
 */
function bls(
  logic: VMLogic,
  base: ExtCosts,
  element: ExtCosts,
  itemSize: number,
  op: BlsFn,
  valueLen: bigint,
  valuePtr: bigint,
  registerId: bigint,
): bigint {
  logic.gas.payBase(base);
  logic.gas.payPer(element, crypto.bls12381ElementCount(valueLen, itemSize));
  const data = logic.memoryOrRegister(valuePtr, valueLen);
  const res = op(data, logic.config.bls12381NotInGroupFix);
  if (res === null) return 1n;
  logic.setRegister(registerId, res);
  return 0n;
}

export function bls12381P1Sum(l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint {
  return bls(l, 'bls12381_p1_sum_base', 'bls12381_p1_sum_element', crypto.BLS12381_P1_SUM_ITEM_SIZE, crypto.bls12381P1Sum, len, ptr, reg);
}
export function bls12381P2Sum(l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint {
  return bls(l, 'bls12381_p2_sum_base', 'bls12381_p2_sum_element', crypto.BLS12381_P2_SUM_ITEM_SIZE, crypto.bls12381P2Sum, len, ptr, reg);
}
export function bls12381G1Multiexp(l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint {
  return bls(l, 'bls12381_g1_multiexp_base', 'bls12381_g1_multiexp_element', crypto.BLS12381_G1_MULTIEXP_ITEM_SIZE, crypto.bls12381G1Multiexp, len, ptr, reg);
}
export function bls12381G2Multiexp(l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint {
  return bls(l, 'bls12381_g2_multiexp_base', 'bls12381_g2_multiexp_element', crypto.BLS12381_G2_MULTIEXP_ITEM_SIZE, crypto.bls12381G2Multiexp, len, ptr, reg);
}
export function bls12381MapFpToG1(l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint {
  return bls(l, 'bls12381_map_fp_to_g1_base', 'bls12381_map_fp_to_g1_element', crypto.BLS12381_MAP_FP_TO_G1_ITEM_SIZE, crypto.bls12381MapFpToG1, len, ptr, reg);
}
export function bls12381MapFp2ToG2(l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint {
  return bls(l, 'bls12381_map_fp2_to_g2_base', 'bls12381_map_fp2_to_g2_element', crypto.BLS12381_MAP_FP2_TO_G2_ITEM_SIZE, crypto.bls12381MapFp2ToG2, len, ptr, reg);
}
export function bls12381P1Decompress(l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint {
  return bls(l, 'bls12381_p1_decompress_base', 'bls12381_p1_decompress_element', crypto.BLS12381_P1_DECOMPRESS_ITEM_SIZE, crypto.bls12381P1Decompress, len, ptr, reg);
}
export function bls12381P2Decompress(l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint {
  return bls(l, 'bls12381_p2_decompress_base', 'bls12381_p2_decompress_element', crypto.BLS12381_P2_DECOMPRESS_ITEM_SIZE, crypto.bls12381P2Decompress, len, ptr, reg);
}

/** bls12381_pairing_base, GMR, (len div 288)·element from the data read, check: 0 one / 2 not / 1 malformed. */
export function bls12381PairingCheck(logic: VMLogic, valueLen: bigint, valuePtr: bigint): bigint {
  logic.gas.payBase('bls12381_pairing_base');
  const data = logic.memoryOrRegister(valuePtr, valueLen);
  logic.gas.payPer('bls12381_pairing_element', crypto.bls12381PairingElementCount(data));
  return BigInt(crypto.bls12381PairingCheck(data));
}
