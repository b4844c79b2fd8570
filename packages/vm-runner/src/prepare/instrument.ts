/**
 * Re-encoding of one function body with gas metering, stack limiting and NaN
 * canonicalisation — the same structure nearcore's `instrument_v3` produces, built only from
 * instructions every engine supports (nearcore uses `i64.add128`/`i64.mul_wide_u`; we compare
 * and branch instead, with identical results):
 *
 * ```wat
 * (func (local <original locals> i64 i32)
 *   (block (result <function result>)
 *     ;; stack: take operand-stack + frame bytes, or stack_exhausted()
 *     ;; gas: ceil(frame / 8) · regular_op_cost
 *     <body, each run of instructions preceded by its charge>)
 *   ;; stack: give the bytes back (also before every `return`)
 * )
 * ```
 * A constant charge of `c` is `if (gas < c) { finite_wasm_gas(c); unreachable } gas -= c`.
 */
import { GAS_EXHAUSTED_FN, GAS_FN, INJECTED_FUNCTIONS, STACK_EXHAUSTED_FN } from './abi.js';
import { ByteWriter } from '../wasm/encoder.js';
import { Op } from '../wasm/opcodes.js';
import type { OperatorReader } from '../wasm/operators.js';
import type { FuncType, ValType } from '../wasm/types.js';
import type { FunctionAnalysis } from './analysis.js';
import { isLinearKind, PointKind, type Gas, type GasPoints } from './gas-points.js';

const U64_MAX = (1n << 64n) - 1n;
const U32_MAX = 0xffff_ffffn;

export interface InstrumentSettings {
  readonly gasGlobal: number;
  readonly stackGlobal: number;
  readonly regular: Gas;
  readonly nanCanonicalization: boolean;
}

/** Builds instrumented bodies; caches the encodings of charges that repeat. */
export class BodyInstrumenter {
  private readonly constantCharges = new Map<Gas, Uint8Array>();
  private pendingCanon = 0;
  /** Float results canonicalised in the last body (for statistics). */
  canonicalisations = 0;

  constructor(private readonly s: InstrumentSettings) {}

  /** Encoding of a charge of a constant `c` (non-zero). */
  private constantCharge(c: Gas): Uint8Array {
    let cached = this.constantCharges.get(c);
    if (cached === undefined) {
      const g = this.s.gasGlobal;
      const w = new ByteWriter(48);
      const k = BigInt(c);
      w.byte(0x23).u32(g).byte(0x42).i64(k).byte(0x54); // gas < c
      w.byte(0x04).byte(0x40);
      w.byte(0x42).i64(k).byte(0x10).u32(GAS_FN).byte(0x00);
      w.byte(0x05);
      w.byte(0x23).u32(g).byte(0x42).i64(k).byte(0x7d).byte(0x24).u32(g); // gas -= c
      w.byte(0x0b);
      cached = w.finish();
      this.constantCharges.set(c, cached);
    }
    return cached;
  }

  /** A fee `constant + unit · n`, where `n` is the i32 on top of the stack (kept there). */
  private linearCharge(w: ByteWriter, constant: Gas, unit: Gas, tmp64: number, cnt32: number): void {
    const g = this.s.gasGlobal;
    const base = BigInt(constant);
    const per = BigInt(unit);
    w.byte(0x22).u32(cnt32).byte(0xad); // n as u64
    // Overflow checks are only emitted when the fee of a u32 count can actually overflow u64.
    if (per > 0n && U32_MAX * per > U64_MAX) {
      w.byte(0x20).u32(cnt32).byte(0xad).byte(0x42).i64(U64_MAX / per).byte(0x56);
      w.byte(0x04).byte(0x40).byte(0x10).u32(GAS_EXHAUSTED_FN).byte(0x00).byte(0x0b);
    }
    w.byte(0x42).i64(per).byte(0x7e); // · unit
    const maxProduct = per > 0n && U32_MAX * per > U64_MAX ? U64_MAX : U32_MAX * per;
    if (maxProduct + base > U64_MAX) {
      w.byte(0x22).u32(tmp64).byte(0x42).i64(U64_MAX - base).byte(0x56);
      w.byte(0x04).byte(0x40).byte(0x10).u32(GAS_EXHAUSTED_FN).byte(0x00).byte(0x0b);
      w.byte(0x20).u32(tmp64);
    }
    w.byte(0x42).i64(base).byte(0x7c); // + constant
    w.byte(0x22).u32(tmp64).byte(0x23).u32(g).byte(0x56); // fee > gas
    w.byte(0x04).byte(0x40);
    w.byte(0x20).u32(tmp64).byte(0x10).u32(GAS_FN).byte(0x00);
    w.byte(0x05);
    w.byte(0x23).u32(g).byte(0x20).u32(tmp64).byte(0x7d).byte(0x24).u32(g);
    w.byte(0x0b);
    w.byte(0x20).u32(cnt32);
  }

  private stackAdjust(w: ByteWriter, charge: bigint, release: boolean): void {
    const s = this.s.stackGlobal;
    if (!release) {
      w.byte(0x23).u32(s).byte(0x42).i64(charge).byte(0x54); // stack < charge
      w.byte(0x04).byte(0x40).byte(0x10).u32(STACK_EXHAUSTED_FN).byte(0x00).byte(0x0b);
    }
    w.byte(0x23).u32(s).byte(0x42).i64(charge).byte(release ? 0x7c : 0x7d).byte(0x24).u32(s);
  }

