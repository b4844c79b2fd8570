/**
 * The `internal` module finite-wasm's instrumentation imports (never importable by contracts:
 * preparation only allows `env`). An executor that instruments like nearcore links these.
 */
import { HostError } from '@nearts/vm-errors';
import { U64_MAX, checkedAddU64, checkedMulU64 } from '../internal/u64.js';
import type { VMLogic } from '../logic.js';

/** Burns `gas` (charged per instrumented segment). */
export function finiteWasmGas(logic: VMLogic, gas: bigint): void {
  logic.gas.burnGas(gas);
}

/** Bulk memory/table ops: burns constant + count·linear, returns count. */
function linearGas(logic: VMLogic, count: number, linear: bigint, constant: bigint): number {
  const gas = checkedAddU64(constant, checkedMulU64(BigInt(count), linear));
  logic.gas.burnGas(gas);
  return count;
}

export function finiteWasmMemoryCopy(logic: VMLogic, count: number, linear: bigint, constant: bigint): number {
  return linearGas(logic, count, linear, constant);
}
export function finiteWasmMemoryFill(logic: VMLogic, count: number, linear: bigint, constant: bigint): number {
  return linearGas(logic, count, linear, constant);
}
export function finiteWasmMemoryInit(logic: VMLogic, count: number, linear: bigint, constant: bigint): number {
  return linearGas(logic, count, linear, constant);
}
export function finiteWasmTableCopy(logic: VMLogic, count: number, linear: bigint, constant: bigint): number {
  return linearGas(logic, count, linear, constant);
}
export function finiteWasmTableFill(logic: VMLogic, count: number, linear: bigint, constant: bigint): number {
  return linearGas(logic, count, linear, constant);
}
export function finiteWasmTableInit(logic: VMLogic, count: number, linear: bigint, constant: bigint): number {
  return linearGas(logic, count, linear, constant);
}

/**
 * Function entry: takes operand + frame bytes from the stack budget (exhausted →
 * MemoryAccessViolation), then burns ceil(frame/8)·regular_op_cost.
 */
export function finiteWasmStack(logic: VMLogic, operandSize: bigint, frameSize: bigint): void {
  const need = operandSize + frameSize > U64_MAX ? U64_MAX : operandSize + frameSize;
  if (need > logic.remainingStack) throw new HostError({ kind: 'MemoryAccessViolation' });
  logic.remainingStack -= need;
  // nearcore computes this in wrapping u64 arithmetic (frame sizes are small in practice).
  const gas = BigInt.asUintN(64, ((frameSize + 7n) / 8n) * logic.config.regularOpCost);
  logic.gas.burnGas(gas);
}

/** Function exit: gives the bytes back. */
export function finiteWasmUnstack(logic: VMLogic, operandSize: bigint, frameSize: bigint): void {
  const back = operandSize + frameSize > U64_MAX ? U64_MAX : operandSize + frameSize;
  logic.remainingStack += back;
}

/** Out of gas inside wasm: burns everything that remains, then IntegerOverflow. */
export function finiteWasmGasExhausted(logic: VMLogic): void {
  logic.gas.burnGas(logic.gas.remainingGas());
  throw new HostError({ kind: 'IntegerOverflow' });
}

/** Out of stack inside wasm. */
export function finiteWasmStackExhausted(_logic: VMLogic): void {
  throw new HostError({ kind: 'MemoryAccessViolation' });
}
