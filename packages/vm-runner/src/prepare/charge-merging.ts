/**
 * Which constant charges of a body are tested together with an earlier one.
 *
 * finite-wasm ends a charge segment at every instruction that may trap, every branch target and
 * every loop header, so a loop iteration pays several compare-and-branch tests. Two charges `a`
 * then `b` can be tested as one `gas < a + b` when every path through `a` reaches `b` and nothing
 * between them can be observed (no trap, call, host call, linear charge): if the sum fails, the
 * failing path still asks the host for `a`, then `b`, one after the other (gas-charges.ts), so
 * the host burns the same amounts and reports the same limit error as with two tests (`a` alone
 * passes exactly when the first request succeeds). Memory an aborted call wrote cannot be seen.
 *
 * The charges merged here, on the structured control flow, forward:
 * - straight on: `b` is the next charge after `a`, with only plain instructions (and memory
 *   accesses at constant in-bounds addresses, which cannot trap) in between, across `block`
 *   openings and the `end`s of loops;
 * - at a join: `b` follows the `end` of a block or if/else that no branch targets, and every arm
 *   that falls through ends cleanly after its own last charge: `b` goes into each of them;
 * - at a loop header: every branch back to the loop is an unconditional `br` taken cleanly after
 *   a charge: the header's charge goes into each, and into the charge before the loop when the
 *   loop is entered cleanly, else it is tested on its own right before the `loop` instruction;
 * - before an if/else whose arms both start with a charge of the same amount, that charge goes
 *   into the one clean charge before the `if` (the failing path asks for the same amounts
 *   whichever arm would have run).
 *
 * The result is a forest of chains: `follower[p]` is the point tested with `p` next (its
 * requests follow `p`'s), `absorbed[q]` marks the points whose own test is not emitted, and a
 * chain ends at a `hoisted` arm's first charge. Where gas can be read in between (a trap or a
 * call after the merged charges), write-through.ts's flags of the chain's points still apply:
 * the merged test writes the global when any of them would.
 */
import { NUM_TRAPS, Op } from '../wasm/opcodes.js';
import { PointKind, type GasPoints } from './gas-points.js';
import type { FunctionAnalysis } from './function-analysis.js';
import { constantAccessInBounds } from './constant-access.js';
import type { InstructionLog } from './instruction-log.js';

/** How the forward pass treats each single-byte opcode (module-local numbers: cheap to switch on). */
const PLAIN = 0;
/** May trap (loads and stores only when their address is not a constant in bounds). */
const TRAPS = 1;
const CALL = 2;
const UNREACHABLE = 3;
const BLOCK_OP = 4;
const LOOP_OP = 5;
const IF_OP = 6;
const ELSE_OP = 7;
const END_OP = 8;
const BR_OP = 9;
const BR_IF_OP = 10;
const BR_TABLE_OP = 11;
const RETURN_OP = 12;
const CLASS = new Uint8Array(256);
for (const op of [Op.TableGet, Op.TableSet, Op.MemoryGrow]) CLASS[op] = TRAPS;
for (let op = 0x28; op <= 0x3e; op++) CLASS[op] = TRAPS; // loads and stores
for (let op = 0x45; op <= 0xc4; op++) if (NUM_TRAPS[op] === 1) CLASS[op] = TRAPS;
CLASS[Op.Call] = CALL;
CLASS[Op.CallIndirect] = CALL;
// Tail and reference calls and exception handling are not enabled; were they, nothing merges
// across them.
for (const op of [0x06, 0x07, 0x08, 0x09, 0x12, 0x13, 0x14, 0x15, 0x18, 0x19, 0x1f]) CLASS[op] = CALL;
CLASS[Op.Unreachable] = UNREACHABLE;
CLASS[Op.Block] = BLOCK_OP;
CLASS[Op.Loop] = LOOP_OP;
CLASS[Op.If] = IF_OP;
CLASS[Op.Else] = ELSE_OP;
CLASS[Op.End] = END_OP;
CLASS[Op.Br] = BR_OP;
CLASS[Op.BrIf] = BR_IF_OP;
CLASS[Op.BrTable] = BR_TABLE_OP;
CLASS[Op.Return] = RETURN_OP;
const UNREACHABLE_KIND = PointKind.Unreachable;
/** Point kinds from here on are linear (gas-points.ts `isLinearKind`). */
const FIRST_LINEAR_KIND = PointKind.MemoryGrow;


