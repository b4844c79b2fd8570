/**
 * Math and crypto API. None of these charge `base` (random_seed, which does, is in context.ts).
 * The charging order is nearcore's; the computations are in `crypto-bridge.ts`.
 */
import { HostError } from '@nearts/vm-errors';
import type { ExtCosts } from '@nearts/runtime-fees';
import type { VMLogic } from '../logic.js';
import * as crypto from './crypto-bridge.js';

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
  const blocks = (BigInt(value.length) + 8n) / 64n + 1n;
  logic.gas.payPer('ripemd160_block', blocks);
  logic.setRegister(registerId, crypto.ripemd160(value));
}

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
/** n/2 + 1: with the malleability flag, s must be strictly below it. */
const SECP256K1_N_HALF_ONE = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a1n;

function beBytesToBigint(b: Uint8Array): bigint {
  let x = 0n;
  for (const byte of b) x = (x << 8n) | BigInt(byte);
  return x;
}

function ecrecoverError(msg: string): HostError {
  return new HostError({ kind: 'ECRecoverError', msg });
}

/**
 * ecrecover_base, GMR(sig) [len ≠ 64], [v ≥ 4], GMR(hash) [len ≠ 32], [flag ∉ {0,1}];
 * 0 when r/s are out of range; otherwise recovers: 1 and RW(64), or 0.
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
  if (sig.length !== 64) throw ecrecoverError(`The length of the signature: ${sig.length}, exceeds the limit of 64 bytes`);
  if (v >= 4n) throw ecrecoverError(`V recovery byte 0 through 3 are valid but was provided ${v}`);
  const hash = logic.memoryOrRegister(hashPtr, hashLen);
  if (hash.length !== 32) throw ecrecoverError(`The length of the hash: ${hash.length}, exceeds the limit of 32 bytes`);
  if (malleabilityFlag !== 0n && malleabilityFlag !== 1n) {
    throw ecrecoverError(`Malleability flag needs to be 0 or 1, but is instead ${malleabilityFlag}`);
  }
  const r = beBytesToBigint(sig.subarray(0, 32));
  const s = beBytesToBigint(sig.subarray(32, 64));
  const sLimit = malleabilityFlag !== 0n ? SECP256K1_N_HALF_ONE : SECP256K1_N;
  if (!(r < SECP256K1_N && s < sLimit)) return 0n;
  const pk = crypto.secp256k1Recover(hash, sig, Number(v));
  if (pk === null) return 0n;
  logic.setRegister(registerId, pk);
  return 1n;
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
  logic.gas.payBase('ed25519_verify_base');
  const sig = logic.memoryOrRegister(sigPtr, sigLen);
  if (sig.length !== 64) throw new HostError({ kind: 'Ed25519VerifyInvalidInput', msg: 'invalid signature length' });
  // Legacy check kept so that costs stay what they were: reject before the message is read.
  if ((sig[63] & 0xe0) !== 0) return 0n;
  const msg = logic.memoryOrRegister(msgPtr, msgLen);
  logic.gas.payPer('ed25519_verify_byte', BigInt(msg.length));
  const pk = logic.memoryOrRegister(pkPtr, pkLen);
  if (pk.length !== 32) throw new HostError({ kind: 'Ed25519VerifyInvalidInput', msg: 'invalid public key length' });
  return crypto.ed25519Verify(sig, msg, pk) ? 1n : 0n;
}

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/**
 * p256_verify_base, GMR(sig) [≠ 64 → error; r or s not in 1..n−1 → 0], GMR(msg),
 * n·p256_verify_byte, GMR(pk) [≠ 33 → error], verify_prehash (message = digest).
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
  logic.gas.payBase('p256_verify_base');
  const sig = logic.memoryOrRegister(sigPtr, sigLen);
  if (sig.length !== 64) throw new HostError({ kind: 'P256VerifyInvalidInput', msg: 'invalid signature length' });
  const r = beBytesToBigint(sig.subarray(0, 32));
  const s = beBytesToBigint(sig.subarray(32, 64));
  if (r === 0n || s === 0n || r >= P256_N || s >= P256_N) return 0n;
  const msg = logic.memoryOrRegister(msgPtr, msgLen);
  logic.gas.payPer('p256_verify_byte', BigInt(msg.length));
  const pk = logic.memoryOrRegister(pkPtr, pkLen);
  if (pk.length !== 33) throw new HostError({ kind: 'P256VerifyInvalidInput', msg: 'invalid public key length' });
  return crypto.p256VerifyPrehash(sig, msg, pk) ? 1n : 0n;
}

function splitItems(data: Uint8Array, size: number): Uint8Array[] {
  if (data.length % size !== 0) {
    throw new HostError({
      kind: 'AltBn128InvalidInput',
      msg: `slice of size ${data.length} cannot be precisely split into chunks of size ${size}`,
    });
  }
  const out: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}

function altBn128<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof crypto.CryptoInputError) throw new HostError({ kind: 'AltBn128InvalidInput', msg: e.message });
    throw e;
  }
}

/** alt_bn128_g1_multiexp_base, GMR, [item size 96], k·element, compute, RW(64). */
export function altBn128G1Multiexp(logic: VMLogic, valueLen: bigint, valuePtr: bigint, registerId: bigint): void {
  logic.gas.payBase('alt_bn128_g1_multiexp_base');
  const items = splitItems(logic.memoryOrRegister(valuePtr, valueLen), 96);
  logic.gas.payPer('alt_bn128_g1_multiexp_element', BigInt(items.length));
  logic.setRegister(registerId, altBn128(() => crypto.altBn128G1Multiexp(items)));
}

