/**
 * Type checking of function bodies: the spec's validation algorithm (operand stack of types,
 * control frames with an "unreachable" flag), with wasmparser's limits and feature gating.
 *
 * The validator consumes instructions already decoded by an {@link OperatorReader} so that
 * the same decoded instruction can also feed the gas and stack analysis.
 */
import type { ModuleValidator } from './module-validator.js';
import { MEM_MAX_ALIGN, MEM_STORE, MEM_TYPE, NUM_ARG, NUM_POPS, NUM_RESULT, Op } from './opcodes.js';
import type { OperatorReader } from './operators.js';
import { BlockType } from './operators.js';
import type { ByteReader } from './reader.js';
import { isRefType, ValType, type FuncType } from './types.js';

/** wasmparser's cap on parameters plus declared locals of one function. */
export const MAX_FUNCTION_LOCALS = 50_000;

/** Control frame kinds. */
export const Kind = { Block: 0, Loop: 1, If: 2, Else: 3 } as const;
/** A frame's result type when it has none. */
export const NO_RESULT = -1;

export class FunctionValidator {
  protected m!: ModuleValidator;
  protected r!: ByteReader;
  protected results: readonly ValType[] = [];
  /** Type of every local (parameters first). */
  protected locals = new Uint8Array(64);
  numLocals = 0;
  protected operands = new Uint8Array(256);
  protected sp = 0;
  protected ctrlKind = new Int32Array(64);
  protected ctrlResult = new Int32Array(64);
  protected ctrlHeight = new Int32Array(64);
  protected ctrlUnreachable = new Uint8Array(64);
  protected depth = 0;
  /** Offset just past the `end` that closed the function body, or -1. */
  protected endedAt = -1;

  /** Start a function: parameters become the first locals. */
  begin(m: ModuleValidator, r: ByteReader, type: FuncType): void {
    this.m = m;
    this.r = r;
    this.results = type.results;
    this.numLocals = 0;
    for (const p of type.params) this.pushLocal(p);
    this.sp = 0;
    this.depth = 0;
    this.endedAt = -1;
    this.pushCtrl(Kind.Block, type.results.length === 0 ? NO_RESULT : type.results[0]);
  }

  private pushLocal(t: ValType): void {
    if (this.numLocals === this.locals.length) {
      const grown = new Uint8Array(this.locals.length * 2);
      grown.set(this.locals);
      this.locals = grown;
    }
    this.locals[this.numLocals++] = t;
  }

  /** Declare `count` locals of type `t` (one group of the body's locals vector). */
  defineLocals(count: number, t: ValType, at: number): void {
    this.m.checkValueType(this.r, t, at);
    if (count === 0) return;
    if (this.numLocals + count > MAX_FUNCTION_LOCALS) this.r.fail('too many locals: locals exceed maximum', at);
    for (let i = 0; i < count; i++) this.pushLocal(t);
  }

  localType(index: number): ValType {
    return this.locals[index];
  }

  /** The types of all locals so far (parameters first); valid until more locals are defined. */
  get localTypes(): Uint8Array {
    return this.locals;
  }

  private fail(message: string, at: number): never {
    return this.r.fail(`type mismatch: ${message}`, at);
  }

  private push(t: ValType): void {
    if (this.sp === this.operands.length) {
      const grown = new Uint8Array(this.operands.length * 2);
      grown.set(this.operands);
      this.operands = grown;
    }
    this.operands[this.sp++] = t;
  }

  /** Pop an operand, requiring type `expected` (0 accepts any); returns its type. */
  private pop(expected: ValType, at: number): ValType {
    const top = this.depth - 1;
    if (this.sp === this.ctrlHeight[top]) {
      if (this.ctrlUnreachable[top] === 1) return ValType.Bottom;
      return this.fail('expected a value but nothing on stack', at);
    }
    const t = this.operands[--this.sp];
    if (expected !== ValType.Bottom && t !== expected && t !== ValType.Bottom) this.fail('operand has the wrong type', at);
    return t;
  }

