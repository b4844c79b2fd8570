import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringifyJson, type JsonValue } from '@nearts/primitives';
import { repoRoot } from '../sandbox/helpers.js';

export { buildContracts, hasNpmContract, repoRoot } from '../sandbox/helpers.js';

export const examplesDir = join(repoRoot, 'examples', 'scenarios');
export const builtDir = join(repoRoot, 'fixtures', 'contracts', 'built');

/** Writes a scenario into a fresh temporary directory; returns its path. */
export function writeScenario(scenario: JsonValue | object | string, name = 'test.scen.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'nearts-scen-'));
  const file = join(dir, name);
  writeFileSync(file, typeof scenario === 'string' ? scenario : stringifyJson(scenario as JsonValue, 2));
  return file;
}

/** Captures what a command writes. */
export function collect(): { write: (s: string) => void; text: () => string } {
  const parts: string[] = [];
  return { write: (s) => parts.push(s), text: () => parts.join('') };
}
