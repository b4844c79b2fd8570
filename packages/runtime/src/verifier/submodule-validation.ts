/**
 * Stateless checks of the submodules extension's actions (run with the other action checks on
 * transactions and on receipts contracts create). nearcore's error types have no variants for
 * them, so a violated submodule rule is reported as `UnsupportedProtocolFeature` whose
 * `protocol_feature` names the rule (`SubmoduleKeyLength`, `SubmoduleEmptyKey`,
 * `SubmodulePolicyEntries`, `SubmodulePrefixLength`); the code size and name lengths use the
 * errors nearcore uses for contracts and method names.
 */
import type { Action } from '@nearts/primitives';
import { submodulePolicyEntries } from '@nearts/primitives';
import type { LimitConfig, SubmoduleConfig } from '@nearts/runtime-fees';
import type { ActionsValidationErrorData } from '../tx-errors.js';

type SubmoduleAction = Extract<Action, { type: 'DeploySubmodule' | 'DeleteSubmodule' }>;

export function validateSubmoduleAction(
  limits: LimitConfig,
  submodules: SubmoduleConfig | undefined,
  a: SubmoduleAction,
  version: number,
): ActionsValidationErrorData | null {
  const rule = (name: string): ActionsValidationErrorData => ({ kind: 'UnsupportedProtocolFeature', protocol_feature: name, version });
  if (submodules === undefined) return rule('Submodules');
  if (a.key.length === 0) return rule('SubmoduleEmptyKey');
  if (BigInt(a.key.length) > submodules.maxKeyLength) return rule('SubmoduleKeyLength');
  if (a.type === 'DeleteSubmodule') return null;
  const size = BigInt(a.code.length);
  if (size > limits.maxContractSize) return { kind: 'ContractSizeExceeded', size, limit: limits.maxContractSize };
  if (BigInt(submodulePolicyEntries(a.policy)) > submodules.maxPolicyEntries) return rule('SubmodulePolicyEntries');
  if (a.policy.storage.type === 'Prefix' && BigInt(a.policy.storage.prefix.length) > limits.maxLengthStorageKey) return rule('SubmodulePrefixLength');
  for (const name of [...a.policy.parentExports, ...a.policy.hostFunctions]) {
    const length = BigInt(Buffer.byteLength(name, 'utf8'));
    if (length > limits.maxLengthMethodName) return { kind: 'FunctionCallMethodNameLengthExceeded', length, limit: limits.maxLengthMethodName };
  }
  return null;
}
