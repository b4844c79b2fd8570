/**
 * nearcore's `RuntimeConfigView` (core/parameters/src/view.rs): the JSON form of a runtime
 * config served by the `EXPERIMENTAL_protocol_config` RPC and kept in nearcore's snapshots.
 * Field names and order follow the Rust structs; gas and counts are JSON integers, balances
 * are decimal strings, ratios are `[numerator, denominator]`, and only gas (not compute) is shown.
 */
import { stringifyJsonPretty, type JsonValue } from './json.js';
import { LIMIT_FIELDS } from './parameter-map.js';
import type { ActionCosts, ExtCosts, Fee, RuntimeConfig, Rational, VMConfig } from './types.js';

/** Field order of nearcore's `ExtCostsConfigView`; `null` marks removed costs shown as 0. */
const VIEW_EXT_COSTS: ReadonlyArray<readonly [string, ExtCosts | null]> = [
  ...([
    'base',
    'contract_loading_base',
    'contract_loading_bytes',
    'read_memory_base',
    'read_memory_byte',
    'write_memory_base',
    'write_memory_byte',
    'read_register_base',
    'read_register_byte',
    'write_register_base',
    'write_register_byte',
    'utf8_decoding_base',
    'utf8_decoding_byte',
    'utf16_decoding_base',
    'utf16_decoding_byte',
    'sha256_base',
    'sha256_byte',
    'keccak256_base',
    'keccak256_byte',
    'keccak512_base',
    'keccak512_byte',
    'ripemd160_base',
    'ripemd160_block',
    'ed25519_verify_base',
    'ed25519_verify_byte',
    'ecrecover_base',
    'p256_verify_base',
    'p256_verify_byte',
    'log_base',
    'log_byte',
    'storage_write_base',
    'storage_write_key_byte',
    'storage_write_value_byte',
    'storage_write_evicted_byte',
    'storage_read_base',
    'storage_read_key_byte',
    'storage_read_value_byte',
    'storage_large_read_overhead_base',
    'storage_large_read_overhead_byte',
    'storage_remove_base',
    'storage_remove_key_byte',
    'storage_remove_ret_value_byte',
    'storage_has_key_base',
    'storage_has_key_byte',
    'storage_iter_create_prefix_base',
    'storage_iter_create_prefix_byte',
    'storage_iter_create_range_base',
    'storage_iter_create_from_byte',
    'storage_iter_create_to_byte',
    'storage_iter_next_base',
    'storage_iter_next_key_byte',
    'storage_iter_next_value_byte',
    'touching_trie_node',
    'read_cached_trie_node',
    'promise_and_base',
    'promise_and_per_promise',
    'promise_return',
    'validator_stake_base',
    'validator_total_stake_base',
  ] as const).map((name) => [name, name] as const),
  // Compilation costs were removed from the protocol; the view still reports them as 0.
  ['contract_compile_base', null],
  ['contract_compile_bytes', null],
  ...([
    'alt_bn128_g1_multiexp_base',
    'alt_bn128_g1_multiexp_element',
    'alt_bn128_g1_sum_base',
    'alt_bn128_g1_sum_element',
    'alt_bn128_pairing_check_base',
    'alt_bn128_pairing_check_element',
    'yield_create_base',
    'yield_create_byte',
    'yield_create_with_id_base',
    'yield_resume_base',
    'yield_resume_byte',
    'bls12381_p1_sum_base',
    'bls12381_p1_sum_element',
    'bls12381_p2_sum_base',
    'bls12381_p2_sum_element',
    'bls12381_g1_multiexp_base',
    'bls12381_g1_multiexp_element',
    'bls12381_g2_multiexp_base',
    'bls12381_g2_multiexp_element',
    'bls12381_map_fp_to_g1_base',
    'bls12381_map_fp_to_g1_element',
    'bls12381_map_fp2_to_g2_base',
    'bls12381_map_fp2_to_g2_element',
    'bls12381_pairing_base',
    'bls12381_pairing_element',
    'bls12381_p1_decompress_base',
    'bls12381_p1_decompress_element',
    'bls12381_p2_decompress_base',
    'bls12381_p2_decompress_element',
  ] as const).map((name) => [name, name] as const),
];

export interface RuntimeConfigViewOptions {
  /**
   * Print `"<REDACTED>"` for `wasm_config.vm_kind`, as nearcore's snapshot tests do (the real
   * value depends on the build host there: NearVm is replaced by Wasmtime off x86_64).
   * Default false: the configured VM kind is printed.
   */
  readonly redactVmKind?: boolean;
}

export type RuntimeConfigView = { readonly [key: string]: JsonValue };

function feeView(fee: Fee): JsonValue {
  return { send_sir: fee.sendSir, send_not_sir: fee.sendNotSir, execution: fee.execution };
}

function ratioView(ratio: Rational): JsonValue {
  return [ratio.numerator, ratio.denominator];
}

function extCostsView(wasm: VMConfig): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const [viewName, cost] of VIEW_EXT_COSTS) {
    out[viewName] = cost === null ? 0n : wasm.extCosts[cost].gas;
  }
  return out;
}

function limitConfigView(wasm: VMConfig): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const { field, parameter } of LIMIT_FIELDS) {
    const value = wasm.limitConfig[field];
    // nearcore skips `Option` limits that are `None`.
    if (value !== undefined) out[parameter] = BigInt(value);
  }
  return out;
}

