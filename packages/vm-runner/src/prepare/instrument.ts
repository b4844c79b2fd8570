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
 * This file owns the body walk and the calls' rewriting; the code it inserts comes from
 * gas-charges.ts (charges, the gas local), stack-limit.ts (stack budget), nan-canonicaliser.ts
 * and br-table-split.ts.
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
 * - A leaf function (no call or call_indirect, host calls included) only checks the stack budget
 *   (stack-limit.ts).
 */
import { GAS_EXHAUSTED_FN, INJECTED_FUNCTIONS, STACK_EXHAUSTED_FN } from './abi.js';
import type { ByteWriter } from '../wasm/encoder.js';
import { Op } from '../wasm/opcodes.js';
import { MAX_FUNCTION_LOCALS } from '../wasm/func-validator.js';
import type { FuncType } from '../wasm/types.js';
import { REWRITTEN_OPS } from './analysis-tables.js';
import { BrTableSplitter } from './br-table-split.js';
import { ChargeMerging } from './charge-merging.js';
import { MAX_ENGINE_BR_TABLE, type FunctionAnalysis } from './function-analysis.js';
import { GasChargeEmitter } from './gas-charges.js';
import { addGas, isLinearKind, PointKind, type Gas, type GasPoints } from './gas-points.js';
import type { InstructionLog, LocalGroups } from './instruction-log.js';
import { canonicalisedResult } from './nan.js';
import { NanCanonicaliser } from './nan-canonicaliser.js';
import type { NearcoreCodeSize } from './nearcore-size.js';
import type { FunctionLayout } from './gas-passing.js';
import { StackLimitEmitter } from './stack-limit.js';
import { WriteThrough } from './write-through.js';

const U64_MAX = (1n << 64n) - 1n;

export interface InstrumentSettings {
  readonly gasGlobal: number;
  readonly stackGlobal: number;
  readonly regular: Gas;
  readonly nanCanonicalization: boolean;
}

/** Builds instrumented bodies; its parts cache the encodings of charges that repeat. */
export class BodyInstrumenter {
  private readonly gas: GasChargeEmitter;
  private readonly stack: StackLimitEmitter;
  private readonly nan = new NanCanonicaliser();
  private readonly brTables = new BrTableSplitter();
  /** Where the charges of the body being emitted write the global (see write-through.ts). */
  private readonly writes = new WriteThrough();
  /** Which charges of the body being emitted are tested together (see charge-merging.ts). */
  private readonly merging = new ChargeMerging();
  /** `merging` when the body has merged charges, else null. */
  private chains: ChargeMerging | null = null;
  /** Scratch list of a chain's requests (writeChain). */
  private readonly requests: Gas[] = [];
  private layout: FunctionLayout | undefined;
  /** The body size nearcore's instrumenter would produce, accumulated while emitting. */
  private nearcoreSize = 0;
  private nearcore: NearcoreCodeSize | undefined;

  constructor(private readonly s: InstrumentSettings) {
    this.gas = new GasChargeEmitter(s.gasGlobal, s.regular);
    this.stack = new StackLimitEmitter(s.stackGlobal);
  }

  /** Float results canonicalised in the last body (for statistics). */
  get canonicalisations(): number {
    return this.nan.count;
  }

  /** The contract whose bodies follow: function indices, types, wrappers and adapters. */
  beginModule(layout: FunctionLayout): void {
    this.layout = layout;
  }

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
    const gas = this.gas;
    const nan = this.nan;
    const tmp64 = params + numDeclaredLocals;
    const cnt32 = tmp64 + 1;
    // Scratch float locals make NaN canonicalisation cheap; skipped if the engine's 50 000
    // locals limit would be crossed, where an integer-only sequence is used instead.
    const floatScratch = this.s.nanCanonicalization && analysis.floatResults && params + numDeclaredLocals + 4 <= MAX_FUNCTION_LOCALS;
    // Splitting an over-long br_table needs an i32 for the index and a local per label type.
    const extra = this.brTables.assignLocals(analysis.wideBrTables, tmp64 + (floatScratch ? 4 : 2));
    // The gas local comes last; without room under the engine's locals limit, charges use the
    // global directly (same gas, just slower).
    const scratchLocals = (floatScratch ? 4 : 2) + extra;
    const gasLocal = params + numDeclaredLocals + scratchLocals + 1 <= MAX_FUNCTION_LOCALS ? tmp64 + scratchLocals : -1;
    gas.useLocal(gasLocal);
    this.chains = null;
    if (gasLocal >= 0) {
      this.writes.analyse(log, code, analysis, points, layout.memoryBytes);
      this.merging.analyse(log, code, analysis, points, layout.memoryBytes);
      if (this.merging.merged) this.chains = this.merging;
    }
    this.stack.leaf = !analysis.calls;
    out.u32(localGroups.count + scratchLocals + (gasLocal >= 0 ? 1 : 0));
    for (let g = 0; g < localGroups.count; g++) out.u32(localGroups.numbers[g]).byte(localGroups.types[g]);
    out.byte(1).byte(0x7e).byte(1).byte(0x7f);
    if (floatScratch) out.byte(1).byte(0x7d).byte(1).byte(0x7c);
    if (extra > 0) this.brTables.declareLocals(out);
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
    this.stack.adjust(out, stackCharge, false);
    gas.reload(out);

