/**
 * Decoding and validation of a whole function body in one loop, for preparation's first pass.
 *
 * {@link FunctionValidator} validates one decoded instruction at a time; called per instruction
 * from a loop, every instruction pays for the reader's and the validator's state round-tripping
 * through their objects. {@link BodyValidator.validateBody} keeps that state in locals and
 * decodes and checks the frequent instructions in their short encodings itself. It only takes
 * such a short path when the instruction is valid; anything else (rare instructions, long
 * encodings, every error) goes through {@link OperatorReader.next} and
 * {@link FunctionValidator.visitChecked}, so errors, their order and their offsets are the
 * general path's.
 */
import * as funcValidator from './func-validator.js';
import { FunctionValidator } from './func-validator.js';
import * as opcodes from './opcodes.js';
import * as operators from './operators.js';
import type { OperatorReader } from './operators.js';

// Module-local bindings of what the loop reads per instruction: V8 reads an imported binding
// through its module cell on every access (and a property of an imported object on top).
const { MEM_MAX_ALIGN, MEM_STORE, MEM_TYPE, NUM_ARG, NUM_POPS, NUM_RESULT } = opcodes;
const { IMMEDIATE } = operators;
const IMM_INDEX = operators.Imm.Index;
const NO_RESULT = funcValidator.NO_RESULT;
const BLOCK = funcValidator.Kind.Block;
const LOOP = funcValidator.Kind.Loop;
const IF = funcValidator.Kind.If;
const ELSE = funcValidator.Kind.Else;

/**
 * Where {@link BodyValidator.validateBody} records each instruction, in `[0, count)`: its offset,
 * opcode and first immediate (`a` as {@link OperatorReader} has it). `record` appends the
 * reader's current instruction with all its immediates, growing the arrays when they are full;
 * the short paths write the arrays directly while there is room.
 */
export interface InstructionSink {
  count: number;
  offsets: Int32Array;
  ops: Int32Array;
  a: Int32Array;
  record(o: OperatorReader): void;
}

/**
 * What sees each instruction once it is validated. The reader's `op`, `offset` and `a` are the
 * instruction's; its other fields only for instructions that took the general path (every
 * `br_table`, `call_indirect` and `0xfc` one does).
 */
export interface InstructionVisitor {
  visit(o: OperatorReader): void;
}

/** Not a valid short immediate (a byte value can never be this). */
const NONE = -1;

