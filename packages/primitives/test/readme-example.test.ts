/** Runs the ```ts example of README.md against this package's sources, so it cannot go stale. */
import * as fs from 'node:fs';
import { expect, it } from 'vitest';
import * as primitives from '../src/index.js';
import { readmeTsBlocks, runTsExample } from '../../../tools/test-support/readme-examples.js';

it('the README example runs', async () => {
  const blocks = readmeTsBlocks(new URL('../README.md', import.meta.url));
  expect(blocks).toHaveLength(1);
  await runTsExample(blocks[0]!, {
    '@nearts/primitives': primitives,
    // Paths in the example are relative to the package directory.
    'node:fs': { readFileSync: (p: string, enc: BufferEncoding) => fs.readFileSync(new URL('../' + p, import.meta.url), enc) },
  });
});
