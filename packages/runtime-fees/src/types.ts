/**
 * The shape of a runtime configuration, mirroring nearcore's `RuntimeConfig`
 * (core/parameters/src/config.rs), `RuntimeFeesConfig` (cost.rs) and `vm::Config` /
 * `LimitConfig` (vm.rs), with camelCase field names.
 *
 * Number types: every gas, compute, balance, u64 and usize quantity is a `bigint`. Only values
 * nearcore keeps as u8/u32 counts (stack height, memory pages, table count, account-id length,
 * rules version) are `number`. Configs handed out by this package are deeply frozen.
 */

import type { SubmoduleConfig } from './extensions/submodules.js';

/** Host-function cost names in nearcore's `ExtCosts` enum order (index = borsh discriminant). */
export const EXT_COSTS = [
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
  'ecrecover_base',
  'log_base',
  'log_byte',
  'storage_write_base',
  'storage_write_key_byte',
  'storage_write_value_byte',
  'storage_write_evicted_byte',
  'storage_read_base',
  'storage_read_key_byte',
  'storage_read_value_byte',
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
  'alt_bn128_g1_multiexp_base',
  'alt_bn128_g1_multiexp_element',
  'alt_bn128_pairing_check_base',
  'alt_bn128_pairing_check_element',
  'alt_bn128_g1_sum_base',
  'alt_bn128_g1_sum_element',
  'ed25519_verify_base',
  'ed25519_verify_byte',
  'yield_create_base',
  'yield_create_byte',
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
  'storage_large_read_overhead_base',
  'storage_large_read_overhead_byte',
  'p256_verify_base',
  'p256_verify_byte',
  'yield_create_with_id_base',
] as const;

export type ExtCosts = (typeof EXT_COSTS)[number];

/** Action fee names in nearcore's `ActionCosts` enum order (index = borsh discriminant). */
export const ACTION_COSTS = [
  'create_account',
  'delete_account',
  'deploy_contract_base',
  'deploy_contract_byte',
  'function_call_base',
  'function_call_byte',
  'transfer',
  'stake',
  'add_full_access_key',
  'add_function_call_key_base',
  'add_function_call_key_byte',
  'delete_key',
  'new_action_receipt',
  'new_data_receipt_base',
  'new_data_receipt_byte',
  'delegate',
  'deploy_global_contract_base',
  'deploy_global_contract_byte',
  'use_global_contract_base',
  'use_global_contract_byte',
  'deterministic_state_init_base',
  'deterministic_state_init_byte',
  'deterministic_state_init_entry',
  'gas_key_transfer_base',
  'gas_key_byte',
  'gas_key_nonce_write_base',
] as const;

export type ActionCosts = (typeof ACTION_COSTS)[number];

/** Signature schemes with a (possibly zero) extra verification cost, nearcore's `SignatureKind`. */
export const SIGNATURE_KINDS = ['Ed25519', 'Secp256k1', 'MlDsa65'] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];

/** nearcore's `VMKind`. The value comes from the `vm_kind` parameter. */
export const VM_KINDS = ['Wasmer0', 'Wasmtime', 'Wasmer2', 'NearVm'] as const;
export type VMKind = (typeof VM_KINDS)[number];

/** nearcore's `StorageGetMode`, derived from the `flat_storage_reads` parameter. */
export type StorageGetMode = 'FlatStorage' | 'Trie';

/** A gas cost with its compute cost (compute equals gas unless a parameter sets it apart). */
export interface ParameterCost {
  readonly gas: bigint;
  readonly compute: bigint;
}

/**
 * Fee of one action kind. `sendSir`/`sendNotSir` are burnt when the receipt is created (sir =
 * sender is receiver), `execution` when it is applied. The `*Compute` fields are the compute
 * costs nearcore keeps per fee component (equal to the gas value unless `{ gas, compute }` was
 * given in the parameter file).
 */
export interface Fee {
  readonly sendSir: bigint;
  readonly sendNotSir: bigint;
  readonly execution: bigint;
  readonly sendSirCompute: bigint;
  readonly sendNotSirCompute: bigint;
  readonly executionCompute: bigint;
}

