/** docs/sandbox.md shows docs-example.test.ts (which runs in this suite) as it is. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('docs/sandbox.md shows the test that runs', () => {
  const example = readFileSync(new URL('./docs-example.test.ts', import.meta.url), 'utf8')
    .replace("'../../src/index.js'", "'@nearts/standalone'")
    .replace("import { contractPath } from './helpers.js';", 'const contractPath = (name: string) => `fixtures/contracts/built/${name}.wasm`;');
  const doc = readFileSync(new URL('../../docs/sandbox.md', import.meta.url), 'utf8');
  expect(doc).toContain('```ts\n' + example + '```');
});
