/**
 * BodyValidator.validateBody (one loop, short paths with the state in locals) against the
 * per-instruction path (OperatorReader.next + FunctionValidator.visit): the same instructions
 * recorded, the same instructions shown to the visitor, and the same error at the same offset.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BodyValidator } from '../../src/wasm/body-validator.js';
import { ByteReader, ByteWriter, FunctionValidator, ModuleValidator, nearcoreFeatures, OperatorReader } from '../../src/wasm/index.js';
import { IMMEDIATE, Imm } from '../../src/wasm/operators.js';
import { nextSection, readHeader } from '../../src/wasm/sections.js';
import { readValType } from '../../src/wasm/types.js';
import { mutate, randomModule, Rng } from '../prepare/random-modules.js';

/** Records like InstructionLog (growing from a small size, so that growth is exercised). */
class Log {
  count = 0;
  offsets = new Int32Array(4);
  ops = new Int32Array(4);
  a = new Int32Array(4);
  b = new Int32Array(4);
  record(o: OperatorReader): void {
    if (this.count === this.offsets.length) {
      const grow = (x: Int32Array) => {
        const y = new Int32Array(x.length * 2);
        y.set(x);
        return y;
      };
      this.offsets = grow(this.offsets);
      this.ops = grow(this.ops);
      this.a = grow(this.a);
      this.b = grow(this.b);
    }
    this.offsets[this.count] = o.offset;
    this.ops[this.count] = o.op;
    this.a[this.count] = o.a;
    this.b[this.count++] = o.b;
  }
}

/** Whether an opcode's first immediate is meaningful (what the analysis and instrumenter read). */
const hasIndex = (op: number) => op < 0x100 && (IMMEDIATE[op] === Imm.Index || op === 0x41 || op === 0x02 || op === 0x03 || op === 0x04);

/** Everything observable about validating every body of `code` one way. */
function validateBodies(code: Uint8Array, fused: boolean): string[] {
  const out: string[] = [];
  const v = new ModuleValidator(nearcoreFeatures(true));
  const r = new ByteReader(code);
  try {
    readHeader(r);
    for (let s = nextSection(r); s !== null; s = nextSection(r)) {
      r.pos = s.end;
      const p = new ByteReader(code, s.start, s.end);
      const at = s.start;
      if (s.id === 1) v.typeSection(p, p.varU32(), at);
      else if (s.id === 2) v.importSection(p, p.varU32(), at);
      else if (s.id === 3) v.functionSection(p, p.varU32(), at);
      else if (s.id === 4) v.tableSection(p, p.varU32(), at);
      else if (s.id === 5) v.memorySection(p, p.varU32(), at);
      else if (s.id === 6) v.globalSection(p, p.varU32(), at);
      else if (s.id === 7) v.exportSection(p, p.varU32(), at);
      else if (s.id === 9) v.elementSection(p, p.varU32(), at);
      else if (s.id === 12) v.dataCountSection(p, at);
      else if (s.id === 10) {
        const count = p.varU32();
        v.codeSectionStart(p, count, at);
        for (let i = 0; i < count; i++) {
          const size = p.varU32();
          const start = p.pos;
          const end = start + size;
          p.pos = end;
          const typeIndex = v.nextCodeEntry(p, start);
          const body = new ByteReader(code, start, end);
          const fv = fused ? new BodyValidator() : new FunctionValidator();
          fv.begin(v, body, v.types[typeIndex]);
          const groups = body.varU32();
          for (let g = 0; g < groups; g++) {
            const n = body.varU32();
            fv.defineLocals(n, readValType(body), start);
          }
          const ops = new OperatorReader(true);
          ops.reset(code, body.pos, end);
          const log = new Log();
          const seen: string[] = [];
          const visitor = { visit: (o: OperatorReader) => seen.push(`${o.op}@${o.offset}${hasIndex(o.op) ? `:${o.a}` : ''}`) };
          let error = '';
          try {
            if (fv instanceof BodyValidator) fv.validateBody(ops, log, visitor);
            else {
              while (!ops.eof()) {
                ops.next();
                fv.visit(ops);
                log.record(ops);
                visitor.visit(ops);
              }
            }
            fv.finish(end);
          } catch (e) {
            error = (e as Error).message;
          }
          const recorded: string[] = [];
          for (let k = 0; k < log.count; k++) recorded.push(`${log.ops[k]}@${log.offsets[k]}${hasIndex(log.ops[k]) ? `:${log.a[k]}` : ''}`);
          out.push(`body ${i}: ${error}\n  log ${recorded.join(' ')}\n  visited ${seen.join(' ')}`);
          if (error !== '') return out;
        }
      }
    }
  } catch (e) {
    out.push(`module: ${(e as Error).message}`);
  }
  return out;
}

