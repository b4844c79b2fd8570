/**
 * Section-by-section decoding and validation of a module, with the same checks, limits and
 * section-ordering rules as the wasmparser version nearcore validates with (0.228, through
 * finite-wasm 0.6), so that a module is rejected at the same section.
 *
 * Each `*Section` method consumes a whole section payload and returns what the caller needs
 * from it. Nothing is allocated in proportion to a declared count: items are read one by one
 * and every read is bounds-checked, so a huge count in a short section fails at end of input.
 */
import { readConstExpr, type ConstExprContext } from './const-expr.js';
import type { ByteReader } from './reader.js';
import { isRefType, readValType, ValType, type FuncType, type WasmFeatures } from './types.js';

/** wasmparser's implementation limits. */
export const Limits = {
  types: 1_000_000,
  functions: 1_000_000,
  imports: 1_000_000,
  exports: 1_000_000,
  globals: 1_000_000,
  elementSegments: 100_000,
  dataSegments: 100_000,
  functionParams: 1000,
  functionResults: 1000,
  tableEntries: 10_000_000,
  memoryPages: 65_536,
  typeSize: 1_000_000,
} as const;

/** Section ids, and the order they must appear in. */
export const SectionId = {
  Custom: 0,
  Type: 1,
  Import: 2,
  Function: 3,
  Table: 4,
  Memory: 5,
  Global: 6,
  Export: 7,
  Start: 8,
  Element: 9,
  Code: 10,
  Data: 11,
  DataCount: 12,
  Tag: 13,
} as const;

const ORDER: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13 };

export const ExternalKind = { Func: 0, Table: 1, Memory: 2, Global: 3, Tag: 4 } as const;

export interface Import {
  readonly module: string;
  readonly name: string;
  readonly kind: number;
  /** Type index for function imports. */
  readonly typeIndex: number;
}

export interface Export {
  readonly name: string;
  readonly kind: number;
  readonly index: number;
}

export interface TableType {
  readonly elemType: ValType;
  readonly initial: number;
  readonly maximum: number | undefined;
}

export interface GlobalType {
  readonly type: ValType;
  readonly mutable: boolean;
}

/**
 * A LEB128 field inside an element, global or data section that is re-encoded when the module
 * is written out: a function index (which instrumentation shifts) or a segment flags field
 * encoded non-minimally (wasmparser reads it as a LEB, stricter engines want one byte).
 */
export interface FuncIndexPatch {
  readonly start: number;
  readonly end: number;
  readonly index: number;
  readonly isFunction: boolean;
}

function checkMax(r: ByteReader, current: number, add: number, max: number, what: string, at: number): void {
  if (max < current || max - current < add) r.fail(`${what} count exceeds limit of ${max}`, at);
}

export class ModuleValidator {
  readonly types: FuncType[] = [];
  /** Type index of every function, imported ones first. */
  readonly functions: number[] = [];
  numImportedFunctions = 0;
  readonly tables: TableType[] = [];
  numMemories = 0;
  readonly globals: GlobalType[] = [];
  numImportedGlobals = 0;
  readonly elementTypes: ValType[] = [];
  dataCount: number | undefined;
  dataSegmentCount = 0;
  hasStart = false;
  startFunction = 0;
  /** Functions that `ref.func` may name: exported, in element segments or in global initialisers. */
  readonly declaredFunctions = new Set<number>();
  private readonly exportNames = new Set<string>();
  private order = 0;
  private typeSize = 1;
  private expectedCodeBodies: number | undefined;
  private nextCodeIndex = -1;

  constructor(readonly features: WasmFeatures) {}

  /** Enforce the section order (custom sections excepted). */
  enterSection(r: ByteReader, id: number, at: number): void {
    const order = ORDER[id];
    if (order === undefined) r.fail(`malformed section id: ${id}`, at);
    if (this.order >= order) r.fail('section out of order', at);
    this.order = order;
  }

  /** A value type allowed in signatures, locals, globals and tables. */
  checkValueType(r: ByteReader, t: ValType, at: number): void {
    switch (t) {
      case ValType.I32:
      case ValType.I64:
      case ValType.F32:
      case ValType.F64:
        return;
      case ValType.FuncRef:
        if (this.features.referenceTypes) return;
        r.fail('reference types support is not enabled', at);
      // externref is rejected too: nearcore turns wasmparser's `gc_types` off, and that gates it.
      // falls through
      default:
        r.fail('value type not supported', at);
    }
  }

