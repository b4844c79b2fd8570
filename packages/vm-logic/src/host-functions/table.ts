/**
 * The host-function table: every import nearcore links at protocol 86 and nightly 155
 * (`runtime/near-vm-runner/src/imports.rs`, in its order), declaratively. The import object, the
 * link-time check of contract preparation and the README table are all derived from it.
 */
import type { VMConfig } from '@nearts/runtime-fees';
import * as context from './context.js';
import * as economics from './economics.js';
import { parseParams, type HostFunctionCategory, type HostFunctionEntry, type HostFunctionImpl } from './entry.js';
import * as math from './math.js';
import * as metering from './metering.js';
import * as misc from './misc.js';
import * as actions from './promise-actions.js';
import * as promises from './promises.js';
import * as registers from './registers.js';
import * as storage from './storage.js';
import * as validators from './validators.js';
import * as yields from './yield.js';

type GateName = 'chain_id_host_fn' | 'p256_verify_host_fn' | 'global_contract_host_fns' | 'gas_key_host_fns' | 'yield_with_id_host_fns';

const GATES: Record<GateName, (c: VMConfig) => boolean> = {
  chain_id_host_fn: (c) => c.chainIdHostFn,
  p256_verify_host_fn: (c) => c.p256VerifyHostFn,
  global_contract_host_fns: (c) => c.globalContractHostFns,
  gas_key_host_fns: (c) => c.gasKeyHostFns,
  yield_with_id_host_fns: (c) => c.yieldWithIdHostFns,
};

interface Options {
  readonly gate?: GateName;
  /** Prohibited in view calls. */
  readonly noView?: boolean;
  readonly module?: 'env' | 'internal';
}

function fn(
  name: string,
  category: HostFunctionCategory,
  params: string,
  result: '' | 'u64' | 'u32',
  impl: HostFunctionImpl,
  summary: string,
  opts: Options = {},
): HostFunctionEntry {
  return Object.freeze({
    module: opts.module ?? 'env',
    name,
    params: Object.freeze(parseParams(params)),
    results: Object.freeze(result === '' ? [] : [result === 'u64' ? ('i64' as const) : ('i32' as const)]),
    gate: opts.gate === undefined ? null : GATES[opts.gate],
    gateName: opts.gate ?? null,
    allowedInView: opts.noView !== true,
    category,
    summary,
    impl,
  });
}

const internal = { module: 'internal' } as const;
const noView = { noView: true } as const;
const LIN = 'cnt: u32, lin: u64, constant: u64';
const PK_FC = 'allowance_ptr: u64, receiver_id_len: u64, receiver_id_ptr: u64, method_names_len: u64, method_names_ptr: u64';
const CALL = 'method_name_len: u64, method_name_ptr: u64, arguments_len: u64, arguments_ptr: u64, amount_ptr: u64, gas: u64';
const VERIFY = 'sig_len: u64, sig_ptr: u64, msg_len: u64, msg_ptr: u64, pub_key_len: u64, pub_key_ptr: u64';
const VALUE = 'value_len: u64, value_ptr: u64, register_id: u64';

