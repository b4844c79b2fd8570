// The allowed dependency direction between workspace packages (an entry lists what a package
// may import). Keep in sync with ARCHITECTURE.md; the test checks both package.json and sources.
export const ALLOWED = {
  primitives: [],
  'vm-errors': ['primitives'],
  'runtime-fees': ['primitives'],
  'vm-logic': ['primitives', 'vm-errors', 'runtime-fees'],
  'vm-runner': ['primitives', 'vm-errors', 'runtime-fees', 'vm-logic'],
  store: ['primitives'],
  runtime: ['primitives', 'vm-errors', 'runtime-fees', 'vm-logic', 'vm-runner', 'store'],
  standalone: ['primitives', 'vm-errors', 'runtime-fees', 'vm-logic', 'vm-runner', 'store', 'runtime'],
  'params-estimator': ['primitives', 'vm-errors', 'runtime-fees', 'vm-logic', 'vm-runner', 'store', 'runtime'],
};

// Imports a package's src/ may not use at all, whatever its dependencies say: vm-logic knows no
// wasm engine and no state implementation.
export const FORBIDDEN_SOURCE_PATTERNS = {
  'vm-logic': [/\bWebAssembly\b/, /from ['"]node:fs/, /from ['"]lmdb['"]/],
};
