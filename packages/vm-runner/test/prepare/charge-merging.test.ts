/**
 * Charges tested together (src/prepare/charge-merging.ts) must end every run exactly as
 * separate tests do: the same outcome (trap, GasExceeded, GasLimitExceeded or success) and the
 * same gas burnt, at every budget. The reference is the same module prepared with merging off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chargeMergingSwitch } from '../../src/prepare/charge-merging.js';
import { prepareContract, type PreparedContract } from '../../src/prepare/index.js';
import { GasCounter, pv86Config, REGULAR_OP_COST as R, runPrepared, wat } from './harness.js';
import { Rng } from './random-modules.js';
import { structuredProgram } from './structured-programs.js';

class LoggingCounter extends GasCounter {
  readonly burns: bigint[] = [];
  override burn(g: bigint) {
    this.burns.push(g);
    return super.burn(g);
  }
}

function prepare(code: Uint8Array, merging: boolean): PreparedContract {
  chargeMergingSwitch.enabled = merging;
  try {
    return prepareContract(code, pv86Config());
  } finally {
    chargeMergingSwitch.enabled = true;
  }
}

function run(prepared: PreparedContract, prepaid: bigint, maxGasBurnt?: bigint) {
  const counter = new LoggingCounter(prepaid, maxGasBurnt);
  const r = runPrepared(prepared, 'main', counter);
  return { error: r.error, burnt: r.burnt, burns: counter.burns };
}

/** Both instrumentations of `text`, and a runner comparing them at one budget. */
async function both(text: string) {
  const code = await wat(text);
  const merged = prepare(code, true);
  const separate = prepare(code, false);
  return {
    merged,
    separate,
    /** The merged run at `prepaid` (and `maxGasBurnt`), checked against the separate one. */
    at(prepaid: bigint, maxGasBurnt?: bigint) {
      const m = run(merged, prepaid, maxGasBurnt);
      const s = run(separate, prepaid, maxGasBurnt);
      expect({ error: m.error, burnt: m.burnt }).toEqual({ error: s.error, burnt: s.burnt });
      return { merged: m, separate: s };
    },
  };
}

afterEach(() => {
  chargeMergingSwitch.enabled = true;
});

