// Shared vitest settings: resolve workspace packages through their "source" export
// condition so tests run against TypeScript sources without building first.
const conditions = ['source', 'import', 'module', 'node', 'default'];
export const sourceConditions = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
};

// Per-test time limit for every project. vitest's 5 s default is for a quiet machine; CI runs
// the projects two at a time on two cores and a few tests (real contracts, crypto vectors) take
// seconds there. A hang is still caught.
export const testTimeout = 30_000;
