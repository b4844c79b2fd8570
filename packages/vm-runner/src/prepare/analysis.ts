/**
 * Per-function analysis equivalent to finite-wasm's (the crate nearcore instruments with):
 *
 * - the **gas** analysis: which instructions cost what (nearcore's `SimpleGasCostCfg`) and where
 *   the charges go (see gas-points.ts);
 * - the **max-stack** analysis: the largest operand stack a function can build, in bytes
 *   (i32/f32 = 4, i64/f64 = 8, references = 8), and the size of its activation frame.
 *
 * Both analyses share finite-wasm's frame model: a frame is pushed by block/loop/if (and
 * replaced at else), and once `unreachable`, `br`, `br_table` or `return` executes the rest of
 * the frame is "polymorphic" — dead code that nested frames inherit. Its quirks are kept on
 * purpose, e.g. `call_indirect` leaves its table-index operand on the modelled stack, and an
 * inner frame's operands are not popped when the enclosing frame is polymorphic.
 */
import type { ModuleValidator } from '../wasm/module-validator.js';
import { MEMORY_ACCESS, NUM_POPS, NUM_RESULT, NUM_TRAPS, Op } from '../wasm/opcodes.js';
import { BlockType, type OperatorReader } from '../wasm/operators.js';
import { stackSizeOf, ValType } from '../wasm/types.js';
import { GasPointTable, PointKind, type Gas } from './gas-points.js';
import { canonicalisedResult } from './nan.js';
import type { LocalGroups } from './instruction-log.js';

/** Fees of nearcore's `SimpleGasCostCfg`. */
export interface GasCosts {
  readonly regular: Gas;
  readonly linearBase: Gas;
  readonly linearUnit: Gas;
}

const Target = { UntakenForward: 0, Forward: 1, Loop: 2 } as const;

/**
 * Single-byte opcodes the instrumenter re-encodes or extends (instrument.ts); so are every
 * `0xfc` instruction and every float result that gets NaN-canonicalised. The analysis lists
 * where they are so that the instrumenter need not look at every instruction.
 */
export const REWRITTEN_OPS: readonly number[] = [Op.Call, Op.RefFunc, Op.Return, Op.BrTable, Op.CallIndirect];

/** Opcodes whose float result gets NaN-canonicalised (1) or not (0). */
const CANONICALISED = new Uint8Array(256);
for (let op = 0; op < 256; op++) CANONICALISED[op] = canonicalisedResult(op) !== 0 ? 1 : 0;
/** Single-byte opcodes the instrumenter rewrites (1) or copies (0). */
const REWRITTEN = CANONICALISED.slice();
for (const op of REWRITTEN_OPS) REWRITTEN[op] = 1;

export interface FunctionAnalysis {
  /** Bytes of the activation frame: 64 + parameters + declared locals. */
  readonly frameSize: number;
  /** Largest modelled operand stack, in bytes. */
  readonly operandStackSize: number;
  /** Number of block, loop and if instructions. */
  readonly blockCount: number;
  /** Whether the body has float operations whose NaN results get canonicalised. */
  readonly floatResults: boolean;
  /** br_tables longer than V8 accepts (they get split when emitted). */
  readonly wideBrTables: readonly WideBrTable[];
  /** Whether the body has a `call` or `call_indirect` (host functions included). */
  readonly calls: boolean;
  /**
   * Indices (in body order) of the instructions the instrumenter rewrites rather than copies
   * (see {@link REWRITTEN_OPS}), valid in `events[0 .. eventCount)` until the next body.
   */
  readonly events: Int32Array;
  readonly eventCount: number;
  /** Indices (in body order) of the `end`s that close a loop, in `loopEnds[0 .. loopEndCount)`. */
  readonly loopEnds: Int32Array;
  readonly loopEndCount: number;
}

export interface WideBrTable {
  readonly offset: number;
  /** Value type carried by its labels, or BlockType.Empty. */
  readonly type: number;
}

/**
 * V8's cap on br_table labels (kV8MaxWasmFunctionBrTableSize). wasmparser, and so nearcore,
 * accepts up to 131 072; longer tables are split when the body is re-encoded.
 */
export const MAX_ENGINE_BR_TABLE = 65_520;

