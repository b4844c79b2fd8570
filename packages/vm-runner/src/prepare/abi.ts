/**
 * The contract between a prepared module and the host that runs it.
 *
 * Names follow nearcore's Wasmtime runner, so a prepared module looks the same to a host as
 * nearcore's does, except that linear memory is *imported* (so the host owns it):
 *
 * Imports
 * - `env.*` — the contract's own host-function imports (signatures unchanged, order kept).
 * - `env.memory` — memory 0, provided by the host with `initial_memory_pages` pages and a
 *   maximum of `max_memory_pages` (1024 / 2048 at protocol 86), whatever the contract declared.
 *   It is declared *shared*: V8 allocates a 64 MiB SharedArrayBuffer much faster than a plain
 *   one, and contracts cannot tell (preparation rejects atomics; loads, stores, grow and bounds
 *   behave the same).
 * - `internal.finite_wasm_gas(i64 gas)` — called when the next charge exceeds the remaining
 *   gas held in the gas global. The host first settles the gas global (see below), then burns
 *   `gas` (the argument is a u64 bit-cast to i64) through its gas counter. With the global set
 *   to `prepaid − used` that burn always fails (GasExceeded / GasLimitExceeded) and the host
 *   throws. The host must not return normally: like nearcore's, the call is followed by
 *   `unreachable`. A host writing a smaller allowance must cap it at what its counter can
 *   still accept, so that the burn still fails.
 * - `internal.finite_wasm_gas_exhausted()` — a linear (bulk-memory) fee overflowed u64: the host
 *   burns all remaining gas and fails with HostError::IntegerOverflow.
 * - `internal.finite_wasm_stack_exhausted()` — the stack budget (`max_stack_height` bytes of
 *   finite-wasm's stack model) is exhausted: the host fails with
 *   HostError::MemoryAccessViolation ("Accessed memory outside the bounds.").
 *   These three are function indices 0, 1, 2: every original function index is shifted by +3.
 *
 * Exports
 * - `"\0" + name` for every non-memory export of the contract (so `memory`, `start` and
 *   `remaining_gas` can never clash with a contract export). Method `m` is export `"\0m"`.
 *   An exported function keeps its signature: the export is a wrapper that calls the
 *   instrumented function (which returns the remaining gas as an extra result, gas-passing.ts)
 *   and stores that gas into `remaining_gas`, so the host sees the same protocol as below.
 * - `memory` — the imported memory, re-exported.
 * - `remaining_gas` — the mutable i64 gas global (u64 bit pattern).
 * - `start` — the contract's start function (through a wrapper as above), when it has one; the
 *   start section itself is removed so that the host runs it *after* setting up gas, under
 *   metering.
 * - Modules with tables only: `table0`, `table1`, … — each table; `indirect_call_slot` — a
 *   mutable i64 global that every `call_indirect` sets just before it runs to
 *   `table index << 32 | element index`. V8 reports a null slot and a signature mismatch with one
 *   message where nearcore (Wasmtime) reports IndirectCallToNull or
 *   IncorrectCallIndirectSignature; after such a trap the host looks the slot up to tell them
 *   apart (executor/traps.ts).
 *
 * Gas synchronisation (nearcore's Wasmtime call hook, done by hand):
 * - before calling into wasm (the `start` export, then the method), set
 *   `remaining_gas = prepaid − used` (as i64, from the gas counter; or the smaller amount the
 *   counter can still accept, see `finite_wasm_gas`);
 * - when wasm calls any host import (including the `internal.*` ones) and when a call into wasm
 *   returns or traps, read the global and burn `remaining_before − remaining_gas` (saturating)
 *   through the gas counter, where `remaining_before` is the value last written;
 * - after a host import returns to wasm, write `remaining_gas = prepaid − used` again.
 */

export const INTERNAL_MODULE = 'internal';
export const GAS_EXHAUSTED_IMPORT = 'finite_wasm_gas_exhausted';
export const STACK_EXHAUSTED_IMPORT = 'finite_wasm_stack_exhausted';
export const GAS_IMPORT = 'finite_wasm_gas';

export const MEMORY_MODULE = 'env';
export const MEMORY_IMPORT = 'memory';

export const MEMORY_EXPORT = 'memory';
export const REMAINING_GAS_EXPORT = 'remaining_gas';
export const START_EXPORT = 'start';
export const INDIRECT_CALL_SLOT_EXPORT = 'indirect_call_slot';

/** The export under which table `index` of the contract is found (modules with tables). */
export function tableExportName(index: number): string {
  return `table${index}`;
}
/** Prefix of every contract export in the prepared module. */
export const EXPORT_PREFIX = '\0';

/** Function indices of the injected imports; contract functions start at `INJECTED_FUNCTIONS`. */
export const GAS_EXHAUSTED_FN = 0;
export const STACK_EXHAUSTED_FN = 1;
export const GAS_FN = 2;
export const INJECTED_FUNCTIONS = 3;

/** The export under which contract method `method` is found. */
export function methodExportName(method: string): string {
  return EXPORT_PREFIX + method;
}

/** Bytes of a WebAssembly page. */
export const WASM_PAGE_SIZE = 65_536;