export class BodyValidator extends FunctionValidator {
  /**
   * Decode and validate the rest of the body `o` reads, up to its end, recording every
   * instruction in `log` and showing it to `visitor` once it is valid. Call
   * {@link FunctionValidator.finish} after it.
   */
  validateBody(o: OperatorReader, log: InstructionSink, visitor: InstructionVisitor): void {
    const r = o.r;
    const buf = r.buf;
    const end = r.end;
    const locals = this.locals;
    const numLocals = this.numLocals;
    const m = this.m;
    const globals = m.globals;
    const functions = m.functions;
    const types = m.types;
    const memory = m.numMemories !== 0;
    const results = this.results;
    let pos = r.pos;
    let sp = this.sp;
    let operands = this.operands;
    let depth = this.depth;
    let ctrlKind = this.ctrlKind;
    let ctrlResult = this.ctrlResult;
    let ctrlHeight = this.ctrlHeight;
    let ctrlUnreachable = this.ctrlUnreachable;
    let height = depth > 0 ? ctrlHeight[depth - 1] : 0;
    let count = log.count;
    let offsets = log.offsets;
    let ops = log.ops;
    let as = log.a;
    while (pos < end) {
      const at = pos;
      const op = buf[at];
      // The short paths: each either completes the instruction (valid, recorded) and continues,
      // or breaks out to the general path below having changed nothing.
      let a = 0;
      let next = at + 1;
      short: if (depth !== 0 && count < offsets.length && sp < operands.length) {
        if (op >= 0x45 && op <= 0xc4) {
          const arg = NUM_ARG[op];
          const pops = NUM_POPS[op];
          if (sp - pops < height || operands[sp - 1] !== arg || (pops === 2 && operands[sp - 2] !== arg)) break short;
          sp -= pops;
          operands[sp++] = NUM_RESULT[op];
        } else {
          // An index immediate (LEB u32, padded forms included: linkers leave five-byte
          // relocations), NONE when it is not valid here.
          let index = NONE;
          if (IMMEDIATE[op] === IMM_INDEX) {
            let p = at + 1;
            let v = 0;
            for (let shift = 0; p < end; shift += 7) {
              const b = buf[p++];
              if (shift === 28) {
                if (b < 0x10) index = (v | (b << 28)) >>> 0;
                break;
              }
              v |= (b & 0x7f) << shift;
              if (b < 0x80) {
                index = v;
                break;
              }
            }
            next = p;
          }
          a = index;
          switch (op) {
            case 0x20: // local.get
              if (index === NONE || index >= numLocals) break short;
              operands[sp++] = locals[index];
              break;
            case 0x21: // local.set
            case 0x22: // local.tee
              if (index === NONE || index >= numLocals || sp <= height || operands[sp - 1] !== locals[index]) break short;
              if (op === 0x21) sp--;
              break;
            case 0x23: // global.get
              if (index === NONE || index >= globals.length) break short;
              operands[sp++] = globals[index].type;
              break;
            case 0x24: {
              // global.set
              if (index === NONE || index >= globals.length) break short;
              const g = globals[index];
              if (!g.mutable || sp <= height || operands[sp - 1] !== g.type) break short;
              sp--;
              break;
            }
            case 0x41: {
              // i32.const: a LEB i32 (a fifth byte holds bits 28-31 and copies of the sign bit)
              let v = 0;
              let shift = 0;
              let p = at + 1;
              let b = 0x80;
              while (b & 0x80) {
                if (p >= end) break short;
                b = buf[p++];
                if (shift === 28) {
                  const rest = b & 0x78;
                  if (b & 0x80 || (rest !== 0 && rest !== 0x78)) break short;
                  v |= b << 28;
                  shift = 32;
                  break;
                }
                v |= (b & 0x7f) << shift;
                shift += 7;
              }
              if (shift < 32 && b & 0x40) v |= -1 << shift;
              a = v | 0;
              next = p;
              operands[sp++] = 0x7f;
              break;
            }
            case 0x42: {
              // i64.const: up to nine LEB bytes (only a tenth one has constraints)
              let p = at + 1;
              let b = 0x80;
              while (b & 0x80) {
                if (p >= end || p - at > 9) break short;
                b = buf[p++];
              }
              a = 0;
              next = p;
              operands[sp++] = 0x7e;
              break;
            }
            case 0x43: // f32.const
            case 0x44: // f64.const
              next = at + (op === 0x43 ? 5 : 9);
              if (next > end) break short;
              operands[sp++] = op === 0x43 ? 0x7d : 0x7c;
              a = 0;
              break;
            case 0x10: {
              // call
              if (index === NONE || index >= functions.length) break short;
              const t = types[functions[index]];
              const params = t.params;
              const n = params.length;
              const base = sp - n;
              if (base < height) break short;
              for (let i = 0; i < n; i++) if (operands[base + i] !== params[i]) break short;
              sp = base;
              if (t.results.length === 1) operands[sp++] = t.results[0];
              else if (t.results.length !== 0) break short;
              break;
            }
            case 0x0d: {
              // br_if
              if (index === NONE || index >= depth || sp <= height || operands[sp - 1] !== 0x7f) break short;
              const d = depth - 1 - index;
              const t = ctrlKind[d] === LOOP ? NO_RESULT : ctrlResult[d];
              if (t !== NO_RESULT && (sp - 1 <= height || operands[sp - 2] !== t)) break short;
              sp--;
              break;
            }
            case 0x0c: {
              // br
              if (index === NONE || index >= depth) break short;
              const d = depth - 1 - index;
              const t = ctrlKind[d] === LOOP ? NO_RESULT : ctrlResult[d];
              if (t !== NO_RESULT && (sp <= height || operands[sp - 1] !== t)) break short;
              sp = height;
              ctrlUnreachable[depth - 1] = 1;
              break;
            }
            case 0x02: // block
            case 0x03: // loop
            case 0x04: {
              // if
              if (at + 1 >= end || depth === ctrlKind.length) break short;
              const bt = buf[at + 1];
              if (bt !== 0x40 && (bt < 0x7c || bt > 0x7f)) break short;
              const result = bt === 0x40 ? NO_RESULT : bt;
              if (op === 0x04) {
                if (sp <= height || operands[sp - 1] !== 0x7f) break short;
                sp--;
              }
              ctrlKind[depth] = op === 0x02 ? BLOCK : op === 0x03 ? LOOP : IF;
              ctrlResult[depth] = result;
              ctrlHeight[depth] = sp;
              ctrlUnreachable[depth] = 0;
              depth++;
              height = sp;
              a = bt;
              next = at + 2;
              break;
            }
            case 0x0b: {
              // end
              const d = depth - 1;
              const result = ctrlResult[d];
              if (result === NO_RESULT) {
                if (sp !== height) break short;
              } else if (ctrlKind[d] === IF || sp !== height + 1 || operands[sp - 1] !== result) break short;
              depth = d;
              if (d === 0) this.endedAt = at + 1;
              else height = ctrlHeight[d - 1];
              a = 0;
              next = at + 1;
              break;
            }
            case 0x05: {
              // else
              const d = depth - 1;
              const result = ctrlResult[d];
              if (ctrlKind[d] !== IF) break short;
              if (result === NO_RESULT) {
                if (sp !== height) break short;
              } else if (sp !== height + 1 || operands[sp - 1] !== result) break short;
              sp = height;
              ctrlKind[d] = ELSE;
              ctrlUnreachable[d] = 0;
              a = 0;
              break;
            }
            case 0x00: // unreachable
              sp = height;
              ctrlUnreachable[depth - 1] = 1;
              a = 0;
              break;
            case 0x1b: {
              // select (untyped: numeric operands of one type)
              if (sp - 3 < height) break short;
              const t = operands[sp - 2];
              if (operands[sp - 1] !== 0x7f || operands[sp - 3] !== t || t < 0x7c || t > 0x7f) break short;
              sp -= 2;
              a = 0;
              break;
            }
            case 0x0f: // return
              if (results.length !== 0 && (results.length !== 1 || sp <= height || operands[sp - 1] !== results[0])) break short;
              sp = height;
              ctrlUnreachable[depth - 1] = 1;
              a = 0;
              next = at + 1;
              break;
            case 0x1a: // drop
              if (sp <= height) break short;
              sp--;
              a = 0;
              next = at + 1;
              break;
            default: {
              if (op < 0x28 || op > 0x3e) break short;
              // A memory access: one-byte alignment flags, an offset of one or two bytes.
              if (at + 2 >= end || !memory) break short;
              const flags = buf[at + 1];
              if (flags >= 1 << 6) break short;
              const k = op - 0x28;
              if (flags > MEM_MAX_ALIGN[k]) break short;
              const o1 = buf[at + 2];
              if (o1 < 0x80) next = at + 3;
              else if (at + 3 < end && buf[at + 3] < 0x80) next = at + 4;
              else break short;
              const type = MEM_TYPE[k];
              if (MEM_STORE[k] === 1) {
                if (sp - 2 < height || operands[sp - 1] !== type || operands[sp - 2] !== 0x7f) break short;
                sp -= 2;
              } else {
                if (sp <= height || operands[sp - 1] !== 0x7f) break short;
                operands[sp - 1] = type;
              }
              a = 0;
            }
          }
        }
        offsets[count] = at;
        ops[count] = op;
        as[count++] = a;
        pos = next;
        o.op = op;
        o.offset = at;
        o.a = a;
        visitor.visit(o);
        continue;
      }
      // The general path, with the state written back first and read again after it.
      r.pos = at;
      this.sp = sp;
      this.depth = depth;
      log.count = count;
      o.next();
      this.visitChecked(o);
      log.record(o);
      visitor.visit(o);
      pos = r.pos;
      sp = this.sp;
      operands = this.operands;
      depth = this.depth;
      ctrlKind = this.ctrlKind;
      ctrlResult = this.ctrlResult;
      ctrlHeight = this.ctrlHeight;
      ctrlUnreachable = this.ctrlUnreachable;
      height = depth > 0 ? ctrlHeight[depth - 1] : 0;
      count = log.count;
      offsets = log.offsets;
      ops = log.ops;
      as = log.a;
    }
    r.pos = pos;
    this.sp = sp;
    this.depth = depth;
    log.count = count;
  }
}
