/**
 * The instrumented modules, run on Node's WebAssembly: exact gas (finite-wasm placement and
 * nearcore's fees), running out of gas at segment granularity, stack limiting and NaN
 * canonicalisation.
 */
import { describe, expect, it } from 'vitest';
import { prepareContract, PREPARED_ABI, type PreparedContract } from '../../src/prepare/index.js';
import { ByteWriter } from '../../src/wasm/index.js';
import { GasCounter, pv86Config, REGULAR_OP_COST as R, runPrepared, wat, WA } from './harness.js';

const PREPAID = 300_000_000_000_000n;

async function run(text: string, opts: { prepaid?: bigint; maxGasBurnt?: bigint; method?: string } = {}) {
  const prepared = prepareContract(await wat(text), pv86Config());
  const counter = new LoggingCounter(opts.prepaid ?? PREPAID, opts.maxGasBurnt);
  const result = runPrepared(prepared, opts.method ?? 'main', counter);
  return { ...result, ops: result.burnt / R, rest: result.burnt % R, burns: counter.burns };
}

/** An instance of a prepared module with plenty of gas and no host: any host call fails the test. */
function instantiateWithGas(prepared: PreparedContract): WebAssembly.Instance {
  const memory = new WA.Memory({ initial: 1024, maximum: 2048, shared: true });
  const fail = () => {
    throw new Error('unexpected host call');
  };
  const instance = new WA.Instance(new WA.Module(prepared.code), {
    env: { memory },
    [PREPARED_ABI.internalModule]: { [PREPARED_ABI.chargeGasImport]: fail, [PREPARED_ABI.gasExhaustedImport]: fail, [PREPARED_ABI.stackExhaustedImport]: fail },
  });
  (instance.exports[PREPARED_ABI.gasGlobalExport] as { value: bigint }).value = 10n ** 15n;
  return instance;
}

class LoggingCounter extends GasCounter {
  readonly burns: bigint[] = [];
  override burn(g: bigint) {
    this.burns.push(g);
    return super.burn(g);
  }
}

describe('gas: every executed instruction costs regular_op_cost, block/else/end are free', () => {
  it('charges the frame fee ceil((64 + params + locals) / 8) on every call', async () => {
    expect((await run('(module (func (export "main")))')).burnt).toBe(8n * R);
    // 64 + 4 (i32 local) = 68 bytes -> 9 ops, + 1 op for `nop`.
    expect((await run('(module (func (export "main") (local i32) nop))')).ops).toBe(10n);
    // callee frame 64 + 8 + 4 + 8 = 84 -> 11 ops; caller 8 + i64.const + i32.const + call.
    const r = await run(`(module (func $f (param i64 i32) (local f64))
      (func (export "main") (call $f (i64.const 1) (i32.const 2))))`);
    expect(r.ops).toBe(8n + 3n + 11n);
    expect(r.rest).toBe(0n);
  });

  it('charges loops per iteration and nothing for block, else and end', async () => {
    const r = await run(`(module (func (export "main") (local i32)
      (loop $l (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (i32.const 10))))))`);
    // frame 9 ops + 10 iterations × (loop + 6 operators + br_if).
    expect(r.ops).toBe(9n + 10n * 8n);
    const branches = await run(`(module (func (export "main")
      (block (block (if (i32.const 0) (then nop) (else nop nop))))))`);
    expect(branches.ops).toBe(8n + 1n /* i32.const */ + 1n /* if */ + 2n /* nops in else */);
  });

  it('charges bulk memory and grow linearly in the dynamic operand', async () => {
    // memory.grow(1) = 8 + i32.const + (32 + 1) + drop
    expect((await run('(module (memory 1) (func (export "main") (drop (memory.grow (i32.const 1)))))')).ops).toBe(43n);
    expect((await run('(module (memory 1) (func (export "main") (drop (memory.grow (i32.const 10)))))')).ops).toBe(52n);
    expect((await run('(module (memory 1) (func (export "main") (memory.copy (i32.const 0) (i32.const 9) (i32.const 100))))')).ops).toBe(
      8n + 3n + 32n + 100n,
    );
    expect((await run('(module (memory 1) (func (export "main") (memory.fill (i32.const 0) (i32.const 9) (i32.const 7))))')).ops).toBe(
      8n + 3n + 32n + 7n,
    );
    expect((await run('(module (table 1 funcref) (func (export "main") (drop (table.grow (ref.null func) (i32.const 1)))))')).ops).toBe(44n);
  });

  it('charges a trapping instruction but nothing after it', async () => {
    const r = await run('(module (func (export "main") (drop (i32.div_s (i32.const 1) (i32.const 0))) nop nop))');
    expect(r.ops).toBe(11n);
    expect(r.error).toMatch(/^trap: .*divide by zero/);
    const u = await run('(module (func (export "main") unreachable))');
    expect(u.ops).toBe(9n);
    expect(u.error).toMatch(/unreachable/);
  });

  it('meters the start function, which the host calls before the method', async () => {
    expect((await run('(module (func $s nop) (start $s) (func (export "main")))')).ops).toBe(9n + 8n);
  });

  it('charges a call_indirect through an element segment (function indices shifted)', async () => {
    const r = await run(`(module (type $t (func (result i32))) (table 2 funcref) (elem (i32.const 1) $g)
      (func $g (result i32) (i32.const 7))
      (func (export "main") (drop (call_indirect (type $t) (i32.const 1)))))`);
    expect(r.error).toBeNull();
    expect(r.ops).toBe(8n + 3n + 9n);
  });
});

