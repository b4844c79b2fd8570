/** nearcore runtime/near-vm-runner/src/logic/tests/storage_usage.rs, translated. */
import { describe, expect, it } from 'vitest';
import { VMLogicBuilder } from './logic-builder.js';

describe('nearcore logic tests: storage_usage', () => {
  it('a new record adds num_extra_bytes_record + key + value; rewriting it adds nothing', () => {
    const b = VMLogicBuilder.default();
    const recordCost = b.fees.storageUsageConfig.numExtraBytesRecord;
    const t = b.build();
    const key = t.memWrite('foo');
    const val = t.memWrite('bar');
    t.call('storage_write', key.len, key.ptr, val.len, val.ptr, 0n);
    const expected = recordCost + key.len + val.len;
    expect(t.call('storage_usage')).toBe(expected);
    t.call('storage_write', key.len, key.ptr, val.len, val.ptr, 0n);
    expect(t.call('storage_usage')).toBe(expected);
  });

  it('removing the record brings usage back to 0', () => {
    const t = VMLogicBuilder.default().build();
    const key = t.memWrite('foo');
    const val = t.memWrite('bar');
    t.call('storage_write', key.len, key.ptr, val.len, val.ptr, 0n);
    t.call('storage_remove', key.len, key.ptr, 0n);
    expect(t.call('storage_usage')).toBe(0n);
  });
});
