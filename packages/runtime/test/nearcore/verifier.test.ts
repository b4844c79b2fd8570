/**
 * nearcore runtime/runtime/src/verifier.rs unit tests (f0c7706), translated: transaction checks,
 * nonces (monotonic, strict, gas keys), balances, access keys, sizes, receipts, zero-balance
 * accounts. The signer's account and key are values in memory (nearcore puts them in a test trie;
 * the checks only read them). `RuntimeConfig::test()` at protocol 86, gas price 100.
 */
import {
  AccessKeyCodec,
  PublicKey,
  PublicKeyCodec,
  encodedLength,
  fullAccessKey,
  type AccessKey,
  type FunctionCallPermission,
  type Receipt,
} from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import {
  ZERO_BALANCE_ACCOUNT_STORAGE_LIMIT,
  storageStakeShortfall,
  transactionCost,
  validateReceipt,
  validateTransaction,
  verifyAndChargeGasKey,
} from '../../src/index.js';
import {
  MILLINEAR,
  NEAR,
  PROTOCOL_VERSION,
  U128_MAX,
  U64_MAX,
  ZERO_HASH,
  freeConfig,
  sendMoney,
  setupAccount,
  signedTx,
  signerOf,
  testConfig,
  validateVerifyAndCharge,
  verifiable,
  withFees,
  withLimits,
  type TestAccount,
  type Verified,
} from './setup.js';

const ALICE = 'alice.near';
const BOB = 'bob.near';
const EVE_DOT_ALICE = 'eve.alice.near';
const TESTING_INIT_BALANCE = 1_000_000_000n * NEAR;
const TESTING_GAS_KEY_BALANCE = 10n * MILLINEAR;
const GAS_PRICE = 100n;
const GAS_KEYS_PV = 85;
const STRICT_NONCE_PV = 85;
const TEST_GAS_KEY_BLOCK_HEIGHT = 10n;
/** access_keys.rs `initial_nonce_value(10)`. */
const GAS_KEY_INITIAL_NONCE = (TEST_GAS_KEY_BLOCK_HEIGHT - 1n) * 1_000_000n;

const alice = signerOf(ALICE);
const stateOf = (...accounts: Array<[string, TestAccount]>) => new Map(accounts);

function setupCommon(amount: bigint, locked: bigint, key: AccessKey | null) {
  return stateOf([ALICE, setupAccount(ALICE, amount, locked, key ? [key] : [])]);
}

const fcKey = (permission: FunctionCallPermission, nonce = 0n): AccessKey => ({ nonce, permission: { type: 'FunctionCall', functionCall: permission } });
const functionCall = (methodName: string, gas: bigint, deposit = 0n) =>
  ({ type: 'FunctionCall', methodName, args: new TextEncoder().encode('abc'), gas, deposit }) as const;

function expectErr(v: Verified) {
  if (v.ok) throw new Error('expected an error');
  return v.error;
}
function expectOk(v: Verified) {
  if (!v.ok) throw new Error(`expected success, got ${JSON.stringify(v.error, (_, x) => (typeof x === 'bigint' ? String(x) : x))}`);
  return v;
}

/**
 * verifier.rs `setup_gas_key_account`: alice with a gas key added by `action_add_key` at height 10
 * (every nonce at `initial_nonce_value(10)`), funded with `gasKeyBalance`. Storage usage: the key
 * record plus one record per nonce (key id + u16 index + u64 nonce + 40 extra bytes).
 */
function setupGasKeyAccount(amount: bigint, gasKeyBalance: bigint, numNonces: number, permission: FunctionCallPermission | null) {
  const gasKeyInfo = { balance: gasKeyBalance, numNonces };
  const key: AccessKey = {
    nonce: GAS_KEY_INITIAL_NONCE,
    permission: permission ? { type: 'GasKeyFunctionCall', gasKeyInfo, functionCall: permission } : { type: 'GasKeyFullAccess', gasKeyInfo },
  };
  const acc = setupAccount(ALICE, amount, 0n, []);
  acc.keys.set(alice.publicKey.toString(), key);
  const keyRecord = BigInt(encodedLength(PublicKeyCodec, alice.publicKey) + encodedLength(AccessKeyCodec, { ...key, permission: { ...key.permission, gasKeyInfo: { balance: 0n, numNonces } } } as AccessKey)) + 40n;
  const nonceRecord = BigInt(encodedLength(PublicKeyCodec, alice.publicKey)) + 2n + 8n + 40n;
  acc.account.storageUsage = keyRecord + BigInt(numNonces) * nonceRecord;
  return { state: stateOf([ALICE, acc]), nonces: new Array<bigint>(numNonces).fill(GAS_KEY_INITIAL_NONCE) };
}

