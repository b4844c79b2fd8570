/**
 * What the per-function analysis (analysis.ts) hands to the instrumenter and to the size and
 * write-through models: the stack figures, the lists of instructions to rewrite, and the fees
 * it charges by. Also the activation-frame size finite-wasm assigns a function.
 */
import type { ValType } from '../wasm/types.js';
import { SIZE_OF } from './analysis-tables.js';
import type { Gas } from './gas-points.js';
import type { LocalGroups } from './instruction-log.js';

/** Fees of nearcore's `SimpleGasCostCfg`. */
export interface GasCosts {
  readonly regular: Gas;
  readonly linearBase: Gas;
  readonly linearUnit: Gas;
}

export interface FunctionAnalysis {
  /** Bytes of the activation frame: 64 + parameters + declared locals. */
  readonly frameSize: number;
  /** Largest modelled operand stack, in bytes. */
  readonly operandStackSize: number;
  /** Number of block, loop and if instructions. */
  readonly blockCount: number;
  /** Whether the body has float operations whose NaN results get canonicalised. */
  readonly floatResults: boolean;
  /** br_tables longer than V8 accepts (they get split when emitted). */
  readonly wideBrTables: readonly WideBrTable[];
  /** Whether the body has a `call` or `call_indirect` (host functions included). */
  readonly calls: boolean;
  /**
   * Indices (in body order) of the instructions the instrumenter rewrites rather than copies
   * (REWRITTEN_OPS in analysis-tables.ts), valid in `events[0 .. eventCount)` until the next body.
   */
  readonly events: Int32Array;
  readonly eventCount: number;
  /** Indices (in body order) of the `end`s that close a loop, in `loopEnds[0 .. loopEndCount)`. */
  readonly loopEnds: Int32Array;
  readonly loopEndCount: number;
  /**
   * Indices (in body order) of every instruction other than the frequent pure ones (constants,
   * locals, globals, drop, select, numeric instructions that cannot trap), in
   * `listed[0 .. listedCount)`: each one that may trap, calls, branches or opens or closes a
   * frame is among them, so later passes that only act there need not visit the others.
   */
  readonly listed: Int32Array;
  readonly listedCount: number;
}

export interface WideBrTable {
  readonly offset: number;
  /** Value type carried by its labels, or BlockType.Empty. */
  readonly type: number;
}

/**
 * V8's cap on br_table labels (kV8MaxWasmFunctionBrTableSize). wasmparser, and so nearcore,
 * accepts up to 131 072; longer tables are split when the body is re-encoded.
 */
export const MAX_ENGINE_BR_TABLE = 65_520;

/** Bytes of a function's activation: 64 + its parameters and declared locals (finite-wasm). */
export function frameSizeOf(params: readonly ValType[], groups: LocalGroups): number {
  let size = 64;
  for (let i = 0; i < params.length; i++) size += SIZE_OF[params[i]];
  for (let g = 0; g < groups.count; g++) size += groups.numbers[g] * SIZE_OF[groups.types[g]];
  return size;
}
