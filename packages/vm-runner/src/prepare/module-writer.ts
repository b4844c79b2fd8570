/**
 * Assembly of the prepared module from the validated input: sections are copied where they
 * can be, re-encoded where function indices shift, and extended with what the runtime needs
 * (the `internal` imports, the imported memory, the gas and stack globals, the exports of the
 * ABI in abi.ts).
 */
import { ByteWriter, u32Size } from '../wasm/encoder.js';
import { ExternalKind, SectionId, type Export, type FuncIndexPatch, type TableType } from '../wasm/module-validator.js';
import { WASM_MAGIC, WASM_VERSION } from '../wasm/sections.js';
import type { FunctionLayout } from './gas-passing.js';
import {
  EXPORT_PREFIX,
  GAS_EXHAUSTED_IMPORT,
  GAS_IMPORT,
  INDIRECT_CALL_SLOT_EXPORT,
  INJECTED_FUNCTIONS,
  INTERNAL_MODULE,
  MEMORY_EXPORT,
  MEMORY_IMPORT,
  MEMORY_MODULE,
  REMAINING_GAS_EXPORT,
  STACK_EXHAUSTED_IMPORT,
  START_EXPORT,
  tableExportName,
} from './abi.js';

/** A payload range of the input, and how many items it holds after its count. */
export interface ItemsRange {
  readonly count: number;
  /** Start of the first item (just after the count). */
  readonly itemsStart: number;
  readonly end: number;
}

export interface ModuleParts {
  types?: ItemsRange;
  numTypes: number;
  imports?: ItemsRange;
  functions?: { readonly start: number; readonly end: number };
  tables?: { readonly start: number; readonly end: number; readonly types: readonly TableType[] };
  globals?: ItemsRange & { readonly patches: readonly FuncIndexPatch[] };
  numGlobals: number;
  exports: readonly Export[];
  start?: number;
  elements?: { readonly start: number; readonly end: number; readonly patches: readonly FuncIndexPatch[] };
  dataCount?: { readonly start: number; readonly end: number };
  code?: { readonly count: number; readonly bodies: ByteWriter };
  data?: { readonly start: number; readonly end: number; readonly patches: readonly FuncIndexPatch[] };
  customs: { readonly start: number; readonly end: number }[];
  /** Function indices and types of the gas-passing convention (gas-passing.ts). */
  layout?: FunctionLayout;
}

export interface WriteSettings {
  readonly initialMemoryPages: number;
  readonly maxMemoryPages: number;
  readonly maxStackHeight: number;
  /** Growth limit of every table (nearcore's Wasmtime store limit, 10 000 by default). */
  readonly maxTableElements: number;
}

/**
 * Copy `code[start, end)`, re-encoding the patched LEB fields: function references become those
 * of `layout` (contract functions shift by 3, imports get adapters).
 */
function copyPatched(out: ByteWriter, code: Uint8Array, start: number, end: number, patches: readonly FuncIndexPatch[], layout: FunctionLayout): void {
  let pos = start;
  for (const p of patches) {
    out.bytes(code, pos, p.start);
    out.u32(p.isFunction ? layout.reference(p.index) : p.index);
    pos = p.end;
  }
  out.bytes(code, pos, end);
}

/** A LEB128 u32 at `pos`: its value and the position after it. */
function readU32(code: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = code[pos++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, pos];
    shift += 7;
  }
}

