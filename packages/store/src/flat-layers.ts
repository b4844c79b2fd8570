/**
 * The in-memory backend's flat key → value index of committed data, so a read is a hash-map lookup
 * instead of a trie walk (the trie is only for roots and ordered iteration).
 *
 * Forks share it copy-on-write: `fork()` freezes the current map into a shared layer and gives
 * both sides a new empty top layer, which is O(1). A read looks through the layers top-down
 * (`null` in a layer marks a deletion). A chain longer than MAX_DEPTH is compacted: the layers
 * above the bottom one are merged into one new shared layer, so repeated forks of a large state
 * (a view call forks) cost the size of what changed since the bottom layer, not of the state.
 */
type Value = Uint8Array | null;

class Layer {
  constructor(
    readonly map: Map<string, Value>,
    readonly parent: Layer | undefined,
    readonly depth: number,
  ) {}
}

const MAX_DEPTH = 6;

export class FlatLayers {
  private top = new Map<string, Value>();
  private parent: Layer | undefined = undefined;

  /** `base` answers keys no layer knows (the lmdb snapshot under a fork of an LmdbState). */
  constructor(private readonly base?: (keyString: string) => Uint8Array | undefined) {}

  get(keyString: string): Uint8Array | undefined {
    let v = this.top.get(keyString);
    if (v !== undefined) return v ?? undefined;
    for (let l = this.parent; l !== undefined; l = l.parent) {
      v = l.map.get(keyString);
      if (v !== undefined) return v ?? undefined;
    }
    return this.base?.(keyString);
  }

  /** Records a committed write (`null` = deletion). */
  write(keyString: string, value: Value): void {
    if (value === null && this.parent === undefined && this.base === undefined) this.top.delete(keyString);
    else this.top.set(keyString, value);
  }

  /**
   * Records a whole block of committed writes at once when nothing is recorded yet (a first
   * block): `writes` itself becomes the index, instead of copying it entry by entry. The caller
   * hands the map over.
   */
  writeAll(writes: Map<string, Value>): void {
    if (this.top.size > 0 || this.parent !== undefined) {
      writes.forEach((v, k) => this.write(k, v));
      return;
    }
    if (this.base === undefined) for (const [k, v] of writes) if (v === null) writes.delete(k);
    this.top = writes;
  }

  /** An independent copy; O(1), both sides share the current contents read-only. */
  fork(): FlatLayers {
    const shared = new Layer(this.top, this.parent, (this.parent?.depth ?? 0) + 1);
    this.top = new Map();
    this.parent = shared;
    const child = new FlatLayers(this.base);
    const parent = shared.depth > MAX_DEPTH ? this.compact(shared) : shared;
    this.parent = parent;
    child.parent = parent;
    return child;
  }

  /**
   * A layer equivalent to `layer` with a short chain: everything above the bottom layer merged
   * into one map on top of it; or, when that merge outgrows the bottom layer, everything merged
   * into a single bottom layer (so the big layer stays at the bottom and later compactions stay
   * small). Shared layers are never modified.
   */
  private compact(layer: Layer): Layer {
    const above: Array<Map<string, Value>> = [];
    let bottom = layer;
    while (bottom.parent !== undefined) {
      above.push(bottom.map);
      bottom = bottom.parent;
    }
    const merged = new Map<string, Value>();
    for (let i = above.length - 1; i >= 0; i--) for (const [k, v] of above[i]!) merged.set(k, v);
    if (merged.size <= bottom.map.size) return new Layer(merged, bottom, bottom.depth + 1);
    const all = new Map(bottom.map);
    for (const [k, v] of merged) {
      if (v === null && this.base === undefined) all.delete(k);
      else all.set(k, v);
    }
    return new Layer(all, undefined, 1);
  }
}
