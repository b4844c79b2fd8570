/**
 * Maps what the engine throws out of wasm onto nearcore's FunctionCallError, following
 * nearcore's Wasmtime trap classification (contract-preparation notes §6):
 * table out-of-bounds reports as MemoryOutOfBounds; overflow, division by zero and bad
 * float→int conversions are IllegalArithmetic.
 */
import type {} from '../webassembly-types.js';
import { FunctionCallError, HostError, VMRunnerError, type FunctionCallErrorData, type WasmTrapKind } from '@nearts/vm-errors';

/** V8's RuntimeError messages → nearcore WasmTrap. */
const V8_TRAPS: ReadonlyArray<[RegExp, WasmTrapKind]> = [
  [/^unreachable/, 'Unreachable'],
  [/memory access out of bounds/, 'MemoryOutOfBounds'],
  [/table index is out of bounds/, 'MemoryOutOfBounds'],
  [/data segment .*out of bounds|out of bounds memory access/, 'MemoryOutOfBounds'],
  [/divide by zero|remainder by zero|divide result unrepresentable|integer overflow/, 'IllegalArithmetic'],
  [/float unrepresentable in integer range|integer result unrepresentable/, 'IllegalArithmetic'],
  // V8 does not distinguish a null table slot from a signature mismatch; nearcore does.
  // Instrumentation checks for null slots before call_indirect where it can, so what reaches
  // here is a signature mismatch.
  [/null function or function signature mismatch|function signature mismatch/, 'IncorrectCallIndirectSignature'],
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