export function writeModule(code: Uint8Array, parts: ModuleParts, s: WriteSettings): Uint8Array<ArrayBuffer> {
  // Small sections are built first; the code section (most of the output) is written once,
  // straight from the instrumented bodies, into an output buffer of the exact final size.
  const sections: [number, ByteWriter][] = [];
  const section = () => new ByteWriter(256);
  const layout = parts.layout!;
  // Adapters for the imports that globals and element segments refer to, before the function
  // section is written (the code's `ref.func`s allocated theirs while it was instrumented).
  for (const patches of [parts.globals?.patches, parts.elements?.patches, parts.data?.patches]) {
    for (const p of patches ?? []) if (p.isFunction) layout.reference(p.index);
  }

  // Functions: the contract's with extended types, then the wrappers and adapters. Written
  // before the type section is, so that every extended type in use has its index.
  const defined = layout.functionTypes.length - layout.numImported;
  let functions: ByteWriter | undefined;
  if (defined + layout.extraFunctions > 0) {
    functions = section().u32(defined + layout.extraFunctions);
    for (let f = layout.numImported; f < layout.functionTypes.length; f++) functions.u32(layout.extendedType(layout.functionTypes[f]));
    for (const t of layout.extraFunctionTypes()) functions.u32(t);
  }

  // Types: the contract's, `() -> ()` and `(i64) -> ()` for the injected imports, then the
  // extended copies in use (the remaining-gas result, gas-passing.ts).
  const exhaustedType = parts.numTypes;
  const gasType = parts.numTypes + 1;
  const types = section().u32(parts.numTypes + 2 + layout.extendedTypes);
  if (parts.types) types.bytes(code, parts.types.itemsStart, parts.types.end);
  types.byte(0x60).byte(0).byte(0);
  types.byte(0x60).byte(1).byte(0x7e).byte(0);
  layout.writeExtendedTypes(types);
  sections.push([SectionId.Type, types]);

  // Imports: the three injected functions first (indices 0..2), the contract's, then memory.
  const contractImports = parts.imports?.count ?? 0;
  const imports = section().u32(INJECTED_FUNCTIONS + contractImports + 1);
  imports.name(INTERNAL_MODULE).name(GAS_EXHAUSTED_IMPORT).byte(ExternalKind.Func).u32(exhaustedType);
  imports.name(INTERNAL_MODULE).name(STACK_EXHAUSTED_IMPORT).byte(ExternalKind.Func).u32(exhaustedType);
  imports.name(INTERNAL_MODULE).name(GAS_IMPORT).byte(ExternalKind.Func).u32(gasType);
  if (parts.imports) imports.bytes(code, parts.imports.itemsStart, parts.imports.end);
  imports.name(MEMORY_MODULE).name(MEMORY_IMPORT).byte(ExternalKind.Memory);
  // Limits flag 0x03 = shared, with a maximum. The host backs it with a SharedArrayBuffer, which
  // V8 allocates an order of magnitude faster than a 64 MiB ArrayBuffer (no external-memory GC
  // pressure per call); contracts cannot observe the difference (atomics stay rejected by
  // preparation, and plain loads/stores behave the same).
  imports.byte(0x03).u32(s.initialMemoryPages).u32(s.maxMemoryPages);
  sections.push([SectionId.Import, imports]);

  if (functions) sections.push([SectionId.Function, functions]);
  if (parts.tables) {
    // nearcore's Wasmtime store refuses to grow a table past `max_elements_per_contract_table`
    // (table.grow returns -1); declaring that maximum gives V8 the same behaviour.
    const tables = section().u32(parts.tables.types.length);
    for (const t of parts.tables.types) {
      const max = t.maximum === undefined ? s.maxTableElements : Math.min(t.maximum, s.maxTableElements);
      tables.byte(t.elemType).byte(0x01).u32(t.initial).u32(max);
    }
    sections.push([SectionId.Table, tables]);
  }

  // Globals: the contract's, then remaining gas (0 until the host sets it), the stack budget and,
  // with tables, the slot of the last call_indirect (see abi.ts).
  const gasGlobal = parts.numGlobals;
  const tableCount = parts.tables?.types.length ?? 0;
  const globals = section().u32(parts.numGlobals + 2 + (tableCount > 0 ? 1 : 0));
  if (parts.globals) copyPatched(globals, code, parts.globals.itemsStart, parts.globals.end, parts.globals.patches, layout);
  globals.byte(0x7e).byte(0x01).byte(0x42).byte(0x00).byte(0x0b);
  globals.byte(0x7e).byte(0x01).byte(0x42).i64(BigInt(s.maxStackHeight)).byte(0x0b);
  if (tableCount > 0) globals.byte(0x7e).byte(0x01).byte(0x42).byte(0x00).byte(0x0b);
  sections.push([SectionId.Global, globals]);

  const contractExports = parts.exports.filter((e) => e.kind !== ExternalKind.Memory);
  const injectedExports = 2 + (parts.start === undefined ? 0 : 1) + (tableCount > 0 ? 1 + tableCount : 0);
  const exports = section().u32(contractExports.length + injectedExports);
  for (const e of contractExports) {
    exports.name(EXPORT_PREFIX + e.name).byte(e.kind).u32(e.kind === ExternalKind.Func ? layout.hostEntry(e.index) : e.index);
  }
  exports.name(MEMORY_EXPORT).byte(ExternalKind.Memory).u32(0);
  exports.name(REMAINING_GAS_EXPORT).byte(ExternalKind.Global).u32(gasGlobal);
  if (parts.start !== undefined) exports.name(START_EXPORT).byte(ExternalKind.Func).u32(layout.hostEntry(parts.start));
  if (tableCount > 0) {
    exports.name(INDIRECT_CALL_SLOT_EXPORT).byte(ExternalKind.Global).u32(gasGlobal + 2);
    for (let t = 0; t < tableCount; t++) exports.name(tableExportName(t)).byte(ExternalKind.Table).u32(t);
  }
  sections.push([SectionId.Export, exports]);

  // Elements: the contract's, plus a declarative segment for what `ref.func` may name that
  // nothing else declares any more (gas-passing.ts).
  const declared = layout.declaredFunctions();
  if (parts.elements || declared.length > 0) {
    const elements = section();
    let [count, pos] = parts.elements ? readU32(code, parts.elements.start) : [0, 0];
    elements.u32(count + (declared.length > 0 ? 1 : 0));
    if (parts.elements) copyPatched(elements, code, pos, parts.elements.end, parts.elements.patches, layout);
    if (declared.length > 0) {
      elements.byte(0x03).byte(0x00).u32(declared.length); // declarative, funcref, function indices
      for (const f of declared) elements.u32(f);
    }
    sections.push([SectionId.Element, elements]);
  }
  if (parts.dataCount) sections.push([SectionId.DataCount, section().bytes(code, parts.dataCount.start, parts.dataCount.end)]);
  const codeSectionAt = sections.length;
  const extraBodies = new ByteWriter(64);
  layout.writeExtraBodies(extraBodies, gasGlobal);
  const bodyCount = (parts.code?.count ?? 0) + layout.extraFunctions;
  const codeCount = bodyCount > 0 ? new ByteWriter(8).u32(bodyCount) : undefined;
  const dataSections: [number, ByteWriter][] = [];
  if (parts.data) {
    const data = new ByteWriter(parts.data.end - parts.data.start + 16);
    copyPatched(data, code, parts.data.start, parts.data.end, parts.data.patches, layout);
    dataSections.push([SectionId.Data, data]);
  }
  for (const c of parts.customs) dataSections.push([SectionId.Custom, new ByteWriter(c.end - c.start).bytes(code, c.start, c.end)]);

  const framed = (payload: number) => 1 + u32Size(payload) + payload;
  let total = 8;
  for (const [, w] of sections) total += framed(w.length);
  const codePayload = codeCount ? codeCount.length + (parts.code?.bodies.length ?? 0) + extraBodies.length : 0;
  if (codeCount) total += framed(codePayload);
  for (const [, w] of dataSections) total += framed(w.length);

  const out = new ByteWriter(total);
  out.bytes(Uint8Array.from(WASM_MAGIC)).bytes(Uint8Array.from(WASM_VERSION));
  for (let i = 0; i < sections.length; i++) {
    if (i === codeSectionAt) break;
    out.section(sections[i][0], sections[i][1]);
  }
  if (codeCount) {
    out.byte(SectionId.Code).u32(codePayload).append(codeCount);
    if (parts.code) out.append(parts.code.bodies);
    out.append(extraBodies);
  }
  for (const [id, w] of dataSections) out.section(id, w);
  return out.finish();
}
