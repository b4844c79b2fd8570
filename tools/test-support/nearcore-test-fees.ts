/**
 * nearcore's `RuntimeFeesConfig::test()` and `::free()` (core/parameters, at protocol 86 with
 * AccountCostIncrease on), which its vm-logic and runtime unit tests run with. Shared by our
 * translations of those tests in vm-logic and runtime.
 */
import { ACTION_COSTS, type ActionCosts, type Fee, type RuntimeFeesConfig } from '../../packages/runtime-fees/src/index.js';

/** The fees with their action table writable, as the tests adjust single entries. */
export type TestFees = RuntimeFeesConfig & { actionFees: Record<ActionCosts, Fee> };

/** `Fee::new`: compute equal to gas. */
export function feeNew(sendSir: bigint, sendNotSir: bigint, execution: bigint): Fee {
  return { sendSir, sendNotSir, execution, sendSirCompute: sendSir, sendNotSirCompute: sendNotSir, executionCompute: execution };
}
const feeTest = (v: bigint): Fee => feeNew(v, v, v);
const zero = { gas: 0n, compute: 0n };

/** `RuntimeFeesConfig::test()`; what it does not set comes from `base`. */
export function nearcoreTestFees(base: RuntimeFeesConfig): TestFees {
  const actionFees: Record<ActionCosts, Fee> = {
    create_account: feeNew(500_000_000_000n, 500_000_000_000n, 7_200_000_000_000n),
    delete_account: feeTest(147489000000n),
    deploy_contract_base: feeTest(184765750000n),
    deploy_contract_byte: feeTest(6812999n),
    function_call_base: feeTest(2319861500000n),
    function_call_byte: feeTest(2235934n),
    transfer: feeTest(115123062500n),
    stake: feeNew(141715687500n, 141715687500n, 102217625000n),
    add_full_access_key: feeTest(101765125000n),
    add_function_call_key_base: feeTest(102217625000n),
    add_function_call_key_byte: feeTest(1925331n),
    delete_key: feeTest(94946625000n),
    new_action_receipt: feeTest(108059500000n),
    new_data_receipt_base: feeTest(4697339419375n),
    new_data_receipt_byte: feeTest(59357464n),
    delegate: feeTest(200_000_000_000n),
    deploy_global_contract_base: feeTest(184_765_750_000n),
    deploy_global_contract_byte: feeNew(6_812_999n, 6_812_999n, 70_000_000n),
    use_global_contract_base: feeTest(184_765_750_000n),
    use_global_contract_byte: feeNew(6_812_999n, 47_683_715n, 64_572_944n),
    deterministic_state_init_base: feeNew(3_850_000_000_000n, 3_850_000_000_000n, 4_080_000_000_000n),
    deterministic_state_init_byte: feeNew(72_000_000n, 72_000_000n, 70_000_000n),
    deterministic_state_init_entry: feeNew(0n, 0n, 200_000_000_000n),
    gas_key_transfer_base: feeNew(115_123_062_500n, 115_123_062_500n, 235_676_644_250n),
    gas_key_byte: feeNew(59_357_464n, 59_357_464n, 101_435_400n),
    gas_key_nonce_write_base: feeNew(0n, 0n, 64_196_736_000n),
  };
  return {
    ...base,
    actionFees,
    storageUsageConfig: {
      numBytesAccount: 100n,
      numExtraBytesRecord: 40n,
      storageAmountPerByte: 909n * 100_000_000_000_000_000n,
      globalContractStorageAmountPerByte: 100_000_000_000_000_000_000n,
    },
    burntGasReward: { numerator: 3n, denominator: 10n },
    pessimisticGasPriceInflationRatio: { numerator: 103n, denominator: 100n },
    gasRefundPenalty: { numerator: 5n, denominator: 100n },
    minGasRefundPenalty: 1_000_000_000_000n,
    deployGlobalContractExecutionBase: 0n,
    deployGlobalContractExecutionPerByte: 0n,
    signatureVerificationCosts: { Ed25519: zero, Secp256k1: zero, MlDsa65: zero },
  };
}

/** `RuntimeFeesConfig::free()`: the test fees with every action fee, storage price and ratio zero. */
export function nearcoreFreeFees(base: RuntimeFeesConfig): TestFees {
  const actionFees = Object.fromEntries(ACTION_COSTS.map((a) => [a, feeNew(0n, 0n, 0n)])) as Record<ActionCosts, Fee>;
  return {
    ...nearcoreTestFees(base),
    actionFees,
    storageUsageConfig: { numBytesAccount: 0n, numExtraBytesRecord: 0n, storageAmountPerByte: 0n, globalContractStorageAmountPerByte: 0n },
    burntGasReward: { numerator: 0n, denominator: 1n },
    pessimisticGasPriceInflationRatio: { numerator: 0n, denominator: 1n },
    gasRefundPenalty: { numerator: 0n, denominator: 1n },
    minGasRefundPenalty: 0n,
  };
}
