import { defineConfig } from 'vitest/config';

// One vitest project per package (and per tool). Sources are resolved through the
// "source" export condition, so tests run against TypeScript without a build step.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'tools/*/vitest.config.ts'],
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
});