/** `0xfc` instructions that cannot trap (trunc_sat, data.drop, elem.drop, table.size). */
function prefixedPlain(op: number): boolean {
  const sub = op & 0xff;
  return sub <= 7 || sub === 9 || sub === 13 || sub === 16;
}

/**
 * The first point at `offset` (from point `p` on) when it is a constant charge, else -1: a loop
 * header's charge, which finite-wasm places at the loop's first instruction.
 */
function headerPoint(points: GasPoints, p: number, offset: number): number {
  for (; p < points.count && points.offsets[p] === offset; p++) {
    const kind = points.kinds[p];
    if (kind === UNREACHABLE_KIND || (kind >= FIRST_LINEAR_KIND && points.linearAt(p) !== 0)) return -1;
    if (points.constantAt(p) !== 0) return p;
  }
  return -1;
}

/**
 * On by default. Tests turn it off to get the unmerged instrumentation, which every run must end
 * exactly like (test/prepare/charge-merging.test.ts).
 */
export const chargeMergingSwitch = { enabled: true };

const BLOCK = 0;
const LOOP = 1;
const IF = 2;

export class ChargeMerging {
  /** Per point: the point whose charge is tested right after this one's (-1: none). */
  follower = new Int32Array(1024).fill(-1);
  /** Per point: 1 when an earlier point tests its charge (it emits no test of its own). */
  absorbed = new Uint8Array(1024);
  /**
   * Per point: 1 when it is the first charge of an if/else arm, tested before the `if` with the
   * other arm's first charge (of the same amount). A chain ends there; the point itself tests
   * only the chain of its follower.
   */
  hoisted = new Uint8Array(1024);
  /** For a hoisted then-arm point: the else arm's first point, whose write flag also counts. */
  twin = new Int32Array(1024);
  /** Whether the last body analysed has any merged charge. */
  merged = false;
  /**
   * Loops entered where their header's charge cannot join an earlier one: the header's chain is
   * charged right before the `loop` instruction at `entryOffsets[k]` (ascending), and the
   * branches back test it with their own charges. `entryHeads[k]` is the header's point.
   */
  entryCount = 0;
  entryOffsets = new Int32Array(16);
  entryHeads = new Int32Array(16);

  // The points the current position is reached from, each with nothing observable since
  // (`curCount` -1: some path is not clean, or the position is not reachable).
  private cur = new Int32Array(16);
  private curCount = -1;
  private reachable = true;

  // Open frames, innermost last.
  private frames = 0;
  private kind = new Uint8Array(64);
  /** Whether the frame's opening was reachable. */
  private live = new Uint8Array(64);
  /** Block or if: a branch targets its end. Loop: a branch back to the header is not clean. */
  private spoiled = new Uint8Array(64);
  /** Loop: it is entered from a position that is not clean (offset of the `loop`, else -1). */
  private dirtyEntry = new Int32Array(64);
  private hasElse = new Uint8Array(64);
  /** Edges that reach the frame's end (block, if) or header (loop), and their points (a list). */
  private edges = new Int32Array(64);
  private listHead = new Int32Array(64);
  /** Loop: the point charged at its first instruction; if: at its then arm's (-1: none). */
  private header = new Int32Array(64);
  /** If: the single clean point before it (-1: none). */
  private ifPred = new Int32Array(64);
  private pointsRef: GasPoints | null = null;

  // Lists of points per frame: a pool of cells, reset per body.
  private cellPoint = new Int32Array(256);
  private cellNext = new Int32Array(256);
  private cells = 0;

  private code: Uint8Array = new Uint8Array(0);
  private memoryBytes = 0;
  /** Points of the last body whose flags may be set (0: all clean). */
  private dirty = 0;

