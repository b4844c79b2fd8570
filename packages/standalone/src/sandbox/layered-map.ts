/**
 * A map whose frozen layers are shared between a sandbox and its snapshots: writing always goes
 * to the newest layer, so a snapshot costs O(1) and later writes never leak into it.
 */
export class LayeredMap<K, V> {
  private readonly own = new Map<K, V>();
  private frozen = false;

  constructor(private readonly parent?: LayeredMap<K, V>) {}

  get(key: K): V | undefined {
    const v = this.own.get(key);
    if (v !== undefined || this.own.has(key)) return v;
    return this.parent?.get(key);
  }

  set(key: K, value: V): void {
    if (this.frozen) throw new Error('LayeredMap: write to a frozen layer');
    this.own.set(key, value);
  }

  /** Freezes this layer and returns a writable child on top of it. */
  branch(): LayeredMap<K, V> {
    this.frozen = true;
    return new LayeredMap(this);
  }

  /** Every key in any layer (newest value wins). */
  keys(): K[] {
    const out = new Set<K>(this.parent?.keys() ?? []);
    for (const k of this.own.keys()) out.add(k);
    return [...out];
  }
}
