import { describe, expect, it } from 'vitest';
import {
  ACTION_ERROR_KIND_KINDS,
  ActionError,
  actionErrorKindToJson,
  actionErrorToJson,
  displayActionError,
  displayActionErrorKind,
  displayTxExecutionError,
  failureStatusToJson,
  toOnChainFunctionCallError,
  TxExecutionError,
  txExecutionErrorToJson,
  type ActionErrorKindData,
} from '../src/index.js';

const PK = 'ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp';
const NEAR = 10n ** 24n;
const HASH = '9SP8Y3sVADWNN5QoEB5CsvPUE5HT4o8YfBaCnhLss87K';

// Display texts: nearcore core/primitives/src/errors.rs (`impl Display for ActionErrorKind`).
const cases: [ActionErrorKindData, string, unknown][] = [
  [
    { kind: 'AccountAlreadyExists', account_id: 'bob.near' },
    'Can\'t create a new account AccountId("bob.near"), because it already exists',
    { AccountAlreadyExists: { account_id: 'bob.near' } },
  ],
  [
    { kind: 'AccountDoesNotExist', account_id: 'bob.near' },
    'Can\'t complete the action because account AccountId("bob.near") doesn\'t exist',
    { AccountDoesNotExist: { account_id: 'bob.near' } },
  ],
  [
    { kind: 'CreateAccountOnlyByRegistrar', account_id: 'short', registrar_account_id: 'registrar', predecessor_id: 'alice.near' },
    'A top-level account ID AccountId("short") can\'t be created by AccountId("alice.near"), short top-level account IDs can only be created by AccountId("registrar")',
    { CreateAccountOnlyByRegistrar: { account_id: 'short', registrar_account_id: 'registrar', predecessor_id: 'alice.near' } },
  ],
  [
    { kind: 'CreateAccountNotAllowed', account_id: 'x.bob.near', predecessor_id: 'alice.near' },
    'A sub-account ID AccountId("x.bob.near") can\'t be created by account AccountId("alice.near")',
    { CreateAccountNotAllowed: { account_id: 'x.bob.near', predecessor_id: 'alice.near' } },
  ],
  [
    { kind: 'ActorNoPermission', account_id: 'bob.near', actor_id: 'alice.near' },
    'Actor AccountId("alice.near") doesn\'t have permission to account AccountId("bob.near") to complete the action',
    { ActorNoPermission: { account_id: 'bob.near', actor_id: 'alice.near' } },
  ],
  [
    { kind: 'DeleteKeyDoesNotExist', account_id: 'bob.near', public_key: PK },
    'Account AccountId("bob.near") tries to remove an access key that doesn\'t exist',
    { DeleteKeyDoesNotExist: { account_id: 'bob.near', public_key: PK } },
  ],
  [
    { kind: 'AddKeyAlreadyExists', account_id: 'bob.near', public_key: PK },
    `The public key ${PK} is already used for an existing access key`,
    { AddKeyAlreadyExists: { account_id: 'bob.near', public_key: PK } },
  ],
  [
    { kind: 'DeleteAccountStaking', account_id: 'bob.near' },
    'Account AccountId("bob.near") is staking and can not be deleted',
    { DeleteAccountStaking: { account_id: 'bob.near' } },
  ],
  [
    // `{}` of the account (no AccountId(…)) and near_token's Display before the word "yoctoNEAR".
    { kind: 'LackBalanceForState', account_id: 'bob.near', amount: 8065739611052772000000000n },
    "The account bob.near wouldn't have enough balance to cover storage, required to have 8.07 NEAR yoctoNEAR more",
    { LackBalanceForState: { account_id: 'bob.near', amount: '8065739611052772000000000' } },
  ],
  [
    { kind: 'TriesToUnstake', account_id: 'bob.near' },
    'Account AccountId("bob.near") is not yet staked, but tries to unstake',
    { TriesToUnstake: { account_id: 'bob.near' } },
  ],
  [
    { kind: 'TriesToStake', account_id: 'bob.near', stake: 100n * NEAR, locked: 10n * NEAR, balance: 50n * NEAR },
    'Account AccountId("bob.near") tries to stake 100.00 NEAR, but has staked 10.00 NEAR and only has 50.00 NEAR',
    {
      TriesToStake: {
        account_id: 'bob.near',
        stake: '100000000000000000000000000',
        locked: '10000000000000000000000000',
        balance: '50000000000000000000000000',
      },
    },
  ],
  [
    { kind: 'InsufficientStake', account_id: 'bob.near', stake: NEAR, minimum_stake: 2n * NEAR },
    'Account bob.near tries to stake 1.00 NEAR but minimum required stake is 2.00 NEAR',
    { InsufficientStake: { account_id: 'bob.near', stake: '1000000000000000000000000', minimum_stake: '2000000000000000000000000' } },
  ],
  [
    {
      kind: 'FunctionCallError',
      error: toOnChainFunctionCallError({ kind: 'HostError', error: { kind: 'GuestPanic', panic_msg: "The account doesn't have enough balance" } }),
    },
    'ExecutionError("Smart contract panicked: The account doesn\'t have enough balance")',
    { FunctionCallError: { ExecutionError: "Smart contract panicked: The account doesn't have enough balance" } },
  ],
  [
    { kind: 'NewReceiptValidationError', error: { kind: 'InvalidReceiverId', account_id: 'Bad' } },
    'An new action receipt created during a FunctionCall is not valid: The receiver_id `Bad` of a Receipt is not valid.',
    { NewReceiptValidationError: { InvalidReceiverId: { account_id: 'Bad' } } },
  ],
  [
    { kind: 'OnlyImplicitAccountCreationAllowed', account_id: 'ab'.repeat(32) },
    `CreateAccount action is called on hex-characters account of length 64 ${'ab'.repeat(32)}`,
    { OnlyImplicitAccountCreationAllowed: { account_id: 'ab'.repeat(32) } },
  ],
  [
    { kind: 'DeleteAccountWithLargeState', account_id: 'bob.near' },
    'The state of account bob.near is too large and therefore cannot be deleted',
    { DeleteAccountWithLargeState: { account_id: 'bob.near' } },
  ],
  [{ kind: 'DelegateActionInvalidSignature' }, 'DelegateAction is not signed with the given public key', 'DelegateActionInvalidSignature'],
  [
    { kind: 'DelegateActionSenderDoesNotMatchTxReceiver', sender_id: 'alice.near', receiver_id: 'bob.near' },
    "Transaction receiver bob.near doesn't match DelegateAction sender alice.near",
    { DelegateActionSenderDoesNotMatchTxReceiver: { sender_id: 'alice.near', receiver_id: 'bob.near' } },
  ],
  [{ kind: 'DelegateActionExpired' }, 'DelegateAction has expired', 'DelegateActionExpired'],
  [
    { kind: 'DelegateActionAccessKeyError', error: { kind: 'AccessKeyNotFound', account_id: 'alice.near', public_key: PK } },
    `Signer AccountId("alice.near") doesn't have access key with the given public_key ${PK}`,
    { DelegateActionAccessKeyError: { AccessKeyNotFound: { account_id: 'alice.near', public_key: PK } } },
  ],
  [
    { kind: 'DelegateActionInvalidNonce', delegate_nonce: 3n, ak_nonce: 9n },
    'DelegateAction nonce 3 must be larger than nonce of the used access key 9',
    { DelegateActionInvalidNonce: { delegate_nonce: 3, ak_nonce: 9 } },
  ],
  [
    { kind: 'DelegateActionNonceTooLarge', delegate_nonce: 20_000_000n, upper_bound: 10_000_000n },
    'DelegateAction nonce 20000000 must be smaller than the access key nonce upper bound 10000000',
    { DelegateActionNonceTooLarge: { delegate_nonce: 20000000, upper_bound: 10000000 } },
  ],
  [
    // Derived Debug of GlobalContractIdentifier; serde renames the variants to hash/account_id.
    { kind: 'GlobalContractDoesNotExist', identifier: { kind: 'CodeHash', hash: HASH } },
    `Global contract identifier CodeHash(${HASH}) not found`,
    { GlobalContractDoesNotExist: { identifier: { hash: HASH } } },
  ],
  [
    { kind: 'GasKeyDoesNotExist', account_id: 'bob.near', public_key: PK },
    `Gas key ${PK} does not exist for account bob.near`,
    { GasKeyDoesNotExist: { account_id: 'bob.near', public_key: PK } },
  ],
  [
    { kind: 'InsufficientGasKeyBalance', account_id: 'bob.near', public_key: PK, balance: 10n ** 21n, required: NEAR },
    `Gas key ${PK} for account bob.near has insufficient balance: 0.001 NEAR available, 1.00 NEAR required`,
    {
      InsufficientGasKeyBalance: { account_id: 'bob.near', public_key: PK, balance: '1000000000000000000000', required: '1000000000000000000000000' },
    },
  ],
  [
    { kind: 'GasKeyBalanceTooHigh', account_id: 'bob.near', public_key: PK, balance: 2n * NEAR },
    `Gas key ${PK} for account bob.near has balance 2.00 NEAR which is too high to burn on deletion`,
    { GasKeyBalanceTooHigh: { account_id: 'bob.near', public_key: PK, balance: '2000000000000000000000000' } },
  ],
  [
    { kind: 'DelegateActionInvalidNonceIndex', nonce_index: 5, num_nonces: 4 },
    'DelegateAction nonce index 5 must be smaller than the gas key nonce count 4',
    { DelegateActionInvalidNonceIndex: { nonce_index: 5, num_nonces: 4 } },
  ],
];

