/** nearcore runtime/near-vm-runner/src/logic/tests/storage_read_write.rs, translated. */
import { describe, expect, it } from 'vitest';
import type { StorageAccessTracker } from '../../src/index.js';
import { U64_MAX, VMLogicBuilder, utf8 } from './logic-builder.js';

/** nearcore's FreeGasCounter: the mock charges nothing anyway. */
const FREE: StorageAccessTracker = {
  trieNodeTouched: () => {},
  cachedTrieNodeAccess: () => {},
  derefWriteEvictedValueBytes: () => {},
  derefRemovedValueBytes: () => {},
};

describe('nearcore logic tests: storage_read_write', () => {
  it('storage_write takes key and value from registers', () => {
    const b = VMLogicBuilder.default();
    const t = b.build();
    t.writeRegister(1n, 'foo');
    t.writeRegister(2n, 'bar');
    t.call('storage_write', U64_MAX, 1n, U64_MAX, 2n, 0n);
    expect(b.ext.storageGet(FREE, utf8('foo'))?.deref(FREE)).toEqual(utf8('bar'));
  });

  it('storage_read takes the key from a register', () => {
    const b = VMLogicBuilder.default();
    b.ext.storageSet(FREE, utf8('foo'), utf8('bar'));
    const t = b.build();
    t.writeRegister(1n, 'foo');
    t.call('storage_read', U64_MAX, 1n, 0n);
    t.assertReadRegister('bar', 0n);
  });

  it('storage_remove takes the key from a register', () => {
    const t = VMLogicBuilder.default().build();
    const key = t.memWrite('foo');
    const val = t.memWrite('bar');
    t.call('storage_write', key.len, key.ptr, val.len, val.ptr, 0n);
    t.writeRegister(1n, 'foo');
    t.call('storage_remove', U64_MAX, 1n, 0n);
    t.assertReadRegister('bar', 0n);
  });

  it('storage_has_key takes the key from a register', () => {
    const b = VMLogicBuilder.default();
    b.ext.storageSet(FREE, utf8('foo'), utf8('bar'));
    const t = b.build();
    t.writeRegister(1n, 'foo');
    expect(t.call('storage_has_key', U64_MAX, 1n)).toBe(1n);
  });
});
