import { describe, expect, it } from 'vitest';
import {
  applyParameterOverrides,
  InvalidParameterValueError,
  runtimeConfig,
  runtimeConfigViewJson,
  SUPPORTED_PROTOCOL_VERSIONS,
  UnknownParameterError,
} from '../src/index.js';

describe('applyParameterOverrides', () => {
  const base = runtimeConfig(86);

  it('changes the named parameters and nothing else', () => {
    const changed = applyParameterOverrides(base, {
      max_gas_burnt: 300_000_000_000_000n,
      wasm_regular_op_cost: 0,
      wasm_storage_read_base: '{ gas: 10, compute: 20 }',
      account_creation_charge: '0.01 N',
      reftypes_bulk_memory: 'false',
      max_tables_per_contract: 4,
    });
    expect(changed.wasmConfig.limitConfig.maxGasBurnt).toBe(300_000_000_000_000n);
    expect(changed.wasmConfig.regularOpCost).toBe(0n);
    expect(changed.wasmConfig.extCosts.storage_read_base).toEqual({ gas: 10n, compute: 20n });
    expect(changed.accountCreationCharge).toBe(10n ** 22n);
    expect(changed.wasmConfig.reftypesBulkMemory).toBe(false);
    expect(changed.wasmConfig.limitConfig.maxTablesPerContract).toBe(4);
    expect({
      ...changed,
      accountCreationCharge: base.accountCreationCharge,
      wasmConfig: base.wasmConfig,
    }).toStrictEqual(base);
    expect(base.wasmConfig.limitConfig.maxGasBurnt).toBe(1_000_000_000_000_000n);
    expect(changed.protocolVersion).toBe(86);
    expect(Object.isFrozen(changed.wasmConfig.extCosts)).toBe(true);
  });

  it('overrides one fee component by `<fee>_send_sir` / `_send_not_sir` / `_execution`', () => {
    const changed = applyParameterOverrides(base, {
      action_receipt_creation_send_sir: 1n,
      action_deploy_contract_execution: '{ gas: 5, compute: 6 }',
      action_function_call: '{ send_sir: 7, send_not_sir: 8, execution: 9 }',
      action_function_call_send_not_sir: 80,
    });
    expect(changed.fees.actionFees.new_action_receipt).toMatchObject({
      sendSir: 1n,
      sendSirCompute: 1n,
      sendNotSir: 108_059_500_000n,
    });
    expect(changed.fees.actionFees.deploy_contract_base).toMatchObject({
      execution: 5n,
      executionCompute: 6n,
    });
    // Whole-fee overrides apply before component overrides, whatever the key order.
    expect(changed.fees.actionFees.function_call_base).toMatchObject({
      sendSir: 7n,
      sendNotSir: 80n,
      execution: 9n,
    });
    expect(runtimeConfigViewJson(changed)).toContain(
      '"action_receipt_creation_config": {\n      "send_sir": 1,',
    );
  });

  it('rejects unknown names and ill-typed values with typed errors', () => {
    expect(() => applyParameterOverrides(base, { max_gas_burned: 1 })).toThrow(UnknownParameterError);
    expect(() => applyParameterOverrides(base, { max_gas_burned: 1 })).toThrow('`max_gas_burned`');
    expect(() => applyParameterOverrides(base, { max_stack_height: 2n ** 32n })).toThrow(
      InvalidParameterValueError,
    );
    expect(() => applyParameterOverrides(base, { max_gas_burnt: 1.5 })).toThrow(InvalidParameterValueError);
    expect(() => applyParameterOverrides(base, { max_gas_burnt: 'lots' })).toThrow(
      /invalid value for runtime parameter `max_gas_burnt`/,
    );
    expect(() => applyParameterOverrides(base, { vm_kind: 'Wasmer3' })).toThrow(InvalidParameterValueError);
    expect(() => applyParameterOverrides(base, { registrar_account_id: 'Bad Name' })).toThrow(
      InvalidParameterValueError,
    );
    expect(() => applyParameterOverrides(base, { burnt_gas_reward: '{ numerator: 1, denominator: 0 }' })).toThrow(
      /denominator is zero/,
    );
  });

  it('round-trips every supported config unchanged when given no overrides', () => {
    for (const version of SUPPORTED_PROTOCOL_VERSIONS) {
      for (const chain of ['mainnet', 'testnet']) {
        const config = runtimeConfig(version, chain);
        expect(applyParameterOverrides(config, {})).toStrictEqual(config);
      }
    }
  });

  it('keeps balances above u64 exact', () => {
    const big = 10n ** 30n + 7n;
    const changed = applyParameterOverrides(base, { storage_amount_per_byte: big });
    expect(changed.fees.storageUsageConfig.storageAmountPerByte).toBe(big);
    expect(changed.storageAmountPerByte).toBe(big);
    expect(runtimeConfigViewJson(changed)).toContain(`"storage_amount_per_byte": "${big}"`);
  });
});