export class Analyzer {
  readonly points = new GasPointTable();
  private m!: ModuleValidator;
  private localTypes!: Uint8Array;
  private costs!: GasCosts;
  // Frames, root first; the current frame is the last one.
  private frameTarget = new Int32Array(64);
  private framePre = new Int32Array(64);
  private framePost = new Int32Array(64);
  private framePoly = new Uint8Array(64);
  private frameHeight = new Int32Array(64);
  private frameResult = new Int32Array(64);
  private depth = 0;
  // A charge scheduled for "after the current instruction", pushed at the next offset.
  private schedKind = -1;
  private schedConst: Gas = 0;
  // Modelled operand stack (sizes in bytes).
  private operands = new Uint8Array(256);
  private sp = 0;
  private size = 0;
  private maxSize = 0;
  blockCount = 0;
  floatResults = false;
  calls = false;
  /** br_tables longer than the engine accepts, with their label value type (or BlockType.Empty). */
  wideBrTables: WideBrTable[] = [];
  /** Whether the last point is a pure instruction's point that the next pure one may join. */
  private foldable = false;
  /** Whether the last point is the Post point scheduled after a trap or call, with a number fee. */
  private postLast = false;
  /** Regular-cost pure instructions folded into the last point but not yet added to it. */
  private pendingPure = 0;
  /** `costs.regular` when it is a number (then pure runs are counted, not summed). */
  private regularNumber = -1;
  /** Instructions visited in this body (the next one's index is this minus one while visiting). */
  private visited = 0;
  private events = new Int32Array(1024);
  private eventCount = 0;
  private loopEnds = new Int32Array(64);
  private loopEndCount = 0;

  /** `localTypes`: the type of every local, parameters first (not copied; read while visiting). */
  begin(m: ModuleValidator, localTypes: Uint8Array, costs: GasCosts, resultType: number): void {
    this.m = m;
    this.localTypes = localTypes;
    this.costs = costs;
    this.points.clear();
    this.depth = 0;
    this.schedKind = -1;
    this.sp = 0;
    this.size = 0;
    this.maxSize = 0;
    this.blockCount = 0;
    this.floatResults = false;
    this.calls = false;
    this.foldable = false;
    this.postLast = false;
    this.pendingPure = 0;
    this.regularNumber = typeof costs.regular === 'number' ? costs.regular : -1;
    this.visited = 0;
    this.eventCount = 0;
    this.loopEndCount = 0;
    if (this.wideBrTables.length > 0) this.wideBrTables = [];
    this.newFrame(Target.UntakenForward, resultType, false);
  }

  /** Close the function: optimise the points and report the stack figures. */
  finish(frameSize: number): FunctionAnalysis {
    this.flushPure();
    this.points.optimize();
    return {
      frameSize,
      operandStackSize: this.maxSize,
      blockCount: this.blockCount,
      floatResults: this.floatResults,
      wideBrTables: this.wideBrTables,
      calls: this.calls,
      events: this.events,
      eventCount: this.eventCount,
      loopEnds: this.loopEnds,
      loopEndCount: this.loopEndCount,
    };
  }

  /** The `end` being visited closes a loop. */
  private noteLoopEnd(): void {
    if (this.loopEndCount === this.loopEnds.length) {
      const grown = new Int32Array(this.loopEnds.length * 2);
      grown.set(this.loopEnds);
      this.loopEnds = grown;
    }
    this.loopEnds[this.loopEndCount++] = this.visited - 1;
  }

  /** The instruction being visited is one the instrumenter rewrites. */
  private noteRewritten(): void {
    if (this.eventCount === this.events.length) {
      const grown = new Int32Array(this.events.length * 2);
      grown.set(this.events);
      this.events = grown;
    }
    this.events[this.eventCount++] = this.visited - 1;
  }

  // ---- frames --------------------------------------------------------------------------------

  private growFrames(): void {
    const n = this.frameTarget.length * 2;
    const widen = (old: Int32Array) => {
      const next = new Int32Array(n);
      next.set(old);
      return next;
    };
    this.frameTarget = widen(this.frameTarget);
    this.framePre = widen(this.framePre);
    this.framePost = widen(this.framePost);
    this.frameHeight = widen(this.frameHeight);
    this.frameResult = widen(this.frameResult);
    const poly = new Uint8Array(n);
    poly.set(this.framePoly);
    this.framePoly = poly;
  }

