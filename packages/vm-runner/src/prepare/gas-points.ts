/**
 * Gas instrumentation points of one function, and their optimisation.
 *
 * This reproduces finite-wasm's gas analysis (`src/gas/mod.rs` + `src/gas/optimize.rs`, the
 * version nearcore pins): every instruction contributes a point (offset, kind, fee); points at
 * the same offset are merged, then points are merged across instructions where the remaining
 * gas cannot be observed in between. Where the charges end up decides *when* a contract runs
 * out of gas, and the instrumented module must charge exactly there to match nearcore.
 */

/** Instrumentation point kinds (finite-wasm's `InstrumentationKind`). */
export const PointKind = {
  Pure: 0,
  Unreachable: 1,
  PreControlFlow: 2,
  PostControlFlow: 3,
  BetweenControlFlow: 4,
  MemoryGrow: 5,
  MemoryInit: 6,
  MemoryCopy: 7,
  MemoryFill: 8,
  TableInit: 9,
  TableGrow: 10,
  TableFill: 11,
  TableCopy: 12,
} as const;

const { Pure, Unreachable, PreControlFlow: Pre, PostControlFlow: Post, BetweenControlFlow: Between } = PointKind;

export function isLinearKind(kind: number): boolean {
  return kind >= PointKind.MemoryGrow;
}

/** Gas amounts stay JS numbers while exact and become bigints only past 2^53. */
export type Gas = number | bigint;

const U64_MAX = (1n << 64n) - 1n;

/** finite-wasm's `u64::checked_add`: `null` on overflow. */
export function addGas(a: Gas, b: Gas): Gas | null {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    if (s <= Number.MAX_SAFE_INTEGER) return s;
  }
  const s = BigInt(a) + BigInt(b);
  return s > U64_MAX ? null : s;
}

/**
 * The points of one function in offset order. Fees are kept in Float64Arrays while they are
 * exact (always, with real parameter values); a fee past 2^53 is kept as a bigint on the side.
 */
export interface GasPoints {
  readonly count: number;
  readonly offsets: Int32Array;
  readonly kinds: Uint8Array;
  /** Constant fees while they are exact numbers; NaN where `constantAt` holds a bigint. */
  readonly constants: Float64Array;
  constantAt(i: number): Gas;
  linearAt(i: number): Gas;
}

export class GasPointTable implements GasPoints {
  count = 0;
  offsets = new Int32Array(1024);
  kinds = new Uint8Array(1024);
  constants = new Float64Array(1024);
  private linears = new Float64Array(1024);
  /** Fees too large for a double, by point index (NaN marks them in the arrays). */
  private big = new Map<number, bigint>();
  private bigLinear = new Map<number, bigint>();

  /** Sum of all constants pushed, while every one is a number (NaN once one is not). */
  private total = 0;

  clear(): void {
    this.count = 0;
    this.total = 0;
    if (this.big.size) this.big.clear();
    if (this.bigLinear.size) this.bigLinear.clear();
  }

  private grow(): void {
    const n = this.offsets.length * 2;
    const offsets = new Int32Array(n);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const kinds = new Uint8Array(n);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const constants = new Float64Array(n);
    constants.set(this.constants);
    this.constants = constants;
    const linears = new Float64Array(n);
    linears.set(this.linears);
    this.linears = linears;
  }

  /** Whether `cost` can be added to the last point's constant and stay an exact number. */
  fitsInLast(cost: number): boolean {
    return this.constants[this.count - 1] + cost <= Number.MAX_SAFE_INTEGER;
  }

  /** Add `cost` to the last point (used to fold runs of pure instructions as they come). */
  addToLast(cost: number): void {
    const i = this.count - 1;
    const sum = this.constants[i] + cost;
    if (sum <= Number.MAX_SAFE_INTEGER) {
      this.constants[i] = sum;
      this.total += cost;
    } else {
      this.big.set(i, BigInt(this.constants[i]) + BigInt(cost));
      this.constants[i] = NaN;
      this.total = NaN;
    }
  }

