/**
 * Parameter table → RuntimeConfig, field by field as nearcore's
 * `TryFrom<&ParameterTable> for RuntimeConfig` (core/parameters/src/parameter_table.rs).
 */
import { InvalidParameterValueError } from './errors.js';
import { EXT_COSTS, ACTION_COSTS } from './types.js';
import type {
  ActionCosts,
  ExtCosts,
  Fee,
  LimitConfig,
  ParameterCost,
  RuntimeConfig,
  SignatureKind,
} from './types.js';
import { FEE_PARAMETERS, LIMIT_FIELDS, extCostParameter } from './parameter-map.js';
import type { ParameterTable } from './parameter-table.js';
import { TableReader, toSmallUInt, toUInt } from './value-conversion.js';

const ZERO_COST: ParameterCost = Object.freeze({ gas: 0n, compute: 0n });

function buildLimitConfig(reader: TableReader): LimitConfig {
  const limits: Record<string, bigint | number | undefined> = {};
  for (const { field, parameter, kind } of LIMIT_FIELDS) {
    const value = reader.optional(parameter);
    switch (kind) {
      case 'u64':
        limits[field] = reader.u64(parameter);
        break;
      case 'u32':
        limits[field] = reader.small(parameter, 'u32');
        break;
      case 'optionU64':
        limits[field] = value === undefined ? undefined : toUInt(parameter, value, 'u64');
        break;
      case 'optionU32':
        limits[field] = value === undefined ? undefined : toSmallUInt(parameter, value, 'u32');
        break;
      case 'rules': {
        const version = value === undefined ? 0 : toSmallUInt(parameter, value, 'u8');
        if (version > 2) {
          throw new InvalidParameterValueError(parameter, `${version} is not 0, 1 or 2`);
        }
        limits[field] = version;
        break;
      }
    }
  }
  return limits as unknown as LimitConfig;
}

