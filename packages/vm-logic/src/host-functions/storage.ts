/**
 * Storage API over the current account's key/value storage. Trie-node fees and the evicted /
 * removed value byte fees are charged by the External through the gas counter (it is the
 * `StorageAccessTracker`); MockedExternal charges none of them, like nearcore's mock.
 */
import { HostError } from '@nearts/vm-errors';
import { FREE_STORAGE_TRACKER } from '../external.js';
import type { VMLogic } from '../logic.js';

/** Values longer than this live outside the trie node and cost the large-read overhead. */
export const INLINE_DISK_VALUE_THRESHOLD = 4000;

function checkKeyLength(logic: VMLogic, key: Uint8Array): void {
  const limit = logic.config.limitConfig.maxLengthStorageKey;
  if (BigInt(key.length) > limit) throw new HostError({ kind: 'KeyLengthExceeded', length: BigInt(key.length), limit });
}

/**
 * B, V!, storage_write_base, GMR(key), [key limit], GMR(value), [value limit], key bytes, value
 * bytes, ext (trie nodes + evicted bytes), [proof limit], RW(old) when a value was replaced.
 * Returns 1 when it replaced a value (now in the register), else 0.
 */
export function storageWrite(
  logic: VMLogic,
  keyLen: bigint,
  keyPtr: bigint,
  valueLen: bigint,
  valuePtr: bigint,
  registerId: bigint,
): bigint {
  logic.payBase();
  logic.checkNotView('storage_write');
  logic.gas.payBase('storage_write_base');
  const key = logic.memoryOrRegister(keyPtr, keyLen);
  checkKeyLength(logic, key);
  const value = logic.memoryOrRegister(valuePtr, valueLen);
  const valueLimit = logic.config.limitConfig.maxLengthStorageValue;
  if (BigInt(value.length) > valueLimit) {
    throw new HostError({ kind: 'ValueLengthExceeded', length: BigInt(value.length), limit: valueLimit });
  }
  logic.gas.payPer('storage_write_key_byte', BigInt(key.length));
  logic.gas.payPer('storage_write_value_byte', BigInt(value.length));
  const evicted = logic.ext.storageSet(logic.gas, key, value);
  logic.observeRecordedStorage();
  if (evicted !== null) {
    // nearcore subtracts first, then adds: an underflow here is an inconsistent state.
    logic.subStorageUsage(BigInt(evicted.length));
    logic.addStorageUsage(BigInt(value.length));
    logic.setRegister(registerId, evicted);
    return 1n;
  }
  logic.addStorageUsage(BigInt(value.length) + BigInt(key.length) + logic.fees.storageUsageConfig.numExtraBytesRecord);
  return 0n;
}

/**
 * B, storage_read_base, GMR(key), [key limit], key bytes, ext lookup, value bytes (+ large-read
 * overhead above 4000 bytes), [proof limit], RW(len). Returns 1 when found, else 0.
 */
export function storageRead(logic: VMLogic, keyLen: bigint, keyPtr: bigint, registerId: bigint): bigint {
  logic.payBase();
  logic.gas.payBase('storage_read_base');
  const key = logic.memoryOrRegister(keyPtr, keyLen);
  checkKeyLength(logic, key);
  logic.gas.payPer('storage_read_key_byte', BigInt(key.length));
  const ptr = logic.ext.storageGet(logic.gas, key);
  let value: Uint8Array | null = null;
  if (ptr !== null) {
    const len = BigInt(ptr.length);
    logic.gas.payPer('storage_read_value_byte', len);
    if (ptr.length > INLINE_DISK_VALUE_THRESHOLD) {
      logic.gas.payBase('storage_large_read_overhead_base');
      logic.gas.payPer('storage_large_read_overhead_byte', len);
    }
    value = ptr.deref(FREE_STORAGE_TRACKER);
  }
  logic.observeRecordedStorage();
  if (value === null) return 0n;
  logic.setRegister(registerId, value);
  return 1n;
}

/**
 * B, V!, storage_remove_base, GMR(key), [key limit], key bytes, ext (trie nodes + removed bytes),
 * [proof limit], RW(old). Returns 1 when a value was removed (now in the register), else 0.
 */
export function storageRemove(logic: VMLogic, keyLen: bigint, keyPtr: bigint, registerId: bigint): bigint {
  logic.payBase();
  logic.checkNotView('storage_remove');
  logic.gas.payBase('storage_remove_base');
  const key = logic.memoryOrRegister(keyPtr, keyLen);
  checkKeyLength(logic, key);
  logic.gas.payPer('storage_remove_key_byte', BigInt(key.length));
  const removed = logic.ext.storageRemove(logic.gas, key);
  logic.observeRecordedStorage();
  if (removed === null) return 0n;
  logic.subStorageUsage(BigInt(removed.length) + BigInt(key.length) + logic.fees.storageUsageConfig.numExtraBytesRecord);
  logic.setRegister(registerId, removed);
  return 1n;
}

/** B, storage_has_key_base, GMR(key), [key limit], key bytes, ext, [proof limit]. */
export function storageHasKey(logic: VMLogic, keyLen: bigint, keyPtr: bigint): bigint {
  logic.payBase();
  logic.gas.payBase('storage_has_key_base');
  const key = logic.memoryOrRegister(keyPtr, keyLen);
  checkKeyLength(logic, key);
  logic.gas.payPer('storage_has_key_byte', BigInt(key.length));
  const found = logic.ext.storageHasKey(logic.gas, key);
  logic.observeRecordedStorage();
  return found ? 1n : 0n;
}

function deprecated(methodName: string): HostError {
  return new HostError({ kind: 'Deprecated', method_name: methodName });
}

/** Deprecated: always fails, charging nothing. */
export function storageIterPrefix(_logic: VMLogic, _prefixLen: bigint, _prefixPtr: bigint): bigint {
  throw deprecated('storage_iter_prefix');
}

/** Deprecated: always fails, charging nothing. */
export function storageIterRange(_logic: VMLogic, _startLen: bigint, _startPtr: bigint, _endLen: bigint, _endPtr: bigint): bigint {
  throw deprecated('storage_iter_range');
}

/** Deprecated: always fails, charging nothing. */
export function storageIterNext(_logic: VMLogic, _iteratorId: bigint, _keyRegisterId: bigint, _valueRegisterId: bigint): bigint {
  throw deprecated('storage_iter_next');
}
