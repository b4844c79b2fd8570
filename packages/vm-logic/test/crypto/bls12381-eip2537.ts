/**
 * Shared by the bls12381-vectors-* tests: EIP-2537 vectors as nearcore runs them (logic/tests/bls12381.rs `eip2537_tests!`): each input is
 * rewritten into nearcore's encoding — 64-byte padded Fp → 48 bytes, Fp2 c0‖c1 → c1‖c0, the
 * all-zero point → 0x40‖0…, 32-byte big-endian scalars → little-endian — and every vector runs
 * with `bls12381_not_in_group_fix` both off and on.
 */
import { expect, it } from 'vitest';
import { concat, hex, readCsvVector, toHex } from './helpers.js';

export const fixFp = (fp: Uint8Array) => fp.subarray(16);
export const fixFp2 = (fp2: Uint8Array) => concat(fp2.subarray(64 + 16), fp2.subarray(16, 64));

function fixPoint(fix: (f: Uint8Array) => Uint8Array, g: Uint8Array): Uint8Array {
  const half = g.length / 2;
  const res = concat(fix(g.subarray(0, half)), fix(g.subarray(half)));
  if (g.every((b) => b === 0)) res[0]! |= 0x40;
  return res;
}
export const fixG1 = (g: Uint8Array) => fixPoint(fixFp, g);
export const fixG2 = (g: Uint8Array) => fixPoint(fixFp2, g);

export function fixSum(fixG: (g: Uint8Array) => Uint8Array, input: Uint8Array): Uint8Array {
  const half = input.length / 2;
  return concat(Uint8Array.of(0), fixG(input.subarray(0, half)), Uint8Array.of(0), fixG(input.subarray(half)));
}

export function fixMul(fixG: (g: Uint8Array) => Uint8Array, input: Uint8Array): Uint8Array {
  const split = input.length - 32;
  return concat(fixG(input.subarray(0, split)), Uint8Array.from(input.subarray(split)).reverse());
}

export const fixPairing = (item: Uint8Array) => concat(fixG1(item.subarray(0, 128)), fixG2(item.subarray(128)));

export function transform(input: string, itemSize: number, fix: (item: Uint8Array) => Uint8Array): Uint8Array {
  const bytes = hex(input);
  const items: Uint8Array[] = [];
  for (let i = 0; i + itemSize <= bytes.length; i += itemSize) items.push(fix(bytes.subarray(i, i + itemSize)));
  return concat(...items);
}

export type BlsFn = (data: Uint8Array, notInGroupFix: boolean) => Uint8Array | null;

/**
 * Runs every row with the fix on, and with it off every `legacyEvery`-th row (1 = all rows): the
 * flag only matters for (0, ±2), which the multiexp subgroup check rejects either way, and the
 * multiexp files are the slow ones.
 */
export function outputCases(
  file: string,
  itemSize: number,
  fix: (item: Uint8Array) => Uint8Array,
  fn: BlsFn,
  fixOut: (g: Uint8Array) => Uint8Array,
  legacyEvery = 1,
) {
  const rows = readCsvVector(`bls12381/${file}`);
  it(`${file}: all ${rows.length} vectors`, { timeout: 300_000 }, () => {
    expect(rows.length).toBeGreaterThan(0);
    for (const [i, row] of rows.entries()) {
      const input = transform(row.input, itemSize, fix);
      const expected = toHex(fixOut(hex(row.result)));
      for (const flag of i % legacyEvery === 0 ? [false, true] : [true]) {
        const got = fn(input, flag);
        expect(got === null ? null : toHex(got), `${file} row ${i} flag ${flag}`).toBe(expected);
      }
    }
  });
}

export function errorCases(file: string, itemSize: number, fix: (item: Uint8Array) => Uint8Array, fn: BlsFn) {
  const rows = readCsvVector(`bls12381/${file}`);
  it(`${file}: every vector returns 1 (except EIP-only padding errors), both flag values`, { timeout: 60_000 }, () => {
    let checked = 0;
    for (const [i, row] of rows.entries()) {
      // Nonzero EIP-2537 padding disappears in nearcore's 48-byte encoding, so nearcore skips these.
      if (row.result.includes('padded BE encoding are NOT zeroes')) continue;
      const input = transform(row.input, itemSize, fix);
      for (const flag of [false, true]) expect(fn(input, flag), `${file} row ${i} flag ${flag}`).toBeNull();
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
}

