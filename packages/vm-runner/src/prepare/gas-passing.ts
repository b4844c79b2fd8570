/**
 * The calling convention of instrumented functions: every function defined by the contract
 * returns the remaining gas as an extra i64 result, after its own results.
 *
 * A call then hands the remaining gas back in a register instead of through the gas global (a
 * store in the callee and a load in the caller, on every call: most of the metering cost of
 * contracts that call small functions, such as a sort's comparator). The global stays exact
 * wherever the host or a callee reads it (write-through.ts); a callee still reads it on entry.
 *
 * What it takes at module level (module-writer.ts):
 * - each contract type `t` that a defined function, a `call_indirect` or an adapter uses gets an
 *   extended copy `t'` (same parameters, results + i64; only those, so that a contract with very
 *   many types stays under the engine's limit); defined functions and `call_indirect` use the
 *   extended types, so the signature check of `call_indirect` still compares the contract's own
 *   types;
 * - the host calls exports and the start function through *wrappers* of the original type, which
 *   call the function and store the gas it returns into the global;
 * - an imported (host) function that the contract puts in a table or takes a reference of gets
 *   an *adapter* of the extended type, which calls it and returns the global's value (the host
 *   re-syncs the global on every host call).
 *
 * Function indices: the injected imports, the contract's functions (shifted by
 * `INJECTED_FUNCTIONS`), then the wrappers, then the adapters.
 */
import { ByteWriter } from '../wasm/encoder.js';
import type { FuncType } from '../wasm/types.js';
import { INJECTED_FUNCTIONS } from './abi.js';

export class FunctionLayout {
  /** Wrapper function index by contract function index (exported or start functions). */
  private readonly wrappers = new Map<number, number>();
  /** Contract functions wrapped, in wrapper order. */
  private readonly wrapped: number[] = [];
  /** Adapter function index by imported function index, allocated on first use. */
  private readonly adapters = new Map<number, number>();
  private readonly adapted: number[] = [];
  /** Whether the code takes a function reference (`ref.func`): see `declaredFunctions`. */
  takesReferences = false;
  /** Index of the extended copy of each contract type (-1: none yet), and the types copied. */
  private readonly extended: Int32Array;
  private readonly extendedOrder: number[] = [];

  constructor(
    readonly types: readonly FuncType[],
    /** Type index of every contract function, imports first. */
    readonly functionTypes: readonly number[],
    readonly numImported: number,
    exportedOrStart: Iterable<number>,
    /** Bytes linear memory has at least (its initial size; write-through.ts). */
    readonly memoryBytes: number,
  ) {
    this.extended = new Int32Array(types.length).fill(-1);
    for (const f of exportedOrStart) {
      if (f < numImported || this.wrappers.has(f)) continue;
      this.wrappers.set(f, INJECTED_FUNCTIONS + functionTypes.length + this.wrapped.length);
      this.wrapped.push(f);
    }
  }

  /** The extended copy of contract type `t`; copies follow the contract's types and the two injected ones. */
  extendedType(t: number): number {
    let index = this.extended[t];
    if (index < 0) {
      index = this.types.length + 2 + this.extendedOrder.length;
      this.extended[t] = index;
      this.extendedOrder.push(t);
    }
    return index;
  }

  /** Extended types so far; all of them once the function section is written. */
  get extendedTypes(): number {
    return this.extendedOrder.length;
  }

  isImported(f: number): boolean {
    return f < this.numImported;
  }

  /** Index of what the host calls for contract function `f` (export, start). */
  hostEntry(f: number): number {
    return this.wrappers.get(f) ?? INJECTED_FUNCTIONS + f;
  }

  /** Index of a function *reference* to contract function `f` (tables, `ref.func`, globals). */
  reference(f: number): number {
    if (f >= this.numImported) return INJECTED_FUNCTIONS + f;
    let index = this.adapters.get(f);
    if (index === undefined) {
      // Adapters follow the wrappers, whose number is fixed by the exports.
      index = INJECTED_FUNCTIONS + this.functionTypes.length + this.wrapped.length + this.adapted.length;
      this.adapters.set(f, index);
      this.adapted.push(f);
    }
    return index;
  }

  /** Functions appended after the contract's: wrappers then adapters. */
  get extraFunctions(): number {
    return this.wrapped.length + this.adapted.length;
  }

  /** Type indices of the appended functions, in order. */
  extraFunctionTypes(): number[] {
    return [...this.wrapped.map((f) => this.functionTypes[f]), ...this.adapted.map((f) => this.extendedType(this.functionTypes[f]))];
  }

  /**
   * Functions a `ref.func` in the code may name that no element segment, export or global
   * declares any more (wrapped functions lost their export, adapters never had one): declared
   * in an extra declarative element segment when the code takes references.
   */
  declaredFunctions(): number[] {
    if (!this.takesReferences) return [];
    return [...this.wrapped.map((f) => INJECTED_FUNCTIONS + f), ...this.adapters.values()];
  }

  /** The extended types, encoded as type-section entries, in index order. */
  writeExtendedTypes(out: ByteWriter): void {
    for (const index of this.extendedOrder) {
      const t = this.types[index];
      out.byte(0x60).u32(t.params.length);
      for (const p of t.params) out.byte(p);
      out.u32(t.results.length + 1);
      for (const r of t.results) out.byte(r);
      out.byte(0x7e);
    }
  }

  /** Bodies (each with its size) of the wrappers then the adapters. */
  writeExtraBodies(out: ByteWriter, gasGlobal: number): void {
    const body = new ByteWriter(32);
    for (const f of this.wrapped) {
      this.forward(body.clear(), f);
      body.byte(0x24).u32(gasGlobal).byte(0x0b); // global.set: the gas the function returned
      out.u32(body.length).append(body);
    }
    for (const f of this.adapted) {
      this.forward(body.clear(), f);
      body.byte(0x23).u32(gasGlobal).byte(0x0b); // global.get: the host re-synced the global
      out.u32(body.length).append(body);
    }
  }

  /** No locals; call `f` with the parameters. */
  private forward(body: ByteWriter, f: number): void {
    const params = this.types[this.functionTypes[f]].params.length;
    body.byte(0);
    for (let i = 0; i < params; i++) body.byte(0x20).u32(i);
    body.byte(0x10).u32(INJECTED_FUNCTIONS + f);
  }
}

