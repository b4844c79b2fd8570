/**
 * The in-memory backend's flat key → value index of committed data, so a read is a hash-map lookup
 * instead of a trie walk (the trie is only for roots and ordered iteration).
 *
 * Forks share it copy-on-write: `fork()` freezes the current map into a shared layer and gives
 * both sides a new empty top layer, which is O(1). A read looks through the layers top-down
 * (`null` in a layer marks a deletion); a chain longer than MAX_DEPTH is flattened.
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

  /** An independent copy; O(1), both sides share the current contents read-only. */
  fork(): FlatLayers {
    const shared = new Layer(this.top, this.parent, (this.parent?.depth ?? 0) + 1);
    this.top = new Map();
    this.parent = shared;
    const child = new FlatLayers(this.base);
    child.parent = shared;
    if (shared.depth > MAX_DEPTH) {
      this.flatten();
      child.flatten();
    }
    return child;
  }

  /** Merges all layers into the top one (O(size)); reads go back to a single lookup. */
  private flatten(): void {
    const chain: Array<Map<string, Value>> = [this.top];
    for (let l = this.parent; l !== undefined; l = l.parent) chain.push(l.map);
    const merged = new Map<string, Value>();
    for (let i = chain.length - 1; i >= 0; i--) {
      for (const [k, v] of chain[i]!) {
        if (v === null && this.base === undefined) merged.delete(k);
        else merged.set(k, v);
      }
    }
    this.top = merged;
    this.parent = undefined;
  }
}
