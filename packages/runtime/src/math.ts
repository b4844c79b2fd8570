/** Checked u64/u128 arithmetic: nearcore's `checked_*` turned into a typed error instead of a panic. */

export const U64_MAX = (1n << 64n) - 1n;
export const U128_MAX = (1n << 128n) - 1n;

/** A u64/u128 computation overflowed (nearcore `IntegerOverflowError`). */
export class IntegerOverflowError extends Error {
  override readonly name = 'IntegerOverflowError';
  constructor(message = 'integer overflow') {
    super(message);
  }
}

export function checkedAddU128(a: bigint, b: bigint): bigint {
  const r = a + b;
  if (r > U128_MAX) throw new IntegerOverflowError();
  return r;
}

export function checkedMulU128(a: bigint, b: bigint): bigint {
  const r = a * b;
  if (r > U128_MAX) throw new IntegerOverflowError();
  return r;
}

export function checkedAddU64(a: bigint, b: bigint): bigint {
  const r = a + b;
  if (r > U64_MAX) throw new IntegerOverflowError();
  return r;
}

export function saturatingSub(a: bigint, b: bigint): bigint {
  return a > b ? a - b : 0n;
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
