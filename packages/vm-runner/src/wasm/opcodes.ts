/**
 * Opcode numbering used throughout the decoder. Single-byte opcodes keep their byte value;
 * `0xfc`-prefixed ones are `0xfc00 | subopcode`.
 */

export const Op = {
  Unreachable: 0x00,
  Nop: 0x01,
  Block: 0x02,
  Loop: 0x03,
  If: 0x04,
  Else: 0x05,
  End: 0x0b,
  Br: 0x0c,
  BrIf: 0x0d,
  BrTable: 0x0e,
  Return: 0x0f,
  Call: 0x10,
  CallIndirect: 0x11,
  Drop: 0x1a,
  Select: 0x1b,
  SelectTyped: 0x1c,
  LocalGet: 0x20,
  LocalSet: 0x21,
  LocalTee: 0x22,
  GlobalGet: 0x23,
  GlobalSet: 0x24,
  TableGet: 0x25,
  TableSet: 0x26,
  I32Load: 0x28,
  I64Store32: 0x3e,
  MemorySize: 0x3f,
  MemoryGrow: 0x40,
  I32Const: 0x41,
  I64Const: 0x42,
  F32Const: 0x43,
  F64Const: 0x44,
  RefNull: 0xd0,
  RefIsNull: 0xd1,
  RefFunc: 0xd2,
  Prefix: 0xfc,
  I32TruncSatF32S: 0xfc00,
  I64TruncSatF64U: 0xfc07,
  MemoryInit: 0xfc08,
  DataDrop: 0xfc09,
  MemoryCopy: 0xfc0a,
  MemoryFill: 0xfc0b,
  TableInit: 0xfc0c,
  ElemDrop: 0xfc0d,
  TableCopy: 0xfc0e,
  TableGrow: 0xfc0f,
  TableSize: 0xfc10,
  TableFill: 0xfc11,
} as const;

const T = { i: 0x7f, I: 0x7e, f: 0x7d, F: 0x7c } as const;

/**
 * Signatures of the plain numeric opcodes (0x45..0xc4 and the saturating conversions):
 * operand types popped (last one on top) and the result pushed. `trapping` marks the ones that
 * can trap (integer division/remainder, float-to-int truncation).
 */
export interface NumericSig {
  readonly pops: readonly number[];
  readonly push: number;
  readonly trapping: boolean;
}

function sig(pops: string, push: string, trapping = false): NumericSig {
  return {
    pops: [...pops].map((c) => T[c as keyof typeof T]),
    push: T[push as keyof typeof T],
    trapping,
  };
}

/** Indexed by opcode for 0x45..0xc4 and by `0x100 + sub` for the 0xfc 0..7 conversions. */
export const NUMERIC: (NumericSig | undefined)[] = new Array(0x108);
{
  const set = (from: number, to: number, s: NumericSig) => {
    for (let op = from; op <= to; op++) NUMERIC[op] = s;
  };
  set(0x45, 0x45, sig('i', 'i')); // i32.eqz
  set(0x46, 0x4f, sig('ii', 'i')); // i32 comparisons
  set(0x50, 0x50, sig('I', 'i')); // i64.eqz
  set(0x51, 0x5a, sig('II', 'i')); // i64 comparisons
  set(0x5b, 0x60, sig('ff', 'i')); // f32 comparisons
  set(0x61, 0x66, sig('FF', 'i')); // f64 comparisons
  set(0x67, 0x69, sig('i', 'i')); // i32 clz ctz popcnt
  set(0x6a, 0x6c, sig('ii', 'i')); // i32 add sub mul
  set(0x6d, 0x70, sig('ii', 'i', true)); // i32 div_s div_u rem_s rem_u
  set(0x71, 0x78, sig('ii', 'i')); // i32 and..rotr
  set(0x79, 0x7b, sig('I', 'I')); // i64 clz ctz popcnt
  set(0x7c, 0x7e, sig('II', 'I')); // i64 add sub mul
  set(0x7f, 0x82, sig('II', 'I', true)); // i64 div/rem
  set(0x83, 0x8a, sig('II', 'I')); // i64 and..rotr
  set(0x8b, 0x91, sig('f', 'f')); // f32 abs neg ceil floor trunc nearest sqrt
  set(0x92, 0x98, sig('ff', 'f')); // f32 add sub mul div min max copysign
  set(0x99, 0x9f, sig('F', 'F')); // f64 unary
  set(0xa0, 0xa6, sig('FF', 'F')); // f64 binary
  set(0xa7, 0xa7, sig('I', 'i')); // i32.wrap_i64
  set(0xa8, 0xa9, sig('f', 'i', true)); // i32.trunc_f32_s/u
  set(0xaa, 0xab, sig('F', 'i', true)); // i32.trunc_f64_s/u
  set(0xac, 0xad, sig('i', 'I')); // i64.extend_i32_s/u
  set(0xae, 0xaf, sig('f', 'I', true)); // i64.trunc_f32_s/u
  set(0xb0, 0xb1, sig('F', 'I', true)); // i64.trunc_f64_s/u
  set(0xb2, 0xb3, sig('i', 'f')); // f32.convert_i32_s/u
  set(0xb4, 0xb5, sig('I', 'f')); // f32.convert_i64_s/u
  set(0xb6, 0xb6, sig('F', 'f')); // f32.demote_f64
  set(0xb7, 0xb8, sig('i', 'F')); // f64.convert_i32_s/u
  set(0xb9, 0xba, sig('I', 'F')); // f64.convert_i64_s/u
  set(0xbb, 0xbb, sig('f', 'F')); // f64.promote_f32
  set(0xbc, 0xbc, sig('f', 'i')); // i32.reinterpret_f32
  set(0xbd, 0xbd, sig('F', 'I')); // i64.reinterpret_f64
  set(0xbe, 0xbe, sig('i', 'f')); // f32.reinterpret_i32
  set(0xbf, 0xbf, sig('I', 'F')); // f64.reinterpret_i64
  set(0xc0, 0xc1, sig('i', 'i')); // i32.extend8_s/16_s
  set(0xc2, 0xc4, sig('I', 'I')); // i64.extend8_s/16_s/32_s
  set(0x100, 0x101, sig('f', 'i')); // i32.trunc_sat_f32_s/u
  set(0x102, 0x103, sig('F', 'i')); // i32.trunc_sat_f64_s/u
  set(0x104, 0x105, sig('f', 'I')); // i64.trunc_sat_f32_s/u
  set(0x106, 0x107, sig('F', 'I')); // i64.trunc_sat_f64_s/u
}

