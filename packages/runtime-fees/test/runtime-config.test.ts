import { describe, expect, it } from 'vitest';
import {
  ACTION_COSTS,
  EXT_COSTS,
  NIGHTLY_PROTOCOL_VERSION,
  parameterVersionFor,
  runtimeConfig,
  STABLE_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  UnsupportedProtocolVersionError,
} from '../src/index.js';

describe('enums', () => {
  it('lists the 88 ExtCosts and 26 ActionCosts in nearcore enum order', () => {
    expect(EXT_COSTS).toHaveLength(88);
    expect(EXT_COSTS[0]).toBe('base');
    expect(EXT_COSTS.indexOf('ecrecover_base')).toBe(23);
    expect(EXT_COSTS.indexOf('touching_trie_node')).toBe(46);
    expect(EXT_COSTS.indexOf('ed25519_verify_base')).toBe(59);
    expect(EXT_COSTS.indexOf('storage_large_read_overhead_base')).toBe(83);
    expect(EXT_COSTS[87]).toBe('yield_create_with_id_base');
    expect(ACTION_COSTS).toHaveLength(26);
    expect(ACTION_COSTS.indexOf('new_action_receipt')).toBe(12);
    expect(ACTION_COSTS.indexOf('delegate')).toBe(15);
    expect(ACTION_COSTS[25]).toBe('gas_key_nonce_write_base');
  });
});

describe('protocol versions', () => {
  it('exposes the supported versions and constants', () => {
    expect(SUPPORTED_PROTOCOL_VERSIONS).toEqual([83, 84, 85, 86, 129, 155]);
    expect(STABLE_PROTOCOL_VERSION).toBe(86);
    expect(NIGHTLY_PROTOCOL_VERSION).toBe(155);
  });

  it('resolves a version to the greatest diff version at or below it', () => {
    expect(parameterVersionFor(83)).toBe(83);
    expect(parameterVersionFor(87)).toBe(86);
    expect(parameterVersionFor(128)).toBe(86);
    expect(parameterVersionFor(130)).toBe(129);
    expect(parameterVersionFor(155)).toBe(155);
    const v100 = runtimeConfig(100);
    expect(v100.protocolVersion).toBe(100);
    expect({ ...v100, protocolVersion: 86 }).toStrictEqual(runtimeConfig(86));
    expect(runtimeConfig(140).wasmConfig.fixContractLoadingCost).toBe(true);
    expect(runtimeConfig(140).wasmConfig.bls12381NotInGroupFix).toBe(false);
  });

  it('throws UnsupportedProtocolVersionError naming the range', () => {
    for (const bad of [82, 156, 0, -1, 85.5, Number.NaN]) {
      expect(() => runtimeConfig(bad)).toThrow(UnsupportedProtocolVersionError);
    }
    expect(() => runtimeConfig(82)).toThrow(
      /unsupported protocol version 82: supported versions are the integers 83..=155/,
    );
    expect(() => runtimeConfig(156)).toThrow(/parameters change at 83, 84, 85, 86, 129, 155/);
    try {
      runtimeConfig(200);
    } catch (err) {
      expect(err).toMatchObject({ protocolVersion: 200, minVersion: 83, maxVersion: 155 });
    }
  });

  it('caches one frozen config per version and chain', () => {
    const config = runtimeConfig(86);
    expect(runtimeConfig(86)).toBe(config);
    expect(runtimeConfig(86, 'mainnet')).toBe(config);
    expect(Object.isFrozen(config.wasmConfig.limitConfig)).toBe(true);
    expect(Object.isFrozen(config.fees.actionFees.transfer)).toBe(true);
    const testnet = runtimeConfig(86, 'testnet');
    expect(testnet).not.toBe(config);
    expect(testnet.chainId).toBe('testnet');
    expect({ ...testnet, chainId: 'mainnet' }).toStrictEqual(config);
    expect(runtimeConfig(86, 'localnet').chainId).toBe('localnet');
  });
});