  private growCtrl(): void {
    const n = this.ctrlKind.length * 2;
    const kind = new Int32Array(n);
    kind.set(this.ctrlKind);
    this.ctrlKind = kind;
    const result = new Int32Array(n);
    result.set(this.ctrlResult);
    this.ctrlResult = result;
    const height = new Int32Array(n);
    height.set(this.ctrlHeight);
    this.ctrlHeight = height;
    const unreachable = new Uint8Array(n);
    unreachable.set(this.ctrlUnreachable);
    this.ctrlUnreachable = unreachable;
  }

  private pushCtrl(kind: number, result: number): void {
    if (this.depth === this.ctrlKind.length) this.growCtrl();
    const d = this.depth++;
    this.ctrlKind[d] = kind;
    this.ctrlResult[d] = result;
    this.ctrlHeight[d] = this.sp;
    this.ctrlUnreachable[d] = 0;
  }

  /** Check the frame's results are exactly what is left on its stack; returns the frame index. */
  private popCtrl(at: number): number {
    const d = this.depth - 1;
    const result = this.ctrlResult[d];
    if (result !== NO_RESULT) this.pop(result, at);
    if (this.sp !== this.ctrlHeight[d]) this.fail('values remaining on stack at end of block', at);
    this.depth--;
    return d;
  }

  private setUnreachable(): void {
    const d = this.depth - 1;
    this.sp = this.ctrlHeight[d];
    this.ctrlUnreachable[d] = 1;
  }

  /** Type carried by a branch to `depth` (loops take no values without multi-value). */
  private labelType(relDepth: number, at: number): number {
    if (relDepth >= this.depth) this.r.fail('unknown label: branch depth too large', at);
    const d = this.depth - 1 - relDepth;
    return this.ctrlKind[d] === Kind.Loop ? NO_RESULT : this.ctrlResult[d];
  }

  private blockResult(bt: number, at: number): number {
    if (bt === BlockType.Empty) return NO_RESULT;
    if (bt < 0) this.r.fail('blocks, loops, and ifs may only produce a resulttype when multi-value is not enabled', at);
    this.m.checkValueType(this.r, bt, at);
    return bt;
  }

  private needMemory(at: number): void {
    if (this.m.numMemories === 0) this.r.fail('unknown memory 0', at);
  }

  private needReferenceTypes(at: number): void {
    if (!this.m.features.referenceTypes) this.r.fail('reference types support is not enabled', at);
  }

  private needBulkMemory(at: number): void {
    if (!this.m.features.bulkMemory) this.r.fail('bulk memory support is not enabled', at);
  }

  private table(index: number, at: number): ValType {
    const t = this.m.tables[index];
    if (t === undefined) this.r.fail(`unknown table ${index}`, at);
    return t.elemType;
  }

  private funcType(typeIndex: number, at: number): FuncType {
    const t = this.m.types[typeIndex];
    if (t === undefined) this.r.fail(`unknown type ${typeIndex}`, at);
    return t;
  }

  private call(t: FuncType, at: number): void {
    for (let i = t.params.length - 1; i >= 0; i--) this.pop(t.params[i], at);
    for (const res of t.results) this.push(res);
  }

  /**
   * Validate the instruction `o` just decoded. The most frequent instructions, when they are
   * valid, take a short path here (small enough for the engine to inline into a caller's loop);
   * everything else, and every error, goes through {@link visitChecked}. Preparation validates
   * whole bodies with `BodyValidator.validateBody` instead (body-validator.ts).
   */
  visit(o: OperatorReader): void {
    const depth = this.depth;
    const op = o.op;
    if (depth !== 0) {
      const sp = this.sp;
      const operands = this.operands;
      // Opcodes and types as literals: named constants cost bytecode, and size decides inlining.
      if (op === 0x20 /* local.get */ || op === 0x41 /* i32.const */) {
        if (sp < operands.length && (op === 0x41 || o.a < this.numLocals)) {
          operands[sp] = op === 0x41 ? 0x7f /* i32 */ : this.locals[o.a];
          this.sp = sp + 1;
          return;
        }
      } else if (op >= 0x45 && op <= 0xc4) {
        // The operands are there, in this frame, with the right type.
        const arg = NUM_ARG[op];
        const pops = NUM_POPS[op];
        if (sp - pops >= this.ctrlHeight[depth - 1] && operands[sp - 1] === arg && (pops === 1 || operands[sp - 2] === arg)) {
          operands[sp - pops] = NUM_RESULT[op];
          this.sp = sp - pops + 1;
          return;
        }
      }
    }
    this.visitChecked(o);
  }

