/**
 * A map of at most `capacity` entries that forgets its older half at once when full: two
 * generations, lookups try the newer one first, and a full newer generation replaces the older.
 *
 * Why not a FIFO `Map` that deletes `keys().next()` when full: V8 leaves deleted entries in a
 * Map's table until it is rebuilt, and every `keys().next()` walks over them from the start, so
 * once such a cache is full each insert costs microseconds. Dropping a whole generation is O(1)
 * per insert on average. Entries forgotten earlier than strict FIFO would are only recomputed:
 * users keep things here that are pure functions of their key.
 */
export class BoundedCache<K, V> {
  private newer = new Map<K, V>();
  private older = new Map<K, V>();
  private readonly half: number;

  constructor(readonly capacity: number) {
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  /** Entries held (a key in both generations counts once). */
  get size(): number {
    let shadowed = 0;
    for (const k of this.older.keys()) if (this.newer.has(k)) shadowed++;
    return this.newer.size + this.older.size - shadowed;
  }

  get(key: K): V | undefined {
    const v = this.newer.get(key);
    return v !== undefined ? v : this.older.get(key);
  }

  set(key: K, value: V): void {
    if (this.capacity <= 0) return;
    if (!this.newer.has(key) && this.newer.size >= this.half) {
      // With room for one entry only, the older generation holds nothing.
      this.older = this.capacity >= 2 ? this.newer : new Map();
      this.newer = new Map();
    }
    this.newer.set(key, value);
  }
}
