/**
 * Storage staking (nearcore verifier.rs `check_storage_stake`): an account must hold
 * `storage_usage × storage_amount_per_byte` in amount + locked, unless it is a zero-balance
 * account (NEP-448: storage usage ≤ 770 bytes).
 */
import type { Account } from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import { StorageInconsistentError } from '../errors.js';
import { U128_MAX } from '../math.js';

export const ZERO_BALANCE_ACCOUNT_STORAGE_LIMIT = 770n;

/** Returns null when the stake is covered, else the missing amount. `balance` replaces account.amount. */
export function storageStakeShortfall(account: Account, balance: bigint, config: RuntimeConfig): bigint | null {
  const required = config.storageAmountPerByte * account.storageUsage;
  if (required > U128_MAX) {
    throw new StorageInconsistentError(`Account's billable storage usage ${account.storageUsage} overflows multiplication`);
  }
  const available = balance + account.locked;
  if (available > U128_MAX) {
    throw new StorageInconsistentError(`Account's amount ${account.amount} and locked ${account.locked} overflow addition`);
  }
  if (available >= required) return null;
  if (account.storageUsage <= ZERO_BALANCE_ACCOUNT_STORAGE_LIMIT) return null;
  return required - available;
}