  private endItems(r: ByteReader): void {
    if (!r.eof()) r.fail('section size mismatch: unexpected data at the end of the section');
  }

  private addTypeSize(r: ByteReader, size: number, at: number): void {
    const sum = this.typeSize + size;
    if (sum >= Limits.typeSize) r.fail(`effective type size exceeds the limit of ${Limits.typeSize}`, at);
    this.typeSize = sum;
  }

  private funcTypeSize(typeIndex: number): number {
    const t = this.types[typeIndex];
    return 2 + t.params.length + t.results.length;
  }

  typeSection(r: ByteReader, count: number, at: number): void {
    this.enterSection(r, SectionId.Type, at);
    checkMax(r, this.types.length, count, Limits.types, 'types', at);
    for (let i = 0; i < count; i++) {
      const itemAt = r.pos;
      const form = r.u8();
      if (form !== 0x60) r.fail('only function types are supported', itemAt);
      const params = this.readResultTypes(r, Limits.functionParams, 'function params');
      const results = this.readResultTypes(r, Limits.functionResults, 'function returns');
      for (const t of params) this.checkValueType(r, t, itemAt);
      for (const t of results) this.checkValueType(r, t, itemAt);
      if (results.length > 1) r.fail('func type returns multiple values but the multi-value feature is not enabled', itemAt);
      this.types.push({ params, results });
    }
    this.endItems(r);
  }

  private readResultTypes(r: ByteReader, limit: number, what: string): ValType[] {
    const n = r.size(limit, what);
    const out: ValType[] = [];
    for (let i = 0; i < n; i++) out.push(readValType(r));
    return out;
  }

  private funcTypeAt(r: ByteReader, index: number, at: number): FuncType {
    const t = this.types[index];
    if (t === undefined) r.fail(`unknown type ${index}: type index out of bounds`, at);
    return t;
  }

  importSection(r: ByteReader, count: number, at: number): Import[] {
    this.enterSection(r, SectionId.Import, at);
    checkMax(r, 0, count, Limits.imports, 'imports', at);
    const imports: Import[] = [];
    for (let i = 0; i < count; i++) {
      const itemAt = r.pos;
      const module = r.name();
      const name = r.name();
      const kind = r.u8();
      let typeIndex = 0;
      switch (kind) {
        case ExternalKind.Func:
          typeIndex = r.varU32();
          this.funcTypeAt(r, typeIndex, itemAt);
          this.functions.push(typeIndex);
          this.numImportedFunctions++;
          checkMax(r, this.functions.length, 0, Limits.functions, 'functions', itemAt);
          this.addTypeSize(r, this.funcTypeSize(typeIndex), itemAt);
          break;
        case ExternalKind.Table:
          this.tables.push(this.readTableType(r, itemAt));
          checkMax(r, this.tables.length, 0, this.maxTables(), 'tables', itemAt);
          this.addTypeSize(r, 1, itemAt);
          break;
        case ExternalKind.Memory:
          this.readMemoryType(r, itemAt);
          this.numMemories++;
          checkMax(r, this.numMemories, 0, 1, 'memories', itemAt);
          this.addTypeSize(r, 1, itemAt);
          break;
        case ExternalKind.Global:
          this.globals.push(this.readGlobalType(r, itemAt));
          this.numImportedGlobals++;
          checkMax(r, this.globals.length, 0, Limits.globals, 'globals', itemAt);
          this.addTypeSize(r, 1, itemAt);
          break;
        case ExternalKind.Tag:
          r.fail('exceptions proposal not enabled', itemAt);
        // falls through
        default:
          r.fail(`invalid leading byte (0x${kind.toString(16)}) for external kind`, itemAt);
      }
      imports.push({ module, name, kind, typeIndex });
    }
    this.endItems(r);
    return imports;
  }

  private maxTables(): number {
    return this.features.referenceTypes ? 100 : 1;
  }

