/**
 * nearcore integration-tests/src/tests/features/reduced_gas_refunds.rs (f0c7706), translated: a
 * call to the test contract's `noop`, with `contract_loading_base` set to the gas to burn, and
 * the refund receipts that follow; the tokens burnt equal what the signer paid, and the
 * difference from the cost without a refund is the gas refund penalty, within its bounds.
 */
import { runtimeConfig, type RuntimeConfig } from '@nearts/runtime-fees';
import { describe, expect, it } from 'vitest';
import { ALICE, BOB, PROTOCOL_VERSION, TGAS, runtimeNode } from './runtime-node.js';

const DEFAULT_MINIMAL_GAS_ATTACHMENT = 1n;

/** `runtime_config_with_contract_load_cost`. */
function withContractLoadCost(gas: bigint): RuntimeConfig {
  const base = runtimeConfig(PROTOCOL_VERSION);
  const extCosts = { ...base.wasmConfig.extCosts, contract_loading_base: { gas, compute: gas } };
  return { ...base, wasmConfig: { ...base.wasmConfig, extCosts } };
}

type Json = Record<string, unknown>;

/** `generated_refunds_after_fn_call`: the outcomes after the call's, all refunds. */
async function refundsAfterFnCall(attachedGas: bigint, burnGas: bigint, deposit: bigint): Promise<Json[]> {
  const config = withContractLoadCost(burnGas);
  const node = await runtimeNode({ accounts: [ALICE, BOB], seats: 2, config });
  const fees = node.fees();
  const before = node.account(ALICE)!.amount;
  const r = node.functionCall(ALICE, BOB, 'noop', new Uint8Array(0), attachedGas, deposit);
  const status = r.status as Json;
  if (!('SuccessValue' in status)) {
    expect(status).toEqual({ Failure: { ActionError: { index: 0, kind: { FunctionCallError: { ExecutionError: 'Exceeded the prepaid gas.' } } } } });
  }
  const totalCost = before - node.account(ALICE)!.amount;
  const tokensBurnt = [r.transactionOutcome, ...r.receiptsOutcome].reduce((s, o) => s + BigInt((o.outcome as Json).tokens_burnt as string), 0n);
  expect(tokensBurnt).toBe(totalCost);

  const profile = (r.receiptsOutcome[0].outcome as { metadata: { gas_profile: Array<{ gas_used: string }> } }).metadata.gas_profile;
  const callGasBurnt = profile.reduce((s, c) => s + BigInt(c.gas_used), 0n);
  const expectedCost = fees.functionCallCost(BigInt('noop'.length), callGasBurnt);
  const penalty = totalCost - expectedCost;
  const unspent = attachedGas - callGasBurnt;
  const ratio = config.fees.gasRefundPenalty;
  const byRatio = (unspent * ratio.numerator) / ratio.denominator;
  const maxPenalty = unspent > byRatio ? unspent : byRatio;
  const minPenalty = unspent < config.fees.minGasRefundPenalty ? unspent : config.fees.minGasRefundPenalty;
  expect(penalty >= fees.gasToBalance(minPenalty)).toBe(true);
  expect(penalty <= fees.gasToBalance(maxPenalty)).toBe(true);
  return r.receiptsOutcome.slice(1);
}

describe('reduced gas refunds (reduced_gas_refunds.rs)', () => {
  it('test_burn_all_gas: no unused-gas refund, only the price surplus', async () => {
    const attached = 100n * TGAS;
    expect((await refundsAfterFnCall(attached, attached + DEFAULT_MINIMAL_GAS_ATTACHMENT, 0n)).length).toBe(1);
  });

  it('test_deposit_refund: the deposit comes back besides the price surplus', async () => {
    const attached = 100n * TGAS;
    expect((await refundsAfterFnCall(attached, attached + DEFAULT_MINIMAL_GAS_ATTACHMENT, 10n)).length).toBe(2);
  });

  it('test_big_gas_refund', async () => {
    expect((await refundsAfterFnCall(100n * TGAS, 10n * TGAS, 0n)).length).toBe(1);
  });

  it('test_small_gas_refund: still refunded', async () => {
    const attached = 10n * TGAS;
    expect((await refundsAfterFnCall(attached, attached - TGAS / 2n, 0n)).length).toBe(1);
  });
});
