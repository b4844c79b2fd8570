/**
 * Re-encoding of one function body with gas metering, stack limiting and NaN
 * canonicalisation — the same structure nearcore's `instrument_v3` produces, built only from
 * instructions every engine supports (nearcore uses `i64.add128`/`i64.mul_wide_u`; we compare
 * and branch instead, with identical results):
 *
 * ```wat
 * (func (type <the contract's type, with an extra i64 result>) (local <original locals> i64 i32 … $gas i64)
 *   (block (result <function result>)
 *     ;; stack: take operand-stack + frame bytes, or stack_exhausted()
 *     ;; $gas = remaining_gas
 *     ;; gas: ceil(frame / 8) · regular_op_cost, with the first instruction's charge
 *     <body, each run of instructions preceded by its charge>)
 *   ;; stack: give the bytes back (also before every `return`)
 *   $gas)  ;; the remaining gas goes back to the caller (gas-passing.ts)
 * ```
 * A constant charge of `c` is
 * `if ($gas < c) { remaining_gas = $gas; finite_wasm_gas(c); unreachable } $gas -= c`, followed by
 * `remaining_gas = $gas` where the global may be read before the next charge (write-through.ts).
 *
 * Why it has this shape (each part measured on tools/bench/metering.mjs):
 * - The local `$gas` holds the remaining gas; the global is written only where it can be read
 *   before the next charge: before an instruction that may trap, a call (the callee reads it on
 *   entry, host functions settle from it) or a linear charge. A read of the global after the
 *   previous charge's write is a store-to-load round trip; the local is a register.
 * - A call to a contract function takes the remaining gas from the callee's extra result: no
 *   store in the callee and load in the caller per call (a comparator called per comparison paid
 *   most of a sort's metering in them). After a host call the local is re-read from the global,
 *   which the host re-synced.
 * - The frame fee and the charge at the function's first instruction are one charge: nothing runs
 *   between them, and a failing `finite_wasm_gas(a + b)` ends exactly like a passing `a` followed
 *   by a failing `b` (the host burns the same total, GasCounter decides on the total).
 * - A leaf function (no call or call_indirect, host calls included) only checks the stack budget:
 *   nothing can run while its frame is taken, so taking and giving back the bytes is unobservable.
 */
import { GAS_EXHAUSTED_FN, GAS_FN, INJECTED_FUNCTIONS, STACK_EXHAUSTED_FN } from './abi.js';
import { ByteWriter } from '../wasm/encoder.js';
import { Op } from '../wasm/opcodes.js';
import { MAX_FUNCTION_LOCALS } from '../wasm/func-validator.js';
import type { FuncType } from '../wasm/types.js';
import { MAX_ENGINE_BR_TABLE, REWRITTEN_OPS, type FunctionAnalysis, type WideBrTable } from './analysis.js';
import { BlockType, OperatorReader } from '../wasm/operators.js';