/** A fraction, nearcore's `Rational32`, kept reduced with a positive denominator. */
export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** nearcore's `vm::LimitConfig`. Fields that are `Option` in nearcore are `undefined` when unset. */
export interface LimitConfig {
  readonly maxGasBurnt: bigint;
  readonly maxStackHeight: number;
  readonly initialMemoryPages: number;
  readonly maxMemoryPages: number;
  readonly registersMemoryLimit: bigint;
  readonly maxRegisterSize: bigint;
  readonly maxNumberRegisters: bigint;
  readonly maxNumberLogs: bigint;
  readonly maxTotalLogLength: bigint;
  readonly maxTotalPrepaidGas: bigint;
  readonly maxActionsPerReceipt: bigint;
  readonly maxDeployActionsPerReceipt: bigint;
  readonly maxNumberBytesMethodNames: bigint;
  readonly maxLengthMethodName: bigint;
  readonly maxArgumentsLength: bigint;
  readonly maxLengthReturnedData: bigint;
  readonly maxContractSize: bigint;
  readonly maxTransactionSize: bigint;
  readonly maxReceiptSize: bigint;
  readonly maxLengthStorageKey: bigint;
  readonly maxLengthStorageValue: bigint;
  readonly maxPromisesPerFunctionCallAction: bigint;
  readonly maxNumberInputDataDependencies: bigint;
  readonly maxFunctionsNumberPerContract: bigint | undefined;
  readonly maxLocalsPerContract: bigint | undefined;
  readonly maxParamsPerContract: bigint | undefined;
  readonly maxParamsPerFunction: bigint | undefined;
  readonly maxOperandStackBytesPerFunction: bigint | undefined;
  readonly maxTablesPerContract: number | undefined;
  readonly maxElementsPerContractTable: bigint | undefined;
  readonly maxFunctionBodySize: bigint | undefined;
  readonly maxInstrumentedCodeSize: bigint | undefined;
  readonly maxBlocksPerFunction: bigint | undefined;
  readonly maxBlocksPerContract: bigint | undefined;
  readonly maxTypesPerContract: bigint | undefined;
  /** 0, 1 or 2 (nearcore's `AccountIdValidityRulesVersion::V0..V2`). */
  readonly accountIdValidityRulesVersion: number;
  readonly yieldTimeoutLengthInBlocks: bigint;
  readonly maxYieldPayloadSize: bigint;
  readonly perReceiptStorageProofSizeLimit: bigint;
}

/** nearcore's `vm::Config` (the view calls it `wasm_config`). */
export interface VMConfig {
  readonly extCosts: Readonly<Record<ExtCosts, ParameterCost>>;
  /** Gas per grown memory page (unused by current instrumentation, kept for the view). */
  readonly growMemCost: bigint;
  /** Gas per regular wasm operation. */
  readonly regularOpCost: bigint;
  /** Base gas of a bulk memory/table operation. */
  readonly linearOpBaseCost: bigint;
  /** Gas per unit of a bulk memory/table operation. */
  readonly linearOpUnitCost: bigint;
  readonly vmKind: VMKind;
  readonly storageGetMode: StorageGetMode;
  readonly fixContractLoadingCost: boolean;
  readonly fixContractLoadingError: boolean;
  readonly ethImplicitAccounts: boolean;
  readonly discardCustomSections: boolean;
  readonly globalContractHostFns: boolean;
  readonly reftypesBulkMemory: boolean;
  readonly gasKeyHostFns: boolean;
  readonly oneYoctoOnPromise: boolean;
  readonly p256VerifyHostFn: boolean;
  readonly yieldWithIdHostFns: boolean;
  readonly chainIdHostFn: boolean;
  readonly bls12381NotInGroupFix: boolean;
  /** Not a parameter: nearcore's view always reports `implicit_account_creation: true`. */
  readonly implicitAccountCreation: boolean;
  readonly limitConfig: LimitConfig;
  /**
   * The submodules extension (not a nearcore parameter): absent in every protocol config, present
   * only on a config made by `withSubmodules`. Absent means every part of the extension is off.
   */
  readonly submodules?: SubmoduleConfig;
  /**
   * nearcore's `sandbox` cargo feature (not a parameter): links the free debug-print host function
   * `sandbox_debug_log`. Absent in every protocol config; set by `withSandboxHostFunctions`.
   */
  readonly sandbox?: true;
}

