/**
 * Host functions of nearts protocol extensions, kept apart from `HOST_FUNCTIONS` (which is exactly
 * nearcore's import list). Each is gated by its extension's presence in the config, so on a
 * protocol config none of them links and a contract importing one fails to link like a contract
 * importing any unknown function.
 */
import type { VMConfig } from '@nearts/runtime-fees';
import { parseParams, type HostFunctionEntry, type HostFunctionImpl } from './entry.js';
import * as submodules from './submodules.js';
import * as misc from './misc.js';

function extensionFn(name: string, params: string, result: '' | 'u64', impl: HostFunctionImpl, summary: string, allowedInView: boolean): HostFunctionEntry {
  return Object.freeze({
    module: 'env' as const,
    name,
    params: Object.freeze(parseParams(params)),
    results: Object.freeze(result === '' ? [] : ['i64' as const]),
    gate: (c: VMConfig) => c.submodules !== undefined,
    gateName: 'submodules (nearts extension)',
    allowedInView,
    category: name === 'submodule_call' ? 'submodules' : 'promise-actions',
    summary,
    impl,
  });
}

export const EXTENSION_HOST_FUNCTIONS: readonly HostFunctionEntry[] = Object.freeze([
  extensionFn(
    'submodule_call',
    'key_len: u64, key_ptr: u64, method_len: u64, method_ptr: u64, input_len: u64, input_ptr: u64, gas: u64, register_id: u64',
    'u64',
    submodules.submoduleCall,
    'runs a submodule of the account synchronously; status, result → register',
    true,
  ),
  extensionFn(
    'promise_batch_action_deploy_submodule',
    'promise_index: u64, key_len: u64, key_ptr: u64, code_len: u64, code_ptr: u64, prefix_len: u64, prefix_ptr: u64, ' +
      'parent_exports_len: u64, parent_exports_ptr: u64, host_functions_len: u64, host_functions_ptr: u64',
    '',
    submodules.promiseBatchActionDeploySubmodule,
    'appends DeploySubmodule',
    false,
  ),
  extensionFn(
    'promise_batch_action_delete_submodule',
    'promise_index: u64, key_len: u64, key_ptr: u64',
    '',
    submodules.promiseBatchActionDeleteSubmodule,
    'appends DeleteSubmodule',
    false,
  ),
  Object.freeze({
    module: 'env' as const,
    name: 'sandbox_debug_log',
    params: Object.freeze(parseParams('len: u64, ptr: u64')),
    results: Object.freeze([]),
    gate: (c: VMConfig) => c.sandbox === true,
    gateName: 'sandbox (nearcore cargo feature)',
    allowedInView: true,
    category: 'misc' as const,
    summary: 'sandbox only: prints a debug message, free',
    impl: misc.sandboxDebugLog as HostFunctionImpl,
  }),
]);
