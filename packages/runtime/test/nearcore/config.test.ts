/**
 * nearcore runtime/runtime/src/config.rs unit tests (f0c7706), translated: what `tx_cost` charges
 * for signature verification (ML-DSA-65 outer and delegate-inner signers) and that DelegateV2's
 * inner deposits count. `RuntimeConfig::test()` with the ML-DSA-65 verification cost set.
 */
import { KeyPair, KeyType, PublicKey, type Action } from '@nearts/primitives';
import type { ParameterCost, RuntimeConfig } from '@nearts/runtime-fees';
import { describe, expect, it } from 'vitest';
import { totalDeposit, transactionCost, type TransactionCost } from '../../src/index.js';
import { testConfig, withFees } from './setup.js';

const VERIFY_GAS = 80_000_000_000n;

function configWithVerifyCost(gas: bigint, compute: bigint): RuntimeConfig {
  const base = testConfig();
  const cost: ParameterCost = { gas, compute };
  return withFees(base, { ...base.fees, signatureVerificationCosts: { ...base.fees.signatureVerificationCosts, MlDsa65: cost } });
}
const configWithVerifyGas = (gas: bigint) => configWithVerifyCost(gas, gas);

/** `SecretKey::from_seed(kind, seed).public_key()`; for ML-DSA-65 any 1952 bytes do (only the type is read). */
const keyOf = (kind: KeyType, seed: string): PublicKey =>
  kind === KeyType.ED25519 ? KeyPair.fromNearcoreTestSeed(seed).publicKey : new PublicKey(KeyType.MLDSA65, new Uint8Array(1952).fill(seed.length));

const transfer = (): Action => ({ type: 'Transfer', deposit: 1n });
const dummySignature = () => KeyPair.fromNearcoreTestSeed('dummy').sign(new TextEncoder().encode('x'));

function delegateWithInner(kind: KeyType): Action {
  return {
    type: 'Delegate',
    delegateAction: { senderId: 'alice.near', receiverId: 'bob.near', actions: [transfer()], nonce: 1n, maxBlockHeight: 100n, publicKey: keyOf(kind, 'inner') },
    signature: dummySignature(),
  };
}

function delegateV2WithInner(kind: KeyType): Action {
  return {
    type: 'DelegateV2',
    payload: {
      version: 'V2',
      delegateAction: {
        senderId: 'alice.near',
        receiverId: 'bob.near',
        actions: [transfer()],
        nonce: { type: 'GasKeyNonce', nonce: 1n, nonceIndex: 0 },
        maxBlockHeight: 100n,
        publicKey: keyOf(kind, 'inner'),
      },
    },
    signature: dummySignature(),
  };
}

/** Cost of alice.near → bob.near signed with a `signerKind` key, at gas price 1. */
const costOf = (config: RuntimeConfig, signerKind: KeyType, actions: Action[]): TransactionCost =>
  transactionCost(config, 'alice.near', 'bob.near', keyOf(signerKind, 'signer'), actions, 1n);

describe('tx_cost (config.rs)', () => {
  it('ml_dsa_65_outer_verify_charged_as_burnt_gas', () => {
    const config = configWithVerifyGas(VERIFY_GAS);
    const ed = costOf(config, KeyType.ED25519, [transfer()]);
    const pq = costOf(config, KeyType.MLDSA65, [transfer()]);
    expect(pq.gasBurnt).toBe(ed.gasBurnt + VERIFY_GAS);
    expect(pq.computeBurnt).toBe(ed.computeBurnt + VERIFY_GAS);
    expect(pq.gasRemaining).toBe(ed.gasRemaining);
    expect(pq.gasCost).toBeGreaterThan(ed.gasCost);
    expect(pq.totalCost).toBeGreaterThan(ed.totalCost);
  });

  it('ml_dsa_65_delegate_inner_verify_charged_as_burnt_gas: inner once, outer + inner twice', () => {
    const config = configWithVerifyGas(VERIFY_GAS);
    const edInner = costOf(config, KeyType.ED25519, [delegateWithInner(KeyType.ED25519)]);
    const pqInner = costOf(config, KeyType.ED25519, [delegateWithInner(KeyType.MLDSA65)]);
    expect(pqInner.gasBurnt).toBe(edInner.gasBurnt + VERIFY_GAS);
    const two = costOf(config, KeyType.MLDSA65, [delegateWithInner(KeyType.MLDSA65)]);
    expect(two.gasBurnt).toBe(edInner.gasBurnt + 2n * VERIFY_GAS);
  });

  it('delegate_v2_inner_costs_counted: the inner deposit and the inner PQ verification', () => {
    expect(totalDeposit([delegateV2WithInner(KeyType.ED25519)])).toBe(1n);
    const config = configWithVerifyGas(VERIFY_GAS);
    const ed = costOf(config, KeyType.ED25519, [delegateV2WithInner(KeyType.ED25519)]);
    const pq = costOf(config, KeyType.ED25519, [delegateV2WithInner(KeyType.MLDSA65)]);
    expect(pq.gasBurnt).toBe(ed.gasBurnt + VERIFY_GAS);
  });

  it('ml_dsa_65_verify_compute_cost_independent_from_gas', () => {
    const compute = 3n * VERIFY_GAS;
    const config = configWithVerifyCost(VERIFY_GAS, compute);
    const ed = costOf(config, KeyType.ED25519, [transfer()]);
    const pq = costOf(config, KeyType.MLDSA65, [transfer()]);
    expect(pq.gasBurnt).toBe(ed.gasBurnt + VERIFY_GAS);
    expect(pq.computeBurnt).toBe(ed.computeBurnt + compute);
    const pqEqualCompute = costOf(configWithVerifyGas(VERIFY_GAS), KeyType.MLDSA65, [transfer()]);
    expect(pq.gasCost).toBe(pqEqualCompute.gasCost);
    expect(pq.totalCost).toBe(pqEqualCompute.totalCost);
  });

  it('ml_dsa_65_verify_gas_zero_by_default: RuntimeConfig::test() charges nothing extra', () => {
    const config = testConfig();
    expect(config.fees.signatureVerificationCosts.MlDsa65).toEqual({ gas: 0n, compute: 0n });
    const ed = costOf(config, KeyType.ED25519, [transfer()]);
    const pq = costOf(config, KeyType.MLDSA65, [transfer()]);
    expect(pq.gasBurnt).toBe(ed.gasBurnt);
    expect(pq.gasCost).toBe(ed.gasCost);
  });
});