  /**
   * The general validation of one instruction, with every check in the spec's order, after the
   * short paths of memory accesses and local.set/tee (the next most frequent). One function on
   * purpose: too large to be inlined into {@link visit}, which keeps `visit` small enough to be
   * inlined. It is also `BodyValidator`'s general path, which decides every error.
   */
  protected visitChecked(o: OperatorReader): void {
    const op = o.op;
    const depth = this.depth;
    const sp = this.sp;
    const operands = this.operands;
    if (depth === 0) {
      // reported below
    } else if (op >= 0x28 && op <= 0x3e) {
      const m = op - 0x28;
      const type = MEM_TYPE[m];
      if (this.m.numMemories !== 0 && o.align <= MEM_MAX_ALIGN[m]) {
        const height = this.ctrlHeight[depth - 1];
        if (MEM_STORE[m] === 1) {
          if (sp - 2 >= height && operands[sp - 1] === type && operands[sp - 2] === 0x7f) {
            this.sp = sp - 2;
            return;
          }
        } else if (sp - 1 >= height && operands[sp - 1] === 0x7f) {
          operands[sp - 1] = type;
          return;
        }
      }
    } else if (op === 0x21 /* local.set */ || op === 0x22 /* local.tee */) {
      const a = o.a;
      if (a < this.numLocals && sp - 1 >= this.ctrlHeight[depth - 1] && operands[sp - 1] === this.locals[a]) {
        if (op === 0x21) this.sp = sp - 1;
        return;
      }
    }
    const at = o.offset;
    if (depth === 0) this.r.fail('operators remaining after end of function', at);
    const n = op >= 0x45 && op <= 0xc4 ? op : op >= 0xfc00 && op <= 0xfc07 ? op - 0xfb00 : -1;
    if (n >= 0) {
      // All two-operand numeric instructions take two operands of the same type.
      const arg = NUM_ARG[n];
      this.pop(arg, at);
      if (NUM_POPS[n] === 2) this.pop(arg, at);
      this.push(NUM_RESULT[n]);
      return;
    }
    if (op >= 0x28 && op <= 0x3e) {
      const m = op - 0x28;
      this.needMemory(at);
      if (o.align > MEM_MAX_ALIGN[m]) this.r.fail('alignment must not be larger than natural', at);
      if (MEM_STORE[m] === 1) {
        this.pop(MEM_TYPE[m], at);
        this.pop(ValType.I32, at);
      } else {
        this.pop(ValType.I32, at);
        this.push(MEM_TYPE[m]);
      }
      return;
    }
    this.visitOther(o, op, at);
  }