  /**
   * Computes `follower`, `absorbed` and `merged` for the body in `log` (instructions of `code`)
   * with charge points `points`; `memoryBytes` is the size linear memory has at least.
   */
  analyse(log: InstructionLog, code: Uint8Array, analysis: FunctionAnalysis, points: GasPoints, memoryBytes: number): void {
    const count = points.count;
    // The flags are left clean after a body without merges: most bodies need no reset.
    if (this.dirty > 0) this.clean(this.dirty);
    if (this.follower.length < count) {
      const size = Math.max(count, this.follower.length * 2);
      this.follower = new Int32Array(size).fill(-1);
      this.absorbed = new Uint8Array(size);
      this.hoisted = new Uint8Array(size);
      this.twin = new Int32Array(size);
    }
    this.pointsRef = points;
    this.merged = false;
    this.code = code;
    this.memoryBytes = memoryBytes;
    this.curCount = -1;
    this.reachable = true;
    this.frames = 0;
    this.cells = 0;
    this.entryCount = 0;
    // Only bodies with loops: elsewhere each charge runs at most once per call, and the pass
    // would cost more preparation time than it saves (a merge also needs two charges).
    if (chargeMergingSwitch.enabled && analysis.loopEndCount > 0 && count > 1 && !this.forward(log, analysis, points)) {
      this.clean(count);
      this.merged = false;
      this.entryCount = 0;
    }
    this.dirty = this.merged ? count : 0;
    this.pointsRef = null;
  }

  private clean(count: number): void {
    this.follower.fill(-1, 0, count);
    this.absorbed.fill(0, 0, count);
    this.hoisted.fill(0, 0, count);
  }

  /**
   * The pass; false when the fees are too large to add up as numbers (then nothing merges). It
   * visits the charge points and the instructions the analysis listed: the others are pure and
   * change nothing here.
   */
  private forward(log: InstructionLog, analysis: FunctionAnalysis, points: GasPoints): boolean {
    const n = log.count;
    const ops = log.ops;
    const offsets = log.offsets;
    const listed = analysis.listed;
    const listedCount = analysis.listedCount;
    const pointOffsets = points.offsets;
    const kinds = points.kinds;
    const constants = points.constants;
    const pointCount = points.count;
    let p = 0;
    let total = 0;
    for (let k = 0; ; k++) {
      const i = k < listedCount ? listed[k] : -1;
      const at = i >= 0 ? offsets[i] : 0x7fff_ffff;
      // The charges emitted before instruction i.
      for (; p < pointCount && pointOffsets[p] <= at; p++) {
        const kind = kinds[p];
        const c = constants[p];
        total += c; // NaN for a bigint fee: then nothing merges
        if (kind === UNREACHABLE_KIND || (kind >= FIRST_LINEAR_KIND && points.linearAt(p) !== 0)) {
          this.curCount = -1;
        } else if (c !== 0) {
          if (this.curCount > 0) this.charge(p);
          else {
            this.cur[0] = p;
            this.curCount = 1;
          }
        }
      }
      if (i < 0) break;
      const op = ops[i];
      if (op >= 0x100) {
        if (!prefixedPlain(op)) this.curCount = -1;
        continue;
      }
      const cls = CLASS[op];
      if (cls === PLAIN) continue;
      if (cls === TRAPS) {
        if (!constantAccessInBounds(log, this.code, i, op, this.memoryBytes)) this.curCount = -1;
      } else if (cls === CALL) this.curCount = -1;
      else if (cls === UNREACHABLE) this.deadEnd();
      else this.control(log, i, cls, n, points, p);
    }
    return total <= Number.MAX_SAFE_INTEGER; // false for NaN
  }

  /** A constant charge at point `q`: tested with the points it is reached from, if clean. */
  private charge(q: number): void {
    if (this.curCount > 0 && this.reachable && this.unchained(this.cur, this.curCount)) {
      for (let k = 0; k < this.curCount; k++) this.follower[this.cur[k]] = q;
      this.absorbed[q] = 1;
      this.merged = true;
    }
    this.cur[0] = q;
    this.curCount = 1;
  }

