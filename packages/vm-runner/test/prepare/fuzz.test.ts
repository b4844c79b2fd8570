/**
 * Property tests: whatever the input, preparation either returns a module the engine accepts or
 * throws PrepareError — never another exception — and prepared modules always stop, by gas or
 * by the stack limit, when run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { PrepareError } from '@nearts/vm-errors';
import { describe, expect, it } from 'vitest';
import { prepareContract, type PreparedContract } from '../../src/prepare/index.js';
import { ByteWriter } from '../../src/wasm/index.js';
import { GasCounter, pv86Config, runPrepared, WA } from './harness.js';
import { mutate, randomModule, Rng } from './random-modules.js';
import { referenceMeter } from './reference-meter.js';

const config = pv86Config();

/** Prepare, classifying the result; anything but PrepareError propagates and fails the test. */
function prepareOrReject(code: Uint8Array): PreparedContract | PrepareError {
  try {
    const prepared = prepareContract(code, config);
    if (!WA.validate(prepared.code)) throw new Error(`prepared module does not validate: ${Buffer.from(code).toString('hex').slice(0, 400)}`);
    return prepared;
  } catch (e) {
    if (e instanceof PrepareError) return e;
    throw e;
  }
}

const RUN_GAS = 20_000_000_000n; // ~24k regular ops

function runAll(prepared: PreparedContract): string[] {
  const outcomes: string[] = [];
  for (const [name, fn] of prepared.exportedFunctions) {
    if (fn.params.length !== 0 || fn.results.length !== 0 || prepared.hostImports.length !== 0) continue;
    const r = runPrepared(prepared, name, new GasCounter(RUN_GAS));
    outcomes.push(r.error === null ? 'ok' : r.error.startsWith('trap: ') ? 'trap' : r.error);
  }
  return outcomes;
}

describe('generated modules', () => {
  it('prepare, validate and run to completion, exhaustion or a trap', () => {
    const rng = new Rng(20260622);
    const seen = new Map<string, number>();
    let prepared = 0;
    for (let i = 0; i < 300; i++) {
      const code = randomModule(rng, 10 + rng.int(60));
      const result = prepareOrReject(code);
      expect(result).not.toBeInstanceOf(PrepareError);
      prepared++;
      for (const o of runAll(result as PreparedContract)) {
        // GasLimitExceeded: a memory.grow of billions of pages asks for more than max_gas_burnt.
        expect(['ok', 'trap', 'GasExceeded', 'GasLimitExceeded', 'MemoryAccessViolation']).toContain(o);
        seen.set(o, (seen.get(o) ?? 0) + 1);
      }
    }
    expect(prepared).toBe(300);
    // The generator reaches normal returns, traps and gas exhaustion.
    expect(seen.get('ok')).toBeGreaterThan(0);
    expect(seen.get('trap')).toBeGreaterThan(0);
    expect(seen.get('GasExceeded')).toBeGreaterThan(0);
  }, 120_000);
});

describe('mutated modules', () => {
  const corpus: Uint8Array[] = [];
  for (const path of ['../../../../fixtures/contracts/npm/fungible_token.wasm', '../../../../fixtures/contracts/built/status-message.wasm']) {
    const url = new URL(path, import.meta.url);
    if (existsSync(url)) corpus.push(new Uint8Array(readFileSync(url)));
  }

  it('either prepare into a valid module or throw PrepareError', () => {
    const rng = new Rng(86);
    const outcomes = new Map<string, number>();
    let cases = 0;
    for (let i = 0; i < 1500; i++) {
      const base = corpus.length > 0 && rng.chance(0.05) ? rng.pick(corpus) : randomModule(rng, 20);
      let code = mutate(rng, base);
      if (rng.chance(0.3)) code = mutate(rng, code);
      const result = prepareOrReject(code);
      const key = result instanceof PrepareError ? result.kind : 'Ok';
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      if (!(result instanceof PrepareError) && i % 10 === 0) runAll(result);
      cases++;
    }
    expect(cases).toBe(1500);
    expect(outcomes.get('Deserialization')).toBeGreaterThan(0);
    expect(outcomes.get('Ok')).toBeGreaterThan(0);
  }, 120_000);
});

