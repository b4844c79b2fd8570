/**
 * Reads nearcore's insta snapshots copied into `fixtures/nearcore/` (from nearcore
 * f0c7706f1fac2764c4cf97a4a92586b4b6757a95, core/parameters/src/snapshots and
 * core/parameters/res/runtime_configs/parameters.snap).
 */
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('./fixtures/nearcore/', import.meta.url);

export function readFixture(fileName: string): string {
  return readFileSync(new URL(fileName, FIXTURES), 'utf8');
}

/** Everything after the insta header (the part between the two `---` lines). */
export function snapshotBody(fileName: string): string {
  const text = readFixture(fileName);
  const match = /^---\n[\s\S]*?\n---\n/.exec(text);
  if (!match) throw new Error(`${fileName} has no insta header`);
  return text.slice(match[0].length);
}

/** Body of nearcore's `RuntimeConfigView` snapshot `<name>.json` (e.g. `86`, `testnet_86`). */
export function viewSnapshot(name: string): string {
  return snapshotBody(`near_parameters__config_store__tests__${name}.json.snap`);
}
