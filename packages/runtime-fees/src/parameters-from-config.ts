/**
 * RuntimeConfig → parameter table, the inverse of `buildRuntimeConfig`. It lets overrides work
 * on any config (also one already overridden or built by hand): the config is turned back into
 * parameters, the overrides are applied, and the config is rebuilt with nearcore's rules.
 *
 * A cost whose compute equals its gas is written in the plain-integer form, and a balance that
 * does not fit u64 as `<yocto> yN`; both read back to the same config.
 */
import { PARAMETER_NAMES, type ParameterName } from './parameter-names.js';
import { FEE_PARAMETERS, LIMIT_FIELDS, extCostParameter } from './parameter-map.js';
import type { ParameterTable } from './parameter-table.js';
import { U64_MAX, type FeeComponentValue, type ParameterValue } from './parameter-value.js';
import {
  ACTION_COSTS,
  EXT_COSTS,
  type Fee,
  type ParameterCost,
  type Rational,
  type RuntimeConfig,
} from './types.js';

function u64(value: bigint | number): ParameterValue {
  return { kind: 'u64', value: BigInt(value) };
}

function flag(value: boolean): ParameterValue {
  return { kind: 'flag', value };
}

function str(value: string): ParameterValue {
  return { kind: 'string', value };
}

function ratio(value: Rational): ParameterValue {
  return { kind: 'rational', numerator: value.numerator, denominator: value.denominator };
}

function balance(value: bigint): ParameterValue {
  return value <= U64_MAX ? u64(value) : str(`${value} yN`);
}

function cost(value: ParameterCost): ParameterValue {
  return value.gas === value.compute
    ? u64(value.gas)
    : { kind: 'cost', gas: value.gas, compute: value.compute };
}

function component(gas: bigint, compute: bigint): FeeComponentValue {
  return gas === compute ? { gas } : { gas, compute };
}

function fee(value: Fee): ParameterValue {
  return {
    kind: 'fee',
    sendSir: component(value.sendSir, value.sendSirCompute),
    sendNotSir: component(value.sendNotSir, value.sendNotSirCompute),
    execution: component(value.execution, value.executionCompute),
  };
}

