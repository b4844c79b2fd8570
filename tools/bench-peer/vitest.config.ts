import { defineProject } from 'vitest/config';
import { testTimeout } from '../../vitest.shared.js';

export default defineProject({
  test: { testTimeout, name: 'bench-peer', include: ['test/**/*.test.ts'] },
});
