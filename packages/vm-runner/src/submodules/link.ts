/**
 * Linking a submodule against what its policy grants: every `env` import must be a host function
 * submodules may use, listed in its (effective) policy and of the right type; every `parent`
 * import must be listed, exported by the account contract as a function, and of the same type.
 * Returns the LinkError message of the first import that fails, or null.
 */
import type { VMConfig } from '@nearts/runtime-fees';
import { linkableHostFunctions, SUBMODULE_HOST_FUNCTIONS, type SubmoduleScope } from '@nearts/vm-logic';
import type { PreparedContract } from '../prepare/index.js';
import { sameSignature } from '../executor/wasm-executor.js';
import { PARENT_MODULE } from './prepare-config.js';

const linkableMemo = new WeakMap<VMConfig, ReturnType<typeof linkableHostFunctions>>();

/** The host functions linkable under `config`, built once per config (this runs on every call). */
function linkable(config: VMConfig): ReturnType<typeof linkableHostFunctions> {
  let map = linkableMemo.get(config);
  if (map === undefined) linkableMemo.set(config, (map = linkableHostFunctions(config)));
  return map;
}

function sameTypes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

export function linkSubmodule(sub: PreparedContract, scope: SubmoduleScope, config: VMConfig, parent: PreparedContract): string | null {
  const available = linkable(config);
  for (const imp of sub.hostImports) {
    if (imp.module === PARENT_MODULE) {
      if (!scope.parentExports.has(imp.name)) return `\`parent::${imp.name}\` is not in the submodule's policy`;
      const fn = parent.exportedFunctions.get(imp.name);
      if (fn === undefined) return `the account contract exports no function \`${imp.name}\``;
      if (!sameTypes(fn.params, imp.params) || !sameTypes(fn.results, imp.results)) return `incompatible import type for \`parent::${imp.name}\``;
      continue;
    }
    const entry = available.get(imp.name);
    if (entry === undefined || !SUBMODULE_HOST_FUNCTIONS.has(imp.name)) return `unknown or invalid import \`env::${imp.name}\` for a submodule`;
    if (!scope.hostFunctions.has(imp.name)) return `\`env::${imp.name}\` is not in the submodule's policy`;
    if (!sameSignature(entry, imp.params, imp.results)) return `incompatible import type for \`env::${imp.name}\``;
  }
  return null;
}
