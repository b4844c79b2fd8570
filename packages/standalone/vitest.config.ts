import { defineProject } from 'vitest/config';
import { sourceConditions, testTimeout } from '../../vitest.shared.js';

export default defineProject({
  ...sourceConditions,
  test: { testTimeout, name: 'standalone', include: ['test/**/*.test.ts'] },
});
