/**
 * `prepareContract`: nearcore's `prepare_v3` + `instrument_v3` for the Wasmtime VM kind.
 *
 * The input is read as a stream of sections, and nearcore's checks are interleaved with
 * validation exactly where nearcore makes them, so that the first failing check decides the
 * error just as it does there (e.g. `TooManyTypes` is checked on a type section's count before
 * the section is validated, `TooManyFunctions` at the start of the code section before any
 * body is validated). The per-function instrumentation limits (parameters, operand stack,
 * blocks) are only reported once the whole module has validated, as nearcore instruments
 * after validating. Bodies are analysed and instrumented while they are validated.
 */
import { PrepareError, type PrepareErrorKind } from '@nearts/vm-errors';
import { tracer } from '@nearts/primitives';
import { ByteWriter, u32Size } from '../wasm/encoder.js';
import { BodyValidator } from '../wasm/body-validator.js';
import { ExternalKind, ModuleValidator, SectionId } from '../wasm/module-validator.js';
import { OperatorReader } from '../wasm/operators.js';
import { ByteReader, WasmDecodeError } from '../wasm/reader.js';
import { nextSection, readHeader } from '../wasm/sections.js';
import { nearcoreFeatures, readValType } from '../wasm/types.js';
import { Analyzer, frameSizeOf, type GasCosts } from './analysis.js';
import type { Gas } from './gas-points.js';
import { gasValue, normaliseLimits, type Limits, type PrepareConfig } from './config.js';
import { BodyInstrumenter } from './instrument.js';
import { FunctionLayout } from './gas-passing.js';
import { InstructionLog, LocalGroups } from './instruction-log.js';
import { writeModule, type ModuleParts } from './module-writer.js';
import { NearcoreCodeSize, nearcoreModuleSize } from './nearcore-size.js';
import { START_EXPORT, WASM_PAGE_SIZE } from './abi.js';
import { describeExports, describeImports, PREPARED_ABI, type PreparedContract } from './prepared.js';
import { nearcoreCoreInstanceShape, wasmtimeCoreInstanceBytes } from './wasmtime-instance-size.js';

const trace = tracer('nearts:vm-runner:prepare');

/** nearcore's Wasmtime table-size limit when `max_elements_per_contract_table` is unset. */
const DEFAULT_MAX_TABLE_ELEMENTS = 10_000;

/** Instrumenters kept for reuse (by settings), and how many contracts each one serves. */
const MAX_INSTRUMENTERS = 16;
const INSTRUMENTER_USES = 64;

/** Capacity of the reused instrumented-bodies buffer kept between calls (a few large contracts). */
const MAX_RETAINED_BODIES = 16 << 20;

/**
 * Validate and instrument `code` as nearcore does at the configured protocol version.
 * Throws {@link PrepareError} with nearcore's variant when nearcore would refuse the contract.
 */
export function prepareContract(code: Uint8Array, config: PrepareConfig): PreparedContract {
  try {
    return new Preparation(code, config).run();
  } catch (err) {
    if (err instanceof WasmDecodeError) {
      if (trace.enabled) trace('rejected: %s', err.message);
      throw new PrepareError('Deserialization', err.message);
    }
    throw err;
  } finally {
    // Keep no reference to the contract, nor an unusually large buffer, after the call.
    workspace.bodies.clear();
    if (workspace.bodies.capacity > MAX_RETAINED_BODIES) workspace.bodies = new ByteWriter(1 << 16);
  }
}

/**
 * Scratch state reused across calls (preparation is synchronous, so one set suffices): keeping
 * the grown buffers saves allocation and garbage collection on every contract.
 */