describe('ActionErrorKind', () => {
  it('has a case here for every variant', () => {
    expect(cases.map(([e]) => e.kind)).toEqual(ACTION_ERROR_KIND_KINDS);
  });
  it.each(cases.map((c) => [c[0].kind, ...c] as const))('%s', (_kind, data, display, json) => {
    expect(displayActionErrorKind(data)).toBe(display);
    expect(actionErrorKindToJson(data)).toEqual(json);
    const error = new ActionError({ index: 1n, kind: data });
    expect(error.message).toBe(`Action #1: ${display}`);
    expect(error.discriminants?.[0]).toBe(ACTION_ERROR_KIND_KINDS.indexOf(data.kind));
  });

  it('prints the aggregate GasKeyBalanceTooHigh and an account-named global contract', () => {
    expect(displayActionErrorKind({ kind: 'GasKeyBalanceTooHigh', account_id: 'bob.near', public_key: null, balance: NEAR })).toBe(
      'Account bob.near has total gas key balance 1.00 NEAR which is too high to burn on deletion',
    );
    expect(actionErrorKindToJson({ kind: 'GasKeyBalanceTooHigh', account_id: 'bob.near', public_key: null, balance: NEAR })).toEqual({
      GasKeyBalanceTooHigh: { account_id: 'bob.near', public_key: null, balance: '1000000000000000000000000' },
    });
    const byAccount: ActionErrorKindData = { kind: 'GlobalContractDoesNotExist', identifier: { kind: 'AccountId', account_id: 'lib.near' } };
    expect(displayActionErrorKind(byAccount)).toBe('Global contract identifier AccountId(AccountId("lib.near")) not found');
    expect(actionErrorKindToJson(byAccount)).toEqual({ GlobalContractDoesNotExist: { identifier: { account_id: 'lib.near' } } });
  });
});