describe('the gas global is exact wherever a contract can stop (charges go through a local)', () => {
  it('burns exactly up to a trap that follows calls, call_indirect and linear charges', async () => {
    // main: frame 8 + call, drop, nop, nop, i32.const, i32.load (traps); $g: frame 8 + i32.const.
    const load = await run(`(module (memory 1) (func $g (result i32) (i32.const 1))
      (func (export "main") (drop (call $g)) nop nop (drop (i32.load (i32.const -1))) nop))`);
    expect(load.error).toMatch(/MemoryOutOfBounds|out of bounds/);
    expect(load.ops).toBe(8n + 9n + 6n);
    // main: frame 8 + i32.const, call_indirect, drop, 3 × i32.const, memory.fill (32 + 5),
    // i32.const, call_indirect, drop, unreachable; $g twice.
    const mixed = await run(`(module (memory 1) (type $t (func (result i32))) (table 1 funcref) (elem (i32.const 0) $g)
      (func $g (result i32) (i32.const 7))
      (func (export "main")
        (drop (call_indirect (type $t) (i32.const 0)))
        (memory.fill (i32.const 0) (i32.const 1) (i32.const 5))
        (drop (call_indirect (type $t) (i32.const 0)))
        unreachable))`);
    expect(mixed.error).toMatch(/unreachable/);
    expect(mixed.ops).toBe(8n + 3n + 3n + 32n + 5n + 4n + 2n * 9n);
    expect(mixed.rest).toBe(0n);
  });

  it('runs out of gas at the same instruction after a callee spent from the global', async () => {
    // main's frame fee and first segment (call) = 9 ops, $g = 8 + 1, then main's second segment
    // (drop + 10 nops = 11 ops) no longer fits in 25 ops: 18 burnt by wasm, then the failure.
    const r = await run(`(module (func $g (result i32) (i32.const 1))
      (func (export "main") (drop (call $g)) ${'nop '.repeat(10)}))`, { prepaid: 25n * R });
    expect(r.error).toBe('GasExceeded');
    expect(r.burnt).toBe(25n * R);
    expect(r.burns).toEqual([18n * R, 11n * R]);
  });
});

describe('running out of gas', () => {
  const tenNops = `(module (func (export "main") ${'nop '.repeat(10)}))`;

  it('happens at segment granularity: the whole segment fee is asked for before it runs', async () => {
    const r = await run(tenNops, { prepaid: 13n * R });
    expect(r.error).toBe('GasExceeded');
    expect(r.burnt).toBe(13n * R);
    // The frame fee (8 ops) and the first segment (10 ops) are tested as one sum, but a failing
    // test asks the host for them one after the other, as nearcore's two charges do.
    expect(r.burns).toEqual([8n * R, 10n * R]);
  });

  it('reports the limit the frame fee alone crosses, not the one its sum with the first segment would', async () => {
    // The frame fee (8 ops) passes prepaid (5) but not max_gas_burnt (12): GasExceeded. One
    // request for 18 ops would also pass max_gas_burnt and report GasLimitExceeded.
    const r = await run(tenNops, { prepaid: 5n * R, maxGasBurnt: 12n * R });
    expect(r.error).toBe('GasExceeded');
    expect(r.burnt).toBe(5n * R);
    expect(r.burns).toEqual([8n * R]);
  });

  it('lets wasm burn up to prepaid and reports GasLimitExceeded past max_gas_burnt at the next sync', async () => {
    const r = await run(tenNops, { prepaid: 100n * R, maxGasBurnt: 10n * R });
    expect(r.error).toBe('GasLimitExceeded');
    expect(r.burnt).toBe(10n * R);
  });

  it('stops infinite loops, memory.grow storms and bulk copies by gas', async () => {
    expect((await run('(module (func (export "main") (loop (br 0))))', { prepaid: 10n ** 12n })).error).toBe('GasExceeded');
    const grow = await run('(module (memory 1) (func (export "main") (loop (drop (memory.grow (i32.const 1))) (br 0))))', { prepaid: 10n ** 12n });
    expect(grow.error).toBe('GasExceeded');
    expect(grow.burnt).toBe(10n ** 12n);
    const copy = await run('(module (memory 1) (func (export "main") (loop (memory.copy (i32.const 0) (i32.const 0) (i32.const 65536)) (br 0))))', {
      prepaid: 10n ** 12n,
    });
    expect(copy.error).toBe('GasExceeded');
  });
});