    nan.begin(floatScratch ? tmp64 + 2 : -1, floatScratch ? tmp64 + 3 : -1);
    this.nearcore = nearcore;
    this.nearcoreSize = nearcore.bodyBase(localGroups, analysis, log.count > 0 ? bodyEnd - log.offsets[0] : 0);
    const n = points.count;
    const pointOffsets = points.offsets;
    let p = 0;
    const merged =
      log.count > 0 && (this.chains === null || (this.chains.absorbed[0] === 0 && this.chains.hoisted[0] === 0)) ? mergedEntryCharge(points, log.offsets[0], frameFee) : null;
    if (merged !== null && this.chains !== null && this.chains.follower[0] >= 0) {
      // The first charge heads a chain: the frame fee goes in front of it.
      this.writeChain(out, points, 0, frameFee);
      this.nearcoreSize += nearcore.constantSize(points.constantAt(0));
      p = 1;
    } else if (merged !== null) {
      if (merged !== 0 && merged !== 0n) out.array(gas.entry(merged, frameFee, points.constantAt(0), this.writesAt(0)));
      const first = points.constantAt(0);
      if (first !== 0) this.nearcoreSize += nearcore.constantSize(first);
      p = 1;
    } else if (frameFee !== 0 && frameFee !== 0n) out.array(gas.constant(frameFee, true));
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
      // Loop-entry charges (charge-merging.ts): the next one's `loop` offset (-1: none).
      const chains = this.chains;
      let entry = 0;
      let entryOffset = chains !== null && chains.entryCount > 0 ? chains.entryOffsets[0] : -1;
      for (;;) {
        let offset = afterFloat >= 0 ? offsets[afterFloat] : offsets[rewritten];
        if (p < n && pointOffsets[p] < offset) offset = pointOffsets[p];
        if (entryOffset >= 0 && entryOffset < offset) offset = entryOffset;
        if (offset >= endOffset) break;
        out.bytes(code, spanStart, offset);
        spanStart = offset;
        if (afterFloat >= 0) {
          nan.flush(out, ops[afterFloat], tmp64, cnt32);
          afterFloat = -1;
        }
        if (p < n && pointOffsets[p] === offset) p = this.emitCharges(out, points, p, offset, tmp64, cnt32);
        if (entryOffset === offset) {
          // After the charges before the `loop` itself, the header's, on the way in.
          this.writeChain(out, points, chains!.entryHeads[entry], 0);
          entryOffset = ++entry < chains!.entryCount ? chains!.entryOffsets[entry] : -1;
        }
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
            if (layout.isImported(f)) gas.reload(out);
            else gas.takeReturned(out, gas.local < 0 || this.writes.callWrites[i] === 1);
          } else if (op === Op.RefFunc) {
            layout.takesReferences = true;
            out.byte(op).u32(layout.reference(log.a[i]));
            this.nearcoreSize += nearcore.callSize(log.a[i], offsets[i + 1] - offset);
          } else if (op === Op.CallIndirect) {
            this.recordIndirectSlot(out, log.b[i], cnt32);
            out.byte(op).u32(layout.extendedType(log.a[i])).u32(log.b[i]);
            gas.takeReturned(out, gas.local < 0 || this.writes.callWrites[i] === 1);
          }
          else if (op === Op.BrTable) {
            if (log.b[i] > MAX_ENGINE_BR_TABLE) this.brTables.split(out, code, offset, offsets[i + 1]);
            else out.bytes(code, offset, offsets[i + 1]);
          }
          else if (op === Op.Return) {
            this.nearcoreSize += nearcore.release;
            this.stack.adjust(out, stackCharge, true);
            gas.pushRemaining(out);
            out.byte(0x0f);
          } else writePrefixed(out, op, log.a[i], log.b[i]);
        } else if (cls !== PLAIN) {
          const next = offsets[i + 1];
          out.bytes(code, offset, next);
          spanStart = next;
          nan.pending = cls === F32_RESULT ? 0x7d : 0x7c;
          afterFloat = i + 1;
        }
      }
    }
    if (last >= 0) {
      out.bytes(code, spanStart, offsets[last]);
      if (nan.pending !== 0) nan.flush(out, Op.End, tmp64, cnt32);
      if (p < n && pointOffsets[p] === offsets[last]) this.emitCharges(out, points, p, offsets[last], tmp64, cnt32);
    }
    out.byte(0x0b);
    this.stack.adjust(out, stackCharge, true);
    gas.pushRemaining(out);
    out.byte(0x0b);
    nearcore.addBody(this.nearcoreSize);
  }

  /**
   * Append the test of the chain of charges that starts at point `p` (charge-merging.ts), after
   * `frameFee` (0: none). It writes the global if any charge of the chain would have.
   */
  private writeChain(out: ByteWriter, points: GasPoints, p: number, frameFee: Gas): void {
    const { follower, hoisted, twin } = this.chains!;
    const pointWrites = this.writes.pointWrites;
    const requests = this.requests;
    requests.length = 0;
    const withFee = frameFee !== 0 && frameFee !== 0n;
    if (withFee) requests.push(frameFee);
    let total: Gas = 0;
    let write = false;
    // A chain ends at an arm's first charge tested before its `if` (either arm may follow).
    for (let x = p; x >= 0; x = hoisted[x] === 1 ? -1 : follower[x]) {
      const c = points.constantAt(x);
      requests.push(c);
      total = addGas(total, c)!; // the analysis merges only when all fees add up as numbers
      if (pointWrites[x] === 1 || (hoisted[x] === 1 && pointWrites[twin[x]] === 1)) write = true;
    }
    if (withFee) {
      const sum = addGas(frameFee, total);
      if (sum === null) {
        // Too large to test as one: the frame fee on its own first.
        out.array(this.gas.constant(frameFee, true));
        requests.shift();
      } else total = sum;
    }
    this.gas.chain(out, requests, total, write);
  }

  /** Whether the charge of point `p` writes the global (always when charges use the global). */
  private writesAt(p: number): boolean {
    return this.gas.local < 0 || this.writes.pointWrites[p] === 1;
  }

  /** Emit the charges of the points at `offset`, starting at point `p`; returns the next point. */
  private emitCharges(out: ByteWriter, points: GasPoints, p: number, offset: number, tmp64: number, cnt32: number): number {
    const n = points.count;
    const offsets = points.offsets;
    const kinds = points.kinds;
    const gas = this.gas;
    const nearcore = this.nearcore!;
    // Without a gas local every charge writes the global.
    const writes = gas.local < 0 ? null : this.writes.pointWrites;
    for (; p < n && offsets[p] === offset; p++) {
      const kind = kinds[p];
      if (kind === PointKind.Unreachable) continue;
      const constant = points.constantAt(p);
      if (isLinearKind(kind)) {
        const linear = points.linearAt(p);
        if (linear !== 0) {
          gas.linear(out, constant, linear, tmp64, cnt32);
          this.nearcoreSize += nearcore.linearSize(constant, linear, tmp64);
          continue;
        }
      }
      if (constant !== 0) {
        this.nearcoreSize += nearcore.constantSize(constant);
        const chains = this.chains;
        if (chains === null) out.array(gas.constant(constant, writes === null || writes[p] === 1));
        else if (chains.hoisted[p] === 1) {
          // Tested before the `if`: only what was merged after it is tested here.
          if (chains.follower[p] >= 0) this.writeChain(out, points, chains.follower[p], 0);
        } else if (chains.absorbed[p] === 0) {
          if (chains.follower[p] < 0) out.array(gas.constant(constant, writes === null || writes[p] === 1));
          else this.writeChain(out, points, p, 0);
        }
      }
    }
    return p;
  }
}

/**
 * The frame fee plus the charge of the first point, when that point is a constant charge at the
 * body's first instruction (then nothing runs between the two); null otherwise.
 */
function mergedEntryCharge(points: GasPoints, firstOffset: number, frameFee: Gas): Gas | null {
  if (points.count === 0 || points.offsets[0] !== firstOffset) return null;
  const kind = points.kinds[0];
  if (kind === PointKind.Unreachable) return null;
  if (isLinearKind(kind) && points.linearAt(0) !== 0) return null;
  return addGas(frameFee, points.constantAt(0));
}

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
