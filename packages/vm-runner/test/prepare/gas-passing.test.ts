/**
 * The remaining gas travels as an extra result of every contract function (gas-passing.ts) and
 * the global is written only where it can be read (write-through.ts). These tests stop contracts
 * at every kind of place inside a callee and compare the gas burnt with the naive reference meter,
 * and check the wrappers (exports, start) and adapters (host functions in tables, `ref.func`).
 */
import { describe, expect, it } from 'vitest';
import { prepareContract } from '../../src/prepare/index.js';
import { GasCounter, pv86Config, REGULAR_OP_COST as R, runPrepared, wat, WA } from './harness.js';
import { referenceMeter } from './reference-meter.js';

const config = pv86Config();
const costs = { regular: config.regularOpCost, linearBase: config.linearOpBaseCost, linearUnit: config.linearOpUnitCost };
const LIMIT = 300_000_000_000_000n;

/** Runs `method` prepared and under the reference meter; both must stop alike with the same gas. */
async function compare(text: string, method = 'main', limit = LIMIT) {
  const code = await wat(text);
  const prepared = prepareContract(code, config);
  expect(WA.validate(prepared.code)).toBe(true);
  const ours = runPrepared(prepared, method, new GasCounter(limit));
  const reference = new WA.Instance(new WA.Module(referenceMeter(code, costs, limit)), {});
  let trapped = false;
  try {
    (reference.exports[method] as () => void)();
  } catch (e) {
    if (!(e instanceof WA.RuntimeError)) throw e;
    trapped = true;
  }
  expect({ trapped: ours.error !== null, burnt: ours.burnt }).toEqual({ trapped, burnt: (reference.exports.gas_used as { value: bigint }).value });
  return ours;
}

/** A callee that calls (directly and indirectly), loops, then runs `stop` between two nops. */
function calleeStoppingAt(stop: string, call: 'direct' | 'indirect') {
  return `(module (memory 1)
    (type $ii (func (param i32) (result i32)))
    (type $v (func))
    (table 4 funcref) (elem (i32.const 0) $leaf $mid)
    (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    (func $mid (param i32) (result i32) (local i32)
      (local.set 0 (call $leaf (local.get 0)))
      (local.set 0 (call_indirect (type $ii) (local.get 0) (i32.const 0)))
      (loop $l (br_if $l (i32.lt_u (local.tee 1 (i32.add (local.get 1) (i32.const 1))) (i32.const 5))))
      nop ${stop} nop
      (local.get 0))
    (func (export "main")
      (drop ${call === 'direct' ? '(call $mid (i32.const 5))' : '(call_indirect (type $ii) (i32.const 5) (i32.const 1))'})
      nop))`;
}

const STOPS: Record<string, [string, RegExp]> = {
  unreachable: ['unreachable', /unreachable/],
  'load out of bounds': ['(drop (i32.load (i32.const -1)))', /out of bounds/],
  'store out of bounds': ['(i64.store (i32.const -4) (i64.const 1))', /out of bounds/],
  'division by zero': ['(drop (i32.div_u (i32.const 1) (i32.const 0)))', /divide by zero/],
  'remainder by zero': ['(drop (i64.rem_s (i64.const 1) (i64.const 0)))', /remainder by zero/],
  'division overflow': ['(drop (i32.div_s (i32.const 0x80000000) (i32.const -1)))', /unrepresentable|overflow/],
  'float to int of NaN': ['(drop (i32.trunc_f32_s (f32.const nan)))', /unrepresentable|integer/],
  'call_indirect to an empty slot': ['(call_indirect (type $v) (i32.const 3))', /Indirect call to null/],
  'call_indirect of the wrong type': ['(call_indirect (type $v) (i32.const 0))', /signature mismatch/],
  'call_indirect past the table': ['(call_indirect (type $v) (i32.const 9))', /table index is out of bounds|invalid index/],
  'table.get past the table': ['(drop (table.get 0 (i32.const 9)))', /table index is out of bounds|out of bounds/],
  'memory.fill out of bounds': ['(memory.fill (i32.const -8) (i32.const 0) (i32.const 10))', /out of bounds/],
  // Constant addresses: a load or store inside the initial 64 MiB cannot trap and needs no store
  // to the global before it (write-through.ts); just past it, it traps.
  'load at a constant address past the initial memory': [
    '(drop (i64.load (i32.const 16))) (drop (i64.load (i32.const 67108856))) (drop (i64.load offset=8 (i32.const 67108856)))',
    /out of bounds/,
  ],
  'store at a constant address past the initial memory': [
    '(i32.store16 (i32.const 67108862) (local.get 0)) (i32.store16 (i32.const 67108863) (local.get 0))',
    /out of bounds/,
  ],
  'trap after loads at constant addresses': ['(drop (i32.load (i32.const 16))) nop (i32.store (i32.const 8) (i32.const 1)) (drop (i32.load (i32.const -1)))', /out of bounds/],
};