export const HOST_FUNCTIONS: readonly HostFunctionEntry[] = Object.freeze([
  // Finite-wasm instrumentation (module `internal`; contracts cannot import these).
  fn('finite_wasm_gas', 'metering', 'gas: u64', '', metering.finiteWasmGas, 'burns instrumented wasm gas', internal),
  fn('finite_wasm_memory_copy', 'metering', LIN, 'u32', metering.finiteWasmMemoryCopy, 'charges a bulk memory copy', internal),
  fn('finite_wasm_memory_fill', 'metering', LIN, 'u32', metering.finiteWasmMemoryFill, 'charges a bulk memory fill', internal),
  fn('finite_wasm_memory_init', 'metering', LIN, 'u32', metering.finiteWasmMemoryInit, 'charges a bulk memory init', internal),
  fn('finite_wasm_table_copy', 'metering', LIN, 'u32', metering.finiteWasmTableCopy, 'charges a bulk table copy', internal),
  fn('finite_wasm_table_fill', 'metering', LIN, 'u32', metering.finiteWasmTableFill, 'charges a bulk table fill', internal),
  fn('finite_wasm_table_init', 'metering', LIN, 'u32', metering.finiteWasmTableInit, 'charges a bulk table init', internal),
  fn('finite_wasm_stack', 'metering', 'operand_size: u64, frame_size: u64', '', metering.finiteWasmStack, 'reserves stack, charges the frame fee', internal),
  fn('finite_wasm_unstack', 'metering', 'operand_size: u64, frame_size: u64', '', metering.finiteWasmUnstack, 'releases stack', internal),
  fn('finite_wasm_gas_exhausted', 'metering', '', '', metering.finiteWasmGasExhausted, 'burns all remaining gas and fails', internal),
  fn('finite_wasm_stack_exhausted', 'metering', '', '', metering.finiteWasmStackExhausted, 'fails with MemoryAccessViolation', internal),
  // Registers
  fn('read_register', 'registers', 'register_id: u64, ptr: u64', '', registers.readRegister, 'copies a register into memory'),
  fn('register_len', 'registers', 'register_id: u64', 'u64', registers.registerLen, 'register length, u64::MAX if unset'),
  fn('write_register', 'registers', 'register_id: u64, data_len: u64, data_ptr: u64', '', registers.writeRegister, 'copies memory into a register'),
  // Context
  fn('current_account_id', 'context', 'register_id: u64', '', context.currentAccountId, 'current account id → register'),
  fn('chain_id', 'context', 'register_id: u64', '', context.chainId, 'chain id → register', { gate: 'chain_id_host_fn' }),
  fn('signer_account_id', 'context', 'register_id: u64', '', context.signerAccountId, 'signer account id → register', noView),
  fn('signer_account_pk', 'context', 'register_id: u64', '', context.signerAccountPk, 'borsh signer public key → register', noView),
  fn('predecessor_account_id', 'context', 'register_id: u64', '', context.predecessorAccountId, 'predecessor account id → register', noView),
  fn('input', 'context', 'register_id: u64', '', context.input, 'call arguments → register (no per-byte fee)'),
  fn('block_index', 'context', '', 'u64', context.blockIndex, 'block height'),
  fn('block_timestamp', 'context', '', 'u64', context.blockTimestamp, 'block timestamp (ns)'),
  fn('epoch_height', 'context', '', 'u64', context.epochHeight, 'epoch height'),
  fn('storage_usage', 'context', '', 'u64', context.storageUsage, 'current storage usage in bytes'),
  // Economics
  fn('account_balance', 'economics', 'balance_ptr: u64', '', economics.accountBalance, 'current balance (u128) → memory'),
  fn('account_locked_balance', 'economics', 'balance_ptr: u64', '', economics.accountLockedBalance, 'locked balance (u128) → memory'),
  fn('attached_deposit', 'economics', 'balance_ptr: u64', '', economics.attachedDeposit, 'attached deposit (u128) → memory'),
  fn('prepaid_gas', 'economics', '', 'u64', economics.prepaidGas, 'gas attached to the call', noView),
  fn('used_gas', 'economics', '', 'u64', economics.usedGas, 'gas burnt + prepaid for promises so far', noView),
  // Math
  fn('random_seed', 'context', 'register_id: u64', '', context.randomSeed, 'random seed → register'),
  fn('sha256', 'math', VALUE, '', math.sha256, 'SHA-256 → register'),
  fn('keccak256', 'math', VALUE, '', math.keccak256, 'Keccak-256 → register'),
  fn('keccak512', 'math', VALUE, '', math.keccak512, 'Keccak-512 → register'),
  fn('ed25519_verify', 'math', VERIFY, 'u64', math.ed25519Verify, 'Ed25519 signature check (1/0)'),
  fn('p256_verify', 'math', VERIFY, 'u64', math.p256Verify, 'P-256 prehash signature check (1/0)', { gate: 'p256_verify_host_fn' }),
  fn('ripemd160', 'math', VALUE, '', math.ripemd160, 'RIPEMD-160 → register'),
  fn(
    'ecrecover',
    'math',
    'hash_len: u64, hash_ptr: u64, sign_len: u64, sig_ptr: u64, v: u64, malleability_flag: u64, register_id: u64',
    'u64',
    math.ecrecover,
    'secp256k1 key recovery (1/0)',
  ),
  // Miscellaneous
  fn('value_return', 'misc', 'value_len: u64, value_ptr: u64', '', misc.valueReturn, 'sets the return value'),
  fn('panic', 'misc', '', '', misc.panic, 'aborts: explicit guest panic'),
  fn('panic_utf8', 'misc', 'len: u64, ptr: u64', '', misc.panicUtf8, 'aborts with a UTF-8 message'),
  fn('log_utf8', 'misc', 'len: u64, ptr: u64', '', misc.logUtf8, 'appends a UTF-8 log line'),
  fn('log_utf16', 'misc', 'len: u64, ptr: u64', '', misc.logUtf16, 'appends a UTF-16LE log line'),
  fn('abort', 'misc', 'msg_ptr: u32, filename_ptr: u32, line: u32, col: u32', '', misc.abort, 'AssemblyScript abort: logs and panics'),
  // Promises
  fn('promise_create', 'promises', `account_id_len: u64, account_id_ptr: u64, ${CALL}`, 'u64', promises.promiseCreate, 'new receipt with a function call', noView),
  fn('promise_then', 'promises', `promise_index: u64, account_id_len: u64, account_id_ptr: u64, ${CALL}`, 'u64', promises.promiseThen, 'callback receipt with a function call', noView),
  fn('promise_and', 'promises', 'promise_idx_ptr: u64, promise_idx_count: u64', 'u64', promises.promiseAnd, 'joint promise', noView),
  fn('promise_batch_create', 'promises', 'account_id_len: u64, account_id_ptr: u64', 'u64', promises.promiseBatchCreate, 'new empty receipt', noView),
  fn('promise_batch_then', 'promises', 'promise_index: u64, account_id_len: u64, account_id_ptr: u64', 'u64', promises.promiseBatchThen, 'new empty dependent receipt', noView),
  fn('promise_set_refund_to', 'promises', 'promise_index: u64, account_id_len: u64, account_id_ptr: u64', '', promises.promiseSetRefundTo, 'sets the refund receiver', noView),
  fn('promise_batch_action_state_init', 'promise-actions', 'promise_idx: u64, code_len: u64, code_ptr: u64, amount_ptr: u64', 'u64', actions.promiseBatchActionStateInit, 'appends DeterministicStateInit (code hash)', noView),
  fn('promise_batch_action_state_init_by_account_id', 'promise-actions', 'promise_idx: u64, account_id_len: u64, code_hash_ptr: u64, amount_ptr: u64', 'u64', actions.promiseBatchActionStateInitByAccountId, 'appends DeterministicStateInit (global by account)', noView),
  fn('set_state_init_data_entry', 'promise-actions', 'promise_idx: u64, action_index: u64, key_len: u64, key_ptr: u64, value_len: u64, value_ptr: u64', '', actions.setStateInitDataEntry, 'adds an initial key/value to a StateInit', noView),
  fn('current_contract_code', 'context', 'register_id: u64', 'u64', context.currentContractCode, 'kind of the account contract, its id → register'),
  fn('refund_to_account_id', 'context', 'register_id: u64', '', context.refundToAccountId, 'refund receiver → register', noView),
  // Promise actions
  fn('promise_batch_action_create_account', 'promise-actions', 'promise_index: u64', '', actions.promiseBatchActionCreateAccount, 'appends CreateAccount', noView),
  fn('promise_batch_action_deploy_contract', 'promise-actions', 'promise_index: u64, code_len: u64, code_ptr: u64', '', actions.promiseBatchActionDeployContract, 'appends DeployContract', noView),
  fn('promise_batch_action_deploy_global_contract', 'promise-actions', 'promise_index: u64, code_len: u64, code_ptr: u64', '', actions.promiseBatchActionDeployGlobalContract, 'appends DeployGlobalContract (by hash)', { ...noView, gate: 'global_contract_host_fns' }),
  fn('promise_batch_action_deploy_global_contract_by_account_id', 'promise-actions', 'promise_index: u64, code_len: u64, code_ptr: u64', '', actions.promiseBatchActionDeployGlobalContractByAccountId, 'appends DeployGlobalContract (by account)', { ...noView, gate: 'global_contract_host_fns' }),
  fn('promise_batch_action_use_global_contract', 'promise-actions', 'promise_index: u64, code_hash_len: u64, code_hash_ptr: u64', '', actions.promiseBatchActionUseGlobalContract, 'appends UseGlobalContract (hash)', { ...noView, gate: 'global_contract_host_fns' }),
  fn('promise_batch_action_use_global_contract_by_account_id', 'promise-actions', 'promise_index: u64, account_id_len: u64, account_id_ptr: u64', '', actions.promiseBatchActionUseGlobalContractByAccountId, 'appends UseGlobalContract (account)', { ...noView, gate: 'global_contract_host_fns' }),
  fn('promise_batch_action_function_call', 'promise-actions', `promise_index: u64, ${CALL}`, '', actions.promiseBatchActionFunctionCall, 'appends FunctionCall', noView),
  fn('promise_batch_action_function_call_weight', 'promise-actions', `promise_index: u64, ${CALL}, gas_weight: u64`, '', actions.promiseBatchActionFunctionCallWeight, 'appends FunctionCall with a gas weight', noView),
  fn('promise_batch_action_transfer', 'promise-actions', 'promise_index: u64, amount_ptr: u64', '', actions.promiseBatchActionTransfer, 'appends Transfer', noView),
  fn('promise_batch_action_stake', 'promise-actions', 'promise_index: u64, amount_ptr: u64, public_key_len: u64, public_key_ptr: u64', '', actions.promiseBatchActionStake, 'appends Stake', noView),
  fn('promise_batch_action_add_key_with_full_access', 'promise-actions', 'promise_index: u64, public_key_len: u64, public_key_ptr: u64, nonce: u64', '', actions.promiseBatchActionAddKeyWithFullAccess, 'appends AddKey (full access)', noView),
  fn('promise_batch_action_add_key_with_function_call', 'promise-actions', `promise_index: u64, public_key_len: u64, public_key_ptr: u64, nonce: u64, ${PK_FC}`, '', actions.promiseBatchActionAddKeyWithFunctionCall, 'appends AddKey (function call)', noView),
  fn('promise_batch_action_delete_key', 'promise-actions', 'promise_index: u64, public_key_len: u64, public_key_ptr: u64', '', actions.promiseBatchActionDeleteKey, 'appends DeleteKey', noView),
  fn('promise_batch_action_delete_account', 'promise-actions', 'promise_index: u64, beneficiary_id_len: u64, beneficiary_id_ptr: u64', '', actions.promiseBatchActionDeleteAccount, 'appends DeleteAccount', noView),
  fn('promise_batch_action_transfer_to_gas_key', 'promise-actions', 'promise_index: u64, public_key_len: u64, public_key_ptr: u64, amount_ptr: u64', '', actions.promiseBatchActionTransferToGasKey, 'appends TransferToGasKey', { ...noView, gate: 'gas_key_host_fns' }),
  fn('promise_batch_action_add_gas_key_with_full_access', 'promise-actions', 'promise_index: u64, public_key_len: u64, public_key_ptr: u64, num_nonces: u64', '', actions.promiseBatchActionAddGasKeyWithFullAccess, 'appends AddKey (gas key, full access)', { ...noView, gate: 'gas_key_host_fns' }),
  fn('promise_batch_action_add_gas_key_with_function_call', 'promise-actions', `promise_index: u64, public_key_len: u64, public_key_ptr: u64, num_nonces: u64, ${PK_FC}`, '', actions.promiseBatchActionAddGasKeyWithFunctionCall, 'appends AddKey (gas key, function call)', { ...noView, gate: 'gas_key_host_fns' }),
  // Yield / resume
  fn('promise_yield_create', 'yield', 'method_name_len: u64, method_name_ptr: u64, arguments_len: u64, arguments_ptr: u64, gas: u64, gas_weight: u64, register_id: u64', 'u64', yields.promiseYieldCreate, 'yielded callback; data id → register', noView),
  fn('promise_yield_create_with_id', 'yield', `${CALL}, gas_weight: u64, yield_id_len: u64, yield_id_ptr: u64`, 'u64', yields.promiseYieldCreateWithId, 'yielded callback keyed by a yield id', { ...noView, gate: 'yield_with_id_host_fns' }),
  fn('promise_yield_resume', 'yield', 'data_id_len: u64, data_id_ptr: u64, payload_len: u64, payload_ptr: u64', 'u32', yields.promiseYieldResume, 'resumes a yield by data id (1/0)', noView),
  fn('promise_yield_resume_with_yield_id', 'yield', 'yield_id_len: u64, yield_id_ptr: u64, payload_len: u64, payload_ptr: u64', 'u32', yields.promiseYieldResumeWithYieldId, 'resumes a yield by yield id (1/0)', { ...noView, gate: 'yield_with_id_host_fns' }),
  // Promise results
  fn('promise_results_count', 'promises', '', 'u64', promises.promiseResultsCount, 'number of promise results', noView),
  fn('promise_result', 'promises', 'result_idx: u64, register_id: u64', 'u64', promises.promiseResult, '0 not ready / 1 ok (data → register) / 2 failed', noView),
  fn('promise_return', 'promises', 'promise_idx: u64', '', promises.promiseReturn, 'returns a promise’s result', noView),
  // Storage
  fn('storage_write', 'storage', 'key_len: u64, key_ptr: u64, value_len: u64, value_ptr: u64, register_id: u64', 'u64', storage.storageWrite, 'writes; old value → register (1/0)', noView),
  fn('storage_read', 'storage', 'key_len: u64, key_ptr: u64, register_id: u64', 'u64', storage.storageRead, 'reads into a register (1/0)'),
  fn('storage_remove', 'storage', 'key_len: u64, key_ptr: u64, register_id: u64', 'u64', storage.storageRemove, 'removes; old value → register (1/0)', noView),
  fn('storage_has_key', 'storage', 'key_len: u64, key_ptr: u64', 'u64', storage.storageHasKey, 'key exists (1/0)'),
  fn('storage_iter_prefix', 'storage', 'prefix_len: u64, prefix_ptr: u64', 'u64', storage.storageIterPrefix, 'deprecated: always fails'),
  fn('storage_iter_range', 'storage', 'start_len: u64, start_ptr: u64, end_len: u64, end_ptr: u64', 'u64', storage.storageIterRange, 'deprecated: always fails'),
  fn('storage_iter_next', 'storage', 'iterator_id: u64, key_register_id: u64, value_register_id: u64', 'u64', storage.storageIterNext, 'deprecated: always fails'),
  fn('gas', 'misc', 'opcodes: u32', '', misc.gas, 'legacy gas intrinsic: burns opcodes·regular_op_cost'),
  // Validators
  fn('validator_stake', 'validators', 'account_id_len: u64, account_id_ptr: u64, stake_ptr: u64', '', validators.validatorStake, 'stake of a validator (u128) → memory'),
  fn('validator_total_stake', 'validators', 'stake_ptr: u64', '', validators.validatorTotalStake, 'total stake (u128) → memory'),
  // alt_bn128
  fn('alt_bn128_g1_multiexp', 'math', VALUE, '', math.altBn128G1Multiexp, 'BN254 G1 multiexp → register'),
  fn('alt_bn128_g1_sum', 'math', VALUE, '', math.altBn128G1Sum, 'BN254 G1 signed sum → register'),
  fn('alt_bn128_pairing_check', 'math', 'value_len: u64, value_ptr: u64', 'u64', math.altBn128PairingCheck, 'BN254 pairing check (1/0)'),
  // BLS12-381
  fn('bls12381_p1_sum', 'math', VALUE, 'u64', math.bls12381P1Sum, 'G1 signed sum → register (0 ok / 1 bad input)'),
  fn('bls12381_p2_sum', 'math', VALUE, 'u64', math.bls12381P2Sum, 'G2 signed sum → register (0/1)'),
  fn('bls12381_g1_multiexp', 'math', VALUE, 'u64', math.bls12381G1Multiexp, 'G1 multiexp → register (0/1)'),
  fn('bls12381_g2_multiexp', 'math', VALUE, 'u64', math.bls12381G2Multiexp, 'G2 multiexp → register (0/1)'),
  fn('bls12381_map_fp_to_g1', 'math', VALUE, 'u64', math.bls12381MapFpToG1, 'map Fp → G1 → register (0/1)'),
  fn('bls12381_map_fp2_to_g2', 'math', VALUE, 'u64', math.bls12381MapFp2ToG2, 'map Fp2 → G2 → register (0/1)'),
  fn('bls12381_pairing_check', 'math', 'value_len: u64, value_ptr: u64', 'u64', math.bls12381PairingCheck, 'pairing check (0 one / 2 not / 1 bad)'),
  fn('bls12381_p1_decompress', 'math', VALUE, 'u64', math.bls12381P1Decompress, 'G1 decompress → register (0/1)'),
  fn('bls12381_p2_decompress', 'math', VALUE, 'u64', math.bls12381P2Decompress, 'G2 decompress → register (0/1)'),
]);