export function parametersFromConfig(config: RuntimeConfig): ParameterTable {
  const { fees, wasmConfig: wasm, congestionControlConfig: cc } = config;
  const table = new Map<ParameterName, ParameterValue>();
  const set = (name: ParameterName, value: ParameterValue): void => {
    table.set(name, value);
  };

  set('burnt_gas_reward', ratio(fees.burntGasReward));
  set('pessimistic_gas_price_inflation', ratio(fees.pessimisticGasPriceInflationRatio));
  set('gas_refund_penalty', ratio(fees.gasRefundPenalty));
  set('min_gas_refund_penalty', u64(fees.minGasRefundPenalty));
  set('min_gas_purchase_price', balance(config.minGasPurchasePrice));
  set('account_creation_charge', balance(config.accountCreationCharge));

  set('main_storage_proof_size_soft_limit', u64(config.witnessConfig.mainStorageProofSizeSoftLimit));
  set('combined_transactions_size_limit', u64(config.witnessConfig.combinedTransactionsSizeLimit));
  set(
    'new_transactions_validation_state_size_soft_limit',
    u64(config.witnessConfig.newTransactionsValidationStateSizeSoftLimit),
  );
  set('outgoing_receipts_usual_size_limit', u64(cc.outgoingReceiptsUsualSizeLimit));
  set('outgoing_receipts_big_size_limit', u64(cc.outgoingReceiptsBigSizeLimit));

  set(
    'min_allowed_top_level_account_length',
    u64(config.accountCreationConfig.minAllowedTopLevelAccountLength),
  );
  set('registrar_account_id', str(config.accountCreationConfig.registrarAccountId));

  set('storage_amount_per_byte', balance(fees.storageUsageConfig.storageAmountPerByte));
  set('storage_num_bytes_account', u64(fees.storageUsageConfig.numBytesAccount));
  set('storage_num_extra_bytes_record', u64(fees.storageUsageConfig.numExtraBytesRecord));
  set(
    'global_contract_storage_amount_per_byte',
    balance(fees.storageUsageConfig.globalContractStorageAmountPerByte),
  );
  set('deploy_global_contract_execution_base', u64(fees.deployGlobalContractExecutionBase));
  set('deploy_global_contract_execution_per_byte', u64(fees.deployGlobalContractExecutionPerByte));
  set('ml_dsa_65_verification_cost', cost(fees.signatureVerificationCosts.MlDsa65));

  for (const action of ACTION_COSTS) set(FEE_PARAMETERS[action], fee(fees.actionFees[action]));
  for (const ext of EXT_COSTS) set(extCostParameter(ext), cost(wasm.extCosts[ext]));

  set('wasm_regular_op_cost', u64(wasm.regularOpCost));
  set('wasm_linear_op_base_cost', u64(wasm.linearOpBaseCost));
  set('wasm_linear_op_unit_cost', u64(wasm.linearOpUnitCost));
  set('wasm_grow_mem_cost', u64(wasm.growMemCost));

  set('max_gas_burnt_view', u64(config.maxGasBurntView));
  for (const { field, parameter } of LIMIT_FIELDS) {
    const value = wasm.limitConfig[field];
    if (value !== undefined) set(parameter, u64(value));
  }

  set('flat_storage_reads', flag(wasm.storageGetMode === 'FlatStorage'));
  set('fix_contract_loading_cost', flag(wasm.fixContractLoadingCost));
  set('fix_contract_loading_error', flag(wasm.fixContractLoadingError));
  set('vm_kind', str(wasm.vmKind));
  set('eth_implicit_accounts', flag(wasm.ethImplicitAccounts));
  set('discard_custom_sections', flag(wasm.discardCustomSections));
  set('reftypes_bulk_memory', flag(wasm.reftypesBulkMemory));
  set('global_contract_host_fns', flag(wasm.globalContractHostFns));
  set('gas_key_host_fns', flag(wasm.gasKeyHostFns));
  set('one_yocto_on_promise', flag(wasm.oneYoctoOnPromise));
  set('p256_verify_host_fn', flag(wasm.p256VerifyHostFn));
  set('yield_with_id_host_fns', flag(wasm.yieldWithIdHostFns));
  set('chain_id_host_fn', flag(wasm.chainIdHostFn));
  set('bls12381_not_in_group_fix', flag(wasm.bls12381NotInGroupFix));

  set('max_congestion_incoming_gas', u64(cc.maxCongestionIncomingGas));
  set('max_congestion_outgoing_gas', u64(cc.maxCongestionOutgoingGas));
  set('max_congestion_memory_consumption', u64(cc.maxCongestionMemoryConsumption));
  set('max_congestion_missed_chunks', u64(cc.maxCongestionMissedChunks));
  set('max_outgoing_gas', u64(cc.maxOutgoingGas));
  set('min_outgoing_gas', u64(cc.minOutgoingGas));
  set('allowed_shard_outgoing_gas', u64(cc.allowedShardOutgoingGas));
  set('max_tx_gas', u64(cc.maxTxGas));
  set('min_tx_gas', u64(cc.minTxGas));
  set('reject_tx_congestion_threshold', ratio(cc.rejectTxCongestionThresholdRatio));
  set('use_state_stored_receipt', flag(config.useStateStoredReceipt));

  const bw = config.bandwidthSchedulerConfig;
  set('max_shard_bandwidth', u64(bw.maxShardBandwidth));
  set('max_single_grant', u64(bw.maxSingleGrant));
  set('max_allowance', u64(bw.maxAllowance));
  set('max_base_bandwidth', u64(bw.maxBaseBandwidth));

  // Keep nearcore's order so the table prints like a loaded one.
  return new Map(PARAMETER_NAMES.filter((n) => table.has(n)).map((n) => [n, table.get(n)!]));
}
