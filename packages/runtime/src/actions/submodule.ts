/**
 * DeploySubmodule and DeleteSubmodule (submodules extension, NEP-481). Only the account itself
 * may run them (like DeployContract). A deployment writes the code and the record (code hash,
 * code length, policy) under the submodule's binary key, replacing what was there; nothing is
 * compiled (submodules are prepared on their first call and cached by code hash). Deleting a key
 * that holds no submodule does nothing. Storage usage follows `submoduleStorageUsage`.
 */
import {
  decode,
  sha256,
  submoduleTrieKeys,
  SubmoduleRecordCodec,
  type AccountId,
  type SubmodulePolicy,
  type SubmoduleRecord,
} from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import { StorageInconsistentError } from '../errors.js';
import { encodeRecord, submoduleStorageUsage } from '../extensions/submodules.js';
import type { ActionContext } from './context.js';

/** The raw-state operations deployment needs (a StateUpdate, or a store `State` at genesis). */
export interface SubmoduleState {
  get(key: Uint8Array): Uint8Array | undefined;
  set(key: Uint8Array, value: Uint8Array): void;
  remove(key: Uint8Array): unknown;
}

function storedUsage(state: SubmoduleState, config: RuntimeConfig, accountId: AccountId, key: Uint8Array): bigint {
  const raw = state.get(submoduleTrieKeys.record(accountId, key));
  if (raw === undefined) return 0n;
  let record: SubmoduleRecord;
  try {
    record = decode(SubmoduleRecordCodec, raw);
  } catch (e) {
    throw new StorageInconsistentError(`submodule record in state does not decode: ${(e as Error).message}`);
  }
  return submoduleStorageUsage(config, key, record.codeLength, BigInt(raw.length));
}

/**
 * Writes submodule `key` of `accountId` (code + record) and returns the change of the account's
 * storage usage. The state keeps `code` as given: the caller must not modify it afterwards.
 */
export function storeSubmodule(state: SubmoduleState, config: RuntimeConfig, accountId: AccountId, key: Uint8Array, code: Uint8Array, policy: SubmodulePolicy): bigint {
  const before = storedUsage(state, config, accountId, key);
  const record = encodeRecord({ codeHash: sha256(code), codeLength: BigInt(code.length), policy });
  state.set(submoduleTrieKeys.code(accountId, key), code);
  state.set(submoduleTrieKeys.record(accountId, key), record);
  return submoduleStorageUsage(config, key, BigInt(code.length), BigInt(record.length)) - before;
}

/** Removes submodule `key` of `accountId`; returns the storage usage freed (0 when there was none). */
export function removeSubmodule(state: SubmoduleState, config: RuntimeConfig, accountId: AccountId, key: Uint8Array): bigint {
  const freed = storedUsage(state, config, accountId, key);
  if (freed === 0n) return 0n;
  state.remove(submoduleTrieKeys.code(accountId, key));
  state.remove(submoduleTrieKeys.record(accountId, key));
  return freed;
}

function adjustUsage(ctx: ActionContext, delta: bigint): void {
  const account = ctx.rc.account!;
  const usage = account.storageUsage + delta;
  if (usage < 0n) throw new StorageInconsistentError(`storage usage of ${ctx.rc.receipt.receiverId} would become negative`);
  account.storageUsage = usage;
}

export function actionDeploySubmodule(ctx: ActionContext, key: Uint8Array, code: Uint8Array, policy: SubmodulePolicy): void {
  const rc = ctx.rc;
  adjustUsage(ctx, storeSubmodule(rc.state, rc.apply.config, rc.receipt.receiverId, key.slice(), code.slice(), policy));
}

export function actionDeleteSubmodule(ctx: ActionContext, key: Uint8Array): void {
  const rc = ctx.rc;
  adjustUsage(ctx, -removeSubmodule(rc.state, rc.apply.config, rc.receipt.receiverId, key));
}

/** Removes every submodule of a deleted account (both columns). */
export function removeAllSubmodules(state: SubmoduleState & { iter(prefix: Uint8Array): Iterable<[Uint8Array, Uint8Array]> }, accountId: AccountId): void {
  const keys: Uint8Array[] = [];
  for (const [k] of state.iter(submoduleTrieKeys.codePrefix(accountId))) keys.push(k);
  for (const [k] of state.iter(submoduleTrieKeys.recordPrefix(accountId))) keys.push(k);
  for (const k of keys) state.remove(k);
}
