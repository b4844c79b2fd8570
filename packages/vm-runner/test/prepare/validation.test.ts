/**
 * prepare_v3's rules: the feature set, nearcore's section rules and limits, and the order in
 * which the first failing check decides the error.
 */
import { PrepareError, type PrepareErrorKind } from '@nearts/vm-errors';
import { describe, expect, it } from 'vitest';
import { prepareContract, type PrepareConfig } from '../../src/prepare/index.js';
import { ByteWriter } from '../../src/wasm/index.js';
import { functionWithNops, largeContract } from './generators.js';
import { pv86Config, wat, WA } from './harness.js';

function outcome(code: Uint8Array, config: PrepareConfig = pv86Config()): 'Ok' | PrepareErrorKind {
  try {
    const prepared = prepareContract(code, config);
    expect(WA.validate(prepared.code)).toBe(true);
    return 'Ok';
  } catch (e) {
    if (e instanceof PrepareError) return e.kind;
    throw e;
  }
}

const watOutcome = async (text: string, config?: PrepareConfig) => outcome(await wat(text), config);

/** A module from raw sections: `[id, payload bytes]`. */
function binary(...sections: [number, number[]][]): Uint8Array {
  const w = new ByteWriter();
  w.bytes(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
  for (const [id, payload] of sections) w.byte(id).u32(payload.length).bytes(Uint8Array.from(payload));
  return w.finish();
}
const TYPE_VOID: [number, number[]] = [1, [1, 0x60, 0, 0]];
const name = (s: string) => [s.length, ...Buffer.from(s)];

describe('feature set (nearcore features.rs, reftypes_bulk_memory on)', () => {
  it('accepts MVP, sign extension, saturating conversions, bulk memory and funcref', async () => {
    expect(
      await watOutcome(`(module (memory 1) (table 2 funcref) (elem declare func $f)
        (func $f (result i32) (i32.extend8_s (i32.trunc_sat_f64_s (f64.const 1.5))))
        (func (export "main") (memory.fill (i32.const 0) (i32.const 1) (i32.const 2)) (drop (ref.func $f))
          (table.set (i32.const 0) (ref.null func)) (drop (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0)))))`),
    ).toBe('Ok');
  });

  it('rejects SIMD, threads, tail calls, multi-value, exceptions, memory64, multi-memory and externref', async () => {
    const rejected = [
      '(module (func (result v128) (v128.const i64x2 0 0)))',
      '(module (memory 1 1 shared))',
      '(module (memory 1) (func (drop (i32.atomic.load (i32.const 0)))))',
      '(module (func $f) (func (return_call $f)))',
      '(module (func (result i32 i32) (i32.const 1) (i32.const 2)))',
      '(module (func (block (result i32 i32) (i32.const 1) (i32.const 2)) (drop) (drop)))',
      '(module (func (param i32) (result i32) (local.get 0) (block (param i32) (result i32))))',
      '(module (tag $e) (func (throw $e)))',
      '(module (memory i64 1))',
      '(module (memory 1) (memory 1))',
      '(module (func (param externref)))',
      '(module (table 1 externref))',
    ];
    for (const text of rejected) expect([text, await watOutcome(text)]).toEqual([text, 'Deserialization']);
  });

  it('rejects bulk memory and reference types when reftypes_bulk_memory is off', async () => {
    const off = { ...pv86Config(), reftypesBulkMemory: false };
    expect(await watOutcome('(module (memory 1) (func (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))))', off)).toBe('Deserialization');
    expect(await watOutcome('(module (func (drop (ref.null func))))', off)).toBe('Deserialization');
    expect(await watOutcome('(module (func (drop (i32.extend8_s (i32.const 1)))))', off)).toBe('Ok');
  });

  it('requires a function named by ref.func to be declared', async () => {
    expect(await watOutcome('(module (func $f) (func (drop (ref.func $f))))')).toBe('Deserialization');
    expect(await watOutcome('(module (func $f) (export "f" (func $f)) (func (drop (ref.func $f))))')).toBe('Ok');
  });

  it('type-checks function bodies', async () => {
    expect(await watOutcome('(module (func (result i32) (i64.const 1)))')).toBe('Deserialization');
    expect(await watOutcome('(module (func (i32.add (i32.const 1) (f32.const 1)) (drop)))')).toBe('Deserialization');
    expect(await watOutcome('(module (func (if (result i32) (i32.const 1) (then (i32.const 1))) (drop)))')).toBe('Deserialization');
    expect(await watOutcome('(module (func (unreachable) (i32.add) (drop)))')).toBe('Ok');
    expect(await watOutcome('(module (func (br_table 0 1 (i32.const 0))))')).toBe('Deserialization');
    expect(await watOutcome('(module (global i32 (i32.const 0)) (func (global.set 0 (i32.const 1))))')).toBe('Deserialization');
    expect(await watOutcome('(module (func (drop (i32.load (i32.const 0)))))')).toBe('Deserialization');
  });
});

describe('section rules', () => {
  it('allows imports only from env, and only functions; memory imports are PrepareError::Memory', async () => {
    expect(await watOutcome('(module (import "env" "f" (func)))')).toBe('Ok');
    expect(await watOutcome('(module (import "other" "f" (func)))')).toBe('Instantiate');
    expect(await watOutcome('(module (import "env" "g" (global i32)))')).toBe('Instantiate');
    expect(await watOutcome('(module (import "env" "t" (table 1 funcref)))')).toBe('Instantiate');
    expect(await watOutcome('(module (import "env" "memory" (memory 1 1)))')).toBe('Memory');
    expect(await watOutcome('(module (import "x" "memory" (memory 1)))')).toBe('Instantiate');
    expect(await watOutcome('(module (import "env" "m" (memory 1)) (import "x" "f" (func)))')).toBe('Memory');
    // The section is validated first: a bad memory import is malformed before it is a Memory error.
    expect(await watOutcome('(module (import "env" "memory" (memory 17 1)))')).toBe('Deserialization');
  });

  it('limits types before validating the type section', () => {
    const count = new ByteWriter().u32(1025).finish();
    expect(outcome(binary([1, [...count, 0xff]]))).toBe('TooManyTypes');
    const ok = new ByteWriter().u32(1024).finish();
    expect(outcome(binary([1, [...ok, 0xff]]))).toBe('Deserialization');
  });

  it('limits tables and their initial size', async () => {
    expect(await watOutcome('(module (table 1 funcref) (table 1 funcref))')).toBe('TooManyTables');
    expect(await watOutcome('(module (table 10001 funcref))')).toBe('TooManyTableElements');
    expect(await watOutcome('(module (table 10000 20000 funcref))')).toBe('Ok');
  });

  it('replaces the memory with the host memory and drops memory exports', async () => {
    const prepared = prepareContract(await wat('(module (memory (export "mem") 3 5) (func (export "main")))'), pv86Config());
    expect([...prepared.exportedFunctions.keys()]).toEqual(['main']);
    expect(prepared.memory).toEqual({ initialPages: 1024, maximumPages: 2048, shared: true });
    expect(prepared.exportedFunctions.get('main')!.exportName).toBe('\0main');
  });

  it('counts imports and defined functions against the function limit at the code section', () => {
    expect(outcome(largeContract({ functions: 5000, panicImports: 5000 }))).toBe('Ok');
    expect(outcome(largeContract({ functions: 5000, panicImports: 5001 }))).toBe('TooManyFunctions');
    expect(outcome(largeContract({ functions: 10_001 }))).toBe('TooManyFunctions');
  });

  it('checks body size, then declared locals, then validation, body by body', () => {
    expect(outcome(functionWithNops(196_606))).toBe('Ok');
    expect(outcome(functionWithNops(196_607))).toBe('FunctionBodyTooLarge');
    expect(outcome(largeContract({ functions: 100, localsPerFunction: 10_000 }))).toBe('Ok');
    expect(outcome(largeContract({ functions: 101, localsPerFunction: 9901 }))).toBe('TooManyLocals');
    // wasmparser's own cap of 50 000 locals in one function. 50 000 prepares, but with the two
    // injected locals the engine refuses to compile it (nearcore's Wasmtime does the same).
    const atCap = prepareContract(largeContract({ functions: 1, localsPerFunction: 50_000 }), pv86Config());
    expect(WA.validate(atCap.code)).toBe(false);
    expect(outcome(largeContract({ functions: 1, localsPerFunction: 49_998 }))).toBe('Ok');
    expect(outcome(largeContract({ functions: 1, localsPerFunction: 50_001 }))).toBe('Deserialization');
  });

  it('reports an invalid earlier body before a later body over the locals limit', () => {
    // body 0: `i32.add` on an empty stack (invalid); body 1: 2^32-1 locals.
    const code = binary(
      TYPE_VOID,
      [3, [2, 0, 0]],
      [10, [2, 3, 0, 0x6a, 0x0b, 7, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f]],
    );
    expect(outcome(code)).toBe('Deserialization');
    const swapped = binary(TYPE_VOID, [3, [2, 0, 0]], [10, [2, 7, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 3, 0, 0x6a, 0x0b]]);
    expect(outcome(swapped)).toBe('TooManyLocals');
  });

  it('reports the instrumentation limits only after the whole module has validated', async () => {
    const params = Array(65).fill('i32').join(' ');
    expect(await watOutcome(`(module (func (param ${params})))`)).toBe('TooManyParamsPerFunction');
    expect(await watOutcome(`(module (func (param ${params})) (func (result i32) (i64.const 0)))`)).toBe('Deserialization');
  });

  it('checks per-function limits in nearcore order', async () => {
    const tight = pv86Config({ maxOperandStackBytesPerFunction: 4n, maxBlocksPerFunction: 0n });
    expect(await watOutcome('(module (func (block (drop (i64.const 1)))))', tight)).toBe('OperandStackTooLarge');
    expect(await watOutcome('(module (func (block (drop (i32.const 1)))))', tight)).toBe('TooManyBlocksPerFunction');
    expect(await watOutcome('(module (func (drop (i32.const 1))))', tight)).toBe('Ok');
  });

  it("limits the size of nearcore's instrumented code, not of ours", async () => {
    // nearcore's output for this contract: header 8 + types 13 + imports 106 + functions 4 +
    // memory 8 + globals 15 + exports 36 + code 85 (locals 5, block 2, stack check 21, frame
    // fee 30, end 1, end + release 22) = 275 bytes.
    const simple = prepareContract(await wat('(module (func (export "main")))'), pv86Config());
    expect(simple.stats.nearcoreInstrumentedSize).toBe(275);
    const code = await wat('(module (func (export "main")))');
    expect(outcome(code, pv86Config({ maxInstrumentedCodeSize: 274n }))).toBe('InstrumentedCodeTooLarge');
    expect(outcome(code, pv86Config({ maxInstrumentedCodeSize: 275n }))).toBe('Ok');
    // As nearcore's own test does: the threshold is exact for a contract with many blocks.
    const blocks = functionWithNops(1000);
    const size = BigInt(prepareContract(blocks, pv86Config()).stats.nearcoreInstrumentedSize);
    expect(outcome(blocks, pv86Config({ maxInstrumentedCodeSize: size - 1n }))).toBe('InstrumentedCodeTooLarge');
    expect(outcome(blocks, pv86Config({ maxInstrumentedCodeSize: size }))).toBe('Ok');
  });

  it('drops custom sections but still requires their names to be valid UTF-8', () => {
    const custom: [number, number[]] = [0, [...name('note'), 1, 2, 3]];
    expect(outcome(binary(custom, TYPE_VOID))).toBe('Ok');
    expect(outcome(binary([0, [2, 0xc3, 0x28]]))).toBe('Deserialization');
    const kept = prepareContract(binary(custom, TYPE_VOID), { ...pv86Config(), discardCustomSections: false });
    expect(Buffer.from(kept.code).includes(Buffer.from('note'))).toBe(true);
    const dropped = prepareContract(binary(custom, TYPE_VOID), pv86Config());
    expect(Buffer.from(dropped.code).includes(Buffer.from('note'))).toBe(false);
  });

  it('rejects unknown, duplicated or out-of-order sections and bad headers', () => {
    expect(outcome(binary([14, []]))).toBe('Deserialization');
    expect(outcome(binary(TYPE_VOID, TYPE_VOID))).toBe('Deserialization');
    expect(outcome(binary([3, [0]], TYPE_VOID))).toBe('Deserialization');
    expect(outcome(Uint8Array.of(0, 0x61, 0x73, 0x6d, 2, 0, 0, 0))).toBe('Deserialization');
    expect(outcome(Uint8Array.of(0, 0x61, 0x73))).toBe('Deserialization');
    expect(outcome(binary([1, [1, 0x60, 0, 0, 0]]))).toBe('Deserialization'); // trailing byte
  });

  it('exports the start function for the host instead of keeping a start section', async () => {
    const prepared = prepareContract(await wat('(module (func $s) (start $s) (func (export "main")))'), pv86Config());
    expect(prepared.startExport).toBe('start');
  });
});