  private newFrame(target: number, result: number, poly: boolean): void {
    if (this.depth === this.frameTarget.length) this.growFrames();
    const d = this.depth++;
    this.frameTarget[d] = target;
    this.framePoly[d] = poly ? 1 : 0;
    this.curPoly = poly;
    this.frameHeight[d] = this.sp;
    this.frameResult[d] = result;
  }

  /** Pop the current frame (a no-op for the function's own frame); returns its result type. */
  private endFrame(): number {
    if (this.depth <= 1) return BlockType.Empty;
    const d = --this.depth;
    this.curPoly = this.framePoly[d - 1] === 1;
    // The operands are dropped with the *enclosing* frame's polymorphism, as finite-wasm does.
    this.popMany(this.sp - this.frameHeight[d]);
    return this.frameResult[d];
  }

  /** Polymorphism of the current frame (cached from framePoly). */
  private curPoly = false;

  private get poly(): boolean {
    return this.curPoly;
  }

  private makePolymorphic(): void {
    this.framePoly[this.depth - 1] = 1;
    this.curPoly = true;
  }

  // ---- operand stack model -------------------------------------------------------------------

  private push(t: ValType): void {
    if (this.curPoly) return;
    if (this.sp === this.operands.length) this.growOperands();
    const s = stackSizeOf(t);
    this.operands[this.sp++] = s;
    this.size += s;
    if (this.size > this.maxSize) this.maxSize = this.size;
  }

  private popMany(n: number): void {
    if (n <= 0 || this.curPoly) return;
    for (let i = 0; i < n && this.sp > 0; i++) this.size -= this.operands[--this.sp];
  }

  // ---- gas points ----------------------------------------------------------------------------

  private flushPure(): void {
    if (this.pendingPure > 0) {
      this.points.addToLast(this.pendingPure * this.regularNumber);
      this.pendingPure = 0;
    }
  }

  /** Before the instruction at `offset`: push the charge scheduled after the previous one. */
  private flushScheduled(offset: number): void {
    this.flushPure();
    const c = this.schedConst;
    if (typeof c === 'number') this.points.pushConstant(offset, this.schedKind, c);
    else this.points.push(offset, this.schedKind, c, 0);
    this.postLast = this.schedKind === PointKind.PostControlFlow && typeof c === 'number';
    this.schedKind = -1;
    // Pure instructions from here on may fold into this point: the optimisation would merge them
    // into it anyway, keeping its kind (Post, Pure or Unreachable absorb a Pure point at the same
    // offset, and a loop's point only ever changes from Pure to Post).
    this.foldable = typeof c === 'number';
  }

  private before(offset: number, kind: number, constant: Gas, linear: Gas = 0): number {
    this.flushPure();
    const index = this.points.count;
    const k = this.curPoly ? PointKind.Unreachable : kind;
    if (typeof constant === 'number' && linear === 0) this.points.pushConstant(offset, k, constant);
    else this.points.push(offset, k, constant, linear);
    this.foldable = false;
    this.postLast = false;
    return index;
  }

  private after(kind: number, constant: Gas): void {
    this.schedKind = kind;
    this.schedConst = constant;
  }

  /**
   * A pure instruction. A run of consecutive pure points (nothing else in between, no loop
   * header) is folded into its first point right away: finite-wasm's optimisation would merge
   * them anyway, whatever comes before or after the run, and folding early keeps the table small.
   */
  private pure(offset: number, cost: Gas): void {
    if (this.foldable && typeof cost === 'number' && !this.curPoly) {
      if (cost === this.regularNumber) this.pendingPure++;
      else if (cost !== 0) this.points.addToLast(cost);
      return;
    }
    this.before(offset, PointKind.Pure, cost);
    this.foldable = !this.poly && typeof cost === 'number';
  }

