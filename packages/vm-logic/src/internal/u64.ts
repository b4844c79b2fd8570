/**
 * Unsigned-integer helpers. nearcore does its gas and balance arithmetic in u64/u128 with
 * `checked_*`; JS bigints never overflow, so every place nearcore can overflow checks the bound
 * explicitly through these helpers.
 */
import { HostError } from '@nearts/vm-errors';

export const U64_MAX = (1n << 64n) - 1n;
export const U128_MAX = (1n << 128n) - 1n;
export const U32_MAX = 0xffff_ffffn;

/** nearcore's `x.checked_add(y).ok_or(HostError::IntegerOverflow)?` for u64. */
export function checkedAddU64(a: bigint, b: bigint): bigint {
  const r = a + b;
  if (r > U64_MAX) throw new HostError({ kind: 'IntegerOverflow' });
  return r;
}

/** nearcore's `x.checked_mul(y).ok_or(HostError::IntegerOverflow)?` for u64. */
export function checkedMulU64(a: bigint, b: bigint): bigint {
  const r = a * b;
  if (r > U64_MAX) throw new HostError({ kind: 'IntegerOverflow' });
  return r;
}

export function saturatingSubU64(a: bigint, b: bigint): bigint {
  return a > b ? a - b : 0n;
}

export function saturatingAddU64(a: bigint, b: bigint): bigint {
  const r = a + b;
  return r > U64_MAX ? U64_MAX : r;
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** Two's-complement reinterpretation used for the wasm i64 gas global (Rust `as i64`). */
export function u64ToI64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** Rust `as u64` of an i64 value. */
export function i64ToU64(v: bigint): bigint {
  return BigInt.asUintN(64, v);
}

/** Little-endian u128 encoding (nearcore's `u128::to_le_bytes`). */
export function u128ToLeBytes(v: bigint): Uint8Array {
  const out = new Uint8Array(16);
  let x = v;
  for (let i = 0; i < 16; i++) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

export function leBytesToU128(b: Uint8Array): bigint {
  let x = 0n;
  for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i]);
  return x;
}

export function u64ToLeBytes(v: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, v, true);
  return out;
}