const workspace = {
  fv: new BodyValidator(),
  analyzer: new Analyzer(),
  log: new InstructionLog(),
  groups: new LocalGroups(),
  bodies: new ByteWriter(1 << 16),
  withRefTypes: new OperatorReader(true),
  withoutRefTypes: new OperatorReader(false),
  operators(referenceTypes: boolean): OperatorReader {
    return referenceTypes ? this.withRefTypes : this.withoutRefTypes;
  },
  instrumenters: new Map<string, { instrumenter: BodyInstrumenter; uses: number }>(),
  /**
   * An instrumenter for these settings. Its caches of encoded charges only depend on them, so
   * one serves many contracts (most contracts share a handful of global counts); it is renewed
   * after a number of contracts so that those caches stay small.
   */
  instrumenter(gasGlobal: number, regular: Gas): BodyInstrumenter {
    const key = `${gasGlobal}:${regular}`;
    let entry = this.instrumenters.get(key);
    if (entry === undefined || entry.uses >= INSTRUMENTER_USES) {
      if (entry === undefined && this.instrumenters.size >= MAX_INSTRUMENTERS) this.instrumenters.clear();
      const instrumenter = new BodyInstrumenter({ gasGlobal, stackGlobal: gasGlobal + 1, regular, nanCanonicalization: true });
      entry = { instrumenter, uses: 0 };
      this.instrumenters.set(key, entry);
    }
    entry.uses++;
    return entry.instrumenter;
  },
};

function refuse(kind: PrepareErrorKind, detail?: string): never {
  throw new PrepareError(kind, detail);
}

class Preparation {
  private readonly limits: Limits;
  private readonly v: ModuleValidator;
  private readonly parts: ModuleParts = { numTypes: 0, numGlobals: 0, exports: [], customs: [] };
  private readonly costs: GasCosts;
  private typeBudget: number;
  private functionBudget: number;
  private localBudget: number;
  private paramBudget: number;
  private blockBudget: number;
  /** The first per-function instrumentation failure, reported after validation completes. */
  private deferred: PrepareErrorKind | undefined;
  private gasPoints = 0;
  private nearcoreCode: NearcoreCodeSize | undefined;
  private canonicalisations = 0;

  constructor(
    private readonly code: Uint8Array,
    private readonly config: PrepareConfig,
  ) {
    this.limits = normaliseLimits(config.limitConfig);
    this.v = new ModuleValidator(nearcoreFeatures(config.reftypesBulkMemory));
    this.costs = {
      regular: gasValue(config.regularOpCost),
      linearBase: gasValue(config.linearOpBaseCost),
      linearUnit: gasValue(config.linearOpUnitCost),
    };
    this.typeBudget = this.limits.types;
    this.functionBudget = this.limits.functions;
    this.localBudget = this.limits.locals;
    this.paramBudget = this.limits.paramsPerContract;
    this.blockBudget = this.limits.blocksPerContract;
  }

