import { cacheKeyString, type CachedArtifact, type CacheStats, type ContractCache, type ContractCacheKey } from './contract-cache.js';

/**
 * In-memory LRU bounded by a byte budget. A Map keeps recency order: a hit moves the entry to
 * the end, eviction takes from the front. An artifact larger than the whole budget is not kept.
 */
export class LruContractCache<T> implements ContractCache<T> {
  private readonly entries = new Map<string, CachedArtifact<T>>();
  readonly stats: CacheStats = { hits: 0, misses: 0, evictions: 0, entries: 0, bytes: 0 };

  constructor(readonly byteBudget: number = 256 * 1024 * 1024) {
    if (!(byteBudget > 0)) throw new RangeError(`cache byte budget must be positive, got ${byteBudget}`);
  }

  get(key: ContractCacheKey): CachedArtifact<T> | undefined {
    const k = cacheKeyString(key);
    const hit = this.entries.get(k);
    if (hit === undefined) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.entries.delete(k);
    this.entries.set(k, hit);
    return hit;
  }

  has(key: ContractCacheKey): boolean {
    return this.entries.has(cacheKeyString(key));
  }

  put(key: ContractCacheKey, artifact: CachedArtifact<T>): void {
    const k = cacheKeyString(key);
    const old = this.entries.get(k);
    if (old !== undefined) {
      this.entries.delete(k);
      this.stats.bytes -= old.byteSize;
    }
    if (artifact.byteSize > this.byteBudget) {
      this.stats.entries = this.entries.size;
      return;
    }
    this.entries.set(k, artifact);
    this.stats.bytes += artifact.byteSize;
    while (this.stats.bytes > this.byteBudget) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      const victim = this.entries.get(oldest.value)!;
      this.entries.delete(oldest.value);
      this.stats.bytes -= victim.byteSize;
      this.stats.evictions++;
    }
    this.stats.entries = this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.stats.bytes = 0;
    this.stats.entries = 0;
  }
}