/** Labels per br_table when an over-long one is split (below V8's 65 520). */
const BR_TABLE_CHUNK = 65_000;
import { addGas, isLinearKind, PointKind, type Gas, type GasPoints } from './gas-points.js';
import type { InstructionLog, LocalGroups } from './instruction-log.js';
import { absorbsNaN, canonicalisedResult } from './nan.js';
import type { NearcoreCodeSize } from './nearcore-size.js';
import type { FunctionLayout } from './gas-passing.js';
import { WriteThrough } from './write-through.js';

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
  private f32Local = -1;
  private f64Local = -1;
  /** Float results canonicalised in the last body (for statistics). */
  canonicalisations = 0;

  constructor(private readonly s: InstrumentSettings) {}

  /** Charges that are small multiples of the regular op cost, by multiple. */
  private readonly chargesByOps: (Uint8Array | undefined)[] = [];

  /** Local holding the remaining gas in the body being emitted (-1: charges use the global). */
  private gasLocal = -1;
  /**
   * Charges through the gas local, by local index times two plus one when they write the global
   * (see `useGasLocal`).
   */
  private readonly localChargeCaches = new Map<number, LocalCharges>();
  private localCharges: LocalCharges = { byOps: [], byAmount: new Map() };
  private localChargesWriting: LocalCharges = { byOps: [], byAmount: new Map() };

  /** Where the charges of the body being emitted write the global (see write-through.ts). */
  private readonly writes = new WriteThrough();
  private layout: FunctionLayout | undefined;

  /** The contract whose bodies follow: function indices, types, wrappers and adapters. */
  beginModule(layout: FunctionLayout): void {
    this.layout = layout;
  }

  /**
   * Encoding of a charge of a constant `c` (non-zero); `write`: the remaining gas is written
   * through to the global (always, when charges use the global itself).
   */
  private constantCharge(c: Gas, write: boolean): Uint8Array {
    // Charges are mostly small multiples of the regular op cost: an array index is cheaper
    // than a map lookup by amount.
    const ops = opsMultiple(c, this.s.regular);
    if (this.gasLocal >= 0) {
      const local = write ? this.localChargesWriting : this.localCharges;
      if (ops >= 0) return (local.byOps[ops] ??= this.encodeLocalCharge(c, this.gasLocal, write));
      let cached = local.byAmount.get(c);
      if (cached === undefined) {
        cached = this.encodeLocalCharge(c, this.gasLocal, write);
        local.byAmount.set(c, cached);
      }
      return cached;
    }
    if (ops >= 0) return (this.chargesByOps[ops] ??= this.encodeCharge(c));
    let cached = this.constantCharges.get(c);
    if (cached === undefined) {
      cached = this.encodeCharge(c);
      this.constantCharges.set(c, cached);
    }
    return cached;
  }

  /**
   * `slow` are the requests the failing path makes, in order: `[c]`, or the frame fee and the
   * first instruction's charge of a merged entry charge (see `entryCharge`).
   */
  private encodeCharge(c: Gas, slow: readonly Gas[] = [c]): Uint8Array {
    {
      const g = this.s.gasGlobal;
      const w = new ByteWriter(48);
      w.byte(0x23).u32(g).byte(0x42).i64n(c).byte(0x54); // gas < c
      w.byte(0x04).byte(0x40);
      // `unreachable` after the call keeps the slow path a dead end, so the engine's fast path
      // does not have to assume the call's effects (a measured 2x difference in tight loops).
      slowRequests(w, slow);
      w.byte(0x05);
      w.byte(0x23).u32(g).byte(0x42).i64n(c).byte(0x7d).byte(0x24).u32(g); // gas -= c
      w.byte(0x0b);
      return w.finish();
    }
  }

  /** A charge through the gas local `l`, written through to the global if `write`. */
  private encodeLocalCharge(c: Gas, l: number, write: boolean, slow: readonly Gas[] = [c]): Uint8Array {
    const g = this.s.gasGlobal;
    const w = new ByteWriter(48);
    w.byte(0x20).u32(l).byte(0x42).i64n(c).byte(0x54); // gas < c
    w.byte(0x04).byte(0x40);
    w.byte(0x20).u32(l).byte(0x24).u32(g); // the host settles from the global: make it exact
    slowRequests(w, slow);
    w.byte(0x0b);
    w.byte(0x20).u32(l).byte(0x42).i64n(c).byte(0x7d); // gas -= c
    if (write) w.byte(0x22).u32(l).byte(0x24).u32(g);
    else w.byte(0x21).u32(l);
    return w.finish();
  }

  /**
   * The frame fee and the first instruction's charge as one test, `total = frameFee + first`.
   * When it fails, the host is still asked for the two amounts one after the other, as nearcore
   * does: which limit error a failing request reports depends on that request's own new total
   * (GasLimitExceeded only past max_gas_burnt), so one request for the sum could report
   * GasLimitExceeded where the frame fee alone fails with GasExceeded.
   */
  private entryCharge(total: Gas, frameFee: Gas, first: Gas, write: boolean): Uint8Array {
    if (frameFee === 0 || frameFee === 0n || first === 0 || first === 0n) return this.constantCharge(total, write);
    // Few distinct (local, write, frame fee, first charge) per contract: encode each once.
    // Nested maps rather than one string key: building the key cost more than the lookups.
    const key = this.gasLocal < 0 ? -1 : this.gasLocal * 2 + (write ? 1 : 0);
    let byFrameFee = this.entryCharges.get(key);
    if (byFrameFee === undefined) this.entryCharges.set(key, (byFrameFee = new Map()));
    let byFirst = byFrameFee.get(frameFee);
    if (byFirst === undefined) byFrameFee.set(frameFee, (byFirst = new Map()));
    let cached = byFirst.get(first);
    if (cached === undefined) {
      const slow = [frameFee, first];
      cached = this.gasLocal >= 0 ? this.encodeLocalCharge(total, this.gasLocal, write, slow) : this.encodeCharge(total, slow);
      byFirst.set(first, cached);
    }
    return cached;
  }

  /** Merged entry charges by gas local and write (-1: the global), frame fee and first charge. */
  private readonly entryCharges = new Map<number, Map<Gas, Map<Gas, Uint8Array>>>();

  /**
   * `indirect_call_slot = table << 32 | element` with the element index on top of the stack
   * (kept there): V8 traps a null slot and a signature mismatch alike, the host tells them apart
   * from this slot (abi.ts). The slot global follows the stack global in modules with tables.
   */
  private recordIndirectSlot(out: ByteWriter, table: number, cnt32: number): void {
    const slot = this.s.stackGlobal + 1;
    out.byte(0x22).u32(cnt32).byte(0xad); // local.tee (the i32 scratch is free here), i64.extend_i32_u
    if (table !== 0) out.byte(0x42).i64n(BigInt(table) << 32n).byte(0x84); // i64.or
    out.byte(0x24).u32(slot).byte(0x20).u32(cnt32); // global.set, local.get
  }

  /** Re-read the gas local from the global (after a host call, which re-syncs the global). */
  private reloadGas(out: ByteWriter): void {
    if (this.gasLocal >= 0) out.byte(0x23).u32(this.s.gasGlobal).byte(0x21).u32(this.gasLocal);
  }

  /** Take the remaining gas a contract function returned (on top of the stack). */
  private takeReturnedGas(out: ByteWriter, write: boolean): void {
    const g = this.s.gasGlobal;
    if (this.gasLocal < 0) out.byte(0x24).u32(g);
    else if (write) out.byte(0x22).u32(this.gasLocal).byte(0x24).u32(g);
    else out.byte(0x21).u32(this.gasLocal);
  }

  /** Push the remaining gas, the extra result of every contract function (gas-passing.ts). */
  private pushRemainingGas(out: ByteWriter): void {
    if (this.gasLocal >= 0) out.byte(0x20).u32(this.gasLocal);
    else out.byte(0x23).u32(this.s.gasGlobal);
  }

  /** `local.get gas; global.set` before a host request on a slow path (no-op without the local). */
  private syncGlobal(out: ByteWriter): void {
    if (this.gasLocal >= 0) out.byte(0x20).u32(this.gasLocal).byte(0x24).u32(this.s.gasGlobal);
  }

  /** A fee `constant + unit · n`, where `n` is the i32 on top of the stack (kept there). */
  private linearCharge(w: ByteWriter, constant: Gas, unit: Gas, tmp64: number, cnt32: number): void {
    const g = this.s.gasGlobal;
    const l = this.gasLocal;
    const base = BigInt(constant);
    const per = BigInt(unit);
    w.byte(0x22).u32(cnt32).byte(0xad); // n as u64
    // Overflow checks are only emitted when the fee of a u32 count can actually overflow u64.
    if (per > 0n && U32_MAX * per > U64_MAX) {
      w.byte(0x20).u32(cnt32).byte(0xad).byte(0x42).i64(U64_MAX / per).byte(0x56);
      w.byte(0x04).byte(0x40);
      this.syncGlobal(w);
      w.byte(0x10).u32(GAS_EXHAUSTED_FN).byte(0x00).byte(0x0b);
    }
    w.byte(0x42).i64(per).byte(0x7e); // · unit
    const maxProduct = per > 0n && U32_MAX * per > U64_MAX ? U64_MAX : U32_MAX * per;
    if (maxProduct + base > U64_MAX) {
      w.byte(0x22).u32(tmp64).byte(0x42).i64(U64_MAX - base).byte(0x56);
      w.byte(0x04).byte(0x40);
      this.syncGlobal(w);
      w.byte(0x10).u32(GAS_EXHAUSTED_FN).byte(0x00).byte(0x0b);
      w.byte(0x20).u32(tmp64);
    }
    w.byte(0x42).i64(base).byte(0x7c); // + constant
    w.byte(0x22).u32(tmp64);
    this.pushRemainingGas(w);
    w.byte(0x56); // fee > gas
    w.byte(0x04).byte(0x40);
    this.syncGlobal(w);
    w.byte(0x20).u32(tmp64).byte(0x10).u32(GAS_FN).byte(0x00);
    w.byte(0x05);
    this.pushRemainingGas(w);
    w.byte(0x20).u32(tmp64).byte(0x7d); // gas -= fee, always written through (write-through.ts)
    if (l >= 0) w.byte(0x22).u32(l);
    w.byte(0x24).u32(g);
    w.byte(0x0b);
    w.byte(0x20).u32(cnt32);
  }

  private readonly stackSequences = new Map<number | bigint, Uint8Array>();

  /** Whether the body being emitted calls nothing: its stack bytes are only checked. */
  private leaf = false;

  /**
   * `stack -= charge` with its exhaustion check, or `stack += charge` (cached per charge); in a
   * leaf only the check.
   */
  private stackAdjust(w: ByteWriter, charge: number | bigint, release: boolean): void {
    if (this.leaf) {
      if (!release) this.stackCheck(w, charge);
      return;
    }
    const key = typeof charge === 'number' ? (release ? -charge - 1 : charge) : release ? -charge - 1n : charge;
    let seq = this.stackSequences.get(key);
    if (seq === undefined) {
      const e = new ByteWriter(40);
      this.encodeStackAdjust(e, charge, release);
      seq = e.finish();
      this.stackSequences.set(key, seq);
    }
    w.array(seq);
  }

  private encodeStackAdjust(w: ByteWriter, charge: number | bigint, release: boolean): void {
    const s = this.s.stackGlobal;
    if (!release) this.stackCheck(w, charge);
    w.byte(0x23).u32(s).byte(0x42).i64n(charge).byte(release ? 0x7c : 0x7d).byte(0x24).u32(s);
  }

  /** `if (stack < charge) stack_exhausted()` (the host throws). */
  private stackCheck(w: ByteWriter, charge: number | bigint): void {
    w.byte(0x23).u32(this.s.stackGlobal).byte(0x42).i64n(charge).byte(0x54);
    w.byte(0x04).byte(0x40).byte(0x10).u32(STACK_EXHAUSTED_FN).byte(0x00).byte(0x0b);
  }

  /**
   * Append the instrumented body (without its size prefix) to `out`, from the instructions
   * logged while the body was validated (`code[log.offsets[i] .. next)` is instruction i).
   */
  emit(
    out: ByteWriter,
    code: Uint8Array,
    log: InstructionLog,
    bodyEnd: number,
    type: FuncType,
    localGroups: LocalGroups,
    numDeclaredLocals: number,
    analysis: FunctionAnalysis,
    points: GasPoints,
    nearcore: NearcoreCodeSize,
  ): void {
    const params = type.params.length;
    const layout = this.layout!;
    const tmp64 = params + numDeclaredLocals;
    const cnt32 = tmp64 + 1;
    // Scratch float locals make NaN canonicalisation cheap; skipped if the engine's 50 000
    // locals limit would be crossed, where an integer-only sequence is used instead.
    const floatScratch = this.s.nanCanonicalization && analysis.floatResults && params + numDeclaredLocals + 4 <= MAX_FUNCTION_LOCALS;
    this.f32Local = floatScratch ? tmp64 + 2 : -1;
    this.f64Local = floatScratch ? tmp64 + 3 : -1;
    // Splitting an over-long br_table needs an i32 for the index and a local per label type.
    const wide = analysis.wideBrTables;
    this.brIndexLocal = tmp64 + (floatScratch ? 4 : 2);
    // Map.clear allocates a fresh table even when the map is empty (as it almost always is).
    if (this.brValueLocals.size > 0) this.brValueLocals.clear();
    let extra = 0;
    if (wide.length > 0) {
      extra = 1;
      for (const { type } of wide) {
        if (type !== BlockType.Empty && !this.brValueLocals.has(type)) this.brValueLocals.set(type, this.brIndexLocal + extra++);
      }
    }
    // The gas local comes last; without room under the engine's locals limit, charges use the
    // global directly (same gas, just slower).
    const scratchLocals = (floatScratch ? 4 : 2) + extra;
    const gasLocal = params + numDeclaredLocals + scratchLocals + 1 <= MAX_FUNCTION_LOCALS ? tmp64 + scratchLocals : -1;
    this.useGasLocal(gasLocal);
    if (gasLocal >= 0) this.writes.analyse(log, code, analysis, points, layout.memoryBytes);
    this.leaf = !analysis.calls;
    out.u32(localGroups.count + scratchLocals + (gasLocal >= 0 ? 1 : 0));
    for (let g = 0; g < localGroups.count; g++) out.u32(localGroups.numbers[g]).byte(localGroups.types[g]);
    out.byte(1).byte(0x7e).byte(1).byte(0x7f);
    if (floatScratch) out.byte(1).byte(0x7d).byte(1).byte(0x7c);
    if (extra > 0) {
      out.byte(1).byte(0x7f);
      for (const t of this.brValueLocals.keys()) out.byte(1).byte(t);
    }
    if (gasLocal >= 0) out.byte(1).byte(0x7e);

    // Both figures are small in practice; bigints only when a configuration makes them huge.
    const stackSum = analysis.operandStackSize + analysis.frameSize;
    const stackCharge: number | bigint = stackSum <= Number.MAX_SAFE_INTEGER ? stackSum : BigInt(analysis.operandStackSize) + BigInt(analysis.frameSize);
    if (typeof stackCharge === 'bigint' && stackCharge > U64_MAX) {
      out.byte(0x10).u32(STACK_EXHAUSTED_FN).byte(0x00).byte(0x0b);
      return;
    }
    const frameOps = Math.ceil(analysis.frameSize / 8);
    const regular = this.s.regular;
    let frameFee: number | bigint = typeof regular === 'number' ? frameOps * regular : 0;
    if (typeof regular !== 'number' || frameFee > Number.MAX_SAFE_INTEGER) {
      frameFee = BigInt(frameOps) * BigInt(regular);
      if (frameFee > U64_MAX) {
        out.byte(0x10).u32(GAS_EXHAUSTED_FN).byte(0x00).byte(0x0b);
        return;
      }
    }
    out.byte(0x02).byte(type.results.length === 0 ? 0x40 : type.results[0]);
    this.stackAdjust(out, stackCharge, false);
    this.reloadGas(out);

    this.pendingCanon = 0;
    this.canonicalisations = 0;
    this.nearcore = nearcore;
    this.nearcoreSize = nearcore.bodyBase(localGroups, analysis, log.count > 0 ? bodyEnd - log.offsets[0] : 0);
    const n = points.count;
    const pointOffsets = points.offsets;
    let p = 0;
    const merged = log.count > 0 ? mergedEntryCharge(points, log.offsets[0], frameFee) : null;
    if (merged !== null) {
      if (merged !== 0 && merged !== 0n) out.array(this.entryCharge(merged, frameFee, points.constantAt(0), this.writesAt(0)));
      const first = points.constantAt(0);
      if (first !== 0) this.nearcoreSize += nearcore.constantSize(first);
      p = 1;
    } else if (frameFee !== 0 && frameFee !== 0n) out.array(this.constantCharge(frameFee, true));
    const last = log.count - 1; // the body's final `end`, handled after the loop
    const offsets = log.offsets;
    const ops = log.ops;
    const classes = this.s.nanCanonicalization ? OP_CLASS : OP_CLASS_NO_NAN;
    // Only the instructions with charges, the rewritten ones (listed by the analysis) and those
    // right after a float result need attention; the runs between them are copied in one go.
    let spanStart = last >= 0 ? offsets[0] : bodyEnd;
    if (last > 0) {
      const events = analysis.events;
      const eventCount = analysis.eventCount;
      const endOffset = offsets[last];
      let e = 0;
      // The next rewritten instruction (`last`: none before the final `end`).
      let rewritten = eventCount > 0 ? events[0] : last;
      // The instruction after a float result, while the result's canonicalisation is pending.
      let afterFloat = -1;
      for (;;) {
        let offset = afterFloat >= 0 ? offsets[afterFloat] : offsets[rewritten];
        if (p < n && pointOffsets[p] < offset) offset = pointOffsets[p];
        if (offset >= endOffset) break;
        out.bytes(code, spanStart, offset);
        spanStart = offset;
        if (afterFloat >= 0) {
          this.flushCanon(out, ops[afterFloat], tmp64, cnt32);
          afterFloat = -1;
        }
        if (p < n && pointOffsets[p] === offset) p = this.emitCharges(out, points, p, offset, tmp64, cnt32);
        if (offsets[rewritten] !== offset) continue;
        const i = rewritten;
        rewritten = ++e < eventCount ? events[e] : last;
        const op = ops[i];
        const cls = op < 0x100 ? classes[op] : SPECIAL;
        if (cls === SPECIAL) {
          spanStart = offsets[i + 1];
          if (op === Op.Call) {
            const f = log.a[i];
            out.byte(op).u32(f + INJECTED_FUNCTIONS);
            this.nearcoreSize += nearcore.callSize(f, offsets[i + 1] - offset);
            if (layout.isImported(f)) this.reloadGas(out);
            else this.takeReturnedGas(out, this.gasLocal < 0 || this.writes.callWrites[i] === 1);
          } else if (op === Op.RefFunc) {
            layout.takesReferences = true;
            out.byte(op).u32(layout.reference(log.a[i]));
            this.nearcoreSize += nearcore.callSize(log.a[i], offsets[i + 1] - offset);
          } else if (op === Op.CallIndirect) {
            this.recordIndirectSlot(out, log.b[i], cnt32);
            out.byte(op).u32(layout.extendedType(log.a[i])).u32(log.b[i]);
            this.takeReturnedGas(out, this.gasLocal < 0 || this.writes.callWrites[i] === 1);
          }
          else if (op === Op.BrTable) {
            if (log.b[i] > MAX_ENGINE_BR_TABLE) this.splitBrTable(out, code, offset, offsets[i + 1], wide);
            else out.bytes(code, offset, offsets[i + 1]);
          }
          else if (op === Op.Return) {
            this.nearcoreSize += nearcore.release;
            this.stackAdjust(out, stackCharge, true);
            this.pushRemainingGas(out);
            out.byte(0x0f);
          } else writePrefixed(out, op, log.a[i], log.b[i]);
        } else if (cls !== PLAIN) {
          const next = offsets[i + 1];
          out.bytes(code, offset, next);
          spanStart = next;
          this.pendingCanon = cls === F32_RESULT ? 0x7d : 0x7c;
          afterFloat = i + 1;
        }
      }
    }
    if (last >= 0) {
      out.bytes(code, spanStart, offsets[last]);
      if (this.pendingCanon !== 0) this.flushCanon(out, Op.End, tmp64, cnt32);
      if (p < n && pointOffsets[p] === offsets[last]) this.emitCharges(out, points, p, offsets[last], tmp64, cnt32);
    }
    out.byte(0x0b);
    this.stackAdjust(out, stackCharge, true);
    this.pushRemainingGas(out);
    out.byte(0x0b);
    nearcore.addBody(this.nearcoreSize);
  }

  private useGasLocal(local: number): void {
    this.gasLocal = local;
    if (local < 0) return;
    this.localCharges = this.localChargeCache(local * 2);
    this.localChargesWriting = this.localChargeCache(local * 2 + 1);
  }

  private localChargeCache(key: number): LocalCharges {
    let cache = this.localChargeCaches.get(key);
    if (cache === undefined) this.localChargeCaches.set(key, (cache = { byOps: [], byAmount: new Map() }));
    return cache;
  }

  /** Whether the charge of point `p` writes the global (always when charges use the global). */
  private writesAt(p: number): boolean {
    return this.gasLocal < 0 || this.writes.pointWrites[p] === 1;
  }

  /** The body size nearcore's instrumenter would produce, accumulated while emitting. */
  private nearcoreSize = 0;
  private nearcore: NearcoreCodeSize | undefined;

  private brIndexLocal = 0;
  private readonly brValueLocals = new Map<number, number>();
  private readonly brReader = new OperatorReader();

  /**
   * Re-encode a br_table with more labels than V8 accepts as a chain of shorter ones: chunk k
   * handles indices [k·C, (k+1)·C) inside a block whose label is the chunk's default ("try the
   * next chunk"); every original label is one level further out inside that block. A value
   * carried by the labels goes through a scratch local, since blocks do not see outer operands.
   * The original instruction is charged once by the gas analysis; the extra ones are free.
   */
  private splitBrTable(out: ByteWriter, code: Uint8Array, offset: number, next: number, wide: readonly WideBrTable[]): void {
    const r = this.brReader;
    r.reset(code, offset, next);
    r.next();
    const targets = r.brTargets;
    const count = r.brCount;
    const defaultLabel = r.a;
    const type = wide.find((w) => w.offset === offset)!.type;
    const valueLocal = type === BlockType.Empty ? -1 : this.brValueLocals.get(type)!;
    const idx = this.brIndexLocal;
    out.byte(0x21).u32(idx);
    if (valueLocal >= 0) out.byte(0x21).u32(valueLocal);
    const chunk = BR_TABLE_CHUNK;
    let start = 0;
    for (; count - start > chunk; start += chunk) {
      out.byte(0x02).byte(type === BlockType.Empty ? 0x40 : type);
      if (valueLocal >= 0) out.byte(0x20).u32(valueLocal);
      out.byte(0x20).u32(idx);
      if (start > 0) out.byte(0x41).i32(start).byte(0x6b);
      out.byte(0x0e).u32(chunk);
      for (let i = start; i < start + chunk; i++) out.u32(targets[i] + 1);
      out.u32(0).byte(0x0b);
      if (valueLocal >= 0) out.byte(0x1a);
    }
    if (valueLocal >= 0) out.byte(0x20).u32(valueLocal);
    out.byte(0x20).u32(idx);
    if (start > 0) out.byte(0x41).i32(start).byte(0x6b);
    out.byte(0x0e).u32(count - start);
    for (let i = start; i < count; i++) out.u32(targets[i]);
    out.u32(defaultLabel);
  }

  /** Emit the charges of the points at `offset`, starting at point `p`; returns the next point. */
  private emitCharges(out: ByteWriter, points: GasPoints, p: number, offset: number, tmp64: number, cnt32: number): number {
    const n = points.count;
    for (; p < n && points.offsets[p] === offset; p++) {
      const kind = points.kinds[p];
      if (kind === PointKind.Unreachable) continue;
      const constant = points.constantAt(p);
      const linear = points.linearAt(p);
      if (linear !== 0 && isLinearKind(kind)) {
        this.linearCharge(out, constant, linear, tmp64, cnt32);
        this.nearcoreSize += this.nearcore!.linearSize(constant, linear, tmp64);
      } else if (constant !== 0) {
        out.array(this.constantCharge(constant, this.writesAt(p)));
        this.nearcoreSize += this.nearcore!.constantSize(constant);
      }
    }
    return p;
  }

  /** Canonicalise the float just produced unless `next` consumes it without observing its bits. */
  private flushCanon(out: ByteWriter, next: number, tmp64: number, cnt32: number): void {
    const kind = this.pendingCanon;
    this.pendingCanon = 0;
    if (absorbsNaN(kind, next)) return;
    this.canonicalisations++;
    const scratch = kind === 0x7c ? this.f64Local : this.f32Local;
    if (scratch >= 0) {
      // x != x only for NaN: `if (x != x) canonical else x`.
      out.byte(0x22).u32(scratch).byte(0x20).u32(scratch).byte(kind === 0x7c ? 0x62 : 0x5c);
      out.byte(0x04).byte(kind);
      if (kind === 0x7c) out.bytes(F64_CANONICAL_CONST);
      else out.bytes(F32_CANONICAL_CONST);
      out.byte(0x05).byte(0x20).u32(scratch).byte(0x0b);
    } else if (kind === 0x7c) {
      out.byte(0xbd).byte(0x22).u32(tmp64).bytes(F64_CANON_HEAD).byte(0x20).u32(tmp64).bytes(F64_CANON_TAIL);
    } else {
      out.byte(0xbc).byte(0x22).u32(cnt32).bytes(F32_CANON_HEAD).byte(0x20).u32(cnt32).bytes(F32_CANON_TAIL);
    }
  }
}

