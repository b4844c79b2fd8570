import type { Entry } from './state.js';
import { compareBytes, copyBytes, keyStringToBytes } from './bytes.js';

/**
 * Merges committed entries (sorted) with pending writes (sorted key strings; `null` = deleted)
 * into one sorted stream where pending writes win. Yielded keys are fresh arrays; values are the
 * stored bytes.
 */
export function* mergeSorted(committed: Iterator<Entry>, pending: Array<[string, Uint8Array | null]>): Generator<Entry> {
  let c = committed.next();
  let p = 0;
  let pendingKey = p < pending.length ? keyStringToBytes(pending[p]![0]) : undefined;
  while (!c.done || pendingKey !== undefined) {
    const order = pendingKey === undefined ? 1 : c.done ? -1 : compareBytes(pendingKey, c.value[0]);
    if (order <= 0) {
      if (order === 0) c = committed.next();
      const value = pending[p]![1];
      if (value !== null) yield [pendingKey!, value];
      p++;
      pendingKey = p < pending.length ? keyStringToBytes(pending[p]![0]) : undefined;
    } else {
      yield [copyBytes(c.value[0]), c.value[1]];
      c = committed.next();
    }
  }
}