const gasKeyNonce = (nonce: bigint, nonceIndex: number) => ({ type: 'GasKeyNonce', nonce, nonceIndex }) as const;

/** verifier.rs `assert_err_both_validations`: the first failing stage gives the expected error. */
function expectErrBothValidations(config: ReturnType<typeof testConfig>, state: Map<string, TestAccount>, tx: ReturnType<typeof signedTx>, expected: unknown, pv = PROTOCOL_VERSION) {
  expect(expectErr(validateVerifyAndCharge(config, state, tx, GAS_PRICE, null, pv))).toEqual(expected);
}

describe('zero-balance accounts (verifier.rs zero_balance_account_tests)', () => {
  it('test_zero_balance_account_with_keys: zero balance iff storage usage <= 770 bytes', () => {
    const config = testConfig();
    const fc = fcKey({ allowance: 100n, receiverId: 'a'.repeat(64), methodNames: [] });
    for (let full = 0; full < 10; full++) {
      for (let calls = 0; calls < 10; calls++) {
        const keys = [...Array<AccessKey>(full).fill(fullAccessKey()), ...Array<AccessKey>(calls).fill(fc)];
        const { account } = setupAccount(`alice${full * 1000 + calls}.near`, TESTING_INIT_BALANCE, 0n, keys);
        // A full-access key record is 82 bytes, this function-call key's 171.
        expect(account.storageUsage).toBe(BigInt(full * 82 + calls * 171));
        // With nothing to pay with, only a zero-balance account passes the storage check.
        const zeroBalance = storageStakeShortfall(account, 0n, config) === null;
        expect(zeroBalance).toBe(account.storageUsage <= ZERO_BALANCE_ACCOUNT_STORAGE_LIMIT);
      }
    }
  });

  it('test_zero_balance_account_with_invalid_access_key: one key with 30 method names is too large', () => {
    const methodNames = Array.from({ length: 30 }, (_, i) => `long_method_name_${i}`);
    const { account } = setupAccount(ALICE, 0n, 0n, [fcKey({ allowance: 100n, receiverId: BOB, methodNames })]);
    expect(storageStakeShortfall(account, 0n, testConfig())).not.toBeNull();
  });
});