  private visitOther(o: OperatorReader, op: number, at: number): void {
    switch (op) {
      case Op.Unreachable:
        this.setUnreachable();
        return;
      case Op.Nop:
        return;
      case Op.Block:
      case Op.Loop:
        this.pushCtrl(op === Op.Block ? Kind.Block : Kind.Loop, this.blockResult(o.a, at));
        return;
      case Op.If: {
        const result = this.blockResult(o.a, at);
        this.pop(ValType.I32, at);
        this.pushCtrl(Kind.If, result);
        return;
      }
      case Op.Else: {
        if (this.ctrlKind[this.depth - 1] !== Kind.If) this.r.fail('else found outside of an `if` block', at);
        const d = this.popCtrl(at);
        this.pushCtrl(Kind.Else, this.ctrlResult[d]);
        return;
      }
      case Op.End: {
        const kind = this.ctrlKind[this.depth - 1];
        const d = this.popCtrl(at);
        const result = this.ctrlResult[d];
        // An `if` without `else` must produce its results from nothing.
        if (kind === Kind.If && result !== NO_RESULT) this.fail('if without else cannot produce a value', at);
        if (result !== NO_RESULT) this.push(result);
        if (this.depth === 0) this.endedAt = o.pos;
        return;
      }
      case Op.Br: {
        const t = this.labelType(o.a, at);
        if (t !== NO_RESULT) this.pop(t, at);
        this.setUnreachable();
        return;
      }
      case Op.BrIf: {
        this.pop(ValType.I32, at);
        const t = this.labelType(o.a, at);
        if (t !== NO_RESULT) {
          this.pop(t, at);
          this.push(t);
        }
        return;
      }
      case Op.BrTable: {
        this.pop(ValType.I32, at);
        const defaultType = this.labelType(o.a, at);
        for (let i = 0; i < o.brCount; i++) {
          const t = this.labelType(o.brTargets[i], at);
          if ((t === NO_RESULT) !== (defaultType === NO_RESULT)) this.fail('br_table target labels have different number of types', at);
          if (t !== NO_RESULT) this.push(this.pop(t, at));
        }
        if (defaultType !== NO_RESULT) this.pop(defaultType, at);
        this.setUnreachable();
        return;
      }
      case Op.Return:
        for (let i = this.results.length - 1; i >= 0; i--) this.pop(this.results[i], at);
        this.setUnreachable();
        return;
      case Op.Call: {
        const typeIndex = this.m.functions[o.a];
        if (typeIndex === undefined) this.r.fail(`unknown function ${o.a}: function index out of bounds`, at);
        this.call(this.m.types[typeIndex], at);
        return;
      }
      case Op.CallIndirect: {
        const elem = this.table(o.b, at);
        if (elem !== ValType.FuncRef) this.fail('indirect calls must go through a table with type <= funcref', at);
        const t = this.funcType(o.a, at);
        this.pop(ValType.I32, at);
        this.call(t, at);
        return;
      }
      case Op.Drop:
        this.pop(ValType.Bottom, at);
        return;
      case Op.Select: {
        this.pop(ValType.I32, at);
        const t1 = this.pop(ValType.Bottom, at);
        const t2 = this.pop(ValType.Bottom, at);
        if (isRefType(t1) || isRefType(t2)) this.fail('select only takes integral types', at);
        if (t1 !== ValType.Bottom && t2 !== ValType.Bottom && t1 !== t2) this.fail('select operands have different types', at);
        this.push(t1 === ValType.Bottom ? t2 : t1);
        return;
      }
      case Op.SelectTyped: {
        this.needReferenceTypes(at);
        this.m.checkValueType(this.r, o.a, at);
        this.pop(ValType.I32, at);
        this.pop(o.a, at);
        this.pop(o.a, at);
        this.push(o.a);
        return;
      }
      case Op.LocalGet:
      case Op.LocalSet:
      case Op.LocalTee: {
        if (o.a >= this.numLocals) this.r.fail(`unknown local ${o.a}: local index out of bounds`, at);
        const t = this.locals[o.a];
        if (op === Op.LocalGet) this.push(t);
        else {
          this.pop(t, at);
          if (op === Op.LocalTee) this.push(t);
        }
        return;
      }
      case Op.GlobalGet:
      case Op.GlobalSet: {
        const g = this.m.globals[o.a];
        if (g === undefined) this.r.fail(`unknown global ${o.a}: global index out of bounds`, at);
        if (op === Op.GlobalGet) this.push(g.type);
        else {
          if (!g.mutable) this.r.fail('global is immutable: cannot modify it with `global.set`', at);
          this.pop(g.type, at);
        }
        return;
      }
      case Op.MemorySize:
        this.needMemory(at);
        this.push(ValType.I32);
        return;
      case Op.MemoryGrow:
        this.needMemory(at);
        this.pop(ValType.I32, at);
        this.push(ValType.I32);
        return;
      case Op.I32Const:
        this.push(ValType.I32);
        return;
      case Op.I64Const:
        this.push(ValType.I64);
        return;
      case Op.F32Const:
        this.push(ValType.F32);
        return;
      case Op.F64Const:
        this.push(ValType.F64);
        return;
      default:
        this.visitReferenceOrBulk(o, op, at);
    }
  }

