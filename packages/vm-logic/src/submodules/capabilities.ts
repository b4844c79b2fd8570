/**
 * Which host functions a submodule may import at all (its policy then picks among these), and
 * which host functions no code may call while a submodule call is active.
 *
 * A failed submodule call is rolled back: storage, storage usage and logs return to what they
 * were. Receipts cannot be taken back once the receipt manager has them, so everything that
 * creates or resumes a receipt is out of reach of submodules, and is refused with
 * `SubmoduleAccessDenied` when the contract's own code, called back by a submodule, tries it.
 */
import type { HostFunctionEntry } from '../host-functions/entry.js';

export const SUBMODULE_HOST_FUNCTIONS: ReadonlySet<string> = new Set([
  // registers
  'read_register',
  'register_len',
  'write_register',
  // context and economics (read-only)
  'current_account_id',
  'chain_id',
  'signer_account_id',
  'signer_account_pk',
  'predecessor_account_id',
  'input',
  'block_index',
  'block_timestamp',
  'epoch_height',
  'storage_usage',
  'account_balance',
  'account_locked_balance',
  'attached_deposit',
  'prepaid_gas',
  'used_gas',
  'random_seed',
  // math
  'sha256',
  'keccak256',
  'keccak512',
  'ed25519_verify',
  'p256_verify',
  'ripemd160',
  'ecrecover',
  'alt_bn128_g1_multiexp',
  'alt_bn128_g1_sum',
  'alt_bn128_pairing_check',
  'bls12381_p1_sum',
  'bls12381_p2_sum',
  'bls12381_g1_multiexp',
  'bls12381_g2_multiexp',
  'bls12381_map_fp_to_g1',
  'bls12381_map_fp2_to_g2',
  'bls12381_pairing_check',
  'bls12381_p1_decompress',
  'bls12381_p2_decompress',
  // misc
  'value_return',
  'panic',
  'panic_utf8',
  'log_utf8',
  'log_utf16',
  'abort',
  // storage (keys checked against the storage prefix)
  'storage_write',
  'storage_read',
  'storage_remove',
  'storage_has_key',
  // validators
  'validator_stake',
  'validator_total_stake',
  // a submodule may call submodules (depth-limited)
  'submodule_call',
]);

const READ_ONLY_PROMISE_FUNCTIONS: ReadonlySet<string> = new Set(['promise_results_count', 'promise_result']);

/** Whether calling `entry` creates, changes or resumes a receipt (not undoable by a rollback). */
export function touchesReceipts(entry: HostFunctionEntry): boolean {
  if (entry.category === 'promise-actions' || entry.category === 'yield') return true;
  return entry.category === 'promises' && !READ_ONLY_PROMISE_FUNCTIONS.has(entry.name);
}