describe('transactions (verifier.rs)', () => {
  it('test_validate_transaction_valid', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fullAccessKey());
    const deposit = 100n;
    const { result, cost } = expectOk(validateVerifyAndCharge(testConfig(), state, sendMoney(1n, ALICE, BOB, alice, deposit), GAS_PRICE, null, PROTOCOL_VERSION));
    expect(cost.gasBurnt).toBeGreaterThan(0n);
    expect(cost.burntAmount).toBe(GAS_PRICE * cost.gasBurnt);
    expect(result.newAccountAmount).toBe(TESTING_INIT_BALANCE - cost.receiptGasPrice * cost.gasRemaining - cost.burntAmount - deposit);
    expect(state.get(ALICE)!.account.amount).toBe(result.newAccountAmount);
    expect(state.get(ALICE)!.keys.get(alice.publicKey.toString())!.nonce).toBe(1n);
  });

  it('test_validate_transaction_invalid_signature', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fullAccessKey());
    const tx = sendMoney(1n, ALICE, BOB, alice, 100n);
    tx.signature = alice.sign(ZERO_HASH);
    expectErrBothValidations(testConfig(), state, tx, { kind: 'InvalidSignature' });
  });

  it('test_validate_transaction_invalid_access_key_not_found', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, null);
    expect(expectErr(validateVerifyAndCharge(testConfig(), state, sendMoney(1n, ALICE, BOB, alice, 100n), GAS_PRICE, null, PROTOCOL_VERSION))).toEqual({
      kind: 'InvalidAccessKeyError',
      error: { kind: 'AccessKeyNotFound', account_id: ALICE, public_key: alice.publicKey.toString() },
    });
  });

  it('test_validate_transaction_invalid_bad_action: total prepaid gas over the limit', () => {
    const config = withLimits(testConfig(), (l) => (l.maxTotalPrepaidGas = 100n));
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fullAccessKey());
    expectErrBothValidations(config, state, signedTx(1n, ALICE, BOB, alice, [functionCall('hello', 200n)]), {
      kind: 'ActionsValidation',
      error: { kind: 'TotalPrepaidGasExceeded', total_prepaid_gas: 200n, limit: 100n },
    });
  });

  it('test_validate_transaction_invalid_bad_signer', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fullAccessKey());
    expect(expectErr(validateVerifyAndCharge(testConfig(), state, sendMoney(1n, BOB, ALICE, alice, 100n), GAS_PRICE, null, PROTOCOL_VERSION))).toEqual({
      kind: 'SignerDoesNotExist',
      signer_id: BOB,
    });
  });

  it('test_validate_transaction_invalid_bad_nonce', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fullAccessKey(2n));
    expect(expectErr(validateVerifyAndCharge(testConfig(), state, sendMoney(1n, ALICE, BOB, alice, 100n), GAS_PRICE, null, PROTOCOL_VERSION))).toEqual({
      kind: 'InvalidNonce',
      tx_nonce: 1n,
      ak_nonce: 2n,
    });
  });

  it('test_validate_transaction_invalid_balance_overflow', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fullAccessKey());
    expectErrBothValidations(testConfig(), state, sendMoney(1n, ALICE, BOB, alice, U128_MAX), { kind: 'CostOverflow' });
  });

  it('test_validate_transaction_invalid_transaction_version: V1 before GasKeys', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fullAccessKey());
    const tx = signedTx(1n, ALICE, BOB, alice, [{ type: 'Transfer', deposit: 100n }], { version: 'V1' });
    expectErrBothValidations(testConfig(GAS_KEYS_PV - 1), state, tx, { kind: 'InvalidTransactionVersion' }, GAS_KEYS_PV - 1);
  });

  it('test_validate_transaction_invalid_not_enough_balance', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fullAccessKey());
    const err = expectErr(validateVerifyAndCharge(testConfig(), state, sendMoney(1n, ALICE, BOB, alice, TESTING_INIT_BALANCE), GAS_PRICE, null, PROTOCOL_VERSION));
    expect(err).toMatchObject({ kind: 'NotEnoughBalance', signer_id: ALICE, balance: TESTING_INIT_BALANCE });
    expect((err as { cost: bigint }).cost).toBeGreaterThan(TESTING_INIT_BALANCE);
  });

  it('test_validate_transaction_transfer_to_gas_key_not_enough_balance', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fullAccessKey());
    const emptyKey = PublicKey.ed25519(new Uint8Array(32));
    const tx = signedTx(1n, ALICE, ALICE, alice, [{ type: 'TransferToGasKey', publicKey: emptyKey, deposit: TESTING_INIT_BALANCE * 2n }]);
    const err = expectErr(validateVerifyAndCharge(testConfig(GAS_KEYS_PV), state, tx, GAS_PRICE, null, GAS_KEYS_PV));
    expect(err).toMatchObject({ kind: 'NotEnoughBalance', signer_id: ALICE, balance: TESTING_INIT_BALANCE });
    expect((err as { cost: bigint }).cost).toBeGreaterThan(TESTING_INIT_BALANCE);
  });

  it('test_validate_transaction_invalid_not_enough_allowance', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fcKey({ allowance: 100n, receiverId: BOB, methodNames: [] }));
    const err = expectErr(validateVerifyAndCharge(testConfig(), state, signedTx(1n, ALICE, BOB, alice, [functionCall('hello', 300n)]), GAS_PRICE, null, PROTOCOL_VERSION));
    expect(err).toMatchObject({
      kind: 'InvalidAccessKeyError',
      error: { kind: 'NotEnoughAllowance', account_id: ALICE, public_key: alice.publicKey.toString(), allowance: 100n },
    });
    expect((err as { error: { cost: bigint } }).error.cost).toBeGreaterThan(100n);
  });

  it('test_validate_transaction_invalid_low_balance: free config, zero-balance account may empty itself', () => {
    const base = freeConfig();
    const config = withFees(base, { ...base.fees, storageUsageConfig: { ...base.fees.storageUsageConfig, storageAmountPerByte: 10_000_000n } });
    const state = setupCommon(1_000_000_000n, 0n, fullAccessKey());
    const { result, cost } = expectOk(validateVerifyAndCharge(config, state, sendMoney(1n, ALICE, BOB, alice, 950_000_000n), GAS_PRICE, null, PROTOCOL_VERSION));
    expect(cost.gasBurnt).toBe(0n);
    expect(cost.gasRemaining).toBe(0n);
    expect(cost.burntAmount).toBe(0n);
    expect(result.newAccountAmount).toBe(50_000_000n);
  });

  it('test_validate_transaction_invalid_low_balance_many_keys: LackBalanceForState', () => {
    const base = freeConfig();
    const config = withFees(base, { ...base.fees, storageUsageConfig: { ...base.fees.storageUsageConfig, storageAmountPerByte: 10_000_000n } });
    const initial = 1_000_000_000n;
    const transfer = 950_000_000n;
    const state = stateOf([ALICE, setupAccount(ALICE, initial, 0n, Array<AccessKey>(10).fill(fullAccessKey()))]);
    const usage = state.get(ALICE)!.account.storageUsage;
    expect(expectErr(validateVerifyAndCharge(config, state, sendMoney(1n, ALICE, BOB, alice, transfer), GAS_PRICE, null, PROTOCOL_VERSION))).toEqual({
      kind: 'LackBalanceForState',
      signer_id: ALICE,
      amount: 10_000_000n * usage - (initial - transfer),
    });
  });

  it('test_validate_transaction_invalid_actions_for_function_call: a function-call key signs only one FunctionCall', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fcKey({ allowance: null, receiverId: BOB, methodNames: [] }));
    const config = testConfig();
    const cases = [[functionCall('hello', 100n), { type: 'CreateAccount' } as const], [], [{ type: 'CreateAccount' } as const]];
    const errors = cases.map((actions) => expectErr(validateVerifyAndCharge(config, state, signedTx(1n, ALICE, BOB, alice, actions), GAS_PRICE, null, PROTOCOL_VERSION)));
    expect(errors[0]).toEqual({ kind: 'InvalidAccessKeyError', error: { kind: 'RequiresFullAccess' } });
    expect(errors[1]).toEqual({ kind: 'InvalidAccessKeyError', error: { kind: 'RequiresFullAccess' } });
    expect(errors[2]).toEqual({ kind: 'InvalidAccessKeyError', error: { kind: 'RequiresFullAccess' } });
  });

  it('test_validate_transaction_invalid_receiver_for_function_call', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fcKey({ allowance: null, receiverId: BOB, methodNames: [] }));
    expect(
      expectErr(validateVerifyAndCharge(testConfig(), state, signedTx(1n, ALICE, EVE_DOT_ALICE, alice, [functionCall('hello', 100n)]), GAS_PRICE, null, PROTOCOL_VERSION)),
    ).toEqual({ kind: 'InvalidAccessKeyError', error: { kind: 'ReceiverMismatch', tx_receiver: EVE_DOT_ALICE, ak_receiver: BOB } });
  });

  it('test_validate_transaction_invalid_method_name_for_function_call', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fcKey({ allowance: null, receiverId: BOB, methodNames: ['not_hello', 'world'] }));
    expect(expectErr(validateVerifyAndCharge(testConfig(), state, signedTx(1n, ALICE, BOB, alice, [functionCall('hello', 100n)]), GAS_PRICE, null, PROTOCOL_VERSION))).toEqual({
      kind: 'InvalidAccessKeyError',
      error: { kind: 'MethodNameMismatch', method_name: 'hello' },
    });
  });

  it('test_validate_transaction_deposit_with_function_call (and with 1 yoctoNEAR)', () => {
    for (const deposit of [100n, 1n]) {
      const state = setupCommon(TESTING_INIT_BALANCE, 0n, fcKey({ allowance: null, receiverId: BOB, methodNames: [] }));
      expect(
        expectErr(validateVerifyAndCharge(testConfig(), state, signedTx(1n, ALICE, BOB, alice, [functionCall('hello', 100n, deposit)]), GAS_PRICE, null, PROTOCOL_VERSION)),
      ).toEqual({ kind: 'InvalidAccessKeyError', error: { kind: 'DepositWithFunctionCall' } });
      expectOk(validateVerifyAndCharge(testConfig(), state, signedTx(2n, ALICE, BOB, alice, [functionCall('hello', 100n)]), GAS_PRICE, null, PROTOCOL_VERSION));
    }
  });

  it('test_validate_transaction_exceeding_tx_size_limit: the size with the signature at protocol >= 85', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fullAccessKey());
    const tx = signedTx(1n, ALICE, BOB, alice, [{ type: 'DeployContract', code: new Uint8Array(5).fill(1) }]);
    // size_for_limits: body + signature (1 type byte + 64 bytes) once PostQuantumSignatures is on.
    const size = BigInt(verifiable(tx).size + 65);
    expect(validateTransaction(withLimits(testConfig(), (l) => (l.maxTransactionSize = size - 1n)), verifiable(tx), PROTOCOL_VERSION)).toEqual({
      kind: 'TransactionSizeExceeded',
      size,
      limit: size - 1n,
    });
    expectOk(validateVerifyAndCharge(withLimits(testConfig(), (l) => (l.maxTransactionSize = size)), state, tx, GAS_PRICE, null, PROTOCOL_VERSION));
  });

  it('test_validate_transaction_exceeding_tx_size_limit before PostQuantumSignatures: the body size alone', () => {
    const pv = 84;
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fullAccessKey());
    const tx = signedTx(1n, ALICE, BOB, alice, [{ type: 'DeployContract', code: new Uint8Array(5).fill(1) }]);
    const size = BigInt(verifiable(tx).size);
    expect(validateTransaction(withLimits(testConfig(pv), (l) => (l.maxTransactionSize = size - 1n)), verifiable(tx), pv)).toEqual({
      kind: 'TransactionSizeExceeded',
      size,
      limit: size - 1n,
    });
    expectOk(validateVerifyAndCharge(withLimits(testConfig(pv), (l) => (l.maxTransactionSize = size)), state, tx, GAS_PRICE, null, pv));
  });
});