  /**
   * Append the instrumented body (without its size prefix) to `out`. `ops` must be positioned
   * on the first instruction of the original body.
   */
  emit(
    out: ByteWriter,
    ops: OperatorReader,
    type: FuncType,
    localGroups: readonly (readonly [number, ValType])[],
    numDeclaredLocals: number,
    analysis: FunctionAnalysis,
    points: GasPoints,
  ): void {
    const code = ops.r.buf;
    const tmp64 = type.params.length + numDeclaredLocals;
    const cnt32 = tmp64 + 1;
    out.u32(localGroups.length + 2);
    for (const [count, t] of localGroups) out.u32(count).byte(t);
    out.byte(1).byte(0x7e).byte(1).byte(0x7f);

    const stackCharge = BigInt(analysis.operandStackSize) + BigInt(analysis.frameSize);
    if (stackCharge > U64_MAX) {
      out.byte(0x10).u32(STACK_EXHAUSTED_FN).byte(0x00).byte(0x0b);
      return;
    }
    const frameFee = BigInt(Math.ceil(analysis.frameSize / 8)) * BigInt(this.s.regular);
    if (frameFee > U64_MAX) {
      out.byte(0x10).u32(GAS_EXHAUSTED_FN).byte(0x00).byte(0x0b);
      return;
    }
    out.byte(0x02).byte(type.results.length === 0 ? 0x40 : type.results[0]);
    this.stackAdjust(out, stackCharge, false);
    if (frameFee > 0n) out.bytes(this.constantCharge(frameFee <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(frameFee) : frameFee));

    this.pendingCanon = 0;
    this.canonicalisations = 0;
    const end = ops.r.end;
    let p = 0;
    const n = points.count;
    while (!ops.eof()) {
      const op = ops.next();
      const offset = ops.offset;
      if (this.pendingCanon !== 0) this.flushCanon(out, op, tmp64, cnt32);
      for (; p < n && points.offsets[p] === offset; p++) {
        const kind = points.kinds[p];
        if (kind === PointKind.Unreachable) continue;
        const constant = points.constants[p];
        const linear = points.linears[p];
        if (linear !== 0 && isLinearKind(kind)) this.linearCharge(out, constant, linear, tmp64, cnt32);
        else if (constant !== 0) out.bytes(this.constantCharge(constant));
      }
      switch (op) {
        case Op.Call:
        case Op.RefFunc:
          out.byte(op).u32(ops.a + INJECTED_FUNCTIONS);
          break;
        case Op.Return:
          this.stackAdjust(out, stackCharge, true);
          out.byte(0x0f);
          break;
        case Op.End:
          if (ops.pos === end) {
            out.byte(0x0b);
            this.stackAdjust(out, stackCharge, true);
          }
          out.byte(0x0b);
          break;
        default:
          if (op >= 0xfc00) writePrefixed(out, ops);
          else out.bytes(code, offset, ops.pos);
          if (this.s.nanCanonicalization) this.pendingCanon = canonicalisedResult(op);
      }
    }
  }

  /** Canonicalise the float just produced unless `next` consumes it without observing its bits. */
  private flushCanon(out: ByteWriter, next: number, tmp64: number, cnt32: number): void {
    const kind = this.pendingCanon;
    this.pendingCanon = 0;
    if (absorbsNaN(kind, next)) return;
    this.canonicalisations++;
    if (kind === 0x7c) {
      out.byte(0xbd).byte(0x22).u32(tmp64).bytes(F64_CANON_HEAD).byte(0x20).u32(tmp64).bytes(F64_CANON_TAIL);
    } else {
      out.byte(0xbc).byte(0x22).u32(cnt32).bytes(F32_CANON_HEAD).byte(0x20).u32(cnt32).bytes(F32_CANON_TAIL);
    }
  }
}

// f64: select(x, 0x7ff8000000000000, (bits(x) & 0x7fff…) <= 0x7ff0000000000000)
const F64_CANON_HEAD = new ByteWriter(16).byte(0x42).i64(0x7ff8000000000000n).finish();
const F64_CANON_TAIL = new ByteWriter(32)
  .byte(0x42)
  .i64(0x7fffffffffffffffn)
  .byte(0x83)
  .byte(0x42)
  .i64(0x7ff0000000000000n)
  .byte(0x58)
  .byte(0x1b)
  .byte(0xbf)
  .finish();
const F32_CANON_HEAD = new ByteWriter(8).byte(0x41).i32(0x7fc00000).finish();
const F32_CANON_TAIL = new ByteWriter(16).byte(0x41).i32(0x7fffffff).byte(0x71).byte(0x41).i32(0x7f800000).byte(0x4d).byte(0x1b).byte(0xbe).finish();

/**
 * The float type (0x7d f32, 0x7c f64) whose NaN result `op` must canonicalise, or 0. These
 * are the operations Wasmtime canonicalises (arithmetic, rounding, sqrt, min/max,
 * promote/demote); abs, neg and copysign only move the sign bit and are left alone.
 */
function canonicalisedResult(op: number): number {
  if ((op >= 0x8d && op <= 0x97) || op === 0xb6) return 0x7d;
  if ((op >= 0x9b && op <= 0xa5) || op === 0xbb) return 0x7c;
  return 0;
}

/** Does `next` consume the float on top of the stack without its NaN bits being observable? */
function absorbsNaN(kind: number, next: number): boolean {
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

/** Re-encode a `0xfc` instruction with minimal LEBs (wasmparser accepts padded ones). */
function writePrefixed(out: ByteWriter, ops: OperatorReader): void {
  const sub = ops.op & 0xff;
  out.byte(0xfc).u32(sub);
  switch (ops.op) {
    case Op.MemoryInit:
    case Op.MemoryCopy:
    case Op.TableInit:
    case Op.TableCopy:
      out.u32(ops.a).u32(ops.b);
      break;
    case Op.DataDrop:
    case Op.MemoryFill:
    case Op.ElemDrop:
    case Op.TableGrow:
    case Op.TableSize:
    case Op.TableFill:
      out.u32(ops.a);
      break;
  }
}

