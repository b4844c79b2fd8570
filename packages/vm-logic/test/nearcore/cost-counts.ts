/**
 * nearcore's `with_ext_cost_counter` / `assert_costs` (logic/tests/helpers.rs): how many units of
 * each ExtCosts a call charged (1 per `pay_base`, `num` per `pay_per`, counted after the
 * overflow check and before the burn, so a failing charge is still counted). An entry charged
 * with 0 units is present with 0, as in nearcore's HashMap. Test-only: a GasCounter subclass handed
 * to VMLogic, so the production counter pays nothing for it. nearcore's counter is per thread, this
 * one per logic: the same for every nearcore test, each of which asserts costs of one logic.
 */
import type { ExtCosts } from '@nearts/runtime-fees';
import { expect } from 'vitest';
import { GasCounter } from '../../src/index.js';

const U64_MAX = (1n << 64n) - 1n;

export type CostCounts = Partial<Record<ExtCosts, bigint>>;

export class CountingGasCounter extends GasCounter {
  readonly counts = new Map<ExtCosts, bigint>();

  override payBase(cost: ExtCosts): void {
    this.count(cost, 1n);
    super.payBase(cost);
  }

  override payPer(cost: ExtCosts, num: bigint): void {
    // nearcore counts only once `gas × num` did not overflow.
    if (this.extCosts[cost].gas * num <= U64_MAX) this.count(cost, num);
    super.payPer(cost, num);
  }

  private count(cost: ExtCosts, num: bigint): void {
    this.counts.set(cost, (this.counts.get(cost) ?? 0n) + num);
  }

  snapshot(): CostCounts {
    return Object.fromEntries(this.counts) as CostCounts;
  }
}

/** `assert_costs`: the counts equal `want` exactly (same keys, zeros included), then reset. */
export function assertCosts(counter: CountingGasCounter, want: Record<string, bigint | number>): void {
  const expected: Record<string, bigint> = {};
  for (const [k, v] of Object.entries(want)) expected[k] = BigInt(v);
  expect(counter.snapshot()).toEqual(expected);
  counter.counts.clear();
}

/** `reset_costs_counter`. */
export function resetCosts(counter: CountingGasCounter): void {
  counter.counts.clear();
}
