import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

it('the README example is test/readme-example.ts and runs', async () => {
  const example = readFileSync(join(here, 'readme-example.ts'), 'utf8').replace("'../src/index.js'", "'@nearts/store'");
  const readme = readFileSync(join(here, '..', 'README.md'), 'utf8');
  expect(readme).toContain('```ts\n' + example + '```');
  // The example asserts its own results (node:assert) and throws if any fails.
  await import('./readme-example.js');
});