/** Builds the config; every missing or ill-typed parameter is a typed error naming it. */
export function buildRuntimeConfig(
  table: ParameterTable,
  protocolVersion: number,
  chainId: string,
): RuntimeConfig {
  const r = new TableReader(table);

  const extCosts = {} as Record<ExtCosts, ParameterCost>;
  for (const cost of EXT_COSTS) extCosts[cost] = r.cost(extCostParameter(cost));
  const actionFees = {} as Record<ActionCosts, Fee>;
  for (const cost of ACTION_COSTS) actionFees[cost] = r.fee(FEE_PARAMETERS[cost]);
  // Only ML-DSA-65 carries an extra charge; the classical schemes are priced into
  // `action_receipt_creation` already.
  const signatureVerificationCosts: Record<SignatureKind, ParameterCost> = {
    Ed25519: ZERO_COST,
    Secp256k1: ZERO_COST,
    MlDsa65: r.cost('ml_dsa_65_verification_cost'),
  };
  const rejectRatio = r.rational('reject_tx_congestion_threshold');
  const storageAmountPerByte = r.balance('storage_amount_per_byte');

  return {
    protocolVersion,
    chainId,
    fees: {
      actionFees,
      storageUsageConfig: {
        storageAmountPerByte,
        numBytesAccount: r.u64('storage_num_bytes_account'),
        numExtraBytesRecord: r.u64('storage_num_extra_bytes_record'),
        globalContractStorageAmountPerByte: r.balance('global_contract_storage_amount_per_byte'),
      },
      burntGasReward: r.rational('burnt_gas_reward'),
      pessimisticGasPriceInflationRatio: r.rational('pessimistic_gas_price_inflation'),
      gasRefundPenalty: r.rational('gas_refund_penalty'),
      minGasRefundPenalty: r.u64('min_gas_refund_penalty'),
      deployGlobalContractExecutionBase: r.u64('deploy_global_contract_execution_base'),
      deployGlobalContractExecutionPerByte: r.u64('deploy_global_contract_execution_per_byte'),
      signatureVerificationCosts,
    },
    wasmConfig: {
      extCosts,
      growMemCost: r.u32AsBigInt('wasm_grow_mem_cost'),
      regularOpCost: r.u32AsBigInt('wasm_regular_op_cost'),
      linearOpBaseCost: r.u64('wasm_linear_op_base_cost'),
      linearOpUnitCost: r.u64('wasm_linear_op_unit_cost'),
      vmKind: r.vmKind('vm_kind'),
      storageGetMode: r.bool('flat_storage_reads') ? 'FlatStorage' : 'Trie',
      fixContractLoadingCost: r.bool('fix_contract_loading_cost'),
      fixContractLoadingError: r.bool('fix_contract_loading_error'),
      ethImplicitAccounts: r.bool('eth_implicit_accounts'),
      discardCustomSections: r.bool('discard_custom_sections'),
      globalContractHostFns: r.bool('global_contract_host_fns'),
      reftypesBulkMemory: r.bool('reftypes_bulk_memory'),
      gasKeyHostFns: r.bool('gas_key_host_fns'),
      oneYoctoOnPromise: r.bool('one_yocto_on_promise'),
      p256VerifyHostFn: r.bool('p256_verify_host_fn'),
      yieldWithIdHostFns: r.bool('yield_with_id_host_fns'),
      chainIdHostFn: r.bool('chain_id_host_fn'),
      bls12381NotInGroupFix: r.bool('bls12381_not_in_group_fix'),
      implicitAccountCreation: true,
      limitConfig: buildLimitConfig(r),
    },
    accountCreationConfig: {
      minAllowedTopLevelAccountLength: r.small('min_allowed_top_level_account_length', 'u8'),
      registrarAccountId: r.accountId('registrar_account_id'),
    },
    congestionControlConfig: {
      maxCongestionIncomingGas: r.u64('max_congestion_incoming_gas'),
      maxCongestionOutgoingGas: r.u64('max_congestion_outgoing_gas'),
      maxCongestionMemoryConsumption: r.u64('max_congestion_memory_consumption'),
      maxCongestionMissedChunks: r.u64('max_congestion_missed_chunks'),
      maxOutgoingGas: r.u64('max_outgoing_gas'),
      minOutgoingGas: r.u64('min_outgoing_gas'),
      allowedShardOutgoingGas: r.u64('allowed_shard_outgoing_gas'),
      maxTxGas: r.u64('max_tx_gas'),
      minTxGas: r.u64('min_tx_gas'),
      // i32 numerator and denominator are exact doubles, so this is nearcore's f64 division.
      rejectTxCongestionThreshold: Number(rejectRatio.numerator) / Number(rejectRatio.denominator),
      rejectTxCongestionThresholdRatio: rejectRatio,
      outgoingReceiptsUsualSizeLimit: r.u64('outgoing_receipts_usual_size_limit'),
      outgoingReceiptsBigSizeLimit: r.u64('outgoing_receipts_big_size_limit'),
    },
    witnessConfig: {
      mainStorageProofSizeSoftLimit: r.u64('main_storage_proof_size_soft_limit'),
      combinedTransactionsSizeLimit: r.u64('combined_transactions_size_limit'),
      newTransactionsValidationStateSizeSoftLimit: r.u64(
        'new_transactions_validation_state_size_soft_limit',
      ),
    },
    bandwidthSchedulerConfig: {
      maxShardBandwidth: r.u64('max_shard_bandwidth'),
      maxSingleGrant: r.u64('max_single_grant'),
      maxAllowance: r.u64('max_allowance'),
      maxBaseBandwidth: r.u64('max_base_bandwidth'),
    },
    useStateStoredReceipt: r.bool('use_state_stored_receipt'),
    minGasPurchasePrice: r.balance('min_gas_purchase_price'),
    accountCreationCharge: r.balance('account_creation_charge'),
    storageAmountPerByte,
    maxGasBurntView: r.u64('max_gas_burnt_view'),
  };
}

/** Freezes a config and everything in it, so a shared cached config cannot be changed. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