describe('receipts (verifier.rs)', () => {
  const limits = testConfig().wasmConfig.limitConfig;
  const actionReceipt = (inputDataIds: Uint8Array[]): Receipt => ({
    predecessorId: ALICE,
    receiverId: ALICE,
    receiptId: ZERO_HASH,
    receipt: {
      type: 'Action',
      receipt: { signerId: ALICE, signerPublicKey: alice.publicKey, gasPrice: 100n, outputDataReceivers: [], inputDataIds, actions: [] },
    },
  });
  const dataReceipt = (data: Uint8Array | null): Receipt =>
({ predecessorId: ALICE, receiverId: ALICE, receiptId: ZERO_HASH, receipt: { type: 'Data', receipt: { dataId: ZERO_HASH, data } } });

  it('test_validate_receipt_valid: a balance refund', () => {
    const refund: Receipt = {
      predecessorId: 'system',
      receiverId: ALICE,
      receiptId: ZERO_HASH,
      receipt: {
        type: 'Action',
        receipt: { signerId: 'system', signerPublicKey: PublicKey.ed25519(new Uint8Array(32)), gasPrice: 0n, outputDataReceivers: [], inputDataIds: [], actions: [{ type: 'Transfer', deposit: 10n }] },
      },
    };
    expect(validateReceipt(limits, refund, PROTOCOL_VERSION, 'NewReceipt')).toBeNull();
  });

  it('test_validate_action_receipt_too_many_input_deps', () => {
    const l = { ...limits, maxNumberInputDataDependencies: 1n };
    expect(validateReceipt(l, actionReceipt([ZERO_HASH, ZERO_HASH]), PROTOCOL_VERSION, 'NewReceipt')).toEqual({
      kind: 'NumberInputDataDependenciesExceeded',
      number_of_input_data_dependencies: 2n,
      limit: 1n,
    });
  });

  it('test_validate_data_receipt_valid / too_much_data', () => {
    const hello = new TextEncoder().encode('hello');
    expect(validateReceipt(limits, dataReceipt(null), PROTOCOL_VERSION, 'NewReceipt')).toBeNull();
    expect(validateReceipt(limits, dataReceipt(hello), PROTOCOL_VERSION, 'NewReceipt')).toBeNull();
    expect(validateReceipt({ ...limits, maxLengthReturnedData: 4n }, dataReceipt(hello), PROTOCOL_VERSION, 'NewReceipt')).toEqual({
      kind: 'ReturnedValueLengthExceeded',
      length: 5n,
      limit: 4n,
    });
  });
});

