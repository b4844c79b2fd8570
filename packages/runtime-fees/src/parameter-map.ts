/**
 * Which parameter feeds which config field: action fees (nearcore's `FeeParameter` mapping in
 * core/parameters/src/parameter.rs), host-function costs (`ExtCosts::param`, always
 * `wasm_<name>`) and the VM limits (`Parameter::vm_limits`).
 */
import type { ParameterName } from './parameter-names.js';
import type { ActionCosts, ExtCosts, LimitConfig } from './types.js';

/** The parameter holding each action fee. */
export const FEE_PARAMETERS: Readonly<Record<ActionCosts, ParameterName>> = {
  create_account: 'action_create_account',
  delete_account: 'action_delete_account',
  deploy_contract_base: 'action_deploy_contract',
  deploy_contract_byte: 'action_deploy_contract_per_byte',
  function_call_base: 'action_function_call',
  function_call_byte: 'action_function_call_per_byte',
  transfer: 'action_transfer',
  stake: 'action_stake',
  add_full_access_key: 'action_add_full_access_key',
  add_function_call_key_base: 'action_add_function_call_key',
  add_function_call_key_byte: 'action_add_function_call_key_per_byte',
  delete_key: 'action_delete_key',
  new_action_receipt: 'action_receipt_creation',
  new_data_receipt_base: 'data_receipt_creation_base',
  new_data_receipt_byte: 'data_receipt_creation_per_byte',
  delegate: 'action_delegate',
  deploy_global_contract_base: 'action_deploy_global_contract',
  deploy_global_contract_byte: 'action_deploy_global_contract_per_byte',
  use_global_contract_base: 'action_use_global_contract',
  use_global_contract_byte: 'action_use_global_contract_per_identifier_byte',
  deterministic_state_init_base: 'action_deterministic_state_init',
  deterministic_state_init_byte: 'action_deterministic_state_init_per_byte',
  deterministic_state_init_entry: 'action_deterministic_state_init_per_entry',
  gas_key_transfer_base: 'action_gas_key_transfer',
  gas_key_byte: 'action_gas_key_byte',
  gas_key_nonce_write_base: 'action_gas_key_nonce_write_base',
};

/** The parameter holding a host-function cost. */
export function extCostParameter(cost: ExtCosts): ParameterName {
  return `wasm_${cost}` as ParameterName;
}

/**
 * How a `LimitConfig` field is typed in nearcore: `u64`/`usize` → bigint, `u32` → number,
 * `option*` → absent from the table means unset, `rules` → `AccountIdValidityRulesVersion`
 * (a u8 in 0..=2 that defaults to 0 when absent).
 */
export type LimitKind = 'u64' | 'u32' | 'optionU64' | 'optionU32' | 'rules';

export interface LimitField {
  readonly field: keyof LimitConfig;
  readonly parameter: ParameterName;
  readonly kind: LimitKind;
}

/** In nearcore's `LimitConfig` declaration order, which is also the view's field order. */
export const LIMIT_FIELDS: readonly LimitField[] = [
  { field: 'maxGasBurnt', parameter: 'max_gas_burnt', kind: 'u64' },
  { field: 'maxStackHeight', parameter: 'max_stack_height', kind: 'u32' },
  { field: 'initialMemoryPages', parameter: 'initial_memory_pages', kind: 'u32' },
  { field: 'maxMemoryPages', parameter: 'max_memory_pages', kind: 'u32' },
  { field: 'registersMemoryLimit', parameter: 'registers_memory_limit', kind: 'u64' },
  { field: 'maxRegisterSize', parameter: 'max_register_size', kind: 'u64' },
  { field: 'maxNumberRegisters', parameter: 'max_number_registers', kind: 'u64' },
  { field: 'maxNumberLogs', parameter: 'max_number_logs', kind: 'u64' },
  { field: 'maxTotalLogLength', parameter: 'max_total_log_length', kind: 'u64' },
  { field: 'maxTotalPrepaidGas', parameter: 'max_total_prepaid_gas', kind: 'u64' },
  { field: 'maxActionsPerReceipt', parameter: 'max_actions_per_receipt', kind: 'u64' },
  { field: 'maxDeployActionsPerReceipt', parameter: 'max_deploy_actions_per_receipt', kind: 'u64' },
  { field: 'maxNumberBytesMethodNames', parameter: 'max_number_bytes_method_names', kind: 'u64' },
  { field: 'maxLengthMethodName', parameter: 'max_length_method_name', kind: 'u64' },
  { field: 'maxArgumentsLength', parameter: 'max_arguments_length', kind: 'u64' },
  { field: 'maxLengthReturnedData', parameter: 'max_length_returned_data', kind: 'u64' },
  { field: 'maxContractSize', parameter: 'max_contract_size', kind: 'u64' },
  { field: 'maxTransactionSize', parameter: 'max_transaction_size', kind: 'u64' },
  { field: 'maxReceiptSize', parameter: 'max_receipt_size', kind: 'u64' },
  { field: 'maxLengthStorageKey', parameter: 'max_length_storage_key', kind: 'u64' },
  { field: 'maxLengthStorageValue', parameter: 'max_length_storage_value', kind: 'u64' },
  {
    field: 'maxPromisesPerFunctionCallAction',
    parameter: 'max_promises_per_function_call_action',
    kind: 'u64',
  },
  {
    field: 'maxNumberInputDataDependencies',
    parameter: 'max_number_input_data_dependencies',
    kind: 'u64',
  },
  {
    field: 'maxFunctionsNumberPerContract',
    parameter: 'max_functions_number_per_contract',
    kind: 'optionU64',
  },
  { field: 'maxLocalsPerContract', parameter: 'max_locals_per_contract', kind: 'optionU64' },
  { field: 'maxParamsPerContract', parameter: 'max_params_per_contract', kind: 'optionU64' },
  { field: 'maxParamsPerFunction', parameter: 'max_params_per_function', kind: 'optionU64' },
  {
    field: 'maxOperandStackBytesPerFunction',
    parameter: 'max_operand_stack_bytes_per_function',
    kind: 'optionU64',
  },
  { field: 'maxTablesPerContract', parameter: 'max_tables_per_contract', kind: 'optionU32' },
  {
    field: 'maxElementsPerContractTable',
    parameter: 'max_elements_per_contract_table',
    kind: 'optionU64',
  },
  { field: 'maxFunctionBodySize', parameter: 'max_function_body_size', kind: 'optionU64' },
  { field: 'maxInstrumentedCodeSize', parameter: 'max_instrumented_code_size', kind: 'optionU64' },
  { field: 'maxBlocksPerFunction', parameter: 'max_blocks_per_function', kind: 'optionU64' },
  { field: 'maxBlocksPerContract', parameter: 'max_blocks_per_contract', kind: 'optionU64' },
  { field: 'maxTypesPerContract', parameter: 'max_types_per_contract', kind: 'optionU64' },
  {
    field: 'accountIdValidityRulesVersion',
    parameter: 'account_id_validity_rules_version',
    kind: 'rules',
  },
  { field: 'yieldTimeoutLengthInBlocks', parameter: 'yield_timeout_length_in_blocks', kind: 'u64' },
  { field: 'maxYieldPayloadSize', parameter: 'max_yield_payload_size', kind: 'u64' },
  {
    field: 'perReceiptStorageProofSizeLimit',
    parameter: 'per_receipt_storage_proof_size_limit',
    kind: 'u64',
  },
];
