/**
 * The submodules extension (NEP-481) as the runtime sees it: whether it is on (the config has
 * `wasmConfig.submodules`), which borsh extensions transactions and receipts may use, and what a
 * stored submodule counts towards the account's storage usage.
 *
 * Gate: transactions are decoded and hashed with the extension only when the config has it, so on
 * a protocol config a transaction carrying a submodule action is rejected exactly as one with any
 * unknown action. Receipts read back from this shard's own state are decoded with the extension:
 * such state can only hold submodule actions if they were accepted (with the extension on) first.
 */
import {
  encode,
  SubmoduleRecordCodec,
  type BorshExtensions,
  type SubmoduleRecord,
} from '@nearts/primitives';
import type { RuntimeConfig, SubmoduleConfig } from '@nearts/runtime-fees';
import { RuntimeUsageError } from '../errors.js';

const SUBMODULES: BorshExtensions = Object.freeze({ submodules: true });

/** The borsh extensions of transactions and new receipts under `config` (undefined: none). */
export function borshExtensions(config: RuntimeConfig): BorshExtensions | undefined {
  return config.wasmConfig.submodules === undefined ? undefined : SUBMODULES;
}

/** For decoding receipts this shard wrote to its own state. */
export const STATE_EXTENSIONS: BorshExtensions = SUBMODULES;

/** The extension's parameters; a submodule action on a config without them is a runtime bug. */
export function submoduleConfig(config: RuntimeConfig): SubmoduleConfig {
  const s = config.wasmConfig.submodules;
  if (s === undefined) throw new RuntimeUsageError('a submodule action reached a runtime without the submodules extension');
  return s;
}

/**
 * Storage a submodule takes: each of its two trie values counts like a contract-data record
 * (its binary key + value + `storage_num_extra_bytes_record`), the code and the borsh record.
 */
export function submoduleStorageUsage(config: RuntimeConfig, key: Uint8Array, codeLength: bigint, recordLength: bigint): bigint {
  const extra = config.fees.storageUsageConfig.numExtraBytesRecord;
  return 2n * (BigInt(key.length) + extra) + codeLength + recordLength;
}

export function encodeRecord(record: SubmoduleRecord): Uint8Array {
  return encode(SubmoduleRecordCodec, record);
}
