/**
 * Per-function analysis equivalent to finite-wasm's (the crate nearcore instruments with):
 *
 * - the **gas** analysis: which instructions cost what (nearcore's `SimpleGasCostCfg`) and where
 *   the charges go (charge-placement.ts, gas-points.ts);
 * - the **max-stack** analysis: the largest operand stack a function can build, in bytes, and the
 *   size of its activation frame (stack-model.ts, function-analysis.ts).
 *
 * This file is the instruction visitor the body validator drives: it says what each instruction
 * costs and does to the modelled stack, and lists what the instrumenter needs (the instructions
 * it rewrites, loop ends, over-long br_tables). Both analyses share finite-wasm's frame model,
 * quirks kept on purpose, e.g. `call_indirect` leaves its table-index operand on the modelled
 * stack, and an inner frame's operands are not popped when the enclosing frame is polymorphic.
 */
import type { ModuleValidator } from '../wasm/module-validator.js';
import { MEMORY_ACCESS, NUM_POPS, NUM_RESULT, NUM_TRAPS, Op } from '../wasm/opcodes.js';
import { BlockType, type OperatorReader } from '../wasm/operators.js';
import { ValType } from '../wasm/types.js';
import * as tables from './analysis-tables.js';
import { ChargePlacement } from './charge-placement.js';
import { MAX_ENGINE_BR_TABLE, type FunctionAnalysis, type GasCosts, type WideBrTable } from './function-analysis.js';
import { PointKind, type Gas } from './gas-points.js';
import { Target as FrameTarget } from './stack-model.js';

// Module-local bindings of the tables `visit` reads per instruction: V8 reads an imported binding
// through its module cell on every access, which cost 3% more instructions per preparation
// (callgrind, fungible token) than a local `const`.
const { CANONICALISED, FAST_POPS, FAST_PUSH, LINEAR_KIND, PUSH_GLOBAL, PUSH_LOCAL, REWRITTEN, SIZE_OF, SLOW } = tables;
const Target = FrameTarget;

// prepare.ts, nearcore-size.ts and write-through.ts import these from here (one file before).
export { frameSizeOf, type FunctionAnalysis, type GasCosts } from './function-analysis.js';

export class Analyzer extends ChargePlacement {
  private m!: ModuleValidator;
  private localTypes!: Uint8Array;
  blockCount = 0;
  floatResults = false;
  calls = false;
  /** br_tables longer than the engine accepts, with their label value type (or BlockType.Empty). */
  wideBrTables: WideBrTable[] = [];
  /** Instructions visited in this body (the next one's index is this minus one while visiting). */
  private visited = 0;
  private events = new Int32Array(1024);
  private eventCount = 0;
  private loopEnds = new Int32Array(64);
  private loopEndCount = 0;
  private listed = new Int32Array(1024);
  private listedCount = 0;

  /** `localTypes`: the type of every local, parameters first (not copied; read while visiting). */
  begin(m: ModuleValidator, localTypes: Uint8Array, costs: GasCosts, resultType: number): void {
    this.m = m;
    this.localTypes = localTypes;
    this.resetCharges(costs);
    this.blockCount = 0;
    this.floatResults = false;
    this.calls = false;
    this.visited = 0;
    this.eventCount = 0;
    this.loopEndCount = 0;
    this.listedCount = 0;
    if (this.wideBrTables.length > 0) this.wideBrTables = [];
    this.resetStack(resultType, Target.UntakenForward);
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
      listed: this.listed,
      listedCount: this.listedCount,
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

  /** A br_table too long for the engine: remember where it is and what its labels carry. */
  private noteWideBrTable(offset: number, relDepth: number): void {
    const d = this.depth - 1 - relDepth;
    const type = d < 0 || this.frameTarget[d] === Target.Loop ? BlockType.Empty : this.frameResult[d];
    this.wideBrTables.push({ offset, type });
  }

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

  /** The instructions other than the frequent ones `visit` handles itself. */
  private visitGeneral(o: OperatorReader, op: number, offset: number): void {
    if (this.listedCount === this.listed.length) {
      const grown = new Int32Array(this.listed.length * 2);
      grown.set(this.listed);
      this.listed = grown;
    }
    this.listed[this.listedCount++] = this.visited - 1;
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

