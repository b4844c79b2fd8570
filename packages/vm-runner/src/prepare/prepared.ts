/**
 * What preparation returns: the instrumented module plus what the runner needs to know about
 * it without parsing it again (method signatures, host imports, the ABI names, memory limits).
 */
import { ExternalKind, type Export, type Import, type ModuleValidator } from '../wasm/module-validator.js';
import { valTypeName, type FuncType } from '../wasm/types.js';
import * as abi from './abi.js';

export type WasmValueType = 'i32' | 'i64' | 'f32' | 'f64' | 'funcref';

export interface ExportedFunction {
  /** The contract's export name (the method name). */
  readonly name: string;
  /** Where the prepared module exports it: `"\0" + name`. */
  readonly exportName: string;
  readonly params: readonly WasmValueType[];
  readonly results: readonly WasmValueType[];
}

export interface ImportedFunction {
  /** Always `env` (preparation rejects every other module). */
  readonly module: string;
  readonly name: string;
  readonly params: readonly WasmValueType[];
  readonly results: readonly WasmValueType[];
}

/** The names a host needs to run a prepared module (see abi.ts for the protocol). */
export interface PreparedAbi {
  readonly internalModule: string;
  readonly chargeGasImport: string;
  readonly gasExhaustedImport: string;
  readonly stackExhaustedImport: string;
  readonly memoryModule: string;
  readonly memoryImport: string;
  readonly memoryExport: string;
  readonly gasGlobalExport: string;
  readonly startExport: string;
  readonly exportPrefix: string;
}

export const PREPARED_ABI: PreparedAbi = Object.freeze({
  internalModule: abi.INTERNAL_MODULE,
  chargeGasImport: abi.GAS_IMPORT,
  gasExhaustedImport: abi.GAS_EXHAUSTED_IMPORT,
  stackExhaustedImport: abi.STACK_EXHAUSTED_IMPORT,
  memoryModule: abi.MEMORY_MODULE,
  memoryImport: abi.MEMORY_IMPORT,
  memoryExport: abi.MEMORY_EXPORT,
  gasGlobalExport: abi.REMAINING_GAS_EXPORT,
  startExport: abi.START_EXPORT,
  exportPrefix: abi.EXPORT_PREFIX,
});

export interface PrepareStats {
  readonly importedFunctions: number;
  readonly definedFunctions: number;
  /** Gas instrumentation points (after merging), over all functions. */
  readonly gasCharges: number;
  /** Float results that got a NaN-canonicalising sequence. */
  readonly nanCanonicalisations: number;
  readonly originalSize: number;
  readonly instrumentedSize: number;
  /** Size of the module nearcore's instrumentation produces (checked against max_instrumented_code_size). */
  readonly nearcoreInstrumentedSize: number;
}

export interface PreparedContract {
  /** The instrumented module. */
  readonly code: Uint8Array<ArrayBuffer>;
  /** Length of the original code: the contract-loading fee is charged on this. */
  readonly originalCodeLength: number;
  /**
   * The contract's function exports by name, for method resolution: a name missing here is
   * `MethodNotFound` (also when the export is a table or global), a signature other than
   * `() -> ()` is `MethodInvalidSignature`.
   */
  readonly exportedFunctions: ReadonlyMap<string, ExportedFunction>;
  /** The contract's imports in order; all are functions from `env`, to link against the host table. */
  readonly hostImports: readonly ImportedFunction[];
  /** Export name of the start function, which the host calls (metered) before the method. */
  readonly startExport: string | null;
  readonly abi: PreparedAbi;
  /**
   * The memory the host must provide as `env.memory`: a *shared* memory (backed by a
   * SharedArrayBuffer) with these limits.
   */
  readonly memory: { readonly initialPages: number; readonly maximumPages: number; readonly shared: true };
  /**
   * Bytes nearcore's Wasmtime engine allocates for an instance of this contract (see
   * wasmtime-instance-size.ts): above 1 MiB, loading fails with a LoadingError.
   */
  readonly coreInstanceBytes: number;
  readonly stats: PrepareStats;
}

function types(list: readonly number[]): WasmValueType[] {
  return list.map((t) => valTypeName(t) as WasmValueType);
}

export function describeExports(v: ModuleValidator, exports: readonly Export[]): Map<string, ExportedFunction> {
  const out = new Map<string, ExportedFunction>();
  for (const e of exports) {
    if (e.kind !== ExternalKind.Func) continue;
    const t: FuncType = v.types[v.functions[e.index]];
    out.set(e.name, { name: e.name, exportName: abi.EXPORT_PREFIX + e.name, params: types(t.params), results: types(t.results) });
  }
  return out;
}

export function describeImports(v: ModuleValidator, imports: readonly Import[]): ImportedFunction[] {
  return imports.map((i) => {
    const t = v.types[i.typeIndex];
    return { module: i.module, name: i.name, params: types(t.params), results: types(t.results) };
  });
}

/** nearcore's method resolution on a prepared contract; null when the method can be called. */
export function resolveMethod(prepared: PreparedContract, method: string): 'MethodEmptyName' | 'MethodNotFound' | 'MethodInvalidSignature' | null {
  if (method === '') return 'MethodEmptyName';
  const fn = prepared.exportedFunctions.get(method);
  if (fn === undefined) return 'MethodNotFound';
  return fn.params.length === 0 && fn.results.length === 0 ? null : 'MethodInvalidSignature';
}