  private sideEffect(offset: number, cost: Gas): void {
    if (this.postLast && typeof cost === 'number' && !this.curPoly) {
      // The optimisation would merge this charge into the last point, the one after the previous
      // trap or call (Post then Pre, at one offset or across pure instructions, make Between,
      // and nothing merges into a Between or into a Post from before): merged right away.
      this.flushPure();
      const points = this.points;
      if (points.fitsInLast(cost)) {
        points.addToLast(cost);
        points.kinds[points.count - 1] = PointKind.BetweenControlFlow;
        this.foldable = false;
        this.postLast = false;
        this.after(PointKind.PostControlFlow, 0);
        return;
      }
    }
    this.before(offset, PointKind.PreControlFlow, cost);
    this.after(PointKind.PostControlFlow, 0);
  }

  private linear(offset: number, kind: number): void {
    this.before(offset, kind, this.costs.linearBase, this.costs.linearUnit);
    this.after(PointKind.PostControlFlow, 0);
  }

  /** A br_table too long for the engine: remember where it is and what its labels carry. */
  private noteWideBrTable(offset: number, relDepth: number): void {
    const d = this.depth - 1 - relDepth;
    const type = d < 0 || this.frameTarget[d] === Target.Loop ? BlockType.Empty : this.frameResult[d];
    this.wideBrTables.push({ offset, type });
  }

  /** A branch to the frame `relDepth` levels up makes that frame a branch target. */
  private branchTo(relDepth: number): void {
    const d = this.depth - 1 - relDepth;
    if (d < 0) return;
    const target = this.frameTarget[d];
    if (target === Target.UntakenForward) this.frameTarget[d] = Target.Forward;
    else if (target === Target.Loop) {
      this.points.kinds[this.framePost[d]] = PointKind.PostControlFlow;
      this.points.kinds[this.framePre[d]] = PointKind.PreControlFlow;
    }
  }

  // ---- the visitor ---------------------------------------------------------------------------

  /**
   * Kept small so that the engine inlines it into the body loop: the frequent instructions (pure,
   * with a fixed stack effect) are handled here, everything else out of line.
   */
  visit(o: OperatorReader): void {
    const offset = o.offset;
    this.visited++;
    if (this.schedKind >= 0) this.flushScheduled(offset);
    const op = o.op;
    const pops = op < 0x100 ? FAST_POPS[op] : SLOW;
    if (pops === SLOW) {
      this.visitGeneral(o, op, offset);
      return;
    }
    if (this.foldable && !this.curPoly && this.regularNumber >= 0) this.pendingPure++;
    else this.pure(offset, this.costs.regular);
    if (CANONICALISED[op] === 1) {
      this.floatResults = true;
      this.noteRewritten();
    }
    if (this.curPoly) return;
    let sp = this.sp;
    let size = this.size;
    for (let i = 0; i < pops && sp > 0; i++) size -= this.operands[--sp];
    let push = FAST_PUSH[op];
    if (push >= PUSH_GLOBAL) push = this.sizeOfVariable(push, o.a);
    if (push !== 0) {
      if (sp === this.operands.length) this.growOperands();
      this.operands[sp++] = push;
      size += push;
      if (size > this.maxSize) this.maxSize = size;
    }
    this.sp = sp;
    this.size = size;
  }

  /** Stack size of local or global `index` (`kind`: PUSH_LOCAL or PUSH_GLOBAL). */
  private sizeOfVariable(kind: number, index: number): number {
    return SIZE_OF[kind === PUSH_LOCAL ? this.localTypes[index] : this.m.globals[index].type];
  }

  private growOperands(): void {
    const grown = new Uint8Array(this.operands.length * 2);
    grown.set(this.operands);
    this.operands = grown;
  }

  /** The instructions other than the frequent ones `visit` handles itself. */
  private visitGeneral(o: OperatorReader, op: number, offset: number): void {
    if (op >= 0x100 || REWRITTEN[op] === 1) this.noteRewritten();
    const regular = this.costs.regular;
    const n = op >= 0x45 && op <= 0xc4 ? op : op >= 0xfc00 && op <= 0xfc07 ? op - 0xfb00 : -1;
    if (n >= 0) {
      if (NUM_TRAPS[n] === 1) this.sideEffect(offset, regular);
      else this.pure(offset, regular);
      if (n < 0x100 && CANONICALISED[n] === 1) this.floatResults = true;
      if (!this.curPoly) {
        // Operands of one type: pop one or two, push the result.
        const pops = NUM_POPS[n];
        for (let i = 0; i < pops && this.sp > 0; i++) this.size -= this.operands[--this.sp];
        this.push(NUM_RESULT[n]);
      }
      return;
    }
    if (op >= 0x28 && op <= 0x3e) {
      const acc = MEMORY_ACCESS[op - 0x28];
      this.sideEffect(offset, regular);
      if (acc.store) this.popMany(2);
      else {
        this.popMany(1);
        this.push(acc.type);
      }
      return;
    }
    this.visitControl(o, op, offset, regular);
  }

