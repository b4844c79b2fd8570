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
import type { InstructionLog } from './instruction-log.js';

/** Single-byte opcodes after which the global may be read: traps, calls, linear charges. */
const OBSERVES = new Uint8Array(256);
OBSERVES[Op.Unreachable] = 1;
OBSERVES[Op.Call] = 1;
OBSERVES[Op.CallIndirect] = 1;
OBSERVES[Op.TableGet] = 1;
OBSERVES[Op.TableSet] = 1;
OBSERVES[Op.MemoryGrow] = 1;
for (let op = 0x28; op <= 0x3e; op++) OBSERVES[op] = 1; // loads and stores
for (let op = 0x45; op <= 0xc4; op++) if (NUM_TRAPS[op] === 1) OBSERVES[op] = 1;

/** `0xfc` instructions that neither trap nor charge a linear fee. */
function prefixedObserves(op: number): boolean {
  const sub = op & 0xff;
  // trunc_sat (0..7), data.drop (9), elem.drop (13), table.size (16)
  return !(sub <= 7 || sub === 9 || sub === 13 || sub === 16);
}

const KIND_BLOCK = 0;
const KIND_LOOP = 1;
const KIND_IF = 2;

/** Scratch arrays of the pass, reused from one body to the next. */
export class WriteThrough {
  /** Per gas point: 1 when its charge writes the global. */
  pointWrites = new Uint8Array(1024);
  /** Per instruction: 1 when the gas a call returns is written to the global right after it. */
  callWrites = new Uint8Array(4096);
  /** Per `end`: the kind of the frame it closes; per loop `end`: index of its `loop`. */
  private endKind = new Uint8Array(4096);
  private loopStart = new Int32Array(4096);
  private openers = new Int32Array(64);
  // Per frame open during the backward pass (innermost last).
  private labelNeed = new Uint8Array(64);
  private elseNeed = new Uint8Array(64);
  private hasElse = new Uint8Array(64);
  private frameKind = new Uint8Array(64);

  /** Computes `pointWrites` and `callWrites` for the body in `log` with charge points `points`. */
  analyse(log: InstructionLog, points: GasPoints): void {
    const n = log.count;
    if (this.callWrites.length < n) {
      const size = Math.max(n, this.callWrites.length * 2);
      this.callWrites = new Uint8Array(size);
      this.endKind = new Uint8Array(size);
      this.loopStart = new Int32Array(size);
    }
    if (this.pointWrites.length < points.count) this.pointWrites = new Uint8Array(Math.max(points.count, this.pointWrites.length * 2));
    const ops = log.ops;
    const offsets = log.offsets;

    // Forward: which frame each `end` closes (the body's final `end` closes none).
    let depth = 0;
    for (let i = 0; i < n; i++) {
      const op = ops[i];
      if (op === Op.Block || op === Op.Loop || op === Op.If) {
        if (depth === this.openers.length) this.growFrames();
        this.openers[depth++] = i;
      } else if (op === Op.End && depth > 0) {
        const opener = this.openers[--depth];
        const o = ops[opener];
        this.endKind[i] = o === Op.Loop ? KIND_LOOP : o === Op.If ? KIND_IF : KIND_BLOCK;
        this.loopStart[i] = opener;
      }
    }

    // Backward: `need` is whether the global may be read from here on before the next charge.
    const count = points.count;
    const pointOffsets = points.offsets;
    let p = count - 1;
    let need = false;
    let frames = 0;
    for (let i = n - 1; i >= 0; i--) {
      const op = ops[i];
      const next: boolean = need; // at the start of instruction i + 1, before its charges are counted
      if (op < 0x100) {
        if (OBSERVES[op] === 1) need = true;
        switch (op) {
          case Op.End:
            if (i === n - 1) need = false;
            else {
              if (frames === this.frameKind.length) this.growFrames();
              const kind = this.endKind[i];
              this.frameKind[frames] = kind;
              // A branch to a loop goes back to its first instruction: charged on every
              // iteration, so nothing is needed there unless that charge is missing.
              this.labelNeed[frames] = kind === KIND_LOOP ? (hasCharge(points, offsets[this.loopStart[i] + 1]) ? 0 : 1) : next ? 1 : 0;
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
          case Op.Loop:
            frames--;
            break;
          case Op.Br:
            need = this.label(log.a[i], frames);
            break;
          case Op.BrIf:
            need = next || this.label(log.a[i], frames);
            break;
          case Op.BrTable:
            need = true; // rare in hot code: not worth looking at every label
            break;
          case Op.Return:
            need = false;
            break;
          case Op.Call:
          case Op.CallIndirect:
            this.callWrites[i] = next ? 1 : 0;
            break;
        }
      } else if (prefixedObserves(op)) need = true;

      // The charges emitted just before instruction i, last first.
      for (; p >= 0 && pointOffsets[p] === offsets[i]; p--) {
        this.pointWrites[p] = need ? 1 : 0;
        if (!emitsCharge(points, p)) continue;
        if (isLinearKind(points.kinds[p]) && points.linearAt(p) !== 0) this.pointWrites[p] = 1;
        need = false;
      }
    }
  }

  /** Whether the global may be read after a branch `relDepth` labels out. */
  private label(relDepth: number, frames: number): boolean {
    const f = frames - 1 - relDepth;
    // The function's own label: it returns, and the gas goes back as a result.
    return f >= 0 && this.labelNeed[f] === 1;
  }

  private growFrames(): void {
    const n = this.openers.length * 2;
    const widen8 = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    const openers = new Int32Array(n);
    openers.set(this.openers);
    this.openers = openers;
    this.labelNeed = widen8(this.labelNeed);
    this.elseNeed = widen8(this.elseNeed);
    this.hasElse = widen8(this.hasElse);
    this.frameKind = widen8(this.frameKind);
  }
}

/** Whether point `p` makes the emitter write a charge (see `emitCharges` in instrument.ts). */
function emitsCharge(points: GasPoints, p: number): boolean {
  const kind = points.kinds[p];
  if (kind === PointKind.Unreachable) return false;
  if (isLinearKind(kind) && points.linearAt(p) !== 0) return true;
  return points.constantAt(p) !== 0; // as emitCharges decides
}

/** Whether a charge is emitted at `offset` (binary search: points are in offset order). */
function hasCharge(points: GasPoints, offset: number): boolean {
  const offsets = points.offsets;
  let lo = 0;
  let hi = points.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  for (; lo < points.count && offsets[lo] === offset; lo++) if (emitsCharge(points, lo)) return true;
  return false;
}
