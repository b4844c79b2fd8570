import { defineProject } from 'vitest/config';
import { sourceConditions, testTimeout } from '../../vitest.shared.js';

export default defineProject({
  ...sourceConditions,
  test: { testTimeout, name: 'vm-errors', include: ['test/**/*.test.ts'] },
});