  run(): PreparedContract {
    const { code, v, parts } = this;
    const r = new ByteReader(code);
    readHeader(r);
    const p = new ByteReader(code);
    let imports: ReturnType<ModuleValidator['importSection']> = [];
    for (let s = nextSection(r); s !== null; s = nextSection(r)) {
      p.reset(code, s.start, s.end);
      r.pos = s.end;
      const at = s.start;
      switch (s.id) {
        case SectionId.Custom:
          p.name();
          if (!this.config.discardCustomSections) parts.customs.push({ start: s.start, end: s.end });
          break;
        case SectionId.Type: {
          const count = p.varU32();
          this.typeBudget -= count;
          if (this.typeBudget < 0) refuse('TooManyTypes');
          const itemsStart = p.pos;
          v.typeSection(p, count, at);
          parts.types = { count, itemsStart, end: s.end };
          parts.numTypes = v.types.length;
          break;
        }
        case SectionId.Import: {
          const count = p.varU32();
          const itemsStart = p.pos;
          imports = v.importSection(p, count, at);
          this.checkImports(imports);
          parts.imports = { count, itemsStart, end: s.end };
          break;
        }
        case SectionId.Function:
          v.functionSection(p, p.varU32(), at);
          parts.functions = { start: s.start, end: s.end };
          break;
        case SectionId.Table: {
          const tables = v.tableSection(p, p.varU32(), at);
          if (tables.length > this.limits.tables) refuse('TooManyTables');
          if (tables.some((t) => t.initial > this.limits.tableElements)) refuse('TooManyTableElements');
          parts.tables = { start: s.start, end: s.end, types: tables };
          break;
        }
        case SectionId.Memory:
          // Validated, then dropped: every prepared module imports the host's memory instead.
          v.memorySection(p, p.varU32(), at);
          break;
        case SectionId.Global: {
          const count = p.varU32();
          const itemsStart = p.pos;
          const patches = v.globalSection(p, count, at);
          parts.globals = { count, itemsStart, end: s.end, patches };
          break;
        }
        case SectionId.Export:
          parts.exports = v.exportSection(p, p.varU32(), at);
          break;
        case SectionId.Start:
          v.startSection(p, at);
          parts.start = v.startFunction;
          break;
        case SectionId.Element: {
          const patches = v.elementSection(p, p.varU32(), at);
          parts.elements = { start: s.start, end: s.end, patches };
          break;
        }
        case SectionId.DataCount:
          v.dataCountSection(p, at);
          parts.dataCount = { start: s.start, end: s.end };
          break;
        case SectionId.Code:
          this.codeSection(p, at);
          break;
        case SectionId.Data: {
          const patches = v.dataSection(p, p.varU32(), at);
          parts.data = { start: s.start, end: s.end, patches };
          break;
        }
        default:
          p.fail(`unsupported section ${s.id}`, s.headerStart);
      }
    }
    v.end(r);
    parts.numGlobals = v.globals.length;
    if (this.deferred !== undefined) refuse(this.deferred);
    parts.layout ??= this.functionLayout();

    const limits = this.limits;
    // The limit applies to the module nearcore would have produced, not to ours.
    const nearcoreSize = nearcoreModuleSize(code, v, parts, imports, parts.exports, this.nearcoreCode ?? new NearcoreCodeSize(0, 1, 0), limits.maxStackHeight);
    if (nearcoreSize > limits.instrumentedCodeSize) refuse('InstrumentedCodeTooLarge');
    const output = writeModule(code, parts, {
      initialMemoryPages: limits.initialMemoryPages,
      maxMemoryPages: limits.maxMemoryPages,
      maxStackHeight: limits.maxStackHeight,
      maxTableElements: Number.isFinite(limits.tableElements) ? limits.tableElements : DEFAULT_MAX_TABLE_ELEMENTS,
    });
    return {
      code: output,
      originalCodeLength: code.length,
      exportedFunctions: describeExports(v, parts.exports),
      hostImports: describeImports(v, imports),
      startExport: parts.start === undefined ? null : START_EXPORT,
      abi: PREPARED_ABI,
      memory: { initialPages: limits.initialMemoryPages, maximumPages: limits.maxMemoryPages, shared: true },
      coreInstanceBytes: wasmtimeCoreInstanceBytes(nearcoreCoreInstanceShape(v, parts)),
      stats: {
        importedFunctions: v.numImportedFunctions,
        definedFunctions: v.functions.length - v.numImportedFunctions,
        gasCharges: this.gasPoints,
        nanCanonicalisations: this.canonicalisations,
        originalSize: code.length,
        instrumentedSize: output.length,
        nearcoreInstrumentedSize: nearcoreSize,
      },
    };
  }

  /** nearcore's import rules, applied in order once the section has validated. */
  private checkImports(imports: ReturnType<ModuleValidator['importSection']>): void {
    const modules = this.config.importModules;
    for (const imp of imports) {
      if (imp.module !== 'env' && (modules === undefined || !modules.includes(imp.module))) {
        refuse('Instantiate', `import from module ${JSON.stringify(imp.module)}`);
      }
      switch (imp.kind) {
        case ExternalKind.Func:
          if (--this.functionBudget < 0) refuse('TooManyFunctions');
          break;
        case ExternalKind.Memory:
          refuse('Memory', 'memory imports are not allowed');
        // falls through
        default:
          refuse('Instantiate', 'only function imports are allowed');
      }
    }
  }

