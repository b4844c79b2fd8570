/**
 * Loads and stores that cannot trap: the address is a constant and the bytes touched lie in the
 * memory's initial size (memory never shrinks). Common in AssemblyScript code (statics at fixed
 * addresses). Both the write-through analysis and charge merging treat such accesses as plain.
 */
import { Op } from '../wasm/opcodes.js';
import type { InstructionLog } from './instruction-log.js';

/** Bytes a load or store (0x28..0x3e) touches. */
const ACCESS_BYTES = [4, 8, 4, 8, 1, 1, 2, 2, 1, 1, 2, 2, 4, 4, 4, 8, 4, 8, 1, 2, 1, 2, 4];
/** Single-byte opcodes that push one value and pop none (a stored value they produce). */
const PUSHES_ONE = new Uint8Array(256);
for (const op of [Op.LocalGet, Op.GlobalGet, Op.I32Const, Op.I64Const, Op.F32Const, Op.F64Const]) PUSHES_ONE[op] = 1;

/**
 * Whether memory access `i` (opcode `op`) of `log` over body bytes `code` cannot trap: its
 * address is a constant (the instruction before a load, or before the stored value when that is
 * a single constant or variable) and `address + offset + width <= memoryBytes`.
 */
export function constantAccessInBounds(log: InstructionLog, code: Uint8Array, i: number, op: number, memoryBytes: number): boolean {
  if (op < 0x28 || op > 0x3e) return false;
  const ops = log.ops;
  let at = i - 1;
  if (op >= 0x36) {
    if (at < 1 || PUSHES_ONE[ops[at]] !== 1) return false;
    at--;
  }
  if (at < 0 || ops[at] !== Op.I32Const) return false;
  const address = log.a[at] >>> 0;
  // memarg: alignment then offset, both LEB128 u32, after the opcode byte.
  let pos = log.offsets[i] + 1;
  while (code[pos] >= 0x80) pos++;
  pos++;
  let offset = 0;
  for (let shift = 0; ; shift += 7) {
    const b = code[pos++];
    offset += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  return address + offset + ACCESS_BYTES[op - 0x28] <= memoryBytes;
}