describe('stack limiting (max_stack_height = 262 144 bytes of finite-wasm frames)', () => {
  it('ends unbounded recursion with MemoryAccessViolation after the exact number of calls', async () => {
    const empty = await run('(module (func $f (export "main") (call $f)))');
    expect(empty.error).toBe('MemoryAccessViolation');
    expect(empty.ops).toBe(4096n * 9n);
    const fourLocals = await run('(module (func $f (export "main") (local i32 i32 i32 i32) (call $f)))');
    expect(fourLocals.ops).toBe(3276n * 11n);
    // $f: frame 72 + operand stack 8 = 80 bytes per activation, 9 + local.get + call per call;
    // main holds 72 bytes (frame 64 + an i64 operand), leaving room for 3275 activations.
    const withParam = await run(`(module (func $f (param i64) (call $f (local.get 0)))
      (func (export "main") (call $f (i64.const 1))))`);
    expect(withParam.error).toBe('MemoryAccessViolation');
    expect(withParam.ops).toBe(8n + 2n + 3275n * 11n);
  });

  it('stops at the same depth when a leaf function (no calls: its bytes are only checked) is the one that does not fit', async () => {
    // $f takes 64 bytes, the leaf $l 64 + 100 × 8 = 864. The k-th $f leaves 262 144 − 64k bytes;
    // its call to $l fits up to k = 4082 and fails in the 4083rd $f.
    // Gas: 4082 × ($f: 8 + call + call, $l: frame 108) + the last $f's 8 + call.
    const r = await run(`(module (func $l (local ${'i64 '.repeat(100)}))
      (func $f (export "main") (call $l) (call $f)))`);
    expect(r.error).toBe('MemoryAccessViolation');
    expect(r.ops).toBe(4082n * (10n + 108n) + 9n);
    expect(r.rest).toBe(0n);
    // A leaf that fits never takes its bytes: 4096 activations of 64 bytes still fit around it.
    const small = await run(`(module (func $l (param i32)) (func $f (export "main") (call $l (i32.const 0)) (call $f)))`);
    expect(small.error).toBe('MemoryAccessViolation');
  });
});

describe('NaN canonicalisation (Wasmtime runs with it on)', () => {
  function bitsOf(prepared: PreparedContract, name: string): bigint {
    const instance = instantiateWithGas(prepared);
    return BigInt.asUintN(64, (instance.exports['\0' + name] as () => bigint)());
  }

  it('gives arithmetic NaNs the canonical bit pattern, sign clear', async () => {
    const prepared = prepareContract(
      await wat(`(module
        (func (export "div64") (result i64) (i64.reinterpret_f64 (f64.div (f64.const 0) (f64.const 0))))
        (func (export "sqrt64") (result i64) (i64.reinterpret_f64 (f64.sqrt (f64.const -1))))
        (func (export "add64") (result i64) (i64.reinterpret_f64 (f64.add (f64.const -nan:0x4) (f64.const 1))))
        (func (export "neg64") (result i64) (i64.reinterpret_f64 (f64.neg (f64.div (f64.const 0) (f64.const 0)))))
        (func (export "chain64") (result i64) (i64.reinterpret_f64 (f64.mul (f64.add (f64.const -nan:0x4) (f64.const 1)) (f64.const 2))))
        (func (export "promote") (result i64) (i64.reinterpret_f64 (f64.promote_f32 (f32.const -nan:0x5))))
        (func (export "const64") (result i64) (i64.reinterpret_f64 (f64.const -nan:0x4)))
        (func (export "div32") (result i64) (i64.extend_i32_u (i32.reinterpret_f32 (f32.div (f32.const 0) (f32.const 0)))))
        (func (export "demote") (result i64) (i64.extend_i32_u (i32.reinterpret_f32 (f32.demote_f64 (f64.const -nan:0x8000000)))))
        (func (export "min32") (result i64) (i64.extend_i32_u (i32.reinterpret_f32 (f32.min (f32.const 1) (f32.const -nan:0x3))))))`),
      pv86Config(),
    );
    expect(bitsOf(prepared, 'div64')).toBe(0x7ff8000000000000n);
    expect(bitsOf(prepared, 'sqrt64')).toBe(0x7ff8000000000000n);
    expect(bitsOf(prepared, 'add64')).toBe(0x7ff8000000000000n);
    expect(bitsOf(prepared, 'neg64')).toBe(0xfff8000000000000n);
    expect(bitsOf(prepared, 'chain64')).toBe(0x7ff8000000000000n);
    expect(bitsOf(prepared, 'promote')).toBe(0x7ff8000000000000n);
    expect(bitsOf(prepared, 'const64')).toBe(0xfff0000000000004n);
    expect(bitsOf(prepared, 'div32')).toBe(0x7fc00000n);
    expect(bitsOf(prepared, 'demote')).toBe(0x7fc00000n);
    expect(bitsOf(prepared, 'min32')).toBe(0x7fc00000n);
    expect(prepared.stats.nanCanonicalisations).toBeGreaterThan(0);
  });

  it("reproduces nearcore's test_nan_sign: 17 ops and no trap", async () => {
    const r = await run(`(module (func (export "main")
      (i32.div_u (i32.const 0) (f32.gt (f32.copysign (f32.const 1.0) (f32.sqrt (f32.const -1.0))) (f32.const 0)))
      drop))`);
    expect(r.error).toBeNull();
    expect(r.ops).toBe(17n);
  });
});

