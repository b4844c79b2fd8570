/**
 * Opcode tables the per-function analysis (analysis.ts) dispatches on: which instructions the
 * instrumenter rewrites, which float results get NaN-canonicalised, the fixed stack effects of
 * the frequent pure instructions, value-type stack sizes and the point kinds of bulk operations.
 */
import { NUM_POPS, NUM_RESULT, NUM_TRAPS, Op } from '../wasm/opcodes.js';
import { stackSizeOf, ValType } from '../wasm/types.js';
import { PointKind } from './gas-points.js';
import { canonicalisedResult } from './nan.js';

/**
 * Single-byte opcodes the instrumenter re-encodes or extends (instrument.ts); so are every
 * `0xfc` instruction and every float result that gets NaN-canonicalised. The analysis lists
 * where they are so that the instrumenter need not look at every instruction.
 */
export const REWRITTEN_OPS: readonly number[] = [Op.Call, Op.RefFunc, Op.Return, Op.BrTable, Op.CallIndirect];

/** Opcodes whose float result gets NaN-canonicalised (1) or not (0). */
export const CANONICALISED = new Uint8Array(256);
for (let op = 0; op < 256; op++) CANONICALISED[op] = canonicalisedResult(op) !== 0 ? 1 : 0;
/** Single-byte opcodes the instrumenter rewrites (1) or copies (0). */
export const REWRITTEN = CANONICALISED.slice();
for (const op of REWRITTEN_OPS) REWRITTEN[op] = 1;

/** Stack sizes of value types, indexed by type code. */
export const SIZE_OF = new Uint8Array(256);
for (const t of [ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128, ValType.FuncRef, ValType.ExternRef, ValType.OtherRef]) {
  SIZE_OF[t] = stackSizeOf(t);
}

/**
 * Pure instructions with a fixed stack effect: operands popped (SLOW: not one of them) and the
 * size pushed (or PUSH_LOCAL / PUSH_GLOBAL: the size of the local's or global's type).
 */
export const SLOW = 0xff;
export const PUSH_LOCAL = 0xfe;
export const PUSH_GLOBAL = 0xfd;
export const FAST_POPS = new Uint8Array(256).fill(SLOW);
export const FAST_PUSH = new Uint8Array(256);
{
  const simple = (op: number, pops: number, push: number) => {
    FAST_POPS[op] = pops;
    FAST_PUSH[op] = push;
  };
  simple(Op.Nop, 0, 0);
  simple(Op.Drop, 1, 0);
  simple(Op.Select, 2, 0);
  simple(Op.LocalGet, 0, PUSH_LOCAL);
  simple(Op.LocalSet, 1, 0);
  simple(Op.LocalTee, 0, 0);
  simple(Op.GlobalGet, 0, PUSH_GLOBAL);
  simple(Op.GlobalSet, 1, 0);
  simple(Op.I32Const, 0, 4);
  simple(Op.I64Const, 0, 8);
  simple(Op.F32Const, 0, 4);
  simple(Op.F64Const, 0, 8);
  for (let op = 0x45; op <= 0xc4; op++) {
    if (NUM_TRAPS[op] === 0) simple(op, NUM_POPS[op], stackSizeOf(NUM_RESULT[op]));
  }
}

/** Point kinds of the bulk instructions 0xfc08..0xfc11, by subopcode − 8. */
export const LINEAR_KIND = [
  PointKind.MemoryInit, // memory.init
  -1, // data.drop
  PointKind.MemoryCopy,
  PointKind.MemoryFill,
  PointKind.TableInit,
  -1, // elem.drop
  PointKind.TableCopy,
  -1, // table.grow (handled separately)
  -1, // table.size
  PointKind.TableFill,
];