/** Replace one byte of a function body (framing intact), often with an opcode or a LEB byte. */
function damageBody(rng: Rng, code: Uint8Array): Uint8Array {
  const out = Uint8Array.from(code);
  const at = 8 + rng.int(out.length - 8);
  const choices = [0x0b, 0x0d, 0x0c, 0x02, 0x04, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x28, 0x36, 0x41, 0x42, 0x6a, 0x7c, 0x80, 0xff, 0x40, 0x7b];
  out[at] = rng.chance(0.5) ? rng.pick(choices) : rng.int(256);
  return out;
}

const module = (types: number[][], locals: number[], body: number[]): Uint8Array => {
  const w = new ByteWriter(256).bytes(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
  const sec = (id: number, f: (s: ByteWriter) => void) => {
    const s = new ByteWriter(64);
    f(s);
    w.section(id, s);
  };
  sec(1, (s) => {
    s.u32(types.length);
    for (const [results, ...params] of types) {
      s.byte(0x60).u32(params.length);
      for (const p of params) s.byte(p);
      s.u32(results === 0 ? 0 : 1);
      if (results !== 0) s.byte(results);
    }
  });
  sec(3, (s) => s.u32(1).u32(0));
  sec(5, (s) => s.u32(1).byte(0).u32(1));
  sec(6, (s) => s.u32(2).byte(0x7f).byte(0).byte(0x41).byte(0).byte(0x0b).byte(0x7e).byte(1).byte(0x42).byte(0).byte(0x0b));
  sec(10, (s) => {
    const b = new ByteWriter(64).u32(locals.length);
    for (const t of locals) b.u32(1).byte(t);
    b.bytes(Uint8Array.from(body));
    s.u32(1).u32(b.length).append(b);
  });
  return w.finish();
};

describe('BodyValidator', () => {
  it('agrees with the per-instruction path on valid and invalid short forms', () => {
    const cases: number[][] = [
      [0x20, 0x00, 0x21, 0x01, 0x0b], // local.get, local.set
      [0x20, 0x00, 0x21, 0x02, 0x0b], // local.set of the wrong type
      [0x20, 0x05, 0x1a, 0x0b], // unknown local
      [0x23, 0x00, 0x24, 0x00, 0x0b], // global.set of an immutable global
      [0x23, 0x01, 0x24, 0x01, 0x0b], // mutable i64 global
      [0x41, 0x80, 0x80, 0x80, 0x80, 0x78, 0x1a, 0x0b], // five-byte i32.const
      [0x41, 0xff, 0xff, 0x03, 0x1a, 0x0b], // three-byte i32.const
      [0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x1a, 0x0b], // bad tenth byte
      [0x02, 0x7f, 0x41, 0x01, 0x0b, 0x1a, 0x0b], // block (result i32)
      [0x02, 0x7b, 0x0b, 0x0b], // v128 block type
      [0x41, 0x01, 0x04, 0x7f, 0x41, 0x01, 0x0b, 0x1a, 0x0b], // if with a result and no else
      [0x41, 0x01, 0x04, 0x40, 0x0b, 0x0b], // if
      [0x03, 0x40, 0x41, 0x00, 0x0d, 0x00, 0x0b, 0x0b], // loop, br_if to it
      [0x41, 0x00, 0x0d, 0x05, 0x0b], // unknown label
      [0x02, 0x7f, 0x41, 0x00, 0x0c, 0x00, 0x0b, 0x1a, 0x0b], // br with a value
      [0x02, 0x7f, 0x42, 0x00, 0x0c, 0x00, 0x0b, 0x1a, 0x0b], // br with a value of the wrong type
      [0x41, 0x00, 0x28, 0x02, 0x00, 0x1a, 0x0b], // i32.load
      [0x41, 0x00, 0x28, 0x03, 0x00, 0x1a, 0x0b], // over-aligned
      [0x41, 0x00, 0x28, 0x40, 0x00, 0x1a, 0x0b], // alignment flags with a memory index bit
      [0x41, 0x00, 0x28, 0x02, 0x80, 0x01, 0x1a, 0x0b], // two-byte offset
      [0x41, 0x00, 0x42, 0x00, 0x37, 0x03, 0x00, 0x0b], // i64.store
      [0x41, 0x00, 0x41, 0x00, 0x37, 0x03, 0x00, 0x0b], // i64.store of an i32
      [0x10, 0x00, 0x0b], // a call of itself
      [0x10, 0x80, 0x01, 0x0b], // unknown function
      [0x0f, 0x0b], // return
      [0x43, 0, 0, 0x80, 0x3f, 0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x1a, 0x1a, 0x0b], // f32.const, f64.const
      [0x43, 0, 0, 0x80, 0x3f, 0x21, 0x00, 0x0b], // an f32 into an i32 local
      [0x44, 0, 0, 0, 0, 0, 0, 0xf0], // a truncated f64.const
      [0x41, 0x01, 0x04, 0x40, 0x05, 0x0b, 0x0b], // if, else
      [0x41, 0x01, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0b, 0x1a, 0x0b], // if, else with a result
      [0x41, 0x01, 0x04, 0x7f, 0x42, 0x01, 0x05, 0x41, 0x02, 0x0b, 0x1a, 0x0b], // a result of the wrong type
      [0x02, 0x40, 0x05, 0x0b, 0x0b], // else in a block
      [0x41, 0x01, 0x41, 0x02, 0x41, 0x00, 0x1b, 0x1a, 0x0b], // select
      [0x41, 0x01, 0x42, 0x02, 0x41, 0x00, 0x1b, 0x1a, 0x0b], // select of two types
      [0x41, 0x01, 0x41, 0x02, 0x42, 0x00, 0x1b, 0x1a, 0x0b], // select on an i64
      [0x10, 0x80, 0x80, 0x80, 0x80, 0x00, 0x23, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a, 0x0b], // padded indices
      [0x23, 0x80, 0x80, 0x80, 0x80, 0x10, 0x1a, 0x0b], // a fifth index byte too large
      [0x41, 0x80, 0x80, 0x80, 0x80, 0x08, 0x1a, 0x0b], // a fifth i32 byte with bad sign bits
      [0x00, 0x6a, 0x1a, 0x0b], // unreachable, then operands from nothing
      [0x0b, 0x01], // operators after the end
      [0x01], // no end
      [0x41, 0x01, 0x41], // truncated immediate
    ];
    for (const body of cases) {
      const code = module([[0]], [0x7f, 0x7e], body);
      expect(validateBodies(code, true)).toEqual(validateBodies(code, false));
    }
  });

  it('agrees with the per-instruction path on generated and damaged modules', () => {
    const rng = new Rng(7);
    let errors = 0;
    for (let i = 0; i < 250; i++) {
      let code = randomModule(rng, 10 + rng.int(80));
      if (i % 4 !== 0) code = rng.chance(0.5) ? damageBody(rng, code) : mutate(rng, code);
      const fused = validateBodies(code, true);
      expect(fused).toEqual(validateBodies(code, false));
      if (fused.some((b) => !/^body \d+: \n/.test(b))) errors++;
    }
    // The damage reaches the error paths.
    expect(errors).toBeGreaterThan(60);
  }, 60_000);

  it('agrees with the per-instruction path on real contracts, intact and damaged', () => {
    const dir = new URL('../../../../fixtures/contracts/npm/', import.meta.url);
    if (!existsSync(dir)) return;
    const rng = new Rng(86);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.wasm'))) {
      const code = new Uint8Array(readFileSync(new URL(name, dir)));
      expect(validateBodies(code, true)).toEqual(validateBodies(code, false));
      for (let i = 0; i < 5; i++) {
        const damaged = damageBody(rng, code);
        expect(validateBodies(damaged, true)).toEqual(validateBodies(damaged, false));
      }
    }
  }, 60_000);
});
