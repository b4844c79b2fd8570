/**
 * NaN canonicalisation. nearcore runs Wasmtime with NaN canonicalisation on, so every float
 * arithmetic result that is a NaN has the canonical bit pattern (0x7fc00000 / 0x7ff8000000000000,
 * sign clear). V8 propagates payloads and produces the x86 default NaN (sign set), so the
 * instrumenter canonicalises the results of those operations — except where the very next
 * instruction consumes the value without its bits being observable.
 */
import { Op } from '../wasm/opcodes.js';

/**
 * The float type (0x7d f32, 0x7c f64) whose NaN result `op` must canonicalise, or 0. These
 * are the operations Wasmtime canonicalises (arithmetic, rounding, sqrt, min/max,
 * promote/demote); abs, neg and copysign only move the sign bit and are left alone.
 */
export function canonicalisedResult(op: number): number {
  if ((op >= 0x8d && op <= 0x97) || op === 0xb6) return 0x7d;
  if ((op >= 0x9b && op <= 0xa5) || op === 0xbb) return 0x7c;
  return 0;
}

/** Does `next` consume the float on top of the stack without its NaN bits being observable? */
export function absorbsNaN(kind: number, next: number): boolean {
  if (next === Op.Drop) return true;
  if (kind === 0x7d) {
    return (
      (next >= 0x8d && next <= 0x97) || // canonicalising f32 arithmetic
      (next >= 0x5b && next <= 0x60) || // f32 comparisons
      next === 0xa8 || next === 0xa9 || next === 0xae || next === 0xaf || // trapping truncations
      next === 0xbb || // promote (canonicalises)
      next === 0xfc00 || next === 0xfc01 || next === 0xfc04 || next === 0xfc05 // saturating
    );
  }
  return (
    (next >= 0x9b && next <= 0xa5) ||
    (next >= 0x61 && next <= 0x66) ||
    next === 0xaa || next === 0xab || next === 0xb0 || next === 0xb1 ||
    next === 0xb6 ||
    next === 0xfc02 || next === 0xfc03 || next === 0xfc06 || next === 0xfc07
  );
}