describe('gas keys (verifier.rs)', () => {
  const config = testConfig(GAS_KEYS_PV);
  const transfer = (deposit: bigint) => [{ type: 'Transfer', deposit } as const];
  const run = (state: Map<string, TestAccount>, tx: ReturnType<typeof signedTx>, nonces: bigint[] = []) =>
    validateVerifyAndCharge(config, state, tx, GAS_PRICE, null, GAS_KEYS_PV, nonces);

  it('test_gas_key_tx_valid_full_access', () => {
    const { state, nonces } = setupGasKeyAccount(TESTING_INIT_BALANCE, TESTING_GAS_KEY_BALANCE, 5, null);
    const { result, cost } = expectOk(run(state, signedTx(gasKeyNonce(GAS_KEY_INITIAL_NONCE + 1n, 2), ALICE, BOB, alice, transfer(100n)), nonces));
    expect(result.accessKeyUpdate).toMatchObject({ kind: 'GasKey', nonceIndex: 2, nonce: GAS_KEY_INITIAL_NONCE + 1n });
    expect(cost.gasBurnt).toBeGreaterThan(0n);
  });

  it('test_gas_key_tx_valid_function_call', () => {
    const { state, nonces } = setupGasKeyAccount(TESTING_INIT_BALANCE, TESTING_GAS_KEY_BALANCE, 3, {
      allowance: null,
      receiverId: BOB,
      methodNames: ['do_something'],
    });
    const call = { type: 'FunctionCall', methodName: 'do_something', args: new Uint8Array(), gas: 10_000_000_000n, deposit: 0n } as const;
    const { result } = expectOk(run(state, signedTx(gasKeyNonce(GAS_KEY_INITIAL_NONCE + 1n, 0), ALICE, BOB, alice, [call]), nonces));
    expect(result.accessKeyUpdate).toMatchObject({ kind: 'GasKey', nonceIndex: 0, nonce: GAS_KEY_INITIAL_NONCE + 1n });
  });

  it('test_gas_key_tx_nonce_updated: each nonce index has its own nonce', () => {
    const { state, nonces } = setupGasKeyAccount(TESTING_INIT_BALANCE, TESTING_GAS_KEY_BALANCE, 2, null);
    for (const index of [0, 1]) {
      const { result } = expectOk(run(state, signedTx(gasKeyNonce(GAS_KEY_INITIAL_NONCE + 1n, index), ALICE, BOB, alice, transfer(1n)), nonces));
      expect(result.accessKeyUpdate).toMatchObject({ kind: 'GasKey', nonceIndex: index, nonce: GAS_KEY_INITIAL_NONCE + 1n });
    }
  });

  it('test_gas_key_tx_not_a_gas_key / test_access_key_tx_rejects_nonce_index: AccessKeyNotFound', () => {
    const state = setupCommon(TESTING_INIT_BALANCE, 0n, fullAccessKey());
    expect(expectErr(run(state, signedTx(gasKeyNonce(1n, 0), ALICE, BOB, alice, transfer(100n))))).toEqual({
      kind: 'InvalidAccessKeyError',
      error: { kind: 'AccessKeyNotFound', account_id: ALICE, public_key: alice.publicKey.toString() },
    });
  });

  it('test_gas_key_tx_missing_nonce_index', () => {
    const { state, nonces } = setupGasKeyAccount(TESTING_INIT_BALANCE, 0n, 3, null);
    expect(expectErr(run(state, signedTx(GAS_KEY_INITIAL_NONCE + 1n, ALICE, BOB, alice, transfer(100n), { version: 'V1' }), nonces))).toEqual({
      kind: 'InvalidNonceIndex',
      tx_nonce_index: null,
      num_nonces: 3,
    });
  });

  it('test_gas_key_tx_nonce_index_out_of_range', () => {
    const { state, nonces } = setupGasKeyAccount(TESTING_INIT_BALANCE, 0n, 3, null);
    expect(expectErr(run(state, signedTx(gasKeyNonce(GAS_KEY_INITIAL_NONCE + 1n, 5), ALICE, BOB, alice, transfer(100n)), nonces))).toEqual({
      kind: 'InvalidNonceIndex',
      tx_nonce_index: 5,
      num_nonces: 3,
    });
  });

  it('test_gas_key_tx_invalid_nonce', () => {
    const { state, nonces } = setupGasKeyAccount(TESTING_INIT_BALANCE, TESTING_GAS_KEY_BALANCE, 2, null);
    expect(expectErr(run(state, signedTx(gasKeyNonce(GAS_KEY_INITIAL_NONCE, 0), ALICE, BOB, alice, transfer(100n)), nonces))).toEqual({
      kind: 'InvalidNonce',
      tx_nonce: GAS_KEY_INITIAL_NONCE,
      ak_nonce: GAS_KEY_INITIAL_NONCE,
    });
  });

  it('test_gas_key_tx_not_enough_gas_key_balance', () => {
    const { state, nonces } = setupGasKeyAccount(TESTING_INIT_BALANCE, 0n, 2, null);
    const tx = signedTx(gasKeyNonce(GAS_KEY_INITIAL_NONCE + 1n, 0), ALICE, BOB, alice, transfer(1n));
    const cost = transactionCost(config, ALICE, BOB, alice.publicKey, tx.transaction.actions, GAS_PRICE);
    expect(expectErr(run(state, tx, nonces))).toEqual({ kind: 'NotEnoughGasKeyBalance', signer_id: ALICE, balance: 0n, cost: cost.gasCost });
  });

  it('test_gas_key_tx_not_enough_account_balance_for_deposit', () => {
    const { state, nonces } = setupGasKeyAccount(1n, TESTING_GAS_KEY_BALANCE, 2, null);
    expect(expectErr(run(state, signedTx(gasKeyNonce(GAS_KEY_INITIAL_NONCE + 1n, 0), ALICE, BOB, alice, transfer(1000n * NEAR)), nonces))).toMatchObject({
      kind: 'NotEnoughBalanceForDeposit',
    });
  });

  it('test_gas_key_tx_balance_split: the account pays the deposit, the key the gas', () => {
    const { state, nonces } = setupGasKeyAccount(TESTING_INIT_BALANCE, TESTING_GAS_KEY_BALANCE, 2, null);
    const deposit = 5n * NEAR;
    const { cost } = expectOk(run(state, signedTx(gasKeyNonce(GAS_KEY_INITIAL_NONCE + 1n, 0), ALICE, BOB, alice, transfer(deposit)), nonces));
    expect(state.get(ALICE)!.account.amount).toBe(TESTING_INIT_BALANCE - deposit);
    const key = state.get(ALICE)!.keys.get(alice.publicKey.toString())!;
    expect(key.permission).toMatchObject({ type: 'GasKeyFullAccess', gasKeyInfo: { balance: TESTING_GAS_KEY_BALANCE - cost.gasCost } });
  });

  it('test_gas_key_tx_deposit_failed_for_account_balance: the conversion is still charged to the key', () => {
    const { state } = setupGasKeyAccount(1n, TESTING_GAS_KEY_BALANCE, 2, null);
    const tx = signedTx(gasKeyNonce(GAS_KEY_INITIAL_NONCE + 1n, 0), ALICE, BOB, alice, transfer(1000n * NEAR));
    expect(validateTransaction(config, verifiable(tx), GAS_KEYS_PV)).toBeNull();
    const cost = transactionCost(config, ALICE, BOB, alice.publicKey, tx.transaction.actions, GAS_PRICE);
    const acc = state.get(ALICE)!;
    const verdict = verifyAndChargeGasKey(config, acc.account, acc.keys.get(alice.publicKey.toString())!, GAS_KEY_INITIAL_NONCE, tx.transaction, cost, null);
    expect(verdict.kind).toBe('DepositFailed');
    if (verdict.kind !== 'DepositFailed') return;
    expect(verdict.error).toMatchObject({ kind: 'NotEnoughBalanceForDeposit', signer_id: ALICE, reason: 'NotEnoughBalance' });
    expect(verdict.result.newAccountAmount).toBe(1n);
    expect(verdict.result.accessKeyUpdate).toEqual({
      kind: 'GasKey',
      newBalance: TESTING_GAS_KEY_BALANCE - cost.burntAmount,
      nonceIndex: 0,
      nonce: GAS_KEY_INITIAL_NONCE + 1n,
    });
  });

  it('test_gas_key_tx_deposit_failed_for_storage_stake: LackBalanceForState after the deposit', () => {
    const initial = NEAR;
    const deposit = 999n * MILLINEAR;
    const { state } = setupGasKeyAccount(initial, TESTING_GAS_KEY_BALANCE, 60, null);
    expect(state.get(ALICE)!.account.storageUsage).toBeGreaterThan(ZERO_BALANCE_ACCOUNT_STORAGE_LIMIT);
    const tx = signedTx(gasKeyNonce(GAS_KEY_INITIAL_NONCE + 1n, 0), ALICE, BOB, alice, transfer(deposit));
    const cost = transactionCost(config, ALICE, BOB, alice.publicKey, tx.transaction.actions, GAS_PRICE);
    const acc = state.get(ALICE)!;
    const verdict = verifyAndChargeGasKey(config, acc.account, acc.keys.get(alice.publicKey.toString())!, GAS_KEY_INITIAL_NONCE, tx.transaction, cost, null);
    expect(verdict.kind).toBe('DepositFailed');
    if (verdict.kind !== 'DepositFailed') return;
    expect(verdict.error).toMatchObject({ kind: 'NotEnoughBalanceForDeposit', signer_id: ALICE, balance: initial - cost.depositCost, reason: 'LackBalanceForState' });
    expect(verdict.result.newAccountAmount).toBe(initial);
  });
});

