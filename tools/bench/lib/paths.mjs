// Where things are: the repository root, the built packages (benchmarks run the dist, not the
// TypeScript sources) and the contract fixtures.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = join(BENCH_DIR, '..', '..');
export const BUILT_CONTRACTS = join(REPO_ROOT, 'fixtures', 'contracts', 'built');
export const NPM_CONTRACTS = join(REPO_ROOT, 'fixtures', 'contracts', 'npm');
