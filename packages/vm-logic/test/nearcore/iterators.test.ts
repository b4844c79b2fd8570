/** nearcore runtime/near-vm-runner/src/logic/tests/iterators.rs, translated. */
import { describe, expect, it } from 'vitest';
import { VMLogicBuilder, hostErrorOf } from './logic-builder.js';

describe('nearcore logic tests: iterators', () => {
  it('the storage iterator functions are Deprecated', () => {
    const t = VMLogicBuilder.default().build();
    expect(hostErrorOf(() => t.call('storage_iter_prefix', 1n, 0n))).toEqual({ kind: 'Deprecated', method_name: 'storage_iter_prefix' });
    expect(hostErrorOf(() => t.call('storage_iter_range', 1n, 0n, 1n, 1n))).toEqual({ kind: 'Deprecated', method_name: 'storage_iter_range' });
    expect(hostErrorOf(() => t.call('storage_iter_next', 0n, 0n, 1n))).toEqual({ kind: 'Deprecated', method_name: 'storage_iter_next' });
  });
});
