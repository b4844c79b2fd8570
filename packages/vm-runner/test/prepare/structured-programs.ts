/**
 * Random structured programs (WAT text) for the charge-merging differential test: if/else arms,
 * blocks left by `br` and `br_if`, counted loops that branch back with `br` (after a charge or
 * straight after a call or trap site), loads at constant in-bounds addresses and at addresses
 * that may trap, divisions that may trap, calls and the occasional `unreachable`. Every loop
 * has its own counter, so every program ends.
 */
import type { Rng } from './random-modules.js';

/** A module exporting `main`, with a helper `$h` it may call. */
export function structuredProgram(rng: Rng): string {
  const g = new Generator(rng);
  const body = g.statements(3, 4 + rng.int(6));
  const locals = Array.from({ length: g.counters }, (_, i) => `(local $n${i} i32)`).join(' ');
  return `(module (memory 1)
    (func $h (param i32) (result i32) (local i32)
      (local.set 1 (i32.add (local.get 0) (i32.const 3)))
      (if (i32.gt_u (local.get 1) (i32.const 40)) (then (drop (i32.load (local.get 1)))))
      (local.get 1))
    (func (export "main") (local $x i32) (local $y i64) ${locals}
      ${body}))`;
}

class Generator {
  counters = 0;
  private labels: string[] = [];
  private label = 0;

  constructor(private readonly rng: Rng) {}

  statements(depth: number, count: number): string {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(this.statement(depth));
    return out.join('\n');
  }

  private statement(depth: number): string {
    const rng = this.rng;
    const r = rng.int(depth > 0 ? 16 : 9);
    switch (r) {
      case 0:
        return 'nop nop';
      case 1:
        return `(local.set $x (i32.add (local.get $x) (i32.const ${rng.int(7)})))`;
      case 2:
        // A constant address inside the first page: cannot trap.
        return `(drop (i32.load offset=${rng.int(64)} (i32.const ${rng.int(1024)})))`;
      case 3:
        // Traps when $x has grown past the page (rarely) or with a far constant.
        return rng.chance(0.5) ? `(drop (i32.load (i32.mul (local.get $x) (i32.const 4000))))` : `(i32.store (i32.const ${rng.chance(0.2) ? 65_535 : 8}) (local.get $x))`;
      case 4:
        return `(local.set $x (i32.div_u (i32.const 100) (i32.and (local.get $x) (i32.const ${rng.pick([3, 7, 1])}))))`;
      case 5:
        return `(local.set $x (call $h (local.get $x)))`;
      case 6:
        return `(local.set $y (i64.mul (local.get $y) (i64.const 3)))`;
      case 7:
        return this.labels.length > 0 && rng.chance(0.5) ? `(br_if ${rng.pick(this.labels)} (i32.and (local.get $x) (i32.const 1)))` : 'nop';
      case 8:
        return rng.chance(0.05) ? 'unreachable' : '(local.set $x (i32.xor (local.get $x) (i32.const 5)))';
      case 9:
      case 10:
        return `(if (i32.and (local.get $x) (i32.const ${1 << rng.int(3)}))
          (then ${this.statements(depth - 1, 1 + rng.int(3))})
          ${rng.chance(0.7) ? `(else ${this.statements(depth - 1, 1 + rng.int(3))})` : ''})`;
      case 11:
      case 12:
        return this.block(depth);
      default:
        return this.loop(depth);
    }
  }

  private block(depth: number): string {
    const l = `$b${this.label++}`;
    this.labels.push(l);
    const inner = this.statements(depth - 1, 1 + this.rng.int(3));
    const leave = this.rng.chance(0.4) ? `(if (i32.eq (local.get $x) (i32.const 3)) (then (br ${l})))` : '';
    const tail = this.rng.chance(0.3) ? `(br ${l})` : this.statements(depth - 1, 1);
    this.labels.pop();
    return `(block ${l} ${inner} ${leave} ${tail})`;
  }

  /** A loop run 1–4 times; it branches back with `br` from the end of its body or from an arm. */
  private loop(depth: number): string {
    const n = `$n${this.counters++}`;
    const l = `$l${this.label++}`;
    const inner = this.statements(depth - 1, 1 + this.rng.int(3));
    const count = 1 + this.rng.int(4);
    const again = this.rng.pick([
      // Back from a then arm, after a charge.
      `(if (local.get ${n}) (then (local.set ${n} (i32.sub (local.get ${n}) (i32.const 1))) (br ${l})))`,
      // Back from an else arm, after a call (no charge between the call and the branch).
      `(if (i32.eqz (local.get ${n})) (then nop) (else (local.set ${n} (i32.sub (local.get ${n}) (i32.const 1))) (local.set $x (call $h (local.get $x))) (br ${l})))`,
      // A conditional branch back: nothing merges into the header.
      `(br_if ${l} (local.tee ${n} (i32.sub (local.get ${n}) (i32.const 1))))`,
    ]);
    return `(local.set ${n} (i32.const ${count})) (loop ${l} ${inner} ${again})`;
  }
}
