/**
 * Primitives of the chain's private history format (never on the wire, never hashed): unsigned
 * integers of any size as base-128 varints (most gas and balance figures take 5-9 bytes instead
 * of 8 or 16, and nothing is out of range) and strings that keep every UTF-16 code unit.
 */
import { BorshReader, BorshWriter } from '@nearts/primitives';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An unsigned bigint of any size, 7 bits per byte, low bits first (LEB128). */
export function writeVarBig(w: BorshWriter, v: bigint): void {
  // Below 2^53 the number path is exact and makes no bigint per byte (a negative value is
  // refused there).
  if (v <= SAFE) {
    writeVarNum(w, Number(v));
    return;
  }
  // Balances (u128): the low 49 bits from one number (28 of them as one u32 of four continued
  // bytes, then three), then the rest.
  const low = Number(BigInt.asUintN(49, v));
  const low28 = low % 0x1000_0000;
  w.u32(fourContinued(low28));
  let high21 = (low - low28) / 0x1000_0000;
  for (let i = 0; i < 3; i++) {
    w.u8((high21 & 0x7f) | 0x80);
    high21 >>>= 7;
  }
  writeVarBig(w, v >> 49n);
}

/** 28 bits as four continued varint bytes, little-endian in one u32: one write instead of four. */
function fourContinued(bits28: number): number {
  return ((bits28 & 0x7f) | 0x80 | ((((bits28 >>> 7) & 0x7f) | 0x80) << 8) | ((((bits28 >>> 14) & 0x7f) | 0x80) << 16) | ((((bits28 >>> 21) & 0x7f) | 0x80) << 24)) >>> 0;
}

export function readVarBig(r: BorshReader): bigint {
  let v = 0;
  let scale = 1;
  for (let i = 0; i < 7; i++) {
    const b = r.u8();
    v += (b & 0x7f) * scale;
    if (b < 0x80) return BigInt(v);
    scale *= 128;
  }
  // Past 49 bits: the rest is the varint of v >> 49.
  return BigInt(v) + (readVarBig(r) << 49n);
}

/** A non-negative safe integer (counts, lengths, indices). */
export function writeVarNum(w: BorshWriter, v: number): void {
  if (v < 0x80 && v >= 0 && (v | 0) === v) {
    w.u8(v);
    return;
  }
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`history: not a count: ${v}`);
  // Gas figures (~2^40): 28 bits at a time as one u32, the rest with 32-bit integer operations.
  while (v >= 0x1000_0000) {
    const low28 = v % 0x1000_0000;
    w.u32(fourContinued(low28));
    v = (v - low28) / 0x1000_0000;
  }
  while (v >= 0x80) {
    w.u8((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  w.u8(v);
}

export function readVarNum(r: BorshReader): number {
  let v = 0;
  let scale = 1;
  for (;;) {
    const b = r.u8();
    v += (b & 0x7f) * scale;
    if (b < 0x80) return v;
    scale *= 128;
  }
}

/**
 * A string, exactly: UTF-8 when it has no surrogate code unit (the usual case), else its UTF-16
 * code units (a lone surrogate has no UTF-8 form and would not come back).
 */
export function writeText(w: BorshWriter, s: string): void {
  if (!hasSurrogate(s)) {
    w.u8(0);
    w.string(s);
    return;
  }
  w.u8(1);
  writeVarNum(w, s.length);
  for (let i = 0; i < s.length; i++) w.u16(s.charCodeAt(i));
}

/** A loop, not a regular expression: account ids are short, and the call is what costs. */
function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

export function readText(r: BorshReader): string {
  if (r.u8() === 0) return r.string();
  const n = readVarNum(r);
  const units: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) units[i] = r.u16();
  let s = '';
  // In pieces: apply() has an argument-count limit.
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode.apply(null, units.slice(i, i + 4096));
  return s;
}