/** Flat views of NUMERIC for hot loops: operand count, operand type, result type, traps (0/1). */
export const NUM_POPS = new Uint8Array(0x108);
export const NUM_ARG = new Uint8Array(0x108);
export const NUM_RESULT = new Uint8Array(0x108);
export const NUM_TRAPS = new Uint8Array(0x108);
for (let i = 0; i < 0x108; i++) {
  const s = NUMERIC[i];
  if (!s) continue;
  NUM_POPS[i] = s.pops.length;
  NUM_ARG[i] = s.pops[0];
  NUM_RESULT[i] = s.push;
  NUM_TRAPS[i] = s.trapping ? 1 : 0;
}

/** The NUMERIC index of an opcode, or -1 when it is not a plain numeric instruction. */
export function numericIndex(op: number): number {
  if (op >= 0x45 && op <= 0xc4) return op;
  if (op >= 0xfc00 && op <= 0xfc07) return op - 0xfc00 + 0x100;
  return -1;
}

/** Natural alignment (log2 of the access size) of loads and stores 0x28..0x3e. */
export const MEMORY_ACCESS: readonly { readonly type: number; readonly maxAlign: number; readonly store: boolean }[] = (() => {
  const rows: [string, number, boolean][] = [
    ['i', 2, false], ['I', 3, false], ['f', 2, false], ['F', 3, false], // 0x28..0x2b
    ['i', 0, false], ['i', 0, false], ['i', 1, false], ['i', 1, false], // i32.load8/16
    ['I', 0, false], ['I', 0, false], ['I', 1, false], ['I', 1, false], ['I', 2, false], ['I', 2, false], // i64 narrow loads
    ['i', 2, true], ['I', 3, true], ['f', 2, true], ['F', 3, true], // 0x36..0x39
    ['i', 0, true], ['i', 1, true], ['I', 0, true], ['I', 1, true], ['I', 2, true], // narrow stores
  ];
  return rows.map(([t, maxAlign, store]) => ({ type: T[t as keyof typeof T], maxAlign, store }));
})();

/** Flat views of MEMORY_ACCESS for hot loops, indexed by opcode − 0x28. */
export const MEM_TYPE = Uint8Array.from(MEMORY_ACCESS, (a) => a.type);
export const MEM_MAX_ALIGN = Uint8Array.from(MEMORY_ACCESS, (a) => a.maxAlign);
export const MEM_STORE = Uint8Array.from(MEMORY_ACCESS, (a) => (a.store ? 1 : 0));

/** Mnemonics, for diagnostics and the decoded instruction stream. */
export function opcodeName(op: number): string {
  return NAMES.get(op) ?? `0x${op.toString(16)}`;
}

const NAMES = new Map<number, string>([
  [0x00, 'unreachable'], [0x01, 'nop'], [0x02, 'block'], [0x03, 'loop'], [0x04, 'if'], [0x05, 'else'],
  [0x0b, 'end'], [0x0c, 'br'], [0x0d, 'br_if'], [0x0e, 'br_table'], [0x0f, 'return'], [0x10, 'call'],
  [0x11, 'call_indirect'], [0x1a, 'drop'], [0x1b, 'select'], [0x1c, 'select_t'], [0x20, 'local.get'],
  [0x21, 'local.set'], [0x22, 'local.tee'], [0x23, 'global.get'], [0x24, 'global.set'], [0x25, 'table.get'],
  [0x26, 'table.set'], [0x3f, 'memory.size'], [0x40, 'memory.grow'], [0x41, 'i32.const'], [0x42, 'i64.const'],
  [0x43, 'f32.const'], [0x44, 'f64.const'], [0xd0, 'ref.null'], [0xd1, 'ref.is_null'], [0xd2, 'ref.func'],
  [0xfc08, 'memory.init'], [0xfc09, 'data.drop'], [0xfc0a, 'memory.copy'], [0xfc0b, 'memory.fill'],
  [0xfc0c, 'table.init'], [0xfc0d, 'elem.drop'], [0xfc0e, 'table.copy'], [0xfc0f, 'table.grow'],
  [0xfc10, 'table.size'], [0xfc11, 'table.fill'],
]);
