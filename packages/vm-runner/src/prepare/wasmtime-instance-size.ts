/**
 * Wasmtime's instance-size limit, which nearcore's Wasmtime engine applies when it loads a
 * compiled contract: its pooling allocator refuses (at `Module::deserialize`) a module whose
 * instance — wasmtime's `Instance` struct followed by the module's `VMContext` — is larger than
 * `max_core_instance_size`, left by nearcore at wasmtime's default of 1 MiB. nearcore turns that
 * into `FunctionCallError::LoadingError` (with `fix_contract_loading_error`) or a node-level
 * `VMRunnerError::LoadingError` (before it).
 *
 * The size is that of the module nearcore's preparation produces (prepare_v3 + instrument_v3 for
 * Wasmtime), laid out as wasmtime 45 does on a 64-bit host (vmoffsets.rs, instance.rs). In
 * practice only a huge number of globals reaches the limit (~65 000); contracts near it are not
 * realistic, but the arithmetic below is wasmtime's, field by field.
 */
import type { ModuleValidator } from '../wasm/module-validator.js';
import { ExternalKind } from '../wasm/module-validator.js';
import type { ModuleParts } from './module-writer.js';

/** wasmtime's `PoolingAllocationConfig` default for `max_core_instance_size` (1 MiB). */
export const WASMTIME_MAX_CORE_INSTANCE_SIZE = 1 << 20;

const PTR = 8;
/**
 * `size_of::<Instance>()` in wasmtime 45 (`#[repr(C)]`): id u32 (padded to 8), runtime_info 16,
 * memories 24, tables 24, passive_elements 24, dropped_data 24, store 16, then the
 * 16-aligned `OwnedVMContext` 16 at offset 144.
 */
const INSTANCE_STRUCT = 160;
/** VMContext's fixed part: magic (padded), store context, builtins, epoch ptr, GC data, type ids. */
const VMCTX_STATIC = 6 * PTR;
const VM_FUNCTION_IMPORT = 4 * PTR;
const VM_TABLE_DEFINITION = 2 * PTR;
const VM_MEMORY_POINTER = PTR;
const VM_MEMORY_DEFINITION = 2 * PTR;
const VM_GLOBAL_DEFINITION = 16;
const VM_FUNC_REF = 4 * PTR;

/** What nearcore's instrumentation adds: three `internal` function imports and two i64 globals. */
const INJECTED_IMPORTED_FUNCTIONS = 3;
const INJECTED_GLOBALS = 2;

/** The counts of nearcore's prepared module that size wasmtime's VMContext. */
export interface CoreInstanceShape {
  readonly importedFunctions: number;
  readonly definedTables: number;
  readonly definedGlobals: number;
  /** Functions wasmtime gives a `VMFuncRef`: imported, exported, the start, in elements, `ref.func` in globals. */
  readonly escapedFunctions: number;
}

/** The shape of the module nearcore prepares from this validated contract. */
export function nearcoreCoreInstanceShape(v: ModuleValidator, parts: ModuleParts): CoreInstanceShape {
  const escaped = new Set<number>();
  for (let f = 0; f < v.numImportedFunctions; f++) escaped.add(f);
  for (const e of parts.exports) if (e.kind === ExternalKind.Func) escaped.add(e.index);
  if (parts.start !== undefined) escaped.add(parts.start);
  for (const p of parts.elements?.patches ?? []) if (p.isFunction) escaped.add(p.index);
  for (const p of parts.globals?.patches ?? []) if (p.isFunction) escaped.add(p.index);
  return {
    // Preparation admits function imports only, so every global and table is defined.
    importedFunctions: v.numImportedFunctions + INJECTED_IMPORTED_FUNCTIONS,
    definedTables: parts.tables?.types.length ?? 0,
    definedGlobals: v.globals.length + INJECTED_GLOBALS,
    escapedFunctions: escaped.size + INJECTED_IMPORTED_FUNCTIONS,
  };
}

/** `Instance::alloc_layout(offsets).size()`: the bytes wasmtime's pooling allocator needs. */
export function wasmtimeCoreInstanceBytes(shape: CoreInstanceShape): number {
  let size = VMCTX_STATIC;
  // Wasmtime defines the one memory itself (a pointer to its definition plus the owned definition).
  size += VM_MEMORY_POINTER + VM_MEMORY_DEFINITION;
  size += shape.importedFunctions * VM_FUNCTION_IMPORT;
  size += shape.definedTables * VM_TABLE_DEFINITION;
  size = Math.ceil(size / 16) * 16;
  size += shape.definedGlobals * VM_GLOBAL_DEFINITION;
  size += shape.escapedFunctions * VM_FUNC_REF;
  return INSTANCE_STRUCT + size;
}

/**
 * The loading error wasmtime reports for an instance of `bytes`, or null when it fits. The text is
 * wasmtime's first sentence (its per-region breakdown is left out: nearcore's tests do not pin it).
 */
export function coreInstanceSizeError(bytes: number): string | null {
  if (bytes <= WASMTIME_MAX_CORE_INSTANCE_SIZE) return null;
  return `instance allocation for this module requires ${bytes} bytes which exceeds the configured maximum of ${WASMTIME_MAX_CORE_INSTANCE_SIZE} bytes`;
}
