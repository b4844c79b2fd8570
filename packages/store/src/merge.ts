import type { Entry } from './state.js';
import type { PendingWrite } from './write-buffer.js';
import { compareBytes, copyBytes } from './bytes.js';

/**
 * Merges committed entries (sorted) with pending writes (sorted; `null` = deleted) into one
 * sorted stream where pending writes win. Yielded keys are copies; values are the stored bytes.
 */
export function* mergeSorted(committed: Iterator<Entry>, pending: PendingWrite[]): Generator<Entry> {
  let c = committed.next();
  let p = 0;
  while (!c.done || p < pending.length) {
    const w = p < pending.length ? pending[p] : undefined;
    if (c.done || (w !== undefined && compareBytes(w.key, c.value[0]) <= 0)) {
      if (!c.done && compareBytes(w!.key, c.value[0]) === 0) c = committed.next();
      p++;
      if (w!.value !== null) yield [copyBytes(w!.key), w!.value];
    } else {
      yield [copyBytes(c.value[0]), c.value[1]];
      c = committed.next();
    }
  }
}
