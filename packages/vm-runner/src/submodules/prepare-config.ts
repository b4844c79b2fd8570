/**
 * How a submodule is prepared: like a contract under the same VM config (same validation limits,
 * gas and stack instrumentation), except that it may also import from module `parent` (the
 * account contract's exports) and its memory starts at `submodule_initial_memory_pages` pages
 * instead of `initial_memory_pages`, because a submodule is instantiated on every call.
 */
import type { VMConfig } from '@nearts/runtime-fees';
import type { PrepareConfig } from '../prepare/index.js';

/** The import module of the account contract's exports. */
export const PARENT_MODULE = 'parent';

export type SubmodulePrepareConfig = VMConfig & PrepareConfig;

const memo = new WeakMap<VMConfig, SubmodulePrepareConfig>();

/** The prepare config of submodules under `config` (which must have the extension); memoized. */
export function submodulePrepareConfig(config: VMConfig): SubmodulePrepareConfig {
  let derived = memo.get(config);
  if (derived === undefined) {
    const pages = config.submodules?.initialMemoryPages ?? config.limitConfig.initialMemoryPages;
    derived = Object.freeze({
      ...config,
      limitConfig: Object.freeze({ ...config.limitConfig, initialMemoryPages: pages, maxMemoryPages: Math.max(pages, config.limitConfig.maxMemoryPages) }),
      importModules: Object.freeze(['env', PARENT_MODULE]),
    });
    memo.set(config, derived);
  }
  return derived;
}
