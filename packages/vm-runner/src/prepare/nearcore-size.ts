/**
 * The byte size of the module nearcore's `instrument_v3` would produce for the same contract.
 *
 * nearcore refuses a contract whose *instrumented* code exceeds `max_instrumented_code_size`
 * (`InstrumentedCodeTooLarge`). Our instrumented module is encoded differently (no wide
 * arithmetic, imported memory, NaN canonicalisation), so its own size cannot be used for that
 * decision; this model computes nearcore's size instead, from the same analysis: wasm-encoder's
 * minimal re-encodings of the type, import, function, global, export and element sections, raw
 * copies of the table, data-count and data sections, the 6-byte memory section prepare_v3
 * synthesises, and each function body as instrument_v3 writes it (every instruction copied
 * as-is except `call`/`ref.func`, whose index shifts by 3, and `return`/the final `end`, which
 * release the stack).
 */
import { u32Size } from '../wasm/encoder.js';
import { ExternalKind, type Export, type Import, type ModuleValidator } from '../wasm/module-validator.js';
import { ByteReader } from '../wasm/reader.js';
import type { FunctionAnalysis } from './analysis.js';
import type { Gas } from './gas-points.js';
import type { LocalGroups } from './instruction-log.js';
import type { ModuleParts } from './module-writer.js';

/** Bytes of the minimal signed LEB128 encoding of a 64-bit value. */
export function s64Size(value: Gas): number {
  if (typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER && Number.isInteger(value)) {
    // Non-negative (the usual case: every charge): 7 bits per byte, the sign bit must be clear.
    return value < 2 ** 6 ? 1 : value < 2 ** 13 ? 2 : value < 2 ** 20 ? 3 : value < 2 ** 27 ? 4 : value < 2 ** 34 ? 5 : value < 2 ** 41 ? 6 : value < 2 ** 48 ? 7 : 8;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    let v = value;
    let n = 1;
    while (v >= 64 || v < -64) {
      v = Math.floor(v / 128);
      n++;
    }
    return n;
  }
  let v = BigInt.asIntN(64, BigInt(value));
  let n = 1;
  while (v >= 64n || v < -64n) {
    v >>= 7n;
    n++;
  }
  return n;
}

function s32Size(v: number): number {
  return s64Size(v);
}

const framed = (payload: number) => 1 + u32Size(payload) + payload;

/** Sizes of instrument_v3's injected sequences for one function. */
class Sequences {
  /** `$stack -/+ charge` with a 128-bit overflow check (`checked_sub_i64`/`checked_add_i64`). */
  stack(charge: Gas): number {
    return 2 * (1 + u32Size(this.stackGlobal)) + 15 + s64Size(charge);
  }

  /** Bytes of a constant charge other than the constant's own LEB128. */
  private readonly constantBase: number;

  constructor(
    private readonly gasGlobal: number,
    private readonly stackGlobal: number,
  ) {
    this.constantBase = 3 * (1 + u32Size(gasGlobal)) + 3 + 9;
  }

  constant(c: Gas): number {
    return this.constantBase + 3 * s64Size(c);
  }

  linear(constant: Gas, unit: Gas, local: number): number {
    const count = local + 1;
    return 2 * (1 + u32Size(count)) + 3 * (1 + u32Size(local)) + 3 * (1 + u32Size(this.gasGlobal)) + (1 + s64Size(unit)) + (1 + s64Size(constant)) + 34;
  }
}

/** Accumulates nearcore's code section size while bodies are instrumented. */
export class NearcoreCodeSize {
  private bodies = 0;
  private count = 0;
  private readonly seq: Sequences;

  constructor(
    gasGlobal: number,
    stackGlobal: number,
    private readonly regular: Gas,
  ) {
    this.seq = new Sequences(gasGlobal, stackGlobal);
  }

  /**
   * The part of a body's size known before its instructions are walked: locals, the wrapping
   * block, the stack check, the frame fee, every original instruction byte, and the final `end`
   * turned into `end`, release, `end`. The instrumenter adds the rest while it emits
   * ({@link callSize}, {@link releaseSize}, {@link constantSize}, {@link linearSize}).
   */
  bodyBase(groups: LocalGroups, analysis: FunctionAnalysis, instructionBytes: number): number {
    let size = u32Size(groups.count + 2) + 4;
    for (let g = 0; g < groups.count; g++) size += u32Size(groups.numbers[g]) + 1;
    const frameOps = Math.ceil(analysis.frameSize / 8);
    const frameFee = typeof this.regular === 'number' && frameOps * this.regular <= Number.MAX_SAFE_INTEGER ? frameOps * this.regular : BigInt(frameOps) * BigInt(this.regular);
    this.release = this.seq.stack(analysis.operandStackSize + analysis.frameSize);
    size += 2 + this.release + (frameFee !== 0 && frameFee !== 0n ? this.seq.constant(frameFee) : 0);
    return size + instructionBytes + 1 + this.release;
  }

  /** Size of the stack release for the current body (before each `return`). */
  release = 0;

  /** Change in size of a `call`/`ref.func` of function `index` encoded in `originalBytes`. */
  callSize(index: number, originalBytes: number): number {
    return 1 + u32Size(index + 3) - originalBytes;
  }

  constantSize(c: Gas): number {
    return this.seq.constant(c);
  }

  linearSize(constant: Gas, unit: Gas, local: number): number {
    return this.seq.linear(constant, unit, local);
  }

