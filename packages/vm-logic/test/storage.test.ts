import { describe, expect, it } from 'vitest';
import { HostError } from '@nearts/vm-errors';
import { MockedExternal, type StorageAccessTracker, type ValuePtr } from '../src/index.js';
import { C, MR, RR, RW, U64_MAX, expectHostError, expectRunnerError, setup, utf8 } from './helpers.js';

const writeCost = (k: bigint, v: bigint): bigint =>
  C.base + C.storage_write_base + MR(k) + MR(v) + k * C.storage_write_key_byte + v * C.storage_write_value_byte;
const readCost = (k: bigint): bigint => C.base + C.storage_read_base + MR(k) + k * C.storage_read_key_byte;

describe('storage_write / storage_read / storage_remove / storage_has_key', () => {
  it('a new key: exact gas, returns 0, storage usage += key + value + 40', () => {
    const h = setup();
    const k = h.put(0, 'key');
    const v = h.put(10, 'value');
    expect(h.call('storage_write', k, 0n, v, 10n, 0n)).toBe(0n);
    expect(h.burnt()).toBe(writeCost(3n, 5n));
    expect(h.logic.currentStorageUsage).toBe(12n + 3n + 5n + 40n);
    expect(h.call('storage_usage')).toBe(60n);
  });

  it('an overwrite: returns 1, old value → register (RW), usage += new − old; the mock charges no evicted bytes', () => {
    const h = setup();
    h.call('storage_write', h.put(0, 'key'), 0n, h.put(10, 'value'), 10n, 0n);
    const before = h.burnt();
    expect(h.call('storage_write', 3n, 0n, h.put(20, 'longer-value'), 20n, 5n)).toBe(1n);
    expect(h.burnt() - before).toBe(writeCost(3n, 12n) + RW(5n));
    expect(h.logic.registers.peek(5n)).toEqual(utf8('value'));
    expect(h.logic.currentStorageUsage).toBe(60n + 12n - 5n);
  });

  it('storage_read: found → value bytes + RW; missing → 0 with no value charge', () => {
    const h = setup();
    h.call('storage_write', h.put(0, 'key'), 0n, h.put(10, 'value'), 10n, 0n);
    let before = h.burnt();
    expect(h.call('storage_read', 3n, 0n, 1n)).toBe(1n);
    expect(h.burnt() - before).toBe(readCost(3n) + 5n * C.storage_read_value_byte + RW(5n));
    expect(h.logic.registers.peek(1n)).toEqual(utf8('value'));
    before = h.burnt();
    expect(h.call('storage_read', h.put(40, 'nope'), 40n, 2n)).toBe(0n);
    expect(h.burnt() - before).toBe(readCost(4n));
    expect(h.logic.registers.peek(2n)).toBeUndefined();
  });

  it('storage_read above 4000 bytes adds storage_large_read_overhead_base + len·byte', () => {
    const h = setup();
    h.ext.storageSet(h.logic.gas, utf8('k'), new Uint8Array(4001));
    h.put(0, 'k');
    h.call('storage_read', 1n, 0n, 0n);
    expect(h.burnt()).toBe(readCost(1n) + 4001n * C.storage_read_value_byte + C.storage_large_read_overhead_base + 4001n * C.storage_large_read_overhead_byte + RW(4001n));
  });

  it('storage_remove: old value → register, usage −= key + value + 40', () => {
    const h = setup();
    h.call('storage_write', h.put(0, 'key'), 0n, h.put(10, 'value'), 10n, 0n);
    const before = h.burnt();
    expect(h.call('storage_remove', 3n, 0n, 4n)).toBe(1n);
    expect(h.burnt() - before).toBe(C.base + C.storage_remove_base + MR(3n) + 3n * C.storage_remove_key_byte + RW(5n));
    expect(h.logic.currentStorageUsage).toBe(12n);
    expect(h.call('storage_remove', 3n, 0n, 4n)).toBe(0n);
  });

  it('storage_has_key', () => {
    const h = setup();
    h.call('storage_write', h.put(0, 'key'), 0n, h.put(10, 'v'), 10n, 0n);
    const before = h.burnt();
    expect(h.call('storage_has_key', 3n, 0n)).toBe(1n);
    expect(h.call('storage_has_key', 2n, 0n)).toBe(0n);
    expect(h.burnt() - before).toBe(2n * (C.base + C.storage_has_key_base) + MR(3n) + MR(2n) + 5n * C.storage_has_key_byte);
  });

  it('keys and values may come from registers (len = u64::MAX)', () => {
    const h = setup();
    h.call('write_register', 1n, h.put(0, 'rk'), 0n);
    h.call('write_register', 2n, h.put(10, 'rv'), 10n);
    const before = h.burnt();
    h.call('storage_write', U64_MAX, 1n, U64_MAX, 2n, 3n);
    expect(h.burnt() - before).toBe(C.base + C.storage_write_base + RR(2n) + RR(2n) + 2n * C.storage_write_key_byte + 2n * C.storage_write_value_byte);
    expect(h.ext.storageEntries()).toEqual([{ key: utf8('rk'), value: utf8('rv') }]);
  });

  it('KeyLengthExceeded after reading the key; ValueLengthExceeded after reading the value', () => {
    const h = setup({ limits: { maxLengthStorageKey: 4n, maxLengthStorageValue: 2n } });
    expectHostError(() => h.call('storage_write', 5n, 0n, 1n, 0n, 0n), { kind: 'KeyLengthExceeded', length: 5n, limit: 4n });
    expect(h.burnt()).toBe(C.base + C.storage_write_base + MR(5n));
    const before = h.burnt();
    expectHostError(() => h.call('storage_write', 1n, 0n, 3n, 0n, 0n), { kind: 'ValueLengthExceeded', length: 3n, limit: 2n });
    expect(h.burnt() - before).toBe(C.base + C.storage_write_base + MR(1n) + MR(3n));
    expectHostError(() => h.call('storage_read', 5n, 0n, 0n), { kind: 'KeyLengthExceeded', length: 5n, limit: 4n });
    expectHostError(() => h.call('storage_remove', 5n, 0n, 0n), { kind: 'KeyLengthExceeded', length: 5n, limit: 4n });
    expectHostError(() => h.call('storage_has_key', 5n, 0n), { kind: 'KeyLengthExceeded', length: 5n, limit: 4n });
  });

  it('the storage_iter_* imports are deprecated: fail without charging', () => {
    const h = setup();
    expectHostError(() => h.call('storage_iter_prefix', 0n, 0n), { kind: 'Deprecated', method_name: 'storage_iter_prefix' });
    expectHostError(() => h.call('storage_iter_range', 0n, 0n, 0n, 0n), { kind: 'Deprecated', method_name: 'storage_iter_range' });
    expectHostError(() => h.call('storage_iter_next', 0n, 0n, 0n), { kind: 'Deprecated', method_name: 'storage_iter_next' });
    expect(h.burnt()).toBe(0n);
  });

  it('removing more than the recorded usage is an InconsistentStateError (runner error)', () => {
    const h = setup({ context: { storageUsage: 0n } });
    h.ext.storageSet(h.logic.gas, utf8('k'), utf8('v'));
    expectRunnerError(() => h.call('storage_remove', h.put(0, 'k'), 0n, 0n), 'InconsistentStateError');
  });
});