  private visitControl(o: OperatorReader, op: number, offset: number, regular: Gas): void {
    switch (op) {
      case Op.Unreachable:
        this.before(offset, PointKind.PreControlFlow, regular);
        this.after(PointKind.Unreachable, 0);
        this.makePolymorphic();
        return;
      case Op.Nop:
        this.pure(offset, regular);
        return;
      case Op.Block:
        this.blockCount++;
        this.pure(offset, 0);
        this.newFrame(Target.UntakenForward, o.a, this.poly);
        return;
      case Op.Loop: {
        this.blockCount++;
        // Charged *after* entering, so that every iteration pays for the `loop` instruction.
        const pre = this.before(offset, PointKind.Pure, 0);
        this.after(PointKind.Pure, regular);
        this.newFrame(Target.Loop, o.a, this.poly);
        this.framePre[this.depth - 1] = pre;
        this.framePost[this.depth - 1] = this.points.count;
        return;
      }
      case Op.If:
        this.blockCount++;
        this.sideEffect(offset, regular);
        this.popMany(1);
        this.newFrame(Target.Forward, o.a, this.poly);
        return;
      case Op.Else: {
        const result = this.endFrame();
        this.newFrame(Target.Forward, result, this.poly);
        this.sideEffect(offset, 0);
        return;
      }
      case Op.End: {
        if (this.frameTarget[this.depth - 1] === Target.Loop) this.noteLoopEnd();
        if (this.frameTarget[this.depth - 1] === Target.Forward) this.sideEffect(offset, 0);
        else this.pure(offset, 0);
        const result = this.endFrame();
        if (result !== BlockType.Empty) this.push(result);
        return;
      }
      case Op.Br:
        this.sideEffect(offset, regular);
        this.branchTo(o.a);
        this.makePolymorphic();
        return;
      case Op.BrIf:
        this.sideEffect(offset, regular);
        this.branchTo(o.a);
        this.popMany(1);
        return;
      case Op.BrTable:
        this.sideEffect(offset, regular);
        if (o.brCount > MAX_ENGINE_BR_TABLE) this.noteWideBrTable(offset, o.a);
        for (let i = 0; i < o.brCount; i++) this.branchTo(o.brTargets[i]);
        this.branchTo(o.a);
        this.makePolymorphic();
        return;
      case Op.Return:
        this.sideEffect(offset, regular);
        this.branchTo(this.depth - 1);
        this.makePolymorphic();
        return;
      case Op.Call:
      case Op.CallIndirect: {
        this.sideEffect(offset, regular);
        this.calls = true;
        const t = this.m.types[op === Op.Call ? this.m.functions[o.a] : o.a];
        // finite-wasm pops only the parameters: call_indirect's table index stays modelled.
        this.popMany(t.params.length);
        for (const r of t.results) this.push(r);
        return;
      }
      default:
        this.visitRest(o, op, offset, regular);
    }
  }