  addBody(size: number): void {
    this.bodies += u32Size(size) + size;
    this.count++;
  }

  /** Payload size of the code section. */
  payload(): number {
    return u32Size(this.count) + this.bodies;
  }

  get functions(): number {
    return this.count;
  }
}

/** Size of a re-encoded constant expression (instructions re-encoded minimally, function indices + 3). */
function constExprSize(r: ByteReader): number {
  let size = 1; // end
  for (;;) {
    const op = r.u8();
    switch (op) {
      case 0x0b:
        return size;
      case 0x41:
        size += 1 + s32Size(r.varI32());
        break;
      case 0x42:
        size += 1 + s64Size(r.varI64());
        break;
      case 0x43:
        r.skip(4);
        size += 5;
        break;
      case 0x44:
        r.skip(8);
        size += 9;
        break;
      case 0xd0:
        r.u8();
        size += 2;
        break;
      case 0xd2:
        size += 1 + u32Size(r.varU32() + 3);
        break;
      default: // global.get
        size += 1 + u32Size(r.varU32());
    }
  }
}

function nameSize(s: string): number {
  const n = utf8Length(s);
  return u32Size(n) + n;
}

/** Bytes of `s` in UTF-8 (names come from validated UTF-8, so surrogates are paired). */
function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Each UTF-16 unit adds 0, 1 or 2 bytes over its one; a surrogate pair (4 bytes) adds 1 each.
    if (c >= 0x80) n += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdfff ? 1 : 2;
  }
  return n;
}

function globalSectionSize(code: Uint8Array, parts: ModuleParts, maxStackHeight: number): number {
  let size = u32Size(parts.numGlobals + 2) + 5 + 4 + s64Size(maxStackHeight);
  if (parts.globals) {
    const r = new ByteReader(code, parts.globals.itemsStart, parts.globals.end);
    for (let i = 0; i < parts.globals.count; i++) {
      r.u8();
      r.u8();
      size += 2 + constExprSize(r);
    }
  }
  return size;
}

function elementSectionSize(code: Uint8Array, start: number, end: number): number {
  const r = new ByteReader(code, start, end);
  const count = r.varU32();
  let size = u32Size(count);
  for (let i = 0; i < count; i++) {
    const flags = r.varU32();
    size += u32Size(flags);
    const exprs = (flags & 4) !== 0;
    if ((flags & 1) === 0) {
      if (flags & 2) size += u32Size(r.varU32());
      size += constExprSize(r);
    }
    if (flags & 3) {
      r.u8();
      size += 1;
    }
    const items = r.varU32();
    size += u32Size(items);
    for (let j = 0; j < items; j++) size += exprs ? constExprSize(r) : u32Size(r.varU32() + 3);
  }
  return size;
}

/** Size of nearcore's instrumented module for a contract that validated with `v`. */
export function nearcoreModuleSize(
  code: Uint8Array,
  v: ModuleValidator,
  parts: ModuleParts,
  imports: readonly Import[],
  exports: readonly Export[],
  codeSize: NearcoreCodeSize,
  maxStackHeight: number,
): number {
  let total = 8;
  let types = u32Size(v.types.length + 2) + 3 + 4;
  for (const t of v.types) types += 1 + u32Size(t.params.length) + t.params.length + u32Size(t.results.length) + t.results.length;
  total += framed(types);
  let importSection = u32Size(imports.length + 3);
  importSection += 3 * nameSize('internal') + nameSize('finite_wasm_gas_exhausted') + nameSize('finite_wasm_stack_exhausted') + nameSize('finite_wasm_gas');
  importSection += 3 + 2 * u32Size(v.types.length) + u32Size(v.types.length + 1);
  for (const i of imports) importSection += nameSize(i.module) + nameSize(i.name) + 1 + u32Size(i.typeIndex);
  total += framed(importSection);
  const defined = v.functions.length - v.numImportedFunctions;
  // wasm-encoder leaves out sections it added nothing to.
  if (defined > 0) {
    let functions = u32Size(defined);
    for (let f = v.numImportedFunctions; f < v.functions.length; f++) functions += u32Size(v.functions[f]);
    total += framed(functions);
  }
  if (parts.tables) total += framed(parts.tables.end - parts.tables.start);
  total += framed(6); // (memory 1024 2048), synthesised by prepare_v3
  total += framed(globalSectionSize(code, parts, maxStackHeight));
  const kept = exports.filter((e) => e.kind !== ExternalKind.Memory);
  let exportSection = u32Size(kept.length + 2 + (parts.start === undefined ? 0 : 1));
  for (const e of kept) exportSection += nameSize('\0' + e.name) + 1 + u32Size(e.kind === ExternalKind.Func ? e.index + 3 : e.index);
  exportSection += nameSize('memory') + 2 + nameSize('remaining_gas') + 1 + u32Size(v.globals.length);
  if (parts.start !== undefined) exportSection += nameSize('start') + 1 + u32Size(parts.start + 3);
  total += framed(exportSection);
  if (parts.elements && v.elementTypes.length > 0) total += framed(elementSectionSize(code, parts.elements.start, parts.elements.end));
  if (parts.dataCount) total += framed(parts.dataCount.end - parts.dataCount.start);
  if (codeSize.functions > 0) total += framed(codeSize.payload());
  if (parts.data) total += framed(parts.data.end - parts.data.start);
  for (const c of parts.customs) total += framed(c.end - c.start);
  return total;
}
