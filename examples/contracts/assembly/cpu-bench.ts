// CPU-heavy methods for metering-overhead benchmarks: input is a decimal iteration count.
import { inputString, returnString } from './env';

function iterations(): i32 {
  return I32.parseInt(inputString());
}

/** A hash loop: FNV-1a over a rolling 64-byte buffer. */
export function hash_loop(): void {
  const n = iterations();
  const buf = new Uint8Array(64);
  let h: u64 = 0xcbf29ce484222325;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 64; j++) {
      buf[j] = <u8>(h >> (<u64>(j & 7) * 8)) ^ <u8>i;
      h = (h ^ <u64>buf[j]) * 0x100000001b3;
    }
  }
  returnString(h.toString());
}

/** Insertion-free sort: fill with a xorshift sequence, quicksort in place, return a checksum. */
export function sort(): void {
  const n = iterations();
  const a = new Uint32Array(n);
  let x: u32 = 2463534242;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    a[i] = x;
  }
  a.sort();
  let sum: u64 = 0;
  for (let i = 0; i < n; i++) sum = sum * 31 + <u64>a[i];
  returnString(sum.toString());
}

/** 64-bit multiply-add arithmetic as in big-integer limbs. */
export function bigint_loop(): void {
  const n = iterations();
  let lo: u64 = 1;
  let hi: u64 = 0;
  for (let i = 0; i < n; i++) {
    const a = lo * 6364136223846793005 + 1442695040888963407;
    hi = hi ^ (a >> 29) ^ (lo << 7);
    lo = a ^ hi;
  }
  returnString((lo ^ hi).toString());
}

/** Does nothing: the cheapest possible method, for call-overhead measurements. */
export function noop(): void {}
