/**
 * Decoding of function bodies into an instruction stream.
 *
 * {@link OperatorReader} decodes one instruction per `next()` call into its own fields (no
 * allocation per instruction), which is what the validator, the gas/stack analysis and the
 * instrumenter consume. {@link decodeInstructions} materialises the same stream as objects for
 * tools and tests.
 *
 * Only instructions of the proposals nearts can ever enable are decoded (MVP, sign extension,
 * saturating conversions, bulk memory, reference types). Anything else — SIMD, atomics,
 * exceptions, tail calls, typed function references, GC, wide arithmetic — is rejected here.
 */
import { ByteReader, WasmDecodeError } from './reader.js';
import { Op, opcodeName } from './opcodes.js';
import { readHeapType, readValType, ValType } from './types.js';

/** Longest `br_table` label list wasmparser accepts. */
export const MAX_BR_TABLE_SIZE = 128 * 1024;

/** Block type of `block`/`loop`/`if`: no result, one value type, or a type index. */
export const BlockType = { Empty: 0x40 } as const;

export class OperatorReader {
  readonly r = new ByteReader(new Uint8Array(0));
  /** The opcode (`0xfc00 | sub` for prefixed ones). */
  op = 0;
  /** Offset of the instruction's first byte. */
  offset = 0;
  /** First immediate: index, depth, block type (`0x40`, a value type, or `-1 - typeIndex`), select type. */
  a = 0;
  /** Second immediate: table of `call_indirect`, memory/table operands of bulk instructions, `br_table` label count. */
  b = 0;
  /** Memory access alignment exponent and static offset. */
  align = 0;
  memOffset = 0;
  /** `br_table` labels (valid up to `brCount`, followed by the default in `a`). */
  brTargets: number[] = [];
  brCount = 0;
  /** `ref.null` heap type. */
  heap: 'func' | 'extern' | 'other' = 'func';
  /** Encode `call_indirect`'s table as a LEB index (reference types) instead of a zero byte. */
  referenceTypes: boolean;

  constructor(referenceTypes = true) {
    this.referenceTypes = referenceTypes;
  }

  reset(buf: Uint8Array, start: number, end: number): void {
    this.r.reset(buf, start, end);
  }

  eof(): boolean {
    return this.r.pos >= this.r.end;
  }

  /** Offset just past the last decoded instruction. */
  get pos(): number {
    return this.r.pos;
  }

  next(): number {
    // Kept small so that the engine inlines it into the body loop: one-byte forms of the
    // frequent immediates here, everything else out of line.
    const r = this.r;
    const buf = r.buf;
    const pos = r.pos;
    this.offset = pos;
    if (pos >= r.end) r.fail('unexpected end of input');
    const op = buf[pos];
    const immediate = IMMEDIATE[op];
    if (immediate === Imm.None) {
      r.pos = pos + 1;
      this.op = op;
      return op;
    }
    if (pos + 1 < r.end) {
      const b = buf[pos + 1];
      if (b < 0x80 && (immediate === Imm.Index || immediate === Imm.I32)) {
        this.a = immediate === Imm.Index ? b : b & 0x40 ? b - 0x80 : b;
        r.pos = pos + 2;
        this.op = op;
        return op;
      }
    }
    r.pos = pos + 1;
    return (this.op = this.nextSlow(op, immediate));
  }

  private nextSlow(op: number, immediate: number): number {
    const r = this.r;
    if (immediate === Imm.Index) this.a = r.varU32();
    else if (immediate === Imm.MemArg) this.readMemArg();
    else return this.nextOther(op);
    return op;
  }

  /** Instructions with less common immediates (and invalid opcodes). */
  private nextOther(op: number): number {
    const r = this.r;
    switch (op) {
      case 0x02:
      case 0x03:
      case 0x04:
        this.a = readBlockType(r);
        break;
      case 0x0e:
        this.readBrTable();
        break;
      case 0x11:
        this.a = r.varU32();
        this.b = this.referenceTypes ? r.varU32() : zeroByte(r);
        break;
      case 0x1c: {
        const at = r.pos;
        if (r.varU32() !== 1) r.fail('invalid result arity', at);
        this.a = readValType(r);
        break;
      }
      case 0x3f:
      case 0x40:
        this.a = zeroByte(r);
        break;
      case 0x41:
        this.a = r.varI32();
        break;
      case 0x42:
        r.skipVarI64();
        break;
      case 0x43:
        r.skip(4);
        break;
      case 0x44:
        r.skip(8);
        break;
      case 0xd0:
        this.heap = readHeapType(r);
        break;
      case 0xfc:
        return this.readPrefixed();
      default:
        r.fail(`unsupported opcode 0x${op.toString(16)}`, this.offset);
    }
    return op;
  }

  private readPrefixed(): number {
    const r = this.r;
    const sub = r.varU32();
    switch (sub) {
      case 0:
      case 1:
      case 2:
      case 3:
      case 4:
      case 5:
      case 6:
      case 7:
        break;
      case 8: // memory.init data mem
      case 10: // memory.copy dst src
      case 12: // table.init elem table
      case 14: // table.copy dst src
        this.a = r.varU32();
        this.b = r.varU32();
        break;
      case 9: // data.drop
      case 11: // memory.fill
      case 13: // elem.drop
      case 15: // table.grow
      case 16: // table.size
      case 17: // table.fill
        this.a = r.varU32();
        break;
      default:
        r.fail(`unsupported 0xfc subopcode ${sub}`, this.offset);
    }
    return 0xfc00 | sub;
  }

