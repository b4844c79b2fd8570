// Shared vitest settings: resolve workspace packages through their "source" export
// condition so tests run against TypeScript sources without building first.
const conditions = ['source', 'import', 'module', 'node', 'default'];
export const sourceConditions = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
};
