/** --update-expectations: rewrites the expectations that did not hold with what the steps produced. */
import type { JsonValue } from '@nearts/primitives';
import type { ScenarioReport } from './runner.js';

type Keys = ReadonlyArray<string | number>;

function setAt(root: JsonValue, keys: Keys, value: JsonValue | undefined): void {
  let at = root as Record<string | number, JsonValue>;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = at[keys[i]];
    if (next === null || typeof next !== 'object') return;
    at = next as Record<string | number, JsonValue>;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete at[last];
  else at[last] = value;
}

const isPrefix = (a: Keys, b: Keys): boolean => a.length <= b.length && a.every((k, i) => b[i] === k);

/** Applies the updates of a report to the file's JSON (in place); returns how many fields changed. */
export function applyExpectationUpdates(raw: JsonValue, report: ScenarioReport): number {
  const updates: Array<{ keys: Keys; value: JsonValue | undefined }> = [];
  for (const s of report.steps) {
    for (const c of s.checks) if (!c.ok) updates.push(c.update);
    if (s.proposed) updates.push(s.proposed);
  }
  // A replaced parent (a whole list, an account check) makes updates inside it moot.
  updates.sort((a, b) => a.keys.length - b.keys.length);
  const done: Keys[] = [];
  for (const u of updates) {
    if (done.some((d) => isPrefix(d, u.keys))) continue;
    setAt(raw, u.keys, u.value);
    done.push(u.keys);
  }
  return done.length;
}
