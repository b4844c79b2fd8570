import { expect, it } from 'vitest';
import * as runtimeFees from '@nearts/runtime-fees';
import * as vmLogic from '@nearts/vm-logic';
import * as vmRunner from '../src/index.js';
import { readmeTsBlocks, runTsExample } from '../../../tools/test-support/readme-examples.js';

it('the README example runs', async () => {
  const blocks = readmeTsBlocks(new URL('../README.md', import.meta.url));
  expect(blocks.length).toBeGreaterThan(0);
  for (const block of blocks) {
    await runTsExample(block, {
      '@nearts/runtime-fees': runtimeFees,
      '@nearts/vm-logic': vmLogic,
      '@nearts/vm-runner': vmRunner,
    });
  }
});