export interface StorageUsageConfig {
  /** yoctoNEAR per byte of account storage. */
  readonly storageAmountPerByte: bigint;
  readonly numBytesAccount: bigint;
  readonly numExtraBytesRecord: bigint;
  /** yoctoNEAR per byte of a global contract deployment. */
  readonly globalContractStorageAmountPerByte: bigint;
}

/** nearcore's `RuntimeFeesConfig`. */
export interface RuntimeFeesConfig {
  readonly actionFees: Readonly<Record<ActionCosts, Fee>>;
  readonly storageUsageConfig: StorageUsageConfig;
  readonly burntGasReward: Rational;
  readonly pessimisticGasPriceInflationRatio: Rational;
  readonly gasRefundPenalty: Rational;
  readonly minGasRefundPenalty: bigint;
  /** Compute (not gas) charged per global-contract distribution receipt. */
  readonly deployGlobalContractExecutionBase: bigint;
  readonly deployGlobalContractExecutionPerByte: bigint;
  /** Extra cost per verified signature of each kind; only MlDsa65 is non-zero. */
  readonly signatureVerificationCosts: Readonly<Record<SignatureKind, ParameterCost>>;
}

export interface AccountCreationConfig {
  readonly minAllowedTopLevelAccountLength: number;
  readonly registrarAccountId: string;
}

export interface CongestionControlConfig {
  readonly maxCongestionIncomingGas: bigint;
  readonly maxCongestionOutgoingGas: bigint;
  readonly maxCongestionMemoryConsumption: bigint;
  readonly maxCongestionMissedChunks: bigint;
  readonly maxOutgoingGas: bigint;
  readonly minOutgoingGas: bigint;
  readonly allowedShardOutgoingGas: bigint;
  readonly maxTxGas: bigint;
  readonly minTxGas: bigint;
  /** nearcore keeps this as f64 = numerator / denominator of the parameter. */
  readonly rejectTxCongestionThreshold: number;
  /** The exact fraction the f64 above was computed from. */
  readonly rejectTxCongestionThresholdRatio: Rational;
  readonly outgoingReceiptsUsualSizeLimit: bigint;
  readonly outgoingReceiptsBigSizeLimit: bigint;
}

export interface WitnessConfig {
  readonly mainStorageProofSizeSoftLimit: bigint;
  readonly combinedTransactionsSizeLimit: bigint;
  readonly newTransactionsValidationStateSizeSoftLimit: bigint;
}

export interface BandwidthSchedulerConfig {
  readonly maxShardBandwidth: bigint;
  readonly maxSingleGrant: bigint;
  readonly maxAllowance: bigint;
  readonly maxBaseBandwidth: bigint;
}

/** nearcore's `RuntimeConfig` plus the version and chain it was built for. */
export interface RuntimeConfig {
  /** The protocol version that was asked for (parameters are those of the greatest diff ≤ it). */
  readonly protocolVersion: number;
  readonly chainId: string;
  readonly fees: RuntimeFeesConfig;
  readonly wasmConfig: VMConfig;
  readonly accountCreationConfig: AccountCreationConfig;
  readonly congestionControlConfig: CongestionControlConfig;
  readonly witnessConfig: WitnessConfig;
  readonly bandwidthSchedulerConfig: BandwidthSchedulerConfig;
  readonly useStateStoredReceipt: boolean;
  /** yoctoNEAR per gas: receipts buy gas at max(gas price, this). */
  readonly minGasPurchasePrice: bigint;
  /** yoctoNEAR burnt for creating an account. */
  readonly accountCreationCharge: bigint;
  /** Same value as `fees.storageUsageConfig.storageAmountPerByte` (nearcore's accessor). */
  readonly storageAmountPerByte: bigint;
  /**
   * The `max_gas_burnt_view` parameter. Not a field of nearcore's RuntimeConfig (nearcore's view
   * client takes it from node config); kept so that every parameter survives a round trip.
   */
  readonly maxGasBurntView: bigint;
}
