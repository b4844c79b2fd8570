/**
 * Assembly of the prepared module from the validated input: sections are copied where they
 * can be, re-encoded where function indices shift, and extended with what the runtime needs
 * (the `internal` imports, the imported memory, the gas and stack globals, the exports of the
 * ABI in abi.ts).
 */
import { ByteWriter } from '../wasm/encoder.js';
import { ExternalKind, SectionId, type Export, type FuncIndexPatch } from '../wasm/module-validator.js';
import { WASM_MAGIC, WASM_VERSION } from '../wasm/sections.js';
import {
  EXPORT_PREFIX,
  GAS_EXHAUSTED_IMPORT,
  GAS_IMPORT,
  INJECTED_FUNCTIONS,
  INTERNAL_MODULE,
  MEMORY_EXPORT,
  MEMORY_IMPORT,
  MEMORY_MODULE,
  REMAINING_GAS_EXPORT,
  STACK_EXHAUSTED_IMPORT,
  START_EXPORT,
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
  tables?: { readonly start: number; readonly end: number };
  globals?: ItemsRange & { readonly patches: readonly FuncIndexPatch[] };
  numGlobals: number;
  exports: readonly Export[];
  start?: number;
  elements?: { readonly start: number; readonly end: number; readonly patches: readonly FuncIndexPatch[] };
  dataCount?: { readonly start: number; readonly end: number };
  code?: { readonly count: number; readonly bodies: ByteWriter };
  data?: { readonly start: number; readonly end: number; readonly patches: readonly FuncIndexPatch[] };
  customs: { readonly start: number; readonly end: number }[];
}

export interface WriteSettings {
  readonly initialMemoryPages: number;
  readonly maxMemoryPages: number;
  readonly maxStackHeight: number;
}

/** Copy `code[start, end)`, re-encoding the patched LEB fields (function indices shift by 3). */
function copyPatched(out: ByteWriter, code: Uint8Array, start: number, end: number, patches: readonly FuncIndexPatch[]): void {
  let pos = start;
  for (const p of patches) {
    out.bytes(code, pos, p.start);
    out.u32(p.isFunction ? p.index + INJECTED_FUNCTIONS : p.index);
    pos = p.end;
  }
  out.bytes(code, pos, end);
}

export function writeModule(code: Uint8Array, parts: ModuleParts, s: WriteSettings): Uint8Array {
  const out = new ByteWriter(code.length * 2 + 256);
  out.bytes(Uint8Array.from(WASM_MAGIC)).bytes(Uint8Array.from(WASM_VERSION));
  const section = new ByteWriter(256);
  const flush = (id: number) => {
    out.section(id, section);
    section.length = 0;
  };

  // Types: the contract's, then `() -> ()` and `(i64) -> ()` for the injected imports.
  const exhaustedType = parts.numTypes;
  const gasType = parts.numTypes + 1;
  section.u32(parts.numTypes + 2);
  if (parts.types) section.bytes(code, parts.types.itemsStart, parts.types.end);
  section.byte(0x60).byte(0).byte(0);
  section.byte(0x60).byte(1).byte(0x7e).byte(0);
  flush(SectionId.Type);

  // Imports: the three injected functions first (indices 0..2), the contract's, then memory.
  const contractImports = parts.imports?.count ?? 0;
  section.u32(INJECTED_FUNCTIONS + contractImports + 1);
  section.name(INTERNAL_MODULE).name(GAS_EXHAUSTED_IMPORT).byte(ExternalKind.Func).u32(exhaustedType);
  section.name(INTERNAL_MODULE).name(STACK_EXHAUSTED_IMPORT).byte(ExternalKind.Func).u32(exhaustedType);
  section.name(INTERNAL_MODULE).name(GAS_IMPORT).byte(ExternalKind.Func).u32(gasType);
  if (parts.imports) section.bytes(code, parts.imports.itemsStart, parts.imports.end);
  section.name(MEMORY_MODULE).name(MEMORY_IMPORT).byte(ExternalKind.Memory);
  section.byte(0x01).u32(s.initialMemoryPages).u32(s.maxMemoryPages);
  flush(SectionId.Import);

  if (parts.functions) {
    section.bytes(code, parts.functions.start, parts.functions.end);
    flush(SectionId.Function);
  }
  if (parts.tables) {
    section.bytes(code, parts.tables.start, parts.tables.end);
    flush(SectionId.Table);
  }

  // Globals: the contract's, then remaining gas (0 until the host sets it) and the stack budget.
  const gasGlobal = parts.numGlobals;
  section.u32(parts.numGlobals + 2);
  if (parts.globals) copyPatched(section, code, parts.globals.itemsStart, parts.globals.end, parts.globals.patches);
  section.byte(0x7e).byte(0x01).byte(0x42).byte(0x00).byte(0x0b);
  section.byte(0x7e).byte(0x01).byte(0x42).i64(BigInt(s.maxStackHeight)).byte(0x0b);
  flush(SectionId.Global);

  const exports = parts.exports.filter((e) => e.kind !== ExternalKind.Memory);
  section.u32(exports.length + 2 + (parts.start === undefined ? 0 : 1));
  for (const e of exports) {
    section.name(EXPORT_PREFIX + e.name).byte(e.kind).u32(e.kind === ExternalKind.Func ? e.index + INJECTED_FUNCTIONS : e.index);
  }
  section.name(MEMORY_EXPORT).byte(ExternalKind.Memory).u32(0);
  section.name(REMAINING_GAS_EXPORT).byte(ExternalKind.Global).u32(gasGlobal);
  if (parts.start !== undefined) section.name(START_EXPORT).byte(ExternalKind.Func).u32(parts.start + INJECTED_FUNCTIONS);
  flush(SectionId.Export);

  if (parts.elements) {
    copyPatched(section, code, parts.elements.start, parts.elements.end, parts.elements.patches);
    flush(SectionId.Element);
  }
  if (parts.dataCount) {
    section.bytes(code, parts.dataCount.start, parts.dataCount.end);
    flush(SectionId.DataCount);
  }
  if (parts.code) {
    section.u32(parts.code.count).append(parts.code.bodies);
    flush(SectionId.Code);
  }
  if (parts.data) {
    copyPatched(section, code, parts.data.start, parts.data.end, parts.data.patches);
    flush(SectionId.Data);
  }
  for (const c of parts.customs) {
    section.bytes(code, c.start, c.end);
    flush(SectionId.Custom);
  }
  return out.finish();
}