  private codeSection(p: ByteReader, at: number): void {
    const { v, code, limits } = this;
    const count = p.varU32();
    this.functionBudget -= count;
    if (this.functionBudget < 0) refuse('TooManyFunctions');
    v.codeSectionStart(p, count, at);

    // The per-function machinery keeps its (grown) buffers from one call to the next.
    const { fv, analyzer, log } = workspace;
    const ops = workspace.operators(v.features.referenceTypes);
    const body = new ByteReader(code);
    // The instrumented bodies are copied into the output module, so one buffer serves every
    // call (a fresh one would be allocated and zeroed at several times the code size each time).
    const bodies = workspace.bodies.clear();
    const instrumenter = workspace.instrumenter(v.globals.length, this.costs.regular);
    instrumenter.beginModule((this.parts.layout = this.functionLayout()));
    const groups = workspace.groups;
    const nearcoreCode = new NearcoreCodeSize(v.globals.length, v.globals.length + 1, this.costs.regular);
    this.nearcoreCode = nearcoreCode;

    for (let i = 0; i < count; i++) {
      const sizeAt = p.pos;
      const size = p.varU32();
      if (size > p.remaining()) p.fail('unexpected end-of-file', sizeAt);
      const start = p.pos;
      const end = start + size;
      p.pos = end;
      if (size > limits.functionBodySize) refuse('FunctionBodyTooLarge');

      // nearcore sums the declared locals (a plain read, no validation) before validating.
      body.reset(code, start, end);
      groups.clear();
      const numGroups = body.varU32();
      let declared = 0;
      for (let g = 0; g < numGroups; g++) {
        const n = body.varU32();
        const t = readValType(body);
        this.localBudget -= n;
        if (this.localBudget < 0) refuse('TooManyLocals');
        groups.add(n, t);
        declared += n;
      }
      const opsStart = body.pos;

      const typeIndex = v.nextCodeEntry(p, start);
      const type = v.types[typeIndex];
      fv.begin(v, body, type);
      for (let g = 0; g < groups.count; g++) fv.defineLocals(groups.numbers[g], groups.types[g], start);
      ops.reset(code, opsStart, end);
      log.clear();
      analyzer.begin(v, fv.localTypes, this.costs, type.results.length === 0 ? 0x40 : type.results[0]);
      fv.validateBody(ops, log, analyzer);
      fv.finish(end);
      const analysis = analyzer.finish(frameSizeOf(type.params, groups));
      this.checkInstrumentationLimits(type.params.length, analysis.operandStackSize, analysis.blockCount);

      // The body is written in place after room for its size, guessed from its input size
      // (instrumented bodies are a few times larger); the guess is corrected if it was wrong.
      const bodyAt = bodies.length;
      const reserved = u32Size(size * 4);
      bodies.reserve(reserved);
      instrumenter.emit(bodies, code, log, end, type, groups, declared, analysis, analyzer.points, nearcoreCode);
      bodies.writeSizeBefore(bodyAt, reserved);
      this.gasPoints += analyzer.points.count;
      this.canonicalisations += instrumenter.canonicalisations;
    }
    if (!p.eof()) p.fail('trailing bytes at end of section');
    this.parts.code = { count, bodies };
  }

  /** Function indices of the prepared module (known once the exports and start are read). */
  private functionLayout(): FunctionLayout {
    const { v, parts } = this;
    const entries = parts.exports.filter((e) => e.kind === ExternalKind.Func).map((e) => e.index);
    if (parts.start !== undefined) entries.push(parts.start);
    return new FunctionLayout(v.types, v.functions, v.numImportedFunctions, entries, this.limits.initialMemoryPages * WASM_PAGE_SIZE);
  }

  /** nearcore's per-function checks during instrumentation, in its order. */
  private checkInstrumentationLimits(params: number, operandStack: number, blocks: number): void {
    if (this.deferred !== undefined) return;
    const l = this.limits;
    if (params > l.paramsPerFunction) this.deferred = 'TooManyParamsPerFunction';
    else if ((this.paramBudget -= params) < 0) this.deferred = 'TooManyParamsPerContract';
    else if (operandStack > l.operandStackBytes) this.deferred = 'OperandStackTooLarge';
    else if (blocks > l.blocksPerFunction) this.deferred = 'TooManyBlocksPerFunction';
    else if ((this.blockBudget -= blocks) < 0) this.deferred = 'TooManyBlocksPerContract';
  }
}