  /** Push a point with a constant fee that is a number (the usual case). */
  pushConstant(offset: number, kind: number, constant: number): void {
    const i = this.count++;
    if (i === this.offsets.length) this.grow();
    this.offsets[i] = offset;
    this.kinds[i] = kind;
    this.constants[i] = constant;
    this.linears[i] = 0;
    this.total += constant;
  }

  push(offset: number, kind: number, constant: Gas, linear: Gas): void {
    const i = this.count++;
    if (i === this.offsets.length) this.grow();
    this.offsets[i] = offset;
    this.kinds[i] = kind;
    if (typeof constant === 'number' && linear === 0) {
      this.constants[i] = constant;
      this.linears[i] = 0;
      this.total += constant;
      return;
    }
    this.setConstant(i, constant);
    if (typeof linear === 'number') this.linears[i] = linear;
    else {
      this.linears[i] = NaN;
      this.bigLinear.set(i, linear);
    }
  }

  private setConstant(i: number, value: Gas): void {
    if (typeof value === 'number') {
      this.constants[i] = value;
      this.total += value;
    } else {
      this.total = NaN;
      this.constants[i] = NaN;
      this.big.set(i, value);
    }
  }

  constantAt(i: number): Gas {
    const v = this.constants[i];
    return v === v ? v : this.big.get(i)!;
  }

  linearAt(i: number): Gas {
    const v = this.linears[i];
    return v === v ? v : this.bigLinear.get(i)!;
  }

  /** finite-wasm's `optimize`: merge same-offset points, then merge across instructions. */
  optimize(): void {
    if (this.total <= Number.MAX_SAFE_INTEGER && this.bigLinear.size === 0) {
      this.optimizeNumbers();
      return;
    }
    this.mergeWith(true);
    this.mergeWith(false);
  }

  /**
   * Both merge passes in one sweep, for the usual case where every fee is a small number (no
   * sum can then overflow): stage A merges points at one offset, and each finished A point is
   * merged across instructions into stage B, which is written out when it cannot grow.
   */
  private optimizeNumbers(): void {
    const n = this.count;
    if (n === 0) return;
    const { offsets, kinds, constants, linears } = this;
    let aOff = offsets[0];
    let aKind = kinds[0];
    let aC = constants[0];
    let aL = linears[0];
    let bOff = 0;
    let bKind = 0;
    let bC = 0;
    let bL = 0;
    let haveB = false;
    let out = 0;
    for (let i = 1; i <= n; i++) {
      if (i < n) {
        const off = offsets[i];
        const l = linears[i];
        if (aL === 0 && l === 0 && aOff === off) {
          const mk = MERGE_SAME_POINT[(aKind << 4) | kinds[i]];
          if (mk >= 0) {
            aKind = mk;
            aC += constants[i];
            continue;
          }
        }
      }
      // Stage A is complete: merge it into B or write B out.
      let absorbed = false;
      if (haveB && bL === 0 && aL === 0) {
        const mk = MERGE_ACROSS[(bKind << 4) | aKind];
        if (mk >= 0) {
          bKind = mk;
          bC += aC;
          absorbed = true;
        }
      }
      if (!absorbed) {
        if (haveB) {
          offsets[out] = bOff;
          kinds[out] = bKind;
          constants[out] = bC;
          linears[out] = bL;
          out++;
        }
        bOff = aOff;
        bKind = aKind;
        bC = aC;
        bL = aL;
        haveB = true;
      }
      if (i < n) {
        aOff = offsets[i];
        aKind = kinds[i];
        aC = constants[i];
        aL = linears[i];
      }
    }
    offsets[out] = bOff;
    kinds[out] = bKind;
    constants[out] = bC;
    linears[out] = bL;
    this.count = out + 1;
  }