function wasmConfigView(wasm: VMConfig, options: RuntimeConfigViewOptions): JsonValue {
  return {
    ext_costs: extCostsView(wasm),
    grow_mem_cost: wasm.growMemCost,
    regular_op_cost: wasm.regularOpCost,
    linear_op_base_cost: wasm.linearOpBaseCost,
    linear_op_unit_cost: wasm.linearOpUnitCost,
    vm_kind: options.redactVmKind ? '<REDACTED>' : wasm.vmKind,
    discard_custom_sections: wasm.discardCustomSections,
    global_contract_host_fns: wasm.globalContractHostFns,
    reftypes_bulk_memory: wasm.reftypesBulkMemory,
    gas_key_host_fns: wasm.gasKeyHostFns,
    one_yocto_on_promise: wasm.oneYoctoOnPromise,
    p256_verify_host_fn: wasm.p256VerifyHostFn,
    yield_with_id_host_fns: wasm.yieldWithIdHostFns,
    chain_id_host_fn: wasm.chainIdHostFn,
    bls12381_not_in_group_fix: wasm.bls12381NotInGroupFix,
    storage_get_mode: wasm.storageGetMode,
    fix_contract_loading_cost: wasm.fixContractLoadingCost,
    implicit_account_creation: wasm.implicitAccountCreation,
    eth_implicit_accounts: wasm.ethImplicitAccounts,
    limit_config: limitConfigView(wasm),
  };
}

/**
 * nearcore's `RuntimeConfigView` of `config` as a JSON value: integers are `bigint`, the one
 * float (`reject_tx_congestion_threshold`) is a `number`, balances are strings.
 */
export function runtimeConfigView(
  config: RuntimeConfig,
  options: RuntimeConfigViewOptions = {},
): RuntimeConfigView {
  const fees = config.fees;
  const fee = (cost: ActionCosts): JsonValue => feeView(fees.actionFees[cost]);
  const congestion = config.congestionControlConfig;
  const witness = config.witnessConfig;
  return {
    storage_amount_per_byte: fees.storageUsageConfig.storageAmountPerByte.toString(),
    transaction_costs: {
      action_receipt_creation_config: fee('new_action_receipt'),
      data_receipt_creation_config: {
        base_cost: fee('new_data_receipt_base'),
        cost_per_byte: fee('new_data_receipt_byte'),
      },
      action_creation_config: {
        create_account_cost: fee('create_account'),
        deploy_contract_cost: fee('deploy_contract_base'),
        deploy_contract_cost_per_byte: fee('deploy_contract_byte'),
        function_call_cost: fee('function_call_base'),
        function_call_cost_per_byte: fee('function_call_byte'),
        transfer_cost: fee('transfer'),
        stake_cost: fee('stake'),
        add_key_cost: {
          full_access_cost: fee('add_full_access_key'),
          function_call_cost: fee('add_function_call_key_base'),
          function_call_cost_per_byte: fee('add_function_call_key_byte'),
        },
        delete_key_cost: fee('delete_key'),
        delete_account_cost: fee('delete_account'),
        delegate_cost: fee('delegate'),
      },
      storage_usage_config: {
        num_bytes_account: fees.storageUsageConfig.numBytesAccount,
        num_extra_bytes_record: fees.storageUsageConfig.numExtraBytesRecord,
      },
      burnt_gas_reward: ratioView(fees.burntGasReward),
      pessimistic_gas_price_inflation_ratio: ratioView(fees.pessimisticGasPriceInflationRatio),
      ml_dsa_65_verification_cost: fees.signatureVerificationCosts.MlDsa65.gas,
    },
    wasm_config: wasmConfigView(config.wasmConfig, options),
    account_creation_config: {
      min_allowed_top_level_account_length: BigInt(
        config.accountCreationConfig.minAllowedTopLevelAccountLength,
      ),
      registrar_account_id: config.accountCreationConfig.registrarAccountId,
    },
    congestion_control_config: {
      max_congestion_incoming_gas: congestion.maxCongestionIncomingGas,
      max_congestion_outgoing_gas: congestion.maxCongestionOutgoingGas,
      max_congestion_memory_consumption: congestion.maxCongestionMemoryConsumption,
      max_congestion_missed_chunks: congestion.maxCongestionMissedChunks,
      max_outgoing_gas: congestion.maxOutgoingGas,
      min_outgoing_gas: congestion.minOutgoingGas,
      allowed_shard_outgoing_gas: congestion.allowedShardOutgoingGas,
      max_tx_gas: congestion.maxTxGas,
      min_tx_gas: congestion.minTxGas,
      reject_tx_congestion_threshold: congestion.rejectTxCongestionThreshold,
      outgoing_receipts_usual_size_limit: congestion.outgoingReceiptsUsualSizeLimit,
      outgoing_receipts_big_size_limit: congestion.outgoingReceiptsBigSizeLimit,
    },
    witness_config: {
      main_storage_proof_size_soft_limit: witness.mainStorageProofSizeSoftLimit,
      combined_transactions_size_limit: witness.combinedTransactionsSizeLimit,
      new_transactions_validation_state_size_soft_limit:
        witness.newTransactionsValidationStateSizeSoftLimit,
    },
    min_gas_purchase_price: config.minGasPurchasePrice.toString(),
    account_creation_charge: config.accountCreationCharge.toString(),
  };
}

/** The view as pretty JSON, byte for byte what nearcore's serde_json prints (no final newline). */
export function runtimeConfigViewJson(
  config: RuntimeConfig,
  options: RuntimeConfigViewOptions = {},
): string {
  return stringifyJsonPretty(runtimeConfigView(config, options));
}