/** alt_bn128_g1_sum_base, GMR, [item size 65], k·element, compute, RW(64). */
export function altBn128G1Sum(logic: VMLogic, valueLen: bigint, valuePtr: bigint, registerId: bigint): void {
  logic.gas.payBase('alt_bn128_g1_sum_base');
  const items = splitItems(logic.memoryOrRegister(valuePtr, valueLen), 65);
  logic.gas.payPer('alt_bn128_g1_sum_element', BigInt(items.length));
  logic.setRegister(registerId, altBn128(() => crypto.altBn128G1Sum(items)));
}

/** alt_bn128_pairing_check_base, GMR, [item size 192], k·element; 1 when the product is one. */
export function altBn128PairingCheck(logic: VMLogic, valueLen: bigint, valuePtr: bigint): bigint {
  logic.gas.payBase('alt_bn128_pairing_check_base');
  const items = splitItems(logic.memoryOrRegister(valuePtr, valueLen), 192);
  logic.gas.payPer('alt_bn128_pairing_check_element', BigInt(items.length));
  return altBn128(() => crypto.altBn128PairingCheck(items)) ? 1n : 0n;
}

interface BlsSpec {
  readonly op: crypto.Bls12381Op;
  readonly base: ExtCosts;
  readonly element: ExtCosts;
  readonly itemSize: bigint;
  /** The name nearcore puts in its length error. */
  readonly errorName: string;
}

function checkBlsInputSize(data: Uint8Array, itemSize: bigint, name: string): void {
  if (BigInt(data.length) % itemSize !== 0n) {
    throw new HostError({
      kind: 'BLS12381InvalidInput',
      msg: `Incorrect input length for ${name}: ${data.length} is not divisible by ${itemSize}`,
    });
  }
}

/**
 * base, then (value_len div item)·element computed from the *argument* (so register mode with
 * u64::MAX overflows or exhausts gas: a nearcore quirk), GMR, size check, compute; 0 and RW on
 * success, 1 for bad points.
 */