describe('charges tested together', () => {
  it('across a load at a constant in-bounds address: one test, the host asked for each charge in turn', async () => {
    // After the call: i32.const, i32.load (2 ops); after the load (which cannot trap): drop and
    // 3 nops (4). The two segments are one test. (Only bodies with a loop are merged.)
    const p = await both(`(module (memory 1) (func $g)
      (func (export "main") (loop) (call $g) (drop (i32.load (i32.const 16))) nop nop nop))`);
    expect(p.merged.code.length).toBeLessThan(p.separate.code.length);
    const full = p.at(10n ** 15n).merged.burnt;
    // The segment of the load fits, the next one does not.
    const short = p.at(full - R);
    expect(short.merged.error).toBe('GasExceeded');
    const [settled, asked] = short.separate.burns;
    expect(asked).toBe(4n * R);
    expect(short.merged.burns).toEqual([settled - 2n * R, 2n * R, 4n * R]);
  });

  it('only in bodies with a loop', async () => {
    const p = await both(`(module (memory 1) (func $g)
      (func (export "main") (call $g) (drop (i32.load (i32.const 16))) nop nop nop))`);
    expect(p.merged.code).toEqual(p.separate.code);
  });

  it('never across a load that may trap: the trap is reported with the gas up to it', async () => {
    const p = await both(`(module (memory 1)
      (func (export "main") (loop) nop (drop (i32.load (i32.const -1))) nop nop nop))`);
    const upToTrap = p.at(10n ** 15n).merged.burnt;
    // The segment after the load never runs: whatever the budget above, the trap is reported.
    for (const extra of [0n, 1n, 3n, 4n]) {
      const r = p.at(upToTrap + extra * R);
      expect(r.merged.error).toMatch(/^trap: /);
      expect(r.merged.burnt).toBe(upToTrap);
    }
  });

  it('at the join after if/else: each arm tests its own last charge with the one after the end', async () => {
    const text = (x: number) => `(module (memory 1) (func $g)
      (func (export "main") (local i32) (loop) (local.set 0 (i32.const ${x}))
        (call $g)
        (if (local.get 0) (then nop nop (call $g) nop) (else (call $g) nop nop nop))
        nop nop nop nop nop))`;
    for (const x of [0, 1]) {
      const p = await both(text(x));
      expect(p.merged.code.length).toBeLessThan(p.separate.code.length);
      const full = p.at(10n ** 15n).merged.burnt / R;
      for (let ops = 0n; ops <= full; ops++) p.at(ops * R);
      // Out of gas in the segment after the join: the arm's test asked for its charge first.
      const last = p.at((full - 1n) * R).merged;
      expect(last.error).toBe('GasExceeded');
      // The arm taken ends with 1 (then) or 3 (else) ops after its call.
      expect(last.burns.slice(-2)).toEqual([(x === 1 ? 1n : 3n) * R, 5n * R]);
    }
  });

  it('not at the join of an if without else, nor at the end of a block a branch leaves', async () => {
    const p = await both(`(module (func $g)
      (func (export "main") (local i32)
        (call $g) (if (local.get 0) (then (call $g) nop)) nop nop
        (block $b (call $g) (br_if $b (i32.const 1)) (call $g)) nop nop))`);
    expect(p.merged.code.length).toBe(p.separate.code.length);
    const full = p.at(10n ** 15n).merged.burnt / R;
    for (let ops = 0n; ops <= full; ops++) p.at(ops * R);
  });

  it('at a loop header entered after a charge and branched back to with br', async () => {
    const p = await both(`(module
      (func (export "main") (local i32) (local.set 0 (i32.const 3))
        (loop $l nop nop
          (if (local.get 0) (then (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br $l))))
        nop))`);
    expect(p.merged.code.length).toBeLessThan(p.separate.code.length);
    const full = p.at(10n ** 15n).merged.burnt / R;
    for (let ops = 0n; ops <= full; ops++) {
      p.at(ops * R);
      p.at(ops * R + 1n);
    }
  });

  it('at a loop header entered straight after a call: the header is charged on the way in', async () => {
    const p = await both(`(module (func $g)
      (func (export "main") (local i32) (local.set 0 (i32.const 4))
        (call $g)
        (loop $l nop
          (if (local.get 0) (then (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br $l))))))`);
    const full = p.at(10n ** 15n).merged.burnt / R;
    for (let ops = 0n; ops <= full; ops++) p.at(ops * R);
    // GasLimitExceeded is decided per request as well.
    for (let ops = 0n; ops <= full; ops++) p.at(10n ** 15n, ops * R);
  });

  it('leaves a loop branched back to with br_if as it was', async () => {
    const p = await both(`(module
      (func (export "main") (local i32) (local.set 0 (i32.const 3))
        (loop $l nop (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))))`);
    expect(p.merged.code).toEqual(p.separate.code);
  });
});

describe('differential: merged and separate tests end every run alike', () => {
  it('random structured programs at every budget up to their full run', async () => {
    const rng = new Rng(20261121);
    let runs = 0;
    let shorter = 0;
    const outcomes = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const p = await both(structuredProgram(rng));
      if (p.merged.code.length < p.separate.code.length) shorter++;
      const full = p.at(10n ** 15n).merged.burnt / R;
      // Every whole number of ops up to 400, then a sample; budgets just below each as well.
      const budgets: bigint[] = [];
      for (let ops = 0n; ops <= full + 1n; ops++) if (ops <= 400n || rng.chance(0.1)) budgets.push(ops * R, ops * R - 1n);
      for (const b of budgets) {
        if (b < 0n) continue;
        const r = p.at(b);
        outcomes.add(r.merged.error === null ? 'ok' : r.merged.error.startsWith('trap: ') ? 'trap' : r.merged.error);
        if (rng.chance(0.05)) p.at(10n ** 15n, b);
        runs++;
      }
    }
    expect(shorter).toBeGreaterThan(30);
    expect(runs).toBeGreaterThan(5000);
    expect([...outcomes].sort()).toEqual(['GasExceeded', 'ok', 'trap']);
  }, 120_000);
});
