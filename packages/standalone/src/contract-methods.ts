/** The methods a contract exports, for `nearts prepare` and the MethodNotFound hint of `nearts run`. */
import type { VMConfig } from '@nearts/runtime-fees';
import { PrepareError } from '@nearts/vm-errors';
import { prepareContract, type PreparedContract } from '@nearts/vm-runner';

/** Exported functions a transaction can call: nearcore resolves only `() -> ()` exports. */
export function callableMethods(prepared: PreparedContract): string[] {
  return [...prepared.exportedFunctions.values()]
    .filter((f) => f.params.length === 0 && f.results.length === 0)
    .map((f) => f.name);
}

/** The callable methods of `code`, or null when the contract does not prepare under `config`. */
export function callableMethodsOf(code: Uint8Array, config: VMConfig): string[] | null {
  try {
    return callableMethods(prepareContract(code, config));
  } catch (e) {
    if (e instanceof PrepareError) return null;
    throw e;
  }
}