/** A runtime-like External that charges trie nodes and evicted bytes through the tracker. */
class ChargingExternal extends MockedExternal {
  override storageSet(tracker: StorageAccessTracker, key: Uint8Array, value: Uint8Array): Uint8Array | null {
    tracker.trieNodeTouched(2n);
    const old = super.storageSet(tracker, key, value);
    if (old !== null) tracker.derefWriteEvictedValueBytes(BigInt(old.length));
    return old;
  }
  override storageGet(tracker: StorageAccessTracker, key: Uint8Array): ValuePtr | null {
    tracker.cachedTrieNodeAccess(3n);
    return super.storageGet(tracker, key);
  }
  override getRecordedStorageSize(): bigint {
    return this.recorded;
  }
  recorded = 0n;
}

describe('External-charged storage fees', () => {
  it('trie-node and evicted-byte fees land in the profile under their ExtCosts', () => {
    const ext = new ChargingExternal();
    const h = setup({ ext });
    h.call('storage_write', h.put(0, 'k'), 0n, h.put(10, 'abc'), 10n, 0n);
    h.call('storage_write', 1n, 0n, 3n, 10n, 0n);
    h.call('storage_read', 1n, 0n, 1n);
    const p = h.logic.gas.profileData();
    expect(p.getExtCost('touching_trie_node')).toBe(4n * 2_280_000_000n);
    expect(p.getExtCost('read_cached_trie_node')).toBe(3n * 2_280_000_000n);
    expect(p.getExtCost('storage_write_evicted_byte')).toBe(3n * C.storage_write_evicted_byte);
  });

  it('RecordedStorageExceeded once the proof grows past the per-receipt limit', () => {
    const ext = new ChargingExternal();
    ext.recorded = 100n;
    const h = setup({ ext, limits: { perReceiptStorageProofSizeLimit: 50n } });
    ext.recorded = 150n;
    expect(h.call('storage_has_key', h.put(0, 'k'), 0n)).toBe(0n);
    ext.recorded = 151n;
    let caught: unknown;
    try {
      h.call('storage_has_key', 1n, 0n);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(HostError);
    expect((caught as HostError).message).toBe('Size of the recorded trie storage proof has exceeded the allowed limit (50 B)');
  });
});
