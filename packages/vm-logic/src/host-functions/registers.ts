/** Register API: move data between registers and guest memory. */
import { U64_MAX } from '../internal/u64.js';
import type { VMLogic } from '../logic.js';

/** B, RR(len), MW(len). */
export function readRegister(logic: VMLogic, registerId: bigint, ptr: bigint): void {
  logic.payBase();
  const data = logic.registers.get(logic.gas, registerId);
  logic.memory.write(logic.gas, ptr, data);
}

/** B; u64::MAX for an unset register. */
export function registerLen(logic: VMLogic, registerId: bigint): bigint {
  logic.payBase();
  return logic.registers.getLen(registerId) ?? U64_MAX;
}

/** B, MR(len), RW(len). `data_len == u64::MAX` is a plain (out-of-bounds) length here, not register mode. */
export function writeRegister(logic: VMLogic, registerId: bigint, dataLen: bigint, dataPtr: bigint): void {
  logic.payBase();
  const data = logic.memory.read(logic.gas, dataPtr, dataLen);
  logic.setRegister(registerId, data);
}