  functionSection(r: ByteReader, count: number, at: number): void {
    this.enterSection(r, SectionId.Function, at);
    checkMax(r, this.functions.length, count, Limits.functions, 'functions', at);
    this.expectedCodeBodies = count;
    for (let i = 0; i < count; i++) {
      const itemAt = r.pos;
      const typeIndex = r.varU32();
      this.funcTypeAt(r, typeIndex, itemAt);
      this.functions.push(typeIndex);
    }
    this.endItems(r);
  }

  private readLimits(r: ByteReader, flags: number, at: number): { initial: number; maximum: number | undefined } {
    const initial = r.varU32();
    const maximum = flags & 1 ? r.varU32() : undefined;
    if (maximum !== undefined && initial > maximum) r.fail('size minimum must not be greater than maximum', at);
    return { initial, maximum };
  }

  private readTableType(r: ByteReader, at: number): TableType {
    const elemType = readValType(r);
    if (!isRefType(elemType)) r.fail('malformed reference type', at);
    if (elemType !== ValType.FuncRef) this.checkValueType(r, elemType, at);
    const flags = r.u8();
    if (flags > 7) r.fail('invalid table resizable limits flags', at);
    if (flags & 4) r.fail('memory64 must be enabled for 64-bit tables', at);
    const { initial, maximum } = this.readLimits(r, flags, at);
    if (flags & 2) r.fail('shared tables require the shared-everything-threads proposal', at);
    return { elemType, initial, maximum };
  }

  private readMemoryType(r: ByteReader, at: number): void {
    const flags = r.u8();
    if (flags > 0xf) r.fail('invalid memory limits flags', at);
    if (flags & 4) r.fail('memory64 must be enabled for 64-bit memories', at);
    const { initial, maximum } = this.readLimits(r, flags, at);
    if (flags & 8) r.fail('the custom page sizes proposal must be enabled', at);
    if (initial > Limits.memoryPages || (maximum !== undefined && maximum > Limits.memoryPages)) {
      r.fail('memory size must be at most 65536 pages (4GiB)', at);
    }
    if (flags & 2) r.fail('threads must be enabled for shared memories', at);
  }

  private readGlobalType(r: ByteReader, at: number): GlobalType {
    const type = readValType(r);
    const flags = r.u8();
    if (flags > 3) r.fail('malformed mutability', at);
    this.checkValueType(r, type, at);
    if (flags & 2) r.fail('shared globals require the shared-everything-threads proposal', at);
    return { type, mutable: (flags & 1) === 1 };
  }

  tableSection(r: ByteReader, count: number, at: number): TableType[] {
    this.enterSection(r, SectionId.Table, at);
    checkMax(r, this.tables.length, count, this.maxTables(), 'tables', at);
    const defined: TableType[] = [];
    for (let i = 0; i < count; i++) {
      const itemAt = r.pos;
      // A `0x40 0x00` prefix introduces an initialiser expression (typed function references).
      if (r.peek() === 0x40) r.fail('tables with expression initializers require the function-references proposal', itemAt);
      const table = this.readTableType(r, itemAt);
      this.tables.push(table);
      defined.push(table);
    }
    this.endItems(r);
    return defined;
  }

  memorySection(r: ByteReader, count: number, at: number): void {
    this.enterSection(r, SectionId.Memory, at);
    checkMax(r, this.numMemories, count, 1, 'memories', at);
    for (let i = 0; i < count; i++) {
      this.readMemoryType(r, r.pos);
      this.numMemories++;
    }
    this.endItems(r);
  }

  private constContext(patches: FuncIndexPatch[] | undefined, declare: boolean): ConstExprContext {
    return {
      referenceTypes: this.features.referenceTypes,
      numFunctions: this.functions.length,
      numImportedGlobals: this.numImportedGlobals,
      globalType: (i) => this.globals[i],
      onRefFunc: (index, start, end) => {
        if (declare) this.declaredFunctions.add(index);
        patches?.push({ start, end, index, isFunction: true });
      },
    };
  }

  /** Returns the `ref.func` immediates found in initialisers. */
  globalSection(r: ByteReader, count: number, at: number): FuncIndexPatch[] {
    this.enterSection(r, SectionId.Global, at);
    checkMax(r, this.globals.length, count, Limits.globals, 'globals', at);
    const patches: FuncIndexPatch[] = [];
    const ctx = this.constContext(patches, true);
    for (let i = 0; i < count; i++) {
      const itemAt = r.pos;
      const g = this.readGlobalType(r, itemAt);
      readConstExpr(r, g.type, ctx);
      this.globals.push(g);
    }
    this.endItems(r);
    return patches;
  }

