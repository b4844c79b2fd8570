/**
 * finite-wasm's frame model and modelled operand stack, the state the per-function analysis
 * (analysis.ts) walks a body with: a frame is pushed by block/loop/if (and replaced at else),
 * and once `unreachable`, `br`, `br_table` or `return` executes the rest of the frame is
 * "polymorphic" — dead code that nested frames inherit. Operand sizes are in bytes
 * (i32/f32 = 4, i64/f64 = 8, references = 8); the largest total is the function's operand stack.
 *
 * A base class rather than a member so that the analysis's per-instruction paths reach the
 * arrays as fields of `this`, as they did when it was one class.
 */
import { BlockType } from '../wasm/operators.js';
import { stackSizeOf, type ValType } from '../wasm/types.js';

/** What a frame's label is to branches: never taken yet, taken (forward), or a loop header. */
export const Target = { UntakenForward: 0, Forward: 1, Loop: 2 } as const;

export class StackModel {
  // Frames, root first; the current frame is the last one.
  protected frameTarget = new Int32Array(64);
  /** For a loop frame: the indices of its charge points before and after entering. */
  protected framePre = new Int32Array(64);
  protected framePost = new Int32Array(64);
  private framePoly = new Uint8Array(64);
  private frameHeight = new Int32Array(64);
  protected frameResult = new Int32Array(64);
  protected depth = 0;
  /** Polymorphism of the current frame (cached from framePoly). */
  protected curPoly = false;
  // Modelled operand stack (sizes in bytes).
  protected operands = new Uint8Array(256);
  protected sp = 0;
  protected size = 0;
  protected maxSize = 0;

  /** Empty the model for a new body whose own frame yields `resultType`. */
  protected resetStack(resultType: number, rootTarget: number): void {
    this.depth = 0;
    this.sp = 0;
    this.size = 0;
    this.maxSize = 0;
    this.newFrame(rootTarget, resultType, false);
  }

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

  protected newFrame(target: number, result: number, poly: boolean): void {
    if (this.depth === this.frameTarget.length) this.growFrames();
    const d = this.depth++;
    this.frameTarget[d] = target;
    this.framePoly[d] = poly ? 1 : 0;
    this.curPoly = poly;
    this.frameHeight[d] = this.sp;
    this.frameResult[d] = result;
  }

  /** Pop the current frame (a no-op for the function's own frame); returns its result type. */
  protected endFrame(): number {
    if (this.depth <= 1) return BlockType.Empty;
    const d = --this.depth;
    this.curPoly = this.framePoly[d - 1] === 1;
    // The operands are dropped with the *enclosing* frame's polymorphism, as finite-wasm does.
    this.popMany(this.sp - this.frameHeight[d]);
    return this.frameResult[d];
  }

  protected get poly(): boolean {
    return this.curPoly;
  }

  protected makePolymorphic(): void {
    this.framePoly[this.depth - 1] = 1;
    this.curPoly = true;
  }

  protected push(t: ValType): void {
    if (this.curPoly) return;
    if (this.sp === this.operands.length) this.growOperands();
    const s = stackSizeOf(t);
    this.operands[this.sp++] = s;
    this.size += s;
    if (this.size > this.maxSize) this.maxSize = this.size;
  }

  protected popMany(n: number): void {
    if (n <= 0 || this.curPoly) return;
    for (let i = 0; i < n && this.sp > 0; i++) this.size -= this.operands[--this.sp];
  }

  protected growOperands(): void {
    const grown = new Uint8Array(this.operands.length * 2);
    grown.set(this.operands);
    this.operands = grown;
  }
}