describe('hostile inputs', () => {
  const header = Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0);
  const module = (...sections: [number, ByteWriter][]) => {
    const w = new ByteWriter().bytes(header);
    for (const [id, payload] of sections) w.section(id, payload);
    return w.finish();
  };
  const kind = (code: Uint8Array) => {
    const r = prepareOrReject(code);
    return r instanceof PrepareError ? r.kind : 'Ok';
  };
  const voidType = (): [number, ByteWriter] => [1, new ByteWriter().u32(1).byte(0x60).u32(0).u32(0)];
  const oneFunction = (): [number, ByteWriter] => [3, new ByteWriter().u32(1).u32(0)];
  const code = (body: ByteWriter): [number, ByteWriter] => [10, new ByteWriter().u32(1).u32(body.length).append(body)];

  it('rejects huge declared counts without allocating for them', () => {
    for (const id of [1, 2, 3, 5, 6, 7, 9, 10, 11]) {
      expect(kind(module([id, new ByteWriter().u32(0xffff_ffff).byte(0)]))).not.toBe('Ok');
    }
    // A data segment claiming 4 GiB of bytes.
    expect(kind(module([5, new ByteWriter().u32(1).byte(0).u32(1)], [11, new ByteWriter().u32(1).byte(0).byte(0x41).byte(0).byte(0x0b).u32(0xffff_ffff)]))).toBe(
      'Deserialization',
    );
  });

  it('handles deep nesting and long bodies in linear time', () => {
    const nested = new ByteWriter().u32(0);
    for (let i = 0; i < 60_000; i++) nested.byte(0x02).byte(0x40);
    for (let i = 0; i < 60_000; i++) nested.byte(0x0b);
    nested.byte(0x0b);
    expect(kind(module(voidType(), oneFunction(), code(nested)))).toBe('TooManyBlocksPerFunction');
    const unclosed = new ByteWriter().u32(0);
    for (let i = 0; i < 90_000; i++) unclosed.byte(0x03).byte(0x40);
    expect(kind(module(voidType(), oneFunction(), code(unclosed)))).toBe('Deserialization');
  }, 30_000);

  it('handles thousands of locals and big br_tables', () => {
    const locals = new ByteWriter().u32(5000);
    for (let i = 0; i < 5000; i++) locals.u32(1).byte(0x7e);
    locals.byte(0x0b);
    expect(kind(module(voidType(), oneFunction(), code(locals)))).toBe('Ok');
    const table = new ByteWriter().u32(0).byte(0x02).byte(0x40).byte(0x41).byte(0).byte(0x0e).u32(60_000);
    for (let i = 0; i < 60_000; i++) table.byte(0);
    table.byte(0).byte(0x0b).byte(0x0b);
    expect(kind(module(voidType(), oneFunction(), code(table)))).toBe('Ok');
  });
});

describe('differential gas against a naive per-instruction meter', () => {
  it('burns exactly the sum of executed instruction fees and frame fees', () => {
    const rng = new Rng(4242);
    const costs = { regular: 822_756n, linearBase: 26_328_192n, linearUnit: 822_756n };
    const limit = 200_000_000_000n;
    let compared = 0;
    for (let i = 0; i < 200; i++) {
      const code = randomModule(rng, 10 + rng.int(50));
      const prepared = prepareContract(code, config);
      const referenceModule = new WA.Module(referenceMeter(code, costs, limit));
      for (const [name, fn] of prepared.exportedFunctions) {
        if (fn.params.length !== 0 || fn.results.length !== 0) continue;
        const ours = runPrepared(prepared, name, new GasCounter(limit));
        if (ours.error !== null && !ours.error.startsWith('trap: ')) continue; // exhausted
        // A fresh instance per call, like runPrepared.
        const reference = new WA.Instance(referenceModule, {});
        const counter = reference.exports.gas_used as { value: bigint };
        let trapped = false;
        try {
          (reference.exports[name] as () => void)();
        } catch (e) {
          if (!(e instanceof WA.RuntimeError)) throw e;
          trapped = true;
        }
        expect([name, trapped, counter.value]).toEqual([name, ours.error !== null, ours.burnt]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  }, 120_000);
});
