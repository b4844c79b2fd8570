/**
 * What every error class of this package shares: a stable `code`, the borsh discriminant path
 * of its stored form, and nearcore's RPC JSON. `message` is always nearcore's Display text.
 */
import { toPlainJson, type JsonValue } from './json.js';

export abstract class NearError extends Error {
  /** Enum and variant names down the nesting, e.g. `HostError.GasExceeded`; never changes for a variant. */
  abstract readonly code: string;
  /**
   * The borsh discriminants (`#[borsh(use_discriminant)]`) along `code`'s path in the form
   * nearcore stores, e.g. `[0, 0, 0]` for TxExecutionError → InvalidTxError →
   * InvalidAccessKeyError → AccessKeyNotFound; null when nearcore never borsh-encodes this error.
   */
  abstract readonly discriminants: readonly number[] | null;
  /** nearcore's serde JSON, exact (a u64 above 2^53 stays a bigint; see json.ts). */
  abstract json(): JsonValue;
  /** The same JSON for `JSON.stringify` (bigints rounded to doubles). */
  toJSON(): JsonValue {
    return toPlainJson(this.json());
  }
}

export function isNearError(value: unknown): value is NearError {
  return value instanceof NearError;
}
