/**
 * Maps what the engine throws out of wasm onto nearcore's FunctionCallError, following
 * nearcore's Wasmtime trap classification (contract-preparation notes §6):
 * table out-of-bounds reports as MemoryOutOfBounds; overflow, division by zero and bad
 * float→int conversions are IllegalArithmetic.
 */
import type {} from '../webassembly-types.js';
import { FunctionCallError, HostError, VMRunnerError, type FunctionCallErrorData, type WasmTrapKind } from '@nearts/vm-errors';
import { INDIRECT_CALL_SLOT_EXPORT, tableExportName } from '../prepare/abi.js';

const NULL_OR_SIGNATURE_MISMATCH = /null function or function signature mismatch|function signature mismatch/;

/**
 * A `call_indirect` trap of `instance` as nearcore reports it: V8 uses one message for a null
 * table slot and for a signature mismatch, Wasmtime two traps. The prepared module records the
 * slot of every `call_indirect` just before it runs (abi.ts), so after the trap the host can see
 * whether that slot is empty. Other errors are returned unchanged.
 */
export function refineIndirectCallTrap(error: unknown, instance: WebAssembly.Instance): unknown {
  if (!(error instanceof WebAssembly.RuntimeError) || !NULL_OR_SIGNATURE_MISMATCH.test(error.message)) return error;
  const slot = instance.exports[INDIRECT_CALL_SLOT_EXPORT];
  if (!(slot instanceof WebAssembly.Global)) return error;
  const packed = BigInt.asUintN(64, slot.value as bigint);
  const table = instance.exports[tableExportName(Number(packed >> 32n))];
  const element = Number(packed & 0xffff_ffffn);
  if (table instanceof WebAssembly.Table && element < table.length && table.get(element) === null)
    return new FunctionCallError({ kind: 'WasmTrap', trap: 'IndirectCallToNull' });
  return error;
}

/** V8's RuntimeError messages → nearcore WasmTrap. */
const V8_TRAPS: ReadonlyArray<[RegExp, WasmTrapKind]> = [
  [/^unreachable/, 'Unreachable'],
  [/memory access out of bounds/, 'MemoryOutOfBounds'],
  [/table index is out of bounds/, 'MemoryOutOfBounds'],
  [/data segment .*out of bounds|out of bounds memory access/, 'MemoryOutOfBounds'],
  [/divide by zero|remainder by zero|divide result unrepresentable|integer overflow/, 'IllegalArithmetic'],
  [/float unrepresentable in integer range|integer result unrepresentable/, 'IllegalArithmetic'],
  // V8 reports a null table slot with this message too; `refineIndirectCallTrap` turns those
  // into IndirectCallToNull while the instance is still at hand.
  [NULL_OR_SIGNATURE_MISMATCH, 'IncorrectCallIndirectSignature'],
  [/invalid index into function table/, 'MemoryOutOfBounds'],
];

/** The abort reason for an exception that left wasm (host errors pass through untouched). */
export function classifyWasmException(error: unknown): FunctionCallErrorData {
  if (error instanceof HostError) return { kind: 'HostError', error: error.data };
  if (error instanceof FunctionCallError) return error.data;
  if (error instanceof WebAssembly.RuntimeError) {
    for (const [pattern, trap] of V8_TRAPS) if (pattern.test(error.message)) return { kind: 'WasmTrap', trap };
    return { kind: 'WasmUnknownError', msg: error.message };
  }
  if (error instanceof RangeError && /call stack size/i.test(error.message)) {
    // The instrumented stack limit fires long before V8's; reaching V8's means a host recursion.
    return { kind: 'WasmTrap', trap: 'StackOverflow' };
  }
  // Node-level failures (inconsistent state, storage errors) pass through unchanged.
  if (error instanceof VMRunnerError) throw error;
  // Anything else is a fault of nearts itself, not of the contract: a node-level error.
  throw new VMRunnerError({ kind: 'WasmUnknownError', debug_message: String((error as Error)?.stack ?? error) });
}