  private visitRest(o: OperatorReader, op: number, offset: number, regular: Gas): void {
    switch (op) {
      case Op.Drop:
      case Op.LocalSet:
      case Op.GlobalSet:
        this.pure(offset, regular);
        this.popMany(1);
        return;
      case Op.Select:
      case Op.SelectTyped:
        this.pure(offset, regular);
        this.popMany(2);
        return;
      case Op.LocalTee:
        this.pure(offset, regular);
        return;
      case Op.LocalGet:
        this.pure(offset, regular);
        this.push(this.localTypes[o.a]);
        return;
      case Op.GlobalGet:
        this.pure(offset, regular);
        this.push(this.m.globals[o.a].type);
        return;
      case Op.I32Const:
      case Op.I64Const:
      case Op.F32Const:
      case Op.F64Const:
        this.pure(offset, regular);
        this.push(op === Op.I32Const ? ValType.I32 : op === Op.I64Const ? ValType.I64 : op === Op.F32Const ? ValType.F32 : ValType.F64);
        return;
      case Op.MemorySize:
      case Op.TableSize:
        this.pure(offset, regular);
        this.push(ValType.I32);
        return;
      case Op.RefNull:
      case Op.RefFunc:
        this.pure(offset, regular);
        this.push(ValType.FuncRef);
        return;
      case Op.RefIsNull:
        this.pure(offset, regular);
        this.popMany(1);
        this.push(ValType.I32);
        return;
      case Op.DataDrop:
      case Op.ElemDrop:
        this.pure(offset, regular);
        return;
      case Op.TableGet:
        this.sideEffect(offset, regular);
        this.popMany(1);
        this.push(this.m.tables[o.a].elemType);
        return;
      case Op.TableSet:
        this.sideEffect(offset, regular);
        this.popMany(2);
        return;
      case Op.MemoryGrow:
        this.linear(offset, PointKind.MemoryGrow);
        return;
      case Op.TableGrow:
        this.linear(offset, PointKind.TableGrow);
        this.popMany(2);
        this.push(ValType.I32);
        return;
      case Op.MemoryInit:
      case Op.MemoryCopy:
      case Op.MemoryFill:
      case Op.TableInit:
      case Op.TableCopy:
      case Op.TableFill:
        this.linear(offset, LINEAR_KIND[op - Op.MemoryInit]);
        this.popMany(3);
        return;
    }
  }
}

/** Stack sizes of value types, indexed by type code. */
const SIZE_OF = new Uint8Array(256);
for (const t of [ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128, ValType.FuncRef, ValType.ExternRef, ValType.OtherRef]) {
  SIZE_OF[t] = stackSizeOf(t);
}

/**
 * Pure instructions with a fixed stack effect: operands popped (SLOW: not one of them) and the
 * size pushed (or PUSH_LOCAL / PUSH_GLOBAL: the size of the local's or global's type).
 */
const SLOW = 0xff;
const PUSH_LOCAL = 0xfe;
const PUSH_GLOBAL = 0xfd;
const FAST_POPS = new Uint8Array(256).fill(SLOW);
const FAST_PUSH = new Uint8Array(256);
{
  const simple = (op: number, pops: number, push: number) => {
    FAST_POPS[op] = pops;
    FAST_PUSH[op] = push;
  };
  simple(Op.Nop, 0, 0);
  simple(Op.Drop, 1, 0);
  simple(Op.Select, 2, 0);
  simple(Op.LocalGet, 0, PUSH_LOCAL);
  simple(Op.LocalSet, 1, 0);
  simple(Op.LocalTee, 0, 0);
  simple(Op.GlobalGet, 0, PUSH_GLOBAL);
  simple(Op.GlobalSet, 1, 0);
  simple(Op.I32Const, 0, 4);
  simple(Op.I64Const, 0, 8);
  simple(Op.F32Const, 0, 4);
  simple(Op.F64Const, 0, 8);
  for (let op = 0x45; op <= 0xc4; op++) {
    if (NUM_TRAPS[op] === 0) simple(op, NUM_POPS[op], stackSizeOf(NUM_RESULT[op]));
  }
}

/** Point kinds of the bulk instructions 0xfc08..0xfc11, by subopcode − 8. */
const LINEAR_KIND = [
  PointKind.MemoryInit, // memory.init
  -1, // data.drop
  PointKind.MemoryCopy,
  PointKind.MemoryFill,
  PointKind.TableInit,
  -1, // elem.drop
  PointKind.TableCopy,
  -1, // table.grow (handled separately)
  -1, // table.size
  PointKind.TableFill,
];

/** Bytes of a function's activation: 64 + its parameters and declared locals (finite-wasm). */
export function frameSizeOf(params: readonly ValType[], groups: LocalGroups): number {
  let size = 64;
  for (let i = 0; i < params.length; i++) size += SIZE_OF[params[i]];
  for (let g = 0; g < groups.count; g++) size += groups.numbers[g] * SIZE_OF[groups.types[g]];
  return size;
}