  /** Whether none of `points[0 .. count)` has a follower yet (always so; checked for safety). */
  private unchained(points: Int32Array, count: number): boolean {
    for (let k = 0; k < count; k++) if (this.follower[points[k]] !== -1) return false;
    return true;
  }

  private deadEnd(): void {
    this.curCount = -1;
    this.reachable = false;
  }

  /** `p`: the first point after instruction i's own charges. */
  private control(log: InstructionLog, i: number, cls: number, n: number, points: GasPoints, p: number): void {
    switch (cls) {
      case BLOCK_OP:
        this.open(BLOCK);
        break;
      case LOOP_OP: {
        const f = this.open(LOOP);
        // The entry is an edge into the header; if it is not clean, the header's charge can
        // still be made on it, right before the loop.
        if (this.curCount > 0 && this.reachable) this.addEdge(f);
        else this.dirtyEntry[f] = log.offsets[i];
        this.header[f] = i + 1 < n ? headerPoint(points, p, log.offsets[i + 1]) : -1;
        this.curCount = -1;
        break;
      }
      case IF_OP: {
        // A single clean point before the `if` may take the charge both arms start with.
        const before = this.curCount === 1 && this.reachable ? this.cur[0] : -1;
        const f = this.open(IF);
        this.header[f] = before >= 0 && i + 1 < n ? headerPoint(points, p, log.offsets[i + 1]) : -1;
        this.ifPred[f] = before;
        this.curCount = -1;
        break;
      }
      case ELSE_OP: {
        const f = this.frames - 1;
        if (this.header[f] >= 0 && i + 1 < n) this.hoist(f, headerPoint(points, p, log.offsets[i + 1]));
        if (this.reachable) this.addEdge(f);
        this.hasElse[f] = 1;
        this.reachable = this.live[f] === 1;
        this.curCount = -1;
        break;
      }
      case END_OP:
        if (i === n - 1) return; // the function's own end
        this.close();
        break;
      case BR_OP:
        if (this.reachable) this.branch(log.a[i], false);
        this.deadEnd();
        break;
      case BR_IF_OP:
        if (this.reachable) this.branch(log.a[i], true);
        this.curCount = -1;
        break;
      case BR_TABLE_OP:
        // Rare in hot code: every open frame counts as targeted, none cleanly.
        if (this.reachable) for (let f = 0; f < this.frames; f++) this.spoiled[f] = 1;
        this.deadEnd();
        break;
      case RETURN_OP:
        this.deadEnd();
        break;
    }
  }

  private open(kind: number): number {
    if (this.frames === this.kind.length) this.growFrames();
    const f = this.frames++;
    this.kind[f] = kind;
    this.live[f] = this.reachable ? 1 : 0;
    this.spoiled[f] = 0;
    this.hasElse[f] = 0;
    this.edges[f] = 0;
    this.listHead[f] = -1;
    this.header[f] = -1;
    this.dirtyEntry[f] = -1;
    return f;
  }

  /** The current position reaches frame `f`'s end (block, if) or header (loop). */
  private addEdge(f: number): void {
    this.edges[f]++;
    if (this.curCount <= 0 || !this.reachable) {
      this.spoiled[f] = 1;
      return;
    }
    for (let k = 0; k < this.curCount; k++) {
      if (this.cells === this.cellPoint.length) this.growCells();
      const c = this.cells++;
      this.cellPoint[c] = this.cur[k];
      this.cellNext[c] = this.listHead[f];
      this.listHead[f] = c;
    }
  }

  private branch(relDepth: number, conditional: boolean): void {
    const f = this.frames - 1 - relDepth;
    if (f < 0) return; // the function's own label: a return
    if (this.kind[f] === LOOP && !conditional) this.addEdge(f);
    else this.spoiled[f] = 1;
  }