  private visitReferenceOrBulk(o: OperatorReader, op: number, at: number): void {
    switch (op) {
      case Op.RefNull:
        this.needReferenceTypes(at);
        if (o.heap !== 'func') this.r.fail('heap type not supported', at);
        this.push(ValType.FuncRef);
        return;
      case Op.RefIsNull: {
        this.needReferenceTypes(at);
        const t = this.pop(ValType.Bottom, at);
        if (t !== ValType.Bottom && !isRefType(t)) this.fail('expected a reference type', at);
        this.push(ValType.I32);
        return;
      }
      case Op.RefFunc:
        this.needReferenceTypes(at);
        if (o.a >= this.m.functions.length) this.r.fail(`unknown function ${o.a}`, at);
        if (!this.m.declaredFunctions.has(o.a)) this.r.fail('undeclared function reference', at);
        this.push(ValType.FuncRef);
        return;
      case Op.TableGet:
      case Op.TableSet: {
        this.needReferenceTypes(at);
        const elem = this.table(o.a, at);
        if (op === Op.TableGet) {
          this.pop(ValType.I32, at);
          this.push(elem);
        } else {
          this.pop(elem, at);
          this.pop(ValType.I32, at);
        }
        return;
      }
      case Op.TableGrow:
      case Op.TableFill: {
        this.needReferenceTypes(at);
        const elem = this.table(o.a, at);
        this.pop(ValType.I32, at);
        this.pop(elem, at);
        if (op === Op.TableGrow) this.push(ValType.I32);
        else this.pop(ValType.I32, at);
        return;
      }
      case Op.TableSize:
        this.needReferenceTypes(at);
        this.table(o.a, at);
        this.push(ValType.I32);
        return;
      case Op.MemoryInit:
      case Op.DataDrop: {
        this.needBulkMemory(at);
        const dataCount = this.m.dataCount;
        if (dataCount === undefined) this.r.fail('data count section required', at);
        if (op === Op.MemoryInit) {
          if (o.b >= this.m.numMemories) this.r.fail(`unknown memory ${o.b}`, at);
          if (o.a >= dataCount) this.r.fail(`unknown data segment ${o.a}`, at);
          this.pop3(at);
        } else if (o.a >= dataCount) {
          this.r.fail(`unknown data segment ${o.a}`, at);
        }
        return;
      }
      case Op.MemoryCopy:
        this.needBulkMemory(at);
        if (o.a >= this.m.numMemories || o.b >= this.m.numMemories) this.r.fail('unknown memory', at);
        this.pop3(at);
        return;
      case Op.MemoryFill:
        this.needBulkMemory(at);
        if (o.a >= this.m.numMemories) this.r.fail(`unknown memory ${o.a}`, at);
        this.pop3(at);
        return;
      case Op.TableInit: {
        this.needBulkMemory(at);
        const elem = this.table(o.b, at);
        const segment = this.m.elementTypes[o.a];
        if (segment === undefined) this.r.fail(`unknown elem segment ${o.a}`, at);
        if (segment !== elem) this.fail('invalid element type for table', at);
        this.pop3(at);
        return;
      }
      case Op.ElemDrop:
        this.needBulkMemory(at);
        if (o.a >= this.m.elementTypes.length) this.r.fail(`unknown elem segment ${o.a}`, at);
        return;
      case Op.TableCopy: {
        this.needBulkMemory(at);
        const dst = this.table(o.a, at);
        const src = this.table(o.b, at);
        if (src !== dst) this.fail('table.copy between tables of different types', at);
        this.pop3(at);
        return;
      }
      default:
        this.r.fail(`unsupported instruction 0x${op.toString(16)}`, at);
    }
  }

  private pop3(at: number): void {
    this.pop(ValType.I32, at);
    this.pop(ValType.I32, at);
    this.pop(ValType.I32, at);
  }

  /** After the last instruction: the body must have ended exactly at its final `end`. */
  finish(end: number): void {
    if (this.depth !== 0) this.r.fail('control frames remain at end of function: END opcode expected', end);
    if (this.endedAt !== end) this.r.fail('operators remaining after end of function', end);
  }
}