describe('a trap in the middle of a callee burns exactly the reference gas', () => {
  for (const [kind, [stop, message]] of Object.entries(STOPS)) {
    for (const call of ['direct', 'indirect'] as const) {
      it(`${kind}, callee called ${call === 'direct' ? 'directly' : 'through call_indirect'}`, async () => {
        const r = await compare(calleeStoppingAt(stop, call));
        expect(r.error).toMatch(message);
      });
    }
  }

  it('and nothing when the callee returns normally', async () => {
    const r = await compare(calleeStoppingAt('nop', 'indirect'));
    expect(r.error).toBeNull();
  });

  it('after the callee returned into a block that ends before the trap', async () => {
    const r = await compare(`(module (memory 1)
      (func $g (result i32) (i32.const 1))
      (func (export "main") (local i32)
        (block $b (local.set 0 (call $g)) (br_if $b (local.get 0)) nop)
        (drop (i32.load (i32.const -1)))))`);
    expect(r.error).toMatch(/out of bounds/);
  });

  it('in one of two arms of an if, after calls in the other arm', async () => {
    for (const which of [0, 1]) {
      const r = await compare(`(module (memory 1)
        (func $g (result i32) (i32.const 1))
        (func $h (param i32) (result i32)
          (if (result i32) (local.get 0)
            (then (drop (call $g)) (call $g))
            (else (i32.load (i32.const -1)))))
        (func (export "main") (drop (call $h (i32.const ${which}))) (drop (i32.load (i32.const -1)))))`);
      expect(r.error).toMatch(/out of bounds/);
    }
  });
});

describe('functions without room for the gas local (charges through the global)', () => {
  it('hand the remaining gas to and from callees, up to a trap in the middle of one', async () => {
    // $big has 49 998 declared locals: no room for the gas local (instrument.ts). The reference
    // meter cannot add its own local to it either, so the gas is counted by hand:
    // main 8 + call; $big frame ceil((64 + 4 · 49 998) / 8) = 25 007, 3 loop iterations × 8, the
    // trapping load and its operands 4; $small frame 9 + local.set and its constant 2; the caller
    // of the two pays i32.const + call_indirect 2.
    for (const [caller, callee] of [['$big', '$small'], ['$small', '$big']]) {
      const prepared = prepareContract(
        await wat(`(module (memory 1)
          (type $v (func)) (table 1 funcref) (elem (i32.const 0) ${callee})
          (func $small (local i32) (local.set 0 (i32.const 1)) ${caller === '$small' ? '(call_indirect (type $v) (i32.const 0))' : ''})
          (func $big (local $i i32) (local ${'i32 '.repeat(49_997)})
            (loop $l (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 3))))
            ${caller === '$big' ? '(call_indirect (type $v) (i32.const 0))' : ''}
            (drop (i32.load (i32.sub (i32.const 0) (local.get $i)))))
          (func (export "main") (call ${caller}) nop))`),
        config,
      );
      const r = runPrepared(prepared, 'main', new GasCounter(LIMIT));
      expect(r.error).toMatch(/out of bounds/);
      expect(r.burnt).toBe((9n + 25_007n + 24n + 4n + 11n + 2n) * R);
    }
  });
});

describe('running out of gas inside a callee', () => {
  it('stops at the same segment with the same gas for every budget around the callee', async () => {
    const text = calleeStoppingAt('nop', 'indirect');
    const full = await compare(text);
    // Every budget in whole ops up to the full cost: the failing charge sees the exact remaining gas.
    for (let ops = 1n; ops * R < full.burnt; ops += 3n) {
      const prepared = prepareContract(await wat(text), config);
      const r = runPrepared(prepared, 'main', new GasCounter(ops * R));
      expect(r.error).toBe('GasExceeded');
      expect(r.burnt).toBe(ops * R);
    }
  });
});

