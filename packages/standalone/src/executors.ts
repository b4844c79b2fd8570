/** Executors selectable with `--executor`. Forks add theirs here. */
import { defaultExecutor, type Executor } from '@nearts/vm-runner';
import { UsageError } from './usage-error.js';

const EXECUTORS: Record<string, () => Executor> = {
  wasm: defaultExecutor,
};

export const EXECUTOR_NAMES = Object.keys(EXECUTORS);

export function executorByName(name: string | undefined): Executor {
  const make = EXECUTORS[name ?? 'wasm'];
  if (!make) throw new UsageError(`unknown executor ${JSON.stringify(name)}; available: ${EXECUTOR_NAMES.join(', ')}`, '--executor');
  return make();
}