  exportSection(r: ByteReader, count: number, at: number): Export[] {
    this.enterSection(r, SectionId.Export, at);
    checkMax(r, 0, count, Limits.exports, 'exports', at);
    const exports: Export[] = [];
    for (let i = 0; i < count; i++) {
      const itemAt = r.pos;
      const name = r.name();
      const kind = r.u8();
      const index = r.varU32();
      let size = 1;
      switch (kind) {
        case ExternalKind.Func:
          if (index >= this.functions.length) r.fail(`unknown function ${index}: exported function index out of bounds`, itemAt);
          this.declaredFunctions.add(index);
          size = this.funcTypeSize(this.functions[index]);
          break;
        case ExternalKind.Table:
          if (index >= this.tables.length) r.fail(`unknown table ${index}`, itemAt);
          break;
        case ExternalKind.Memory:
          if (index >= this.numMemories) r.fail(`unknown memory ${index}`, itemAt);
          break;
        case ExternalKind.Global:
          if (index >= this.globals.length) r.fail(`unknown global ${index}`, itemAt);
          break;
        default:
          r.fail(`invalid export kind 0x${kind.toString(16)}`, itemAt);
      }
      this.addTypeSize(r, size, itemAt);
      if (this.exportNames.has(name)) r.fail(`duplicate export name \`${name}\` already defined`, itemAt);
      this.exportNames.add(name);
      exports.push({ name, kind, index });
    }
    this.endItems(r);
    return exports;
  }

  startSection(r: ByteReader, at: number): void {
    this.enterSection(r, SectionId.Start, at);
    const func = r.varU32();
    if (!r.eof()) r.fail('unexpected content in the start section');
    const typeIndex = this.functions[func];
    if (typeIndex === undefined) r.fail(`unknown function ${func}: func index out of bounds`, at);
    const t = this.types[typeIndex];
    if (t.params.length !== 0 || t.results.length !== 0) r.fail('invalid start function type', at);
    this.hasStart = true;
    this.startFunction = func;
  }

  /** Returns the function indices (plain and `ref.func`) to remap when re-encoding. */
  elementSection(r: ByteReader, count: number, at: number): FuncIndexPatch[] {
    this.enterSection(r, SectionId.Element, at);
    checkMax(r, this.elementTypes.length, count, Limits.elementSegments, 'element segments', at);
    const patches: FuncIndexPatch[] = [];
    const ctx = this.constContext(patches, true);
    for (let i = 0; i < count; i++) {
      const itemAt = r.pos;
      const flags = r.varU32();
      if (flags > 7) r.fail('invalid flags byte in element segment', itemAt);
      if (r.pos - itemAt > 1) patches.push({ start: itemAt, end: r.pos, index: flags, isFunction: false });
      const passiveOrDeclared = (flags & 1) !== 0;
      const explicitTable = (flags & 3) === 2;
      const usesExprs = (flags & 4) !== 0;
      let tableIndex = 0;
      let hasOffset = false;
      if (!passiveOrDeclared) {
        if (explicitTable) tableIndex = r.varU32();
        hasOffset = true;
      }
      const offsetStart = r.pos;
      if (hasOffset) this.skipOffsetExpr(r);
      const offsetEnd = r.pos;
      let elemType: ValType = ValType.FuncRef;
      if (flags & 3) {
        if (usesExprs) {
          const typeAt = r.pos;
          elemType = readValType(r);
          if (!isRefType(elemType)) r.fail('malformed reference type', typeAt);
        } else {
          const kindAt = r.pos;
          if (r.u8() !== 0x00) r.fail('invalid element kind', kindAt);
        }
      }
      // Items are read before the segment is checked, as wasmparser's reader does.
      const itemsCount = r.varU32();
      const itemsAt = r.pos;
      if (usesExprs) this.checkValueType(r, elemType, itemAt);
      if (hasOffset) {
        const table = this.tables[tableIndex];
        if (table === undefined) r.fail(`unknown table ${tableIndex}: table index out of bounds`, itemAt);
        if (table.elemType !== elemType) r.fail('type mismatch: invalid element type for table type', itemAt);
        const save = r.pos;
        r.pos = offsetStart;
        readConstExpr(r, ValType.I32, ctx);
        if (r.pos !== offsetEnd) r.fail('malformed constant expression', offsetStart);
        r.pos = save;
      } else if (!this.features.bulkMemory) {
        r.fail('bulk memory must be enabled', itemAt);
      }
      if (itemsCount > Limits.tableEntries) r.fail('number of elements is out of bounds', itemAt);
      r.pos = itemsAt;
      for (let j = 0; j < itemsCount; j++) {
        if (usesExprs) {
          readConstExpr(r, elemType, ctx);
        } else {
          const idxAt = r.pos;
          const f = r.varU32();
          if (f >= this.functions.length) r.fail(`unknown function ${f}: func index out of bounds`, idxAt);
          this.declaredFunctions.add(f);
          patches.push({ start: idxAt, end: r.pos, index: f, isFunction: true });
        }
      }
      this.elementTypes.push(elemType);
    }
    this.endItems(r);
    return patches;
  }