describe('stack limiting through call_indirect', () => {
  it('ends unbounded indirect recursion after the same number of calls as direct recursion', async () => {
    const direct = runPrepared(prepareContract(await wat('(module (func $f (export "main") (call $f)))'), config), 'main', new GasCounter(LIMIT));
    const indirect = runPrepared(
      prepareContract(
        await wat(`(module (type $v (func)) (table 1 funcref) (elem (i32.const 0) $f)
          (func $f (export "main") (call_indirect (type $v) (i32.const 0))))`),
        config,
      ),
      'main',
      new GasCounter(LIMIT),
    );
    expect(direct.error).toBe('MemoryAccessViolation');
    expect(indirect.error).toBe('MemoryAccessViolation');
    // Direct: 4096 activations of 64 bytes, frame 8 + call each. Indirect: the table index on
    // the operand stack makes 68 bytes, so 3855 activations, and an i32.const more per call.
    expect(direct.burnt).toBe(4096n * 9n * R);
    expect(indirect.burnt).toBe(3855n * 10n * R);
  });
});

describe('wrappers and adapters', () => {
  it('calls a host function put in a table through an adapter, with the gas synced around it', async () => {
    let calls = 0;
    const prepared = prepareContract(
      await wat(`(module (import "env" "f" (func $f (param i64) (result i64)))
        (type $t (func (param i64) (result i64)))
        (table 2 funcref) (elem (i32.const 1) $f)
        (func (export "main") (drop (call_indirect (type $t) (i64.const 7) (i32.const 1))) nop))`),
      config,
    );
    const counter = new GasCounter(LIMIT);
    const r = runPrepared(prepared, 'main', counter, {
      f: ((x: bigint) => {
        calls++;
        expect(counter.burnt).toBe(11n * R); // frame 8 + i64.const, i32.const, call_indirect
        return x + 1n;
      }) as never,
    });
    expect(r.error).toBeNull();
    expect(calls).toBe(1);
    expect(r.burnt).toBe(13n * R); // + drop, nop
  });

  it('takes references to host functions and to exported functions (ref.func), and calls them', async () => {
    const prepared = prepareContract(
      await wat(`(module (import "env" "f" (func $f (param i32) (result i32)))
        (type $t (func (param i32) (result i32)))
        (table 2 funcref) (elem declare func $f $g)
        (func $g (export "g") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
        (func (export "main")
          (table.set (i32.const 0) (ref.func $f))
          (table.set (i32.const 1) (ref.func $g))
          (if (i32.ne (call_indirect (type $t) (i32.const 1) (i32.const 0)) (i32.const 2)) (then unreachable))
          (if (i32.ne (call_indirect (type $t) (i32.const 1) (i32.const 1)) (i32.const 2)) (then unreachable))))`),
      config,
    );
    expect(WA.validate(prepared.code)).toBe(true);
    const r = runPrepared(prepared, 'main', new GasCounter(LIMIT), { f: ((x: number) => x + 1) as never });
    expect(r.error).toBeNull();
  });

  it('exports a function the contract also calls, and meters both entries the same way', async () => {
    const text = `(module (memory 1)
      (func $g (export "g") (drop (i32.const 1)))
      (func (export "main") (call $g) (call $g)))`;
    const g = await compare(text, 'g');
    const main = await compare(text, 'main');
    expect(main.burnt).toBe(8n * R + 2n * R + 2n * g.burnt);
  });

  it('copies only the types that defined functions and call_indirect use (engines cap the count)', async () => {
    const prepared = prepareContract(
      await wat(`(module
        (type $unused1 (func (param f64))) (type $unused2 (func (param f32)))
        (type $t (func (param i32) (result i32))) (type $v (func)) (table 1 funcref)
        (func (export "main") (drop (call_indirect (type $t) (i32.const 1) (i32.const 0)))))`),
      config,
    );
    // The type section comes first: its count is 4 contract types + 2 injected + 2 copies ($v
    // for main, $t for the call_indirect).
    const r = { pos: 8 };
    const leb = () => {
      let v = 0;
      for (let shift = 0; ; shift += 7) {
        const b = prepared.code[r.pos++];
        v |= (b & 0x7f) << shift;
        if (b < 0x80) return v;
      }
    };
    expect(prepared.code[r.pos++]).toBe(1);
    leb();
    expect(leb()).toBe(4 + 2 + 2);
  });

  it('exports a host function as it is and runs a start function through its wrapper', async () => {
    const prepared = prepareContract(
      await wat(`(module (import "env" "f" (func $f))
        (func $s (call $f)) (start $s) (export "f" (func $f)) (func (export "main") nop))`),
      config,
    );
    let calls = 0;
    const r = runPrepared(prepared, 'main', new GasCounter(LIMIT), { f: (() => void calls++) as never });
    expect(r.error).toBeNull();
    expect(calls).toBe(1); // the start function's call
    expect(r.burnt).toBe((9n + 9n) * R); // start: frame 8 + call; main: frame 8 + nop
  });
});
