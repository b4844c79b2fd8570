/**
 * nearcore runtime/runtime/src/receipt_manager.rs unit test (f0c7706), translated: every case of
 * `function_call_weight_basic_cases_test` — static gas before distribution, then the unused gas
 * (10 Ggas less the static gas) spread by weight, the last weighted call taking the remainder,
 * all of it used. (vm-logic's promises tests check a few of these cases; here all of them.)
 */
import { ReceiptManager } from '@nearts/vm-logic';
import { describe, expect, it } from 'vitest';
import { U64_MAX } from './setup.js';

const GAS_LIMIT = 10_000_000_000n;

/** `function_call_weight_verify`: (static gas, weight, expected gas) per call, before and after `distribute_gas`. */
function check(calls: Array<[bigint, bigint, bigint]>): void {
  for (const afterDistribute of [false, true]) {
    const rm = new ReceiptManager();
    let unused = GAS_LIMIT;
    for (const [staticGas, weight] of calls) {
      const index = rm.createActionReceipt([], [], 'rick.test');
      unused = unused > staticGas ? unused - staticGas : 0n;
      rm.appendActionFunctionCallWeight(index, new Uint8Array(), new Uint8Array(), 0n, staticGas, weight);
    }
    if (afterDistribute) rm.distributeGas(unused);
    const gas = rm.actionReceipts.flatMap((r) => r.actions.flatMap((a) => (a.type === 'FunctionCall' ? [a.gas] : [])));
    expect(gas).toEqual(calls.map(([s, , e]) => (afterDistribute ? e : s)));
    if (afterDistribute) expect(gas.reduce((a, b) => a + b, 0n)).toBe(GAS_LIMIT);
  }
}

describe('ReceiptManager gas weights (receipt_manager.rs)', () => {
  it('function_call_weight_basic_cases_test', () => {
    check([[0n, 1n, 10_000_000_000n]]);
    check([[888n, 1n, 10_000_000_000n]]);
    check([[0n, 88888n, 10_000_000_000n]]);
    check([[0n, 11n ** 14n, 10_000_000_000n]]);
    check([
      [0n, 3n, 6_000_000_000n],
      [0n, 2n, 4_000_000_000n],
    ]);
    check([
      [1_000_000n, 3n, 5_998_600_000n],
      [3_000_000n, 2n, 4_001_400_000n],
    ]);
    check([
      [1_000_000n, 3n, 2_699_800_000n],
      [3_000_000n, 2n, 1_802_200_000n],
      [0n, 1n, 899_600_000n],
      [1_000_000_000n, 0n, 1_000_000_000n],
      [0n, 4n, 3_598_400_000n],
    ]);
    check([
      [0n, U64_MAX, 9_999_999_999n],
      [0n, 1000n, 1n],
    ]);
    check([
      [0n, 10_000_000_000n, 4_999_999_999n],
      [0n, 1n, 0n],
      [0n, 10_000_000_000n, 5_000_000_001n],
    ]);
    check([
      [0n, 0n, 0n],
      [0n, 1n, 10_000_000_000n],
    ]);
  });
});