describe('strict nonces (verifier.rs strict_nonce_tests)', () => {
  const config = testConfig(STRICT_NONCE_PV);
  const transfer = [{ type: 'Transfer', deposit: 100n } as const];
  const strict = (nonce: bigint) => signedTx(nonce, ALICE, BOB, alice, transfer, { version: 'V1', nonceMode: 'Strict' });
  const run = (akNonce: bigint, tx: ReturnType<typeof signedTx>) =>
    validateVerifyAndCharge(config, setupCommon(TESTING_INIT_BALANCE, 0n, fullAccessKey(akNonce)), tx, GAS_PRICE, null, STRICT_NONCE_PV);

  it('test_strict_nonce_exact_next_nonce_succeeds', () => {
    expectOk(run(5n, strict(6n)));
  });
  it('test_strict_nonce_gap_rejected', () => {
    expect(expectErr(run(5n, strict(7n)))).toEqual({ kind: 'InvalidNonce', tx_nonce: 7n, ak_nonce: 5n });
  });
  it('test_strict_nonce_stale_rejected', () => {
    expect(expectErr(run(5n, strict(3n)))).toEqual({ kind: 'InvalidNonce', tx_nonce: 3n, ak_nonce: 5n });
  });
  it('test_monotonic_nonce_gap_succeeds', () => {
    expectOk(run(5n, signedTx(100n, ALICE, BOB, alice, transfer, { version: 'V1' })));
  });
  it('test_strict_nonce_v1_rejected_before_feature', () => {
    expect(validateTransaction(testConfig(STRICT_NONCE_PV - 1), verifiable(strict(1n)), STRICT_NONCE_PV - 1)).toEqual({ kind: 'InvalidTransactionVersion' });
  });
  it('test_strict_nonce_equal_to_current_rejected', () => {
    expect(expectErr(run(5n, strict(5n)))).toEqual({ kind: 'InvalidNonce', tx_nonce: 5n, ak_nonce: 5n });
  });
  it('test_strict_nonce_u64_max_rejected', () => {
    expect(expectErr(run(U64_MAX, strict(U64_MAX)))).toEqual({ kind: 'InvalidNonce', tx_nonce: U64_MAX, ak_nonce: U64_MAX });
  });
});