  private mergeWith(sameOffset: boolean): void {
    const n = this.count;
    if (n === 0) return;
    const { offsets, kinds, constants, linears } = this;
    const hasBig = this.big.size > 0 || this.bigLinear.size > 0;
    let out = 0;
    let pOffset = offsets[0];
    let pKind = kinds[0];
    let pConst: Gas = hasBig ? this.constantAt(0) : constants[0];
    let pLin: Gas = hasBig ? this.linearAt(0) : linears[0];
    for (let i = 1; i < n; i++) {
      const offset = offsets[i];
      const kind = kinds[i];
      const lin: Gas = hasBig ? this.linearAt(i) : linears[i];
      let merged = false;
      // Fees merge only when neither has a per-unit part (finite-wasm's `Fee::checked_add`).
      if (pLin === 0 && lin === 0 && (!sameOffset || pOffset === offset)) {
        const mergedKind = sameOffset ? mergeSamePoint(pKind, kind) : mergeAcross(pKind, kind);
        if (mergedKind >= 0) {
          const c: Gas = hasBig ? this.constantAt(i) : constants[i];
          const sum = typeof pConst === 'number' && typeof c === 'number' && pConst + c <= Number.MAX_SAFE_INTEGER ? pConst + c : addGas(pConst, c);
          if (sum !== null) {
            pKind = mergedKind;
            pConst = sum;
            merged = true;
          }
        }
      }
      if (!merged) {
        this.store(out++, pOffset, pKind, pConst, pLin);
        pOffset = offset;
        pKind = kind;
        pConst = hasBig ? this.constantAt(i) : constants[i];
        pLin = lin;
      }
    }
    this.store(out++, pOffset, pKind, pConst, pLin);
    this.count = out;
    if (hasBig || this.pendingBig.size > 0 || this.pendingBigLinear.size > 0) this.reindexBig();
  }

  private store(i: number, offset: number, kind: number, constant: Gas, linear: Gas): void {
    this.offsets[i] = offset;
    this.kinds[i] = kind;
    if (typeof constant === 'number') this.constants[i] = constant;
    else {
      this.constants[i] = NaN;
      this.pendingBig.set(i, constant);
    }
    if (typeof linear === 'number') this.linears[i] = linear;
    else {
      this.linears[i] = NaN;
      this.pendingBigLinear.set(i, linear);
    }
  }

  private pendingBig = new Map<number, bigint>();
  private pendingBigLinear = new Map<number, bigint>();

  private reindexBig(): void {
    [this.big, this.pendingBig] = [this.pendingBig, this.big];
    [this.bigLinear, this.pendingBigLinear] = [this.pendingBigLinear, this.bigLinear];
    this.pendingBig.clear();
    this.pendingBigLinear.clear();
  }
}

/** Kind after merging two points at the same offset (`merge_same_point`); -1 if impossible. */
function mergeSamePoint(a: number, b: number): number {
  if (a === Unreachable || b === Unreachable) return Unreachable;
  if (isLinearKind(a)) return -1; // a bulk point is never the first of two at one offset
  if (isLinearKind(b)) return b;
  switch (a) {
    case Pure:
      return b;
    case Pre:
      return b === Pre || b === Pure ? Pre : Between;
    case Post:
      return b === Post || b === Pure ? Post : Between;
    default:
      return Between;
  }
}

/** Kind after merging points separated by an instruction (`merge_across_instructions`). */
function mergeAcross(a: number, b: number): number {
  if (a === Pure && b === Pure) return Pure;
  if (a === Unreachable && b === Unreachable) return Unreachable;
  if (a === Post && b === Pre) return Between;
  if (a === Pure && b === Pre) return Pre;
  if (a === Post && b === Pure) return Post;
  return -1;
}

/** Both merge rules as tables indexed by `a << 4 | b` (kinds are below 16), for the hot sweep. */
const MERGE_SAME_POINT = new Int8Array(256).fill(-1);
const MERGE_ACROSS = new Int8Array(256).fill(-1);
for (let a = 0; a <= PointKind.TableCopy; a++) {
  for (let b = 0; b <= PointKind.TableCopy; b++) {
    MERGE_SAME_POINT[(a << 4) | b] = mergeSamePoint(a, b);
    MERGE_ACROSS[(a << 4) | b] = mergeAcross(a, b);
  }
}