  private close(): void {
    const f = --this.frames;
    if (this.kind[f] === LOOP) {
      // The loop's end is reached only by falling through its body: nothing changes here.
      const h = this.header[f];
      const entry = this.dirtyEntry[f];
      // Worth it only if some branch comes back (the entry alone gains nothing).
      const backEdges = entry >= 0 ? this.edges[f] : this.edges[f] - 1;
      if (this.spoiled[f] === 0 && this.live[f] === 1 && h >= 0 && backEdges > 0 && !this.reachesFrom(h, f) && this.listUnchained(f)) {
        for (let c = this.listHead[f]; c >= 0; c = this.cellNext[c]) this.follower[this.cellPoint[c]] = h;
        this.absorbed[h] = 1;
        this.merged = true;
        if (entry >= 0) this.addEntryCharge(entry, h);
      }
      return;
    }
    if (this.reachable) this.addEdge(f);
    const implicitElse = this.kind[f] === IF && this.hasElse[f] === 0 && this.live[f] === 1;
    this.reachable = this.live[f] === 1 && (this.edges[f] > 0 || this.spoiled[f] === 1 || implicitElse);
    if (!this.reachable || this.spoiled[f] === 1 || implicitElse) {
      this.curCount = -1;
      return;
    }
    let k = 0;
    for (let c = this.listHead[f]; c >= 0; c = this.cellNext[c]) {
      if (k === this.cur.length) {
        const grown = new Int32Array(k * 2);
        grown.set(this.cur);
        this.cur = grown;
      }
      this.cur[k++] = this.cellPoint[c];
    }
    this.curCount = k;
  }

  /**
   * Both arms of the `if` of frame `f` start with a charge of the same amount (the then arm's is
   * `header[f]`, the else arm's `elseFirst`): it is tested with the point before the `if`, and
   * each arm only tests what was merged after its own first charge.
   */
  private hoist(f: number, elseFirst: number): void {
    const before = this.ifPred[f];
    const first = this.header[f];
    if (elseFirst < 0 || this.follower[before] !== -1 || this.pointsRef!.constantAt(first) !== this.pointsRef!.constantAt(elseFirst)) return;
    this.follower[before] = first;
    this.hoisted[first] = 1;
    this.hoisted[elseFirst] = 1;
    this.twin[first] = elseFirst;
    this.merged = true;
  }

  /** Keeps `entryOffsets` ascending (inner loops close first, but start later). */
  private addEntryCharge(offset: number, head: number): void {
    if (this.entryCount === this.entryOffsets.length) {
      const offsets = new Int32Array(this.entryCount * 2);
      offsets.set(this.entryOffsets);
      this.entryOffsets = offsets;
      const heads = new Int32Array(this.entryCount * 2);
      heads.set(this.entryHeads);
      this.entryHeads = heads;
    }
    let k = this.entryCount++;
    for (; k > 0 && this.entryOffsets[k - 1] > offset; k--) {
      this.entryOffsets[k] = this.entryOffsets[k - 1];
      this.entryHeads[k] = this.entryHeads[k - 1];
    }
    this.entryOffsets[k] = offset;
    this.entryHeads[k] = head;
  }

  private listUnchained(f: number): boolean {
    for (let c = this.listHead[f]; c >= 0; c = this.cellNext[c]) if (this.follower[this.cellPoint[c]] !== -1) return false;
    return true;
  }

  /** Whether the chain from loop header `h` already runs through one of the loop's edges. */
  private reachesFrom(h: number, f: number): boolean {
    for (let x = h; x >= 0; x = this.follower[x]) {
      for (let c = this.listHead[f]; c >= 0; c = this.cellNext[c]) if (this.cellPoint[c] === x) return true;
    }
    return false;
  }

  private growFrames(): void {
    const n = this.kind.length * 2;
    const widen8 = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    const widen32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.kind = widen8(this.kind);
    this.live = widen8(this.live);
    this.spoiled = widen8(this.spoiled);
    this.hasElse = widen8(this.hasElse);
    this.edges = widen32(this.edges);
    this.listHead = widen32(this.listHead);
    this.header = widen32(this.header);
    this.ifPred = widen32(this.ifPred);
    this.dirtyEntry = widen32(this.dirtyEntry);
  }

  private growCells(): void {
    const n = this.cellPoint.length * 2;
    const point = new Int32Array(n);
    point.set(this.cellPoint);
    this.cellPoint = point;
    const next = new Int32Array(n);
    next.set(this.cellNext);
    this.cellNext = next;
  }
}
