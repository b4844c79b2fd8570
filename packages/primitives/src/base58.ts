/**
 * Base58 with the Bitcoin alphabet (what nearcore's `bs58` crate and near-api-js use).
 * Leading zero bytes map to leading '1's. Quadratic, which is fine for keys and hashes.
 */
import { BorshError } from './borsh/errors.js';
import { latin1 } from './latin1.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

// The number is kept in limbs of base 58^5 (< 2^30): limb · 256 + carry stays below 2^53, so
// float division is exact, and each input byte touches a fifth as many digits as in base 58.
const LIMB = 58 ** 5;
const LIMB_DIGITS = 5;
let limbs = new Float64Array(64);
let out = new Uint8Array(128);


export function base58Encode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // log(256)/log(58^5) ≈ 0.2732 limbs per byte
  const size = Math.ceil(((bytes.length - zeros) * 2732) / 10000) + 1;
  if (limbs.length < size) limbs = new Float64Array(size);
  if (out.length < zeros + size * LIMB_DIGITS) out = new Uint8Array(zeros + size * LIMB_DIGITS);
  const digits = limbs;
  let length = 0;
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i];
    let j = 0;
    for (; j < length; j++) {
      const x = digits[j] * 256 + carry;
      carry = Math.floor(x / LIMB);
      digits[j] = x - carry * LIMB;
    }
    while (carry !== 0) {
      const q = Math.floor(carry / LIMB);
      digits[length++] = carry - q * LIMB;
      carry = q;
    }
  }
  let n = 0;
  for (; n < zeros; n++) out[n] = 0x31;
  // Most significant limb first, without its leading zero digits; the others padded to 5 digits.
  for (let j = length - 1; j >= 0; j--) {
    let v = digits[j];
    const count = j === length - 1 ? limbDigits(v) : LIMB_DIGITS;
    for (let d = count - 1; d >= 0; d--) {
      const q = Math.floor(v / 58);
      out[n + d] = ALPHABET_CODES[v - q * 58];
      v = q;
    }
    n += count;
  }
  // The ASCII digits become a flat string in one allocation.
  return latin1(out.subarray(0, n));
}

const ALPHABET_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

/** Base-58 digits of a nonzero limb (1..5). */
function limbDigits(v: number): number {
  let d = 0;
  while (v > 0) {
    v = Math.floor(v / 58);
    d++;
  }
  return d;
}

/** Decodes base58; a character outside the alphabet is a BorshError `invalid_string`. */
export function base58Decode(s: string): Uint8Array {
  let zeros = 0;
  while (zeros < s.length && s.charCodeAt(zeros) === 0x31) zeros++;
  const size = Math.ceil(((s.length - zeros) * 733) / 1000) + 1; // log(58)/log(256) ≈ 0.733
  const b256 = new Uint8Array(size);
  let length = 0;
  for (let i = zeros; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const v = code < 128 ? INDEX[code] : -1;
    if (v < 0) throw new BorshError('invalid_string', `invalid base58 character ${JSON.stringify(s[i])} at index ${i}`);
    let carry = v;
    let j = 0;
    for (let k = size - 1; (carry !== 0 || j < length) && k >= 0; k--, j++) {
      carry += 58 * b256[k];
      b256[k] = carry % 256;
      carry = (carry / 256) | 0;
    }
    length = j;
  }
  let it = size - length;
  while (it < size && b256[it] === 0) it++;
  const out = new Uint8Array(zeros + (size - it));
  out.set(b256.subarray(it), zeros);
  return out;
}