describe('engine limits', () => {
  it('charges through the gas global itself where the gas local would cross the 50 000 locals limit', async () => {
    // 49 997 declared i32 locals leave room for the gas local, 49 998 do not; gas is the same:
    // frame ceil((64 + 4 · locals) / 8) = 25 007 ops, then a loop of 3 iterations × (loop,
    // local.get, i32.const, i32.add, local.tee, i32.const, i32.lt_u, br_if) and a call.
    for (const locals of [49_997, 49_998]) {
      const r = await run(`(module (func $g)
        (func (export "main") (local $i i32) (local ${'i32 '.repeat(locals - 1)})
          (loop $l (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 3))))
          (call $g)))`);
      expect(r.error).toBeNull();
      expect(r.ops).toBe(25_007n + 3n * 8n + 1n + 8n);
      expect(r.rest).toBe(0n);
    }
  });

  it('splits a br_table longer than V8 accepts, keeping branch targets, carried values and gas', () => {
    const n = 100_000;
    const body = new ByteWriter(n + 64).u32(0);
    body.byte(0x02).byte(0x7f).byte(0x02).byte(0x7f).byte(0x41).byte(7).byte(0x20).byte(0).byte(0x0e).u32(n);
    for (let i = 0; i < n; i++) body.byte(i % 2);
    body.byte(1).byte(0x0b).byte(0x41).i32(100).byte(0x6a).byte(0x0b).byte(0x0b);
    const w = new ByteWriter(n + 128).bytes(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
    w.section(1, new ByteWriter().u32(1).byte(0x60).u32(1).byte(0x7f).u32(1).byte(0x7f));
    w.section(3, new ByteWriter().u32(1).u32(0));
    w.section(7, new ByteWriter().u32(1).name('pick').byte(0).u32(0));
    w.section(10, new ByteWriter().u32(1).u32(body.length).append(body));
    const prepared = prepareContract(w.finish(), pv86Config());
    expect(WA.validate(prepared.code)).toBe(true);
    const instance = instantiateWithGas(prepared);
    const gas = instance.exports[PREPARED_ABI.gasGlobalExport] as { value: bigint };
    const pick = instance.exports['\0pick'] as (i: number) => number;
    for (const [i, expected] of [[0, 107], [1, 7], [65_519, 7], [65_520, 107], [65_521, 7], [99_998, 107], [99_999, 7], [100_000, 7], [-1, 7]]) {
      gas.value = 10n ** 15n;
      expect([i, pick(i)]).toEqual([i, expected]);
      // frame 9 ops (64 + i32 param) + i32.const + local.get + br_table (+ i32.const + i32.add when via the inner block)
      const ops = expected === 107 ? 14n : 12n;
      expect(10n ** 15n - gas.value).toBe(ops * R);
    }
  });
});


describe('runtime limits of nearcore\'s Wasmtime store', () => {
  it('does not grow a table past max_elements_per_contract_table (table.grow returns -1)', async () => {
    const prepared = prepareContract(
      await wat(`(module (table 1 funcref) (global $r (mut i32) (i32.const 0))
        (func (export "grow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0)))
        (func (export "size") (result i32) (table.size)))`),
      pv86Config(),
    );
    const instance = instantiateWithGas(prepared);
    const grow = instance.exports['\0grow'] as (n: number) => number;
    const size = instance.exports['\0size'] as () => number;
    expect(grow(10_000)).toBe(-1);
    expect(grow(9_999)).toBe(1);
    expect(size()).toBe(10_000);
    expect(grow(1)).toBe(-1);
  });
});