/**
 * The frame fee plus the charge of the first point, when that point is a constant charge at the
 * body's first instruction (then nothing runs between the two); null otherwise.
 */
/** The failing path of a charge: a `finite_wasm_gas` request per amount, then `unreachable`. */
function slowRequests(w: ByteWriter, amounts: readonly Gas[]): void {
  for (const a of amounts) w.byte(0x42).i64n(a).byte(0x10).u32(GAS_FN);
  w.byte(0x00);
}

/** Encoded charges through one gas local. */
interface LocalCharges {
  /** By multiple of the regular op cost (see `opsMultiple`). */
  readonly byOps: (Uint8Array | undefined)[];
  readonly byAmount: Map<Gas, Uint8Array>;
}

/** `c / regular` when that is a whole number below 1024, else -1. */
function opsMultiple(c: Gas, regular: Gas): number {
  if (typeof c !== 'number' || typeof regular !== 'number') return -1;
  const ops = c / regular;
  return ops < 1024 && ops === Math.floor(ops) && ops * regular === c ? ops : -1;
}

function mergedEntryCharge(points: GasPoints, firstOffset: number, frameFee: Gas): Gas | null {
  if (points.count === 0 || points.offsets[0] !== firstOffset) return null;
  const kind = points.kinds[0];
  if (kind === PointKind.Unreachable) return null;
  if (isLinearKind(kind) && points.linearAt(0) !== 0) return null;
  return addGas(frameFee, points.constantAt(0));
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
/** How the emitter treats each single-byte opcode. */
const PLAIN = 0;
const SPECIAL = 1;
const F32_RESULT = 2;
const F64_RESULT = 3;
const OP_CLASS_NO_NAN = new Uint8Array(256);
for (const op of REWRITTEN_OPS) OP_CLASS_NO_NAN[op] = SPECIAL;
const OP_CLASS = OP_CLASS_NO_NAN.slice();
for (let op = 0; op < 256; op++) {
  const t = canonicalisedResult(op);
  if (t !== 0) OP_CLASS[op] = t === 0x7d ? F32_RESULT : F64_RESULT;
}

const F64_CANONICAL_CONST = Uint8Array.of(0x44, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f);
const F32_CANONICAL_CONST = Uint8Array.of(0x43, 0, 0, 0xc0, 0x7f);
const F32_CANON_HEAD = new ByteWriter(8).byte(0x41).i32(0x7fc00000).finish();
const F32_CANON_TAIL = new ByteWriter(16).byte(0x41).i32(0x7fffffff).byte(0x71).byte(0x41).i32(0x7f800000).byte(0x4d).byte(0x1b).byte(0xbe).finish();

/** Re-encode a `0xfc` instruction with minimal LEBs (wasmparser accepts padded ones). */
function writePrefixed(out: ByteWriter, op: number, a: number, b: number): void {
  out.byte(0xfc).u32(op & 0xff);
  switch (op) {
    case Op.MemoryInit:
    case Op.MemoryCopy:
    case Op.TableInit:
    case Op.TableCopy:
      out.u32(a).u32(b);
      break;
    case Op.DataDrop:
    case Op.MemoryFill:
    case Op.ElemDrop:
    case Op.TableGrow:
    case Op.TableSize:
    case Op.TableFill:
      out.u32(a);
      break;
  }
}

