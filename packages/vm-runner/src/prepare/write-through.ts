/**
 * Where a function's remaining gas must be written through to the gas global.
 *
 * The instrumented code keeps the remaining gas in a local (instrument.ts). The global only has to
 * hold the exact value where someone other than the function itself looks at it: an instruction
 * that may trap (the host reads the global after the trap), a call (the callee and host functions
 * read it on entry), a linear charge (the slow path of which asks the host). Function exits are
 * not such places: the remaining gas goes back to the caller as an extra result.
 *
 * So a charge writes the global only when such an instruction can follow it before the next
 * charge, and the remaining gas a call returns is written right after the call only when such an
 * instruction can follow before any charge. This is a backward pass over the instructions of the
 * body, on the structured control flow: a branch continues at its label (after the `end` of a
 * block or `if`, at the start of a loop, out of the function for the outermost label).
 */
import { NUM_TRAPS, Op } from '../wasm/opcodes.js';
import { isLinearKind, PointKind, type GasPoints } from './gas-points.js';
import { constantAccessInBounds } from './constant-access.js';
import type { InstructionLog } from './instruction-log.js';
import type { FunctionAnalysis } from './analysis.js';

/** How the backward pass treats each single-byte opcode. */
const PLAIN = 0;
/** May trap or charges a linear fee: the global must be exact before it. */
const OBSERVES = 1;
const CALL = 2;
const CONTROL = 3;
const CLASS = new Uint8Array(256);
for (const op of [Op.Unreachable, Op.TableGet, Op.TableSet, Op.MemoryGrow]) CLASS[op] = OBSERVES;
for (let op = 0x28; op <= 0x3e; op++) CLASS[op] = OBSERVES; // loads and stores
for (let op = 0x45; op <= 0xc4; op++) if (NUM_TRAPS[op] === 1) CLASS[op] = OBSERVES;
CLASS[Op.Call] = CALL;
CLASS[Op.CallIndirect] = CALL;
for (const op of [Op.Block, Op.Loop, Op.If, Op.Else, Op.End, Op.Br, Op.BrIf, Op.BrTable, Op.Return]) CLASS[op] = CONTROL;


/** `0xfc` instructions that neither trap nor charge a linear fee. */
function prefixedObserves(op: number): boolean {
  const sub = op & 0xff;
  // trunc_sat (0..7), data.drop (9), elem.drop (13), table.size (16)
  return !(sub <= 7 || sub === 9 || sub === 13 || sub === 16);
}

/** Scratch arrays of the pass, reused from one body to the next. */
export class WriteThrough {
  /** Per gas point: 1 when its charge writes the global. */
  pointWrites = new Uint8Array(1024);
  /** Per instruction: 1 when the gas a call returns is written to the global right after it. */
  callWrites = new Uint8Array(4096);
  // Per frame open during the backward pass (innermost last): whether the global may be read
  // after a branch to its label, and for an `if` with an `else`, at the start of the else arm.
  private labelNeed = new Uint8Array(64);
  private code: Uint8Array = new Uint8Array(0);
  private memoryBytes = 0;
  private elseNeed = new Uint8Array(64);
  private hasElse = new Uint8Array(64);

  /**
   * Computes `pointWrites` and `callWrites` for the body in `log` (instructions of `code`) with
   * charge points `points`; `memoryBytes` is the size linear memory has at least (its initial
   * size: it never shrinks).
   */
  analyse(log: InstructionLog, code: Uint8Array, analysis: FunctionAnalysis, points: GasPoints, memoryBytes: number): void {
    const n = log.count;
    if (this.callWrites.length < n) this.callWrites = new Uint8Array(Math.max(n, this.callWrites.length * 2));
    if (this.pointWrites.length < points.count) this.pointWrites = new Uint8Array(Math.max(points.count, this.pointWrites.length * 2));
    this.code = code;
    this.memoryBytes = memoryBytes;
    if (!this.backward(log, analysis, points)) {
      // A loop whose first instruction is not charged was branched to: write everywhere.
      this.pointWrites.fill(1, 0, points.count);
      this.callWrites.fill(1, 0, n);
    }
  }

