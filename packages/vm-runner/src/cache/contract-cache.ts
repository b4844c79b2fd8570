/**
 * The compiled-contract cache: keyed by code hash + config signature + executor id, so a
 * second call of a cached contract does no parsing, validation or instrumentation.
 *
 * Like nearcore, a failed preparation is cached too: the same code under the same config
 * fails the same way, and re-preparing hostile code on every call would be a denial of service.
 */

export interface ContractCacheKey {
  /** sha256 of the original code, hex. */
  readonly codeHash: string;
  /** A digest of every VM config field that can change preparation or execution. */
  readonly configSignature: string;
  /** The executor's id (different engines produce different artifacts). */
  readonly executorId: string;
}

export function cacheKeyString(key: ContractCacheKey): string {
  return `${key.executorId}/${key.configSignature}/${key.codeHash}`;
}

/** A cache slot: whatever the executor wants to keep, with its size in bytes for the budget. */
export interface CachedArtifact<T> {
  readonly value: T;
  readonly byteSize: number;
}

export interface ContractCache<T> {
  get(key: ContractCacheKey): CachedArtifact<T> | undefined;
  put(key: ContractCacheKey, artifact: CachedArtifact<T>): void;
  has(key: ContractCacheKey): boolean;
  clear(): void;
  readonly stats: CacheStats;
}

export interface CacheStats {
  hits: number;
  misses: number;
  evictions: number;
  entries: number;
  bytes: number;
}
