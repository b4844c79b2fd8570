import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'bench-peer', include: ['test/**/*.test.ts'] },
});