  /**
   * One pass from the last instruction to the first; `need` is whether the global may be read
   * from the current position on before the next charge. A branch to a block or an `if` continues
   * after its `end`; a branch to a loop at the loop's first instruction, which finite-wasm charges
   * on every iteration: nothing is needed there. Should a loop's first instruction need the
   * global after all (no charge there), the pass returns false.
   */
  private backward(log: InstructionLog, analysis: FunctionAnalysis, points: GasPoints): boolean {
    const n = log.count;
    const ops = log.ops;
    const offsets = log.offsets;
    const pointOffsets = points.offsets;
    const kinds = points.kinds;
    const pointWrites = this.pointWrites;
    const callWrites = this.callWrites;
    // Only the instructions the analysis listed can be other than plain (the frequent pure ones
    // are not listed); the walk visits those and the charge points, last first.
    const listed = analysis.listed;
    let k = analysis.listedCount - 1;
    let i = k >= 0 ? listed[k] : -1;
    let at = i >= 0 ? offsets[i] : -1;
    let p = points.count - 1;
    // The offset of the last point not yet handled (-1: none).
    let pointOffset = p >= 0 ? pointOffsets[p] : -1;
    let need = false;
    let frames = 0;
    const loopEnds = analysis.loopEnds;
    let nextLoopEnd = analysis.loopEndCount - 1;
    for (;;) {
      if (pointOffset > at) {
        // A charge emitted before a later instruction than i (points at i's own offset come
        // after i itself): as emitCharges in instrument.ts decides whether a point emits one.
        const kind = kinds[p];
        if (kind === PointKind.Unreachable) {
          pointWrites[p] = need ? 1 : 0;
        } else if (isLinearKind(kind) && points.linearAt(p) !== 0) {
          pointWrites[p] = 1;
          need = false;
        } else {
          pointWrites[p] = need ? 1 : 0;
          if (points.constantAt(p) !== 0) need = false;
        }
        pointOffset = --p >= 0 ? pointOffsets[p] : -1;
        continue;
      }
      if (i < 0) break;
      const op = ops[i];
      const cls = op < 0x100 ? CLASS[op] : prefixedObserves(op) ? OBSERVES : PLAIN;
      const next: boolean = need; // at the start of instruction i + 1, after its charges
      if (cls === OBSERVES) need = need || !constantAccessInBounds(log, this.code, i, op, this.memoryBytes);
      else if (cls === CALL) {
        callWrites[i] = next ? 1 : 0;
        need = true;
      } else if (cls === CONTROL) {
        switch (op) {
          case Op.End:
            if (i === n - 1) need = false; // the function returns its remaining gas
            else {
              if (frames === this.labelNeed.length) this.growFrames();
              const closesLoop = nextLoopEnd >= 0 && loopEnds[nextLoopEnd] === i;
              if (closesLoop) nextLoopEnd--;
              this.labelNeed[frames] = !closesLoop && next ? 1 : 0;
              this.hasElse[frames] = 0;
              frames++;
            }
            break;
          case Op.Else:
            this.elseNeed[frames - 1] = next ? 1 : 0;
            this.hasElse[frames - 1] = 1;
            need = this.labelNeed[frames - 1] === 1;
            break;
          case Op.If: {
            const f = --frames;
            need = next || (this.hasElse[f] === 1 ? this.elseNeed[f] === 1 : this.labelNeed[f] === 1);
            break;
          }
          case Op.Block:
            frames--;
            break;
          case Op.Loop:
            frames--;
            if (next) return false;
            break;
          case Op.Br:
            need = this.label(log.a[i], frames);
            break;
          case Op.BrIf:
            need = next || this.label(log.a[i], frames);
            break;
          case Op.BrTable:
            need = true; // rare in hot code: not worth decoding every label
            break;
          case Op.Return:
            need = false;
            break;
        }
      }
      // The points at i's offset are all above the next listed instruction's offset.
      i = --k >= 0 ? listed[k] : -1;
      at = i >= 0 ? offsets[i] : -1;
    }
    return true;
  }

  /** Whether the global may be read after a branch `relDepth` labels out. */
  private label(relDepth: number, frames: number): boolean {
    const f = frames - 1 - relDepth;
    // The function's own label: it returns, and the gas goes back as a result.
    return f >= 0 && this.labelNeed[f] === 1;
  }

  private growFrames(): void {
    const n = this.labelNeed.length * 2;
    const widen = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    this.labelNeed = widen(this.labelNeed);
    this.elseNeed = widen(this.elseNeed);
    this.hasElse = widen(this.hasElse);
  }
}
