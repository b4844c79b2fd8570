import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'arch-check', include: ['test/**/*.test.ts'] },
});