  /** Step over a constant expression without validating it (validated later, in order). */
  private skipOffsetExpr(r: ByteReader): void {
    for (;;) {
      const op = r.u8();
      switch (op) {
        case 0x0b:
          return;
        case 0x41:
          r.varI32();
          break;
        case 0x42:
          r.skipVarI64();
          break;
        case 0x43:
          r.skip(4);
          break;
        case 0x44:
          r.skip(8);
          break;
        case 0x23:
        case 0xd2:
          r.varU32();
          break;
        case 0xd0:
          readValType(r);
          break;
        default:
          r.fail('constant expression required: non-constant operator', r.pos - 1);
      }
    }
  }

  dataCountSection(r: ByteReader, at: number): void {
    this.enterSection(r, SectionId.DataCount, at);
    const count = r.varU32();
    if (!r.eof()) r.fail('unexpected content in the data count section');
    if (count > Limits.dataSegments) r.fail('data count section specifies too many data segments', at);
    this.dataCount = count;
  }

  codeSectionStart(r: ByteReader, count: number, at: number): void {
    this.enterSection(r, SectionId.Code, at);
    const expected = this.expectedCodeBodies;
    this.expectedCodeBodies = undefined;
    if (expected === undefined ? count !== 0 : expected !== count) {
      r.fail('function and code section have inconsistent lengths', at);
    }
  }

  /** The type index of the next code section entry (no object per body: this runs for each one). */
  nextCodeEntry(r: ByteReader, at: number): number {
    if (this.nextCodeIndex < 0) this.nextCodeIndex = this.numImportedFunctions;
    const funcIndex = this.nextCodeIndex;
    if (funcIndex >= this.functions.length) r.fail('code section entry exceeds number of functions', at);
    this.nextCodeIndex++;
    return this.functions[funcIndex];
  }

  /** Returns re-encodings needed for non-minimal segment flags (usually none). */
  dataSection(r: ByteReader, count: number, at: number): FuncIndexPatch[] {
    this.enterSection(r, SectionId.Data, at);
    this.dataSegmentCount = count;
    checkMax(r, 0, count, Limits.dataSegments, 'data segments', at);
    const ctx = this.constContext(undefined, false);
    const patches: FuncIndexPatch[] = [];
    for (let i = 0; i < count; i++) {
      const itemAt = r.pos;
      const flags = r.varU32();
      if (flags > 2) r.fail('invalid flags byte in data segment', itemAt);
      if (r.pos - itemAt > 1) patches.push({ start: itemAt, end: r.pos, index: flags, isFunction: false });
      if (flags !== 1) {
        const memory = flags === 2 ? r.varU32() : 0;
        if (memory >= this.numMemories) r.fail(`unknown memory ${memory}`, itemAt);
        readConstExpr(r, ValType.I32, ctx);
      }
      const len = r.varU32();
      r.skip(len);
    }
    this.endItems(r);
    return patches;
  }

  end(r: ByteReader): void {
    if (this.dataCount !== undefined && this.dataCount !== this.dataSegmentCount) {
      r.fail('data count and data section have inconsistent lengths');
    }
    if (this.expectedCodeBodies !== undefined && this.expectedCodeBodies > 0) {
      r.fail('function and code section have inconsistent lengths');
    }
  }
}
