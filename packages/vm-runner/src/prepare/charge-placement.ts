/**
 * Where the gas charges of a body go, as finite-wasm's gas analysis places them (see
 * gas-points.ts): each instruction's fee becomes a point before it, or is scheduled for after it
 * (a loop is charged on entry, the code after a trap or call opens a new point), and runs of
 * pure instructions are folded into one point right away where finite-wasm's optimisation
 * would merge them anyway. The instruction visitor (analysis.ts) says what each instruction is;
 * this class turns that into points.
 */
import { GasPointTable, PointKind, type Gas } from './gas-points.js';
import type { GasCosts } from './function-analysis.js';
import { StackModel, Target as FrameTarget } from './stack-model.js';

// A module-local binding: read per branch, and an imported one is read through its module cell.
const Target = FrameTarget;

export class ChargePlacement extends StackModel {
  readonly points = new GasPointTable();
  protected costs!: GasCosts;
  // A charge scheduled for "after the current instruction", pushed at the next offset.
  protected schedKind = -1;
  private schedConst: Gas = 0;
  /** Whether the last point is a pure instruction's point that the next pure one may join. */
  protected foldable = false;
  /** Whether the last point is the Post point scheduled after a trap or call, with a number fee. */
  private postLast = false;
  /** Regular-cost pure instructions folded into the last point but not yet added to it. */
  protected pendingPure = 0;
  /** `costs.regular` when it is a number (then pure runs are counted, not summed). */
  protected regularNumber = -1;

  /** Start placing the charges of a new body at `costs`. */
  protected resetCharges(costs: GasCosts): void {
    this.costs = costs;
    this.points.clear();
    this.schedKind = -1;
    this.foldable = false;
    this.postLast = false;
    this.pendingPure = 0;
    this.regularNumber = typeof costs.regular === 'number' ? costs.regular : -1;
  }

  protected flushPure(): void {
    if (this.pendingPure > 0) {
      this.points.addToLast(this.pendingPure * this.regularNumber);
      this.pendingPure = 0;
    }
  }

  /** Before the instruction at `offset`: push the charge scheduled after the previous one. */
  protected flushScheduled(offset: number): void {
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

  protected before(offset: number, kind: number, constant: Gas, linear: Gas = 0): number {
    this.flushPure();
    const index = this.points.count;
    const k = this.curPoly ? PointKind.Unreachable : kind;
    if (typeof constant === 'number' && linear === 0) this.points.pushConstant(offset, k, constant);
    else this.points.push(offset, k, constant, linear);
    this.foldable = false;
    this.postLast = false;
    return index;
  }

  protected after(kind: number, constant: Gas): void {
    this.schedKind = kind;
    this.schedConst = constant;
  }

  /**
   * A pure instruction. A run of consecutive pure points (nothing else in between, no loop
   * header) is folded into its first point right away: finite-wasm's optimisation would merge
   * them anyway, whatever comes before or after the run, and folding early keeps the table small.
   */
  protected pure(offset: number, cost: Gas): void {
    if (this.foldable && typeof cost === 'number' && !this.curPoly) {
      if (cost === this.regularNumber) this.pendingPure++;
      else if (cost !== 0) this.points.addToLast(cost);
      return;
    }
    this.before(offset, PointKind.Pure, cost);
    this.foldable = !this.poly && typeof cost === 'number';
  }

  protected sideEffect(offset: number, cost: Gas): void {
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

  protected linear(offset: number, kind: number): void {
    this.before(offset, kind, this.costs.linearBase, this.costs.linearUnit);
    this.after(PointKind.PostControlFlow, 0);
  }

  /** A branch to the frame `relDepth` levels up makes that frame a branch target. */
  protected branchTo(relDepth: number): void {
    const d = this.depth - 1 - relDepth;
    if (d < 0) return;
    const target = this.frameTarget[d];
    if (target === Target.UntakenForward) this.frameTarget[d] = Target.Forward;
    else if (target === Target.Loop) {
      this.points.kinds[this.framePost[d]] = PointKind.PostControlFlow;
      this.points.kinds[this.framePre[d]] = PointKind.PreControlFlow;
    }
  }
}
