import type { Entry } from './state.js';
import { keyStringToBytes } from './bytes.js';

/**
 * Merges committed entries (sorted by key string) with pending writes (sorted key strings;
 * `null` = deleted) into one stream sorted by key where pending writes win. Key strings compare
 * like their bytes (see bytes.ts). Yielded keys are fresh arrays; values are the stored bytes.
 */
export function* mergeSorted(
  committed: Iterator<[string, Uint8Array]>,
  pending: Array<[string, Uint8Array | null]>,
): Generator<Entry> {
  let c = committed.next();
  let p = 0;
  while (!c.done || p < pending.length) {
    const w = p < pending.length ? pending[p]! : undefined;
    if (w !== undefined && (c.done || w[0] <= c.value[0])) {
      if (!c.done && w[0] === c.value[0]) c = committed.next();
      p++;
      if (w[1] !== null) yield [keyStringToBytes(w[0]), w[1]];
    } else {
      const [k, v] = c.value!;
      yield [keyStringToBytes(k), v];
      c = committed.next();
    }
  }
}
