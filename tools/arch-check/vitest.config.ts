import { defineProject } from 'vitest/config';
import { testTimeout } from '../../vitest.shared.js';

export default defineProject({
  test: { testTimeout, name: 'arch-check', include: ['test/**/*.test.ts'] },
});
