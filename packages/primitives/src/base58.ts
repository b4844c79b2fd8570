/**
 * Base58 with the Bitcoin alphabet (what nearcore's `bs58` crate and near-api-js use).
 * Leading zero bytes map to leading '1's. Quadratic, which is fine for keys and hashes.
 */
import { BorshError } from './borsh/errors.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

// The number is kept in limbs of base 58^5 (< 2^30): limb · 256 + carry stays below 2^53, so
// float division is exact, and each input byte touches a fifth as many digits as in base 58.
const LIMB = 58 ** 5;
const LIMB_DIGITS = 5;
let limbs = new Float64Array(64);
const chars: number[] = [];

export function base58Encode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // log(256)/log(58^5) ≈ 0.2732 limbs per byte
  const size = Math.ceil(((bytes.length - zeros) * 2732) / 10000) + 1;
  if (limbs.length < size) limbs = new Float64Array(size);
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
  chars.length = 0;
  for (let i = 0; i < zeros; i++) chars.push(0x31);
  // Most significant limb first, without its leading zero digits; the others padded to 5 digits.
  for (let j = length - 1; j >= 0; j--) {
    let v = digits[j];
    const start = chars.length;
    for (let d = 0; d < LIMB_DIGITS; d++) {
      const q = Math.floor(v / 58);
      chars.push(ALPHABET_CODES[v - q * 58]);
      v = q;
      if (j === length - 1 && v === 0) break;
    }
    reverseFrom(chars, start);
  }
  return String.fromCharCode.apply(null, chars);
}

const ALPHABET_CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0));

function reverseFrom(a: number[], start: number): void {
  for (let i = start, j = a.length - 1; i < j; i++, j--) {
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
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