describe('ActionError and TxExecutionError', () => {
  const panic: ActionErrorKindData = {
    kind: 'FunctionCallError',
    error: { kind: 'ExecutionError', msg: "Smart contract panicked: The account doesn't have enough balance" },
  };

  it('matches the outcome JSON of nearcore pytest locust/common/base.py', () => {
    expect(failureStatusToJson({ kind: 'ActionError', error: { index: 0n, kind: panic } })).toEqual({
      Failure: {
        ActionError: {
          index: 0,
          kind: { FunctionCallError: { ExecutionError: "Smart contract panicked: The account doesn't have enough balance" } },
        },
      },
    });
  });

  it('prints a missing index as null in JSON and as #0 in Display', () => {
    const data = { kind: { kind: 'LackBalanceForState', account_id: 'bob.near', amount: 10n ** 21n } } as const;
    expect(actionErrorToJson(data)).toEqual({ index: null, kind: { LackBalanceForState: { account_id: 'bob.near', amount: '1000000000000000000000' } } });
    expect(displayActionError(data)).toBe(
      "Action #0: The account bob.near wouldn't have enough balance to cover storage, required to have 0.001 NEAR yoctoNEAR more",
    );
  });

  it('gives codes and discriminant paths through the nesting', () => {
    const error = new ActionError({ index: 2n, kind: panic });
    expect(error.code).toBe('ActionError.FunctionCallError.ExecutionError');
    expect(error.discriminants).toEqual([12, 7]);
    const tx = new TxExecutionError({ kind: 'ActionError', error: { index: 2n, kind: panic } });
    expect(tx.code).toBe('TxExecutionError.ActionError.FunctionCallError.ExecutionError');
    expect(tx.discriminants).toEqual([0, 12, 7]);
    expect(tx.message).toBe('Action #2: ExecutionError("Smart contract panicked: The account doesn\'t have enough balance")');
    const invalid = new TxExecutionError({ kind: 'InvalidTxError', error: { kind: 'InvalidNonce', tx_nonce: 1n, ak_nonce: 2n } });
    expect(invalid.code).toBe('TxExecutionError.InvalidTxError.InvalidNonce');
    expect(invalid.discriminants).toEqual([1, 3]);
    expect(txExecutionErrorToJson(invalid.data)).toEqual({ InvalidTxError: { InvalidNonce: { tx_nonce: 1, ak_nonce: 2 } } });
    expect(displayTxExecutionError(invalid.data)).toBe('Transaction nonce 1 must be larger than nonce of the used access key 2');
  });
});