describe('values at the stable version 86 (parameters.md)', () => {
  const c = runtimeConfig(86);

  it('action fees with their compute costs', () => {
    expect(c.fees.actionFees.new_action_receipt).toEqual({
      sendSir: 108_059_500_000n,
      sendNotSir: 108_059_500_000n,
      execution: 108_059_500_000n,
      sendSirCompute: 108_059_500_000n,
      sendNotSirCompute: 108_059_500_000n,
      executionCompute: 108_059_500_000n,
    });
    expect(c.fees.actionFees.new_data_receipt_byte).toMatchObject({
      sendSir: 17_212_011n,
      sendNotSir: 47_683_715n,
      execution: 17_212_011n,
    });
    expect(c.fees.actionFees.create_account).toMatchObject({
      sendSir: 500_000_000_000n,
      execution: 7_200_000_000_000n,
    });
    expect(c.fees.actionFees.deploy_contract_base).toMatchObject({
      execution: 184_765_750_000n,
      executionCompute: 20_000_000_000_000n,
      sendSirCompute: 184_765_750_000n,
    });
    expect(c.fees.actionFees.deploy_contract_byte.executionCompute).toBe(250_000_000n);
    expect(c.fees.actionFees.function_call_base).toMatchObject({
      sendNotSir: 200_000_000_000n,
      execution: 780_000_000_000n,
    });
    expect(c.fees.actionFees.use_global_contract_byte).toMatchObject({
      sendSir: 6_812_999n,
      sendNotSir: 47_683_715n,
      execution: 64_572_944n,
    });
    expect(c.fees.actionFees.gas_key_nonce_write_base.execution).toBe(64_196_736_000n);
  });

  it('host-function costs', () => {
    const ext = c.wasmConfig.extCosts;
    expect(ext.base).toEqual({ gas: 264_768_111n, compute: 264_768_111n });
    expect(ext.contract_loading_bytes.gas).toBe(1_089_295n);
    expect(ext.storage_write_base).toEqual({ gas: 64_196_736_000n, compute: 200_000_000_000n });
    expect(ext.storage_read_base).toEqual({ gas: 56_356_845_749n, compute: 159_000_000_000n });
    expect(ext.storage_large_read_overhead_byte).toEqual({ gas: 1n, compute: 3_111_005n });
    expect(ext.touching_trie_node).toEqual({ gas: 2_280_000_000n, compute: 4_000_000_000n });
    expect(ext.ecrecover_base.gas).toBe(278_821_988_457n);
    expect(ext.p256_verify_base.gas).toBe(1_300_000_000_000n);
    expect(ext.yield_create_with_id_base.gas).toBe(290_000_000_000n);
    expect(ext.bls12381_p2_decompress_element.gas).toBe(165_000_000_000n);
    expect(ext.storage_iter_next_base.gas).toBe(0n);
  });

  it('VM config and limits', () => {
    const w = c.wasmConfig;
    expect(w.regularOpCost).toBe(822_756n);
    expect(w.growMemCost).toBe(1n);
    expect(w.linearOpBaseCost).toBe(26_328_192n);
    expect(w.linearOpUnitCost).toBe(822_756n);
    expect(w.vmKind).toBe('Wasmtime');
    expect(w.storageGetMode).toBe('FlatStorage');
    expect(w.fixContractLoadingError).toBe(true);
    expect(w.fixContractLoadingCost).toBe(false);
    const l = w.limitConfig;
    expect(l.maxGasBurnt).toBe(1_000_000_000_000_000n);
    expect(l.maxTotalPrepaidGas).toBe(1_000_000_000_000_000n);
    expect(l.maxStackHeight).toBe(262_144);
    expect(l.initialMemoryPages).toBe(1024);
    expect(l.maxMemoryPages).toBe(2048);
    expect(l.maxLengthStorageKey).toBe(2048n);
    expect(l.maxTransactionSize).toBe(1_572_864n);
    expect(l.maxDeployActionsPerReceipt).toBe(10n);
    expect(l.maxFunctionsNumberPerContract).toBe(10_000n);
    expect(l.maxLocalsPerContract).toBe(1_000_000n);
    expect(l.maxTablesPerContract).toBe(1);
    expect(l.maxElementsPerContractTable).toBe(10_000n);
    expect(l.maxOperandStackBytesPerFunction).toBe(8192n);
    expect(l.accountIdValidityRulesVersion).toBe(2);
    expect(l.yieldTimeoutLengthInBlocks).toBe(200n);
    expect(l.perReceiptStorageProofSizeLimit).toBe(4_000_000n);
    expect(c.maxGasBurntView).toBe(1_000_000_000_000_000n);
  });

  it('economics, account creation, congestion, witness, bandwidth', () => {
    expect(c.fees.burntGasReward).toEqual({ numerator: 3n, denominator: 10n });
    expect(c.fees.pessimisticGasPriceInflationRatio).toEqual({ numerator: 1n, denominator: 1n });
    // Rational32::new reduces 0/100 to 0/1.
    expect(c.fees.gasRefundPenalty).toEqual({ numerator: 0n, denominator: 1n });
    expect(c.fees.storageUsageConfig).toEqual({
      storageAmountPerByte: 10n ** 19n,
      numBytesAccount: 100n,
      numExtraBytesRecord: 40n,
      globalContractStorageAmountPerByte: 10n ** 20n,
    });
    expect(c.storageAmountPerByte).toBe(10n ** 19n);
    expect(c.fees.signatureVerificationCosts.MlDsa65.gas).toBe(100_000_000_000n);
    expect(c.fees.signatureVerificationCosts.Ed25519).toEqual({ gas: 0n, compute: 0n });
    expect(c.fees.deployGlobalContractExecutionBase).toBe(20_000_000_000_000n);
    expect(c.minGasPurchasePrice).toBe(1_000_000_000n);
    expect(c.accountCreationCharge).toBe(7n * 10n ** 21n);
    expect(c.accountCreationConfig).toEqual({
      minAllowedTopLevelAccountLength: 65,
      registrarAccountId: 'registrar',
    });
    expect(c.congestionControlConfig.rejectTxCongestionThreshold).toBe(0.8);
    expect(c.congestionControlConfig.rejectTxCongestionThresholdRatio).toEqual({
      numerator: 4n,
      denominator: 5n,
    });
    expect(c.congestionControlConfig.maxCongestionIncomingGas).toBe(400_000_000_000_000_000n);
    expect(c.congestionControlConfig.outgoingReceiptsBigSizeLimit).toBe(4_718_592n);
    expect(c.witnessConfig.newTransactionsValidationStateSizeSoftLimit).toBe(572_864n);
    expect(c.bandwidthSchedulerConfig).toEqual({
      maxShardBandwidth: 4_500_000n,
      maxSingleGrant: 4_194_304n,
      maxAllowance: 4_500_000n,
      maxBaseBandwidth: 100_000n,
    });
    expect(c.useStateStoredReceipt).toBe(true);
  });
});