  private readMemArg(): void {
    const r = this.r;
    const at = r.pos;
    if (at + 1 < r.end) {
      const flags = r.buf[at];
      const offset = r.buf[at + 1];
      if (flags < 1 << 6 && offset < 0x80) {
        this.align = flags;
        this.memOffset = offset;
        r.pos = at + 2;
        return;
      }
    }
    const flags = r.varU32();
    // Without multi-memory, bit 6 (explicit memory index) is not part of the encoding.
    if (flags >= 1 << 6) r.fail('malformed memop alignment: alignment too large', at);
    this.align = flags;
    this.memOffset = r.varU32();
  }

  private readBrTable(): void {
    const r = this.r;
    const count = r.size(MAX_BR_TABLE_SIZE, 'br_table');
    // Each label takes at least one byte: refuse a count the remaining bytes cannot hold
    // before growing any array for it.
    if (count > r.remaining()) r.fail('unexpected end of input');
    const targets = this.brTargets;
    for (let i = 0; i < count; i++) targets[i] = r.varU32();
    this.brCount = count;
    this.b = count;
    this.a = r.varU32();
  }
}

/** Shape of each opcode's immediates, as far as {@link OperatorReader.next} dispatches on it. */
export const Imm = { None: 0, Index: 1, MemArg: 2, I32: 3, Other: 4 } as const;
export const IMMEDIATE = new Uint8Array(256).fill(Imm.Other);
for (const op of [0x00, 0x01, 0x05, 0x0b, 0x0f, 0x1a, 0x1b, 0xd1]) IMMEDIATE[op] = Imm.None;
for (let op = 0x45; op <= 0xc4; op++) IMMEDIATE[op] = Imm.None;
for (const op of [0x0c, 0x0d, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xd2]) IMMEDIATE[op] = Imm.Index;
for (let op = 0x28; op <= 0x3e; op++) IMMEDIATE[op] = Imm.MemArg;
IMMEDIATE[0x41] = Imm.I32;

function zeroByte(r: ByteReader): number {
  const at = r.pos;
  if (r.u8() !== 0) r.fail('zero byte expected', at);
  return 0;
}

/** `0x40`, a value type, or a type index `i` returned as `-1 - i`. */
function readBlockType(r: ByteReader): number {
  const b = r.peek();
  if ((b & 0xc0) === 0x40) {
    if (b === 0x40) {
      r.pos++;
      return BlockType.Empty;
    }
    return readValType(r);
  }
  const at = r.pos;
  const idx = r.varS33();
  if (idx < 0) r.fail('invalid function type', at);
  return -1 - idx;
}

/** One decoded instruction (for tools and tests; hot paths use {@link OperatorReader}). */
export interface Instruction {
  readonly op: number;
  readonly name: string;
  readonly offset: number;
  readonly end: number;
  /** Index/depth/type immediates, in encoding order. */
  readonly immediates: readonly number[];
  /** Value of `i64.const`. */
  readonly i64?: bigint;
  /** Raw IEEE bits of `f32.const`/`f64.const` (little-endian bytes). */
  readonly floatBytes?: Uint8Array;
}

/**
 * Decode the operator part of a function body (after its locals) into instructions. Decoding
 * only: the result is not validated.
 */
export function decodeInstructions(buf: Uint8Array, start = 0, end = buf.length, referenceTypes = true): Instruction[] {
  const reader = new OperatorReader(referenceTypes);
  reader.reset(buf, start, end);
  const out: Instruction[] = [];
  while (!reader.eof()) {
    const op = reader.next();
    const ins: { -readonly [K in keyof Instruction]: Instruction[K] } = {
      op,
      name: opcodeName(op),
      offset: reader.offset,
      end: reader.pos,
      immediates: immediatesOf(reader),
    };
    if (op === Op.I64Const) {
      const r = new ByteReader(buf, reader.offset + 1, reader.pos);
      ins.i64 = r.varI64();
    } else if (op === Op.F32Const || op === Op.F64Const) {
      ins.floatBytes = buf.slice(reader.offset + 1, reader.pos);
    }
    out.push(ins);
  }
  return out;
}

function immediatesOf(r: OperatorReader): number[] {
  const op = r.op;
  switch (op) {
    case Op.Block:
    case Op.Loop:
    case Op.If:
    case Op.Br:
    case Op.BrIf:
    case Op.Call:
    case Op.LocalGet:
    case Op.LocalSet:
    case Op.LocalTee:
    case Op.GlobalGet:
    case Op.GlobalSet:
    case Op.TableGet:
    case Op.TableSet:
    case Op.RefFunc:
    case Op.SelectTyped:
    case Op.I32Const:
    case Op.DataDrop:
    case Op.MemoryFill:
    case Op.ElemDrop:
    case Op.TableGrow:
    case Op.TableSize:
    case Op.TableFill:
      return [r.a];
    case Op.CallIndirect:
    case Op.MemoryInit:
    case Op.MemoryCopy:
    case Op.TableInit:
    case Op.TableCopy:
      return [r.a, r.b];
    case Op.BrTable:
      return [...r.brTargets.slice(0, r.brCount), r.a];
    case Op.MemorySize:
    case Op.MemoryGrow:
      return [0];
    case Op.RefNull:
      return [r.heap === 'func' ? ValType.FuncRef : r.heap === 'extern' ? ValType.ExternRef : ValType.OtherRef];
    default:
      if (op >= 0x28 && op <= 0x3e) return [r.align, r.memOffset];
      return [];
  }
}

export { WasmDecodeError };
