/** The complete scenario in docs/scenarios.md runs and passes as written. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { parseJsonText, readScenario, runScenario } from '../../src/scenario/index.js';
import { buildContracts, repoRoot } from './helpers.js';

beforeAll(() => buildContracts());

it('docs/scenarios.md: the complete scenario passes', () => {
  const doc = readFileSync(join(repoRoot, 'docs', 'scenarios.md'), 'utf8');
  const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks).toHaveLength(1);
  const report = runScenario(readScenario(parseJsonText(blocks[0]), { file: 'docs/scenarios.md', dir: join(repoRoot, 'docs') }));
  expect(report.error).toBeUndefined();
  expect(report.steps.filter((s) => !s.ok).map((s) => s.checks.filter((c) => !c.ok))).toEqual([]);
  expect(report.steps).toHaveLength(5);
});