function bls(logic: VMLogic, spec: BlsSpec, valueLen: bigint, valuePtr: bigint, registerId: bigint): bigint {
  logic.gas.payBase(spec.base);
  logic.gas.payPer(spec.element, valueLen / spec.itemSize);
  const data = logic.memoryOrRegister(valuePtr, valueLen);
  checkBlsInputSize(data, spec.itemSize, spec.errorName);
  const version = logic.config.bls12381NotInGroupFix ? 1 : 0;
  const res = crypto.bls12381(spec.op, data, version);
  if (res === null) return 1n;
  logic.setRegister(registerId, res);
  return 0n;
}

const spec = (op: crypto.Bls12381Op, base: ExtCosts, element: ExtCosts, itemSize: bigint, errorName: string): BlsSpec => ({
  op,
  base,
  element,
  itemSize,
  errorName,
});

const P1_SUM = spec('p1_sum', 'bls12381_p1_sum_base', 'bls12381_p1_sum_element', 97n, 'bls12381_p1_sum');
const P2_SUM = spec('p2_sum', 'bls12381_p2_sum_base', 'bls12381_p2_sum_element', 193n, 'bls12381_p2_sum');
const G1_MULTIEXP = spec('g1_multiexp', 'bls12381_g1_multiexp_base', 'bls12381_g1_multiexp_element', 128n, 'bls12381_p1_multiexp');
const G2_MULTIEXP = spec('g2_multiexp', 'bls12381_g2_multiexp_base', 'bls12381_g2_multiexp_element', 224n, 'bls12381_p2_multiexp');
const MAP_FP_TO_G1 = spec('map_fp_to_g1', 'bls12381_map_fp_to_g1_base', 'bls12381_map_fp_to_g1_element', 48n, 'bls12381_map_fp_to_g1');
const MAP_FP2_TO_G2 = spec('map_fp2_to_g2', 'bls12381_map_fp2_to_g2_base', 'bls12381_map_fp2_to_g2_element', 96n, 'bls12381_map_fp2_to_g2');
const P1_DECOMPRESS = spec('p1_decompress', 'bls12381_p1_decompress_base', 'bls12381_p1_decompress_element', 48n, 'bls12381_p1_decompress');
const P2_DECOMPRESS = spec('p2_decompress', 'bls12381_p2_decompress_base', 'bls12381_p2_decompress_element', 96n, 'bls12381_p2_decompress');

export const bls12381P1Sum = (l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint => bls(l, P1_SUM, len, ptr, reg);
export const bls12381P2Sum = (l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint => bls(l, P2_SUM, len, ptr, reg);
export const bls12381G1Multiexp = (l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint => bls(l, G1_MULTIEXP, len, ptr, reg);
export const bls12381G2Multiexp = (l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint => bls(l, G2_MULTIEXP, len, ptr, reg);
export const bls12381MapFpToG1 = (l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint => bls(l, MAP_FP_TO_G1, len, ptr, reg);
export const bls12381MapFp2ToG2 = (l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint => bls(l, MAP_FP2_TO_G2, len, ptr, reg);
export const bls12381P1Decompress = (l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint => bls(l, P1_DECOMPRESS, len, ptr, reg);
export const bls12381P2Decompress = (l: VMLogic, len: bigint, ptr: bigint, reg: bigint): bigint => bls(l, P2_DECOMPRESS, len, ptr, reg);

/** bls12381_pairing_base, GMR, (len div 288)·element from the data read, check. 0 ok, 2 not one, 1 malformed. */
export function bls12381PairingCheck(logic: VMLogic, valueLen: bigint, valuePtr: bigint): bigint {
  logic.gas.payBase('bls12381_pairing_base');
  const data = logic.memoryOrRegister(valuePtr, valueLen);
  logic.gas.payPer('bls12381_pairing_element', BigInt(data.length) / 288n);
  checkBlsInputSize(data, 288n, 'bls12381_pairing_check');
  return crypto.bls12381PairingCheck(data);
}