describe('what changes between versions', () => {
  it('84 turns on reftypes/bulk memory, Wasmtime and linear op costs; 83 has them off', () => {
    const v83 = runtimeConfig(83).wasmConfig;
    const v84 = runtimeConfig(84).wasmConfig;
    expect(v83.reftypesBulkMemory).toBe(false);
    expect(v84.reftypesBulkMemory).toBe(true);
    expect(v83.vmKind).toBe('NearVm');
    expect(v84.vmKind).toBe('Wasmtime');
    expect(v83.linearOpBaseCost).toBe(300_000_000_000_000n);
    expect(v84.linearOpBaseCost).toBe(26_328_192n);
    expect(v83.limitConfig.maxFunctionBodySize).toBeUndefined();
    expect(v84.limitConfig.maxFunctionBodySize).toBe(196_608n);
    expect(v83.limitConfig.maxDeployActionsPerReceipt).toBe(100n);
    expect(runtimeConfig(83).fees.actionFees.deploy_contract_base.executionCompute).toBe(
      184_765_750_000n,
    );
  });

  it('85 enables the new host functions and the account-creation charge', () => {
    const v84 = runtimeConfig(84);
    const v85 = runtimeConfig(85);
    for (const flag of ['oneYoctoOnPromise', 'p256VerifyHostFn', 'gasKeyHostFns', 'chainIdHostFn', 'yieldWithIdHostFns'] as const) {
      expect([v84.wasmConfig[flag], v85.wasmConfig[flag]]).toEqual([false, true]);
    }
    expect(v84.accountCreationCharge).toBe(0n);
    expect(v84.minGasPurchasePrice).toBe(0n);
    expect(v84.fees.actionFees.create_account.execution).toBe(3_850_000_000_000n);
  });

  it('86 fixes contract loading errors; 129 and 155 are the nightly flags', () => {
    expect(runtimeConfig(85).wasmConfig.fixContractLoadingError).toBe(false);
    expect(runtimeConfig(86).wasmConfig.fixContractLoadingError).toBe(true);
    expect(runtimeConfig(129).wasmConfig.fixContractLoadingCost).toBe(true);
    expect(runtimeConfig(155).wasmConfig.bls12381NotInGroupFix).toBe(true);
  });
});
