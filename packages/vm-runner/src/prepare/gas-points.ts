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

/** The points of one function, parallel arrays in offset order. */
export interface GasPoints {
  readonly count: number;
  readonly offsets: readonly number[];
  readonly kinds: readonly number[];
  /** Constant part of each fee. */
  readonly constants: readonly Gas[];
  /** Per-unit part of each fee (non-zero only for the bulk-memory/table kinds). */
  readonly linears: readonly Gas[];
}

export class GasPointTable implements GasPoints {
  count = 0;
  offsets: number[] = [];
  kinds: number[] = [];
  constants: Gas[] = [];
  linears: Gas[] = [];

  clear(): void {
    this.count = 0;
  }

  push(offset: number, kind: number, constant: Gas, linear: Gas): void {
    const i = this.count++;
    this.offsets[i] = offset;
    this.kinds[i] = kind;
    this.constants[i] = constant;
    this.linears[i] = linear;
  }

  /** A copy trimmed to `count`, for keeping after the table is reused. */
  snapshot(): GasPoints {
    const n = this.count;
    return {
      count: n,
      offsets: this.offsets.slice(0, n),
      kinds: this.kinds.slice(0, n),
      constants: this.constants.slice(0, n),
      linears: this.linears.slice(0, n),
    };
  }

  /** finite-wasm's `optimize`: merge same-offset points, then merge across instructions. */
  optimize(): void {
    this.mergeWith(true);
    this.mergeWith(false);
  }

  private mergeWith(sameOffset: boolean): void {
    const n = this.count;
    if (n === 0) return;
    const { offsets, kinds, constants, linears } = this;
    let out = 0;
    let pOffset = offsets[0];
    let pKind = kinds[0];
    let pConst = constants[0];
    let pLin = linears[0];
    for (let i = 1; i < n; i++) {
      const offset = offsets[i];
      const kind = kinds[i];
      let merged = false;
      // Fees merge only when neither has a per-unit part (finite-wasm's `Fee::checked_add`).
      if (pLin === 0 && linears[i] === 0 && (!sameOffset || pOffset === offset)) {
        const mergedKind = sameOffset ? mergeSamePoint(pKind, kind) : mergeAcross(pKind, kind);
        if (mergedKind >= 0) {
          const sum = addGas(pConst, constants[i]);
          if (sum !== null) {
            pKind = mergedKind;
            pConst = sum;
            if (offset < pOffset) pOffset = offset;
            merged = true;
          }
        }
      }
      if (!merged) {
        offsets[out] = pOffset;
        kinds[out] = pKind;
        constants[out] = pConst;
        linears[out] = pLin;
        out++;
        pOffset = offset;
        pKind = kind;
        pConst = constants[i];
        pLin = linears[i];
      }
    }
    offsets[out] = pOffset;
    kinds[out] = pKind;
    constants[out] = pConst;
    linears[out] = pLin;
    this.count = out + 1;
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
