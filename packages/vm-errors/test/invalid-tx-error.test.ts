import { describe, expect, it } from 'vitest';
import {
  displayInvalidAccessKeyError,
  displayInvalidTxError,
  INVALID_ACCESS_KEY_ERROR_KINDS,
  INVALID_TX_ERROR_KINDS,
  InvalidAccessKeyError,
  invalidAccessKeyErrorToJson,
  InvalidTxError,
  invalidTxErrorToJson,
  serverErrorDataToJson,
  stringifyJson,
  type InvalidAccessKeyErrorData,
  type InvalidTxErrorData,
} from '../src/index.js';

const PK = 'ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp';
const NEAR = 10n ** 24n;

// Display texts: nearcore core/primitives/src/errors.rs (`impl Display for InvalidAccessKeyError`).
// AccountIds go through `{:?}` (AccountId("…")), Strings through `{:?}` ("…"), amounts through
// near_token's Display.
const accessKeyCases: [InvalidAccessKeyErrorData, string, unknown][] = [
  [
    { kind: 'AccessKeyNotFound', account_id: 'alice.near', public_key: PK },
    `Signer AccountId("alice.near") doesn't have access key with the given public_key ${PK}`,
    { AccessKeyNotFound: { account_id: 'alice.near', public_key: PK } },
  ],
  [
    { kind: 'ReceiverMismatch', tx_receiver: 'bob.near', ak_receiver: 'carol.near' },
    'Transaction receiver_id AccountId("bob.near") doesn\'t match the access key receiver_id "carol.near"',
    { ReceiverMismatch: { tx_receiver: 'bob.near', ak_receiver: 'carol.near' } },
  ],
  [
    { kind: 'MethodNameMismatch', method_name: 'withdraw' },
    'Transaction method name "withdraw" isn\'t allowed by the access key',
    { MethodNameMismatch: { method_name: 'withdraw' } },
  ],
  [
    { kind: 'RequiresFullAccess' },
    'Invalid access key type. Full-access keys are required for transactions that have multiple or non-function-call actions',
    'RequiresFullAccess',
  ],
  [
    { kind: 'NotEnoughAllowance', account_id: 'alice.near', public_key: PK, allowance: 25n * 10n ** 22n, cost: 3n * NEAR },
    `Access Key AccountId("alice.near"):${PK} does not have enough balance 0.250 NEAR for transaction costing 3.00 NEAR`,
    {
      NotEnoughAllowance: { account_id: 'alice.near', public_key: PK, allowance: '250000000000000000000000', cost: '3000000000000000000000000' },
    },
  ],
  [
    { kind: 'DepositWithFunctionCall' },
    'Having a deposit with a function call action is not allowed with a function call access key.',
    'DepositWithFunctionCall',
  ],
  [
    { kind: 'DelegateActionRequiresNonGasKey' },
    "Gas keys can't sign a delegate action with a plain nonce; use a DelegateV2 with a gas key nonce",
    'DelegateActionRequiresNonGasKey',
  ],
  [{ kind: 'DelegateActionRequiresGasKey' }, 'Gas key delegate action requires a gas key', 'DelegateActionRequiresGasKey'],
];

describe('InvalidAccessKeyError', () => {
  it('has a case here for every variant', () => {
    expect(accessKeyCases.map(([e]) => e.kind)).toEqual(INVALID_ACCESS_KEY_ERROR_KINDS);
  });
  it.each(accessKeyCases.map((c) => [c[0].kind, ...c] as const))('%s', (_kind, data, display, json) => {
    expect(displayInvalidAccessKeyError(data)).toBe(display);
    expect(invalidAccessKeyErrorToJson(data)).toEqual(json);
    const error = new InvalidAccessKeyError(data);
    expect(error.message).toBe(display);
    expect(error.code).toBe(`InvalidAccessKeyError.${data.kind}`);
    expect(error.discriminants).toEqual([INVALID_ACCESS_KEY_ERROR_KINDS.indexOf(data.kind)]);
  });
});

// Display texts: `impl Display for InvalidTxError`.
const txCases: [InvalidTxErrorData, string, unknown][] = [
  [
    { kind: 'InvalidAccessKeyError', error: { kind: 'RequiresFullAccess' } },
    'Invalid access key type. Full-access keys are required for transactions that have multiple or non-function-call actions',
    { InvalidAccessKeyError: 'RequiresFullAccess' },
  ],
  [
    { kind: 'InvalidSignerId', signer_id: 'Alice' },
    'Invalid signer account ID "Alice" according to requirements',
    { InvalidSignerId: { signer_id: 'Alice' } },
  ],
  [
    { kind: 'SignerDoesNotExist', signer_id: 'alice.near' },
    'Signer AccountId("alice.near") does not exist',
    { SignerDoesNotExist: { signer_id: 'alice.near' } },
  ],
  [
    { kind: 'InvalidNonce', tx_nonce: 5n, ak_nonce: 7n },
    'Transaction nonce 5 must be larger than nonce of the used access key 7',
    { InvalidNonce: { tx_nonce: 5, ak_nonce: 7 } },
  ],
  [
    { kind: 'NonceTooLarge', tx_nonce: 18446744073709551615n, upper_bound: 10_000_000n },
    'Transaction nonce 18446744073709551615 must be smaller than the access key nonce upper bound 10000000',
    { NonceTooLarge: { tx_nonce: 18446744073709551615n, upper_bound: 10000000 } },
  ],
  [
    { kind: 'InvalidReceiverId', receiver_id: 'Bob "the" builder' },
    'Invalid receiver account ID "Bob \\"the\\" builder" according to requirements',
    { InvalidReceiverId: { receiver_id: 'Bob "the" builder' } },
  ],
  [{ kind: 'InvalidSignature' }, 'Transaction is not signed with the given public key', 'InvalidSignature'],
  [
    // Amounts from nearcore's rpc_nodes.rs test (PV with AccountCostIncrease).
    { kind: 'NotEnoughBalance', signer_id: 'near.0', balance: 950000000000000000000000000000000n, cost: 1100000000000245500818750000000000n },
    'Sender AccountId("near.0") does not have enough balance 950000000.00 NEAR for operation costing 1100000000.01 NEAR',
    { NotEnoughBalance: { signer_id: 'near.0', balance: '950000000000000000000000000000000', cost: '1100000000000245500818750000000000' } },
  ],
  [
    { kind: 'LackBalanceForState', signer_id: 'alice.near', amount: 182n * 10n ** 19n },
    'Failed to execute, because the account AccountId("alice.near") wouldn\'t have enough balance to cover storage, required to have 0.002 NEAR yoctoNEAR more',
    { LackBalanceForState: { signer_id: 'alice.near', amount: '1820000000000000000000' } },
  ],
  [{ kind: 'CostOverflow' }, 'Transaction gas or balance cost is too high', 'CostOverflow'],
  [{ kind: 'InvalidChain' }, "Transaction parent block hash doesn't belong to the current chain", 'InvalidChain'],
  [{ kind: 'Expired' }, 'Transaction has expired', 'Expired'],
  [
    { kind: 'ActionsValidation', error: { kind: 'TotalNumberOfActionsExceeded', total_number_of_actions: 101n, limit: 100n } },
    'Transaction actions validation error: The total number of actions 101 exceeds the limit 100',
    { ActionsValidation: { TotalNumberOfActionsExceeded: { total_number_of_actions: 101, limit: 100 } } },
  ],
  [
    { kind: 'TransactionSizeExceeded', size: 1572865n, limit: 1572864n },
    'Size of serialized transaction 1572865 exceeded the limit 1572864',
    { TransactionSizeExceeded: { size: 1572865, limit: 1572864 } },
  ],
  [{ kind: 'InvalidTransactionVersion' }, 'Transaction version is invalid', 'InvalidTransactionVersion'],
  [
    { kind: 'StorageError', error: { kind: 'StorageInconsistentState', msg: 'missing account' } },
    'Storage error: StorageInconsistentState("missing account")',
    { StorageError: { StorageInconsistentState: 'missing account' } },
  ],
  [
    // {:.3} rounds the exact binary value, ties to even: 0.5625 → 0.562.
    { kind: 'ShardCongested', shard_id: 3, congestion_level: 0.5625 },
    'Shard 3 is currently at congestion level 0.562 and rejects new transactions.',
    { ShardCongested: { shard_id: 3, congestion_level: 0.5625 } },
  ],
  [
    { kind: 'ShardStuck', shard_id: 1, missed_chunks: 12n },
    'Shard 1 missed 12 chunks and rejects new transactions.',
    { ShardStuck: { shard_id: 1, missed_chunks: 12 } },
  ],
  [
    { kind: 'InvalidNonceIndex', tx_nonce_index: null, num_nonces: 4 },
    'Invalid nonce_index None for key with 4 nonces',
    { InvalidNonceIndex: { tx_nonce_index: null, num_nonces: 4 } },
  ],
  [
    { kind: 'NotEnoughGasKeyBalance', signer_id: 'alice.near', balance: 0n, cost: 5n * 10n ** 20n },
    'Gas key for AccountId("alice.near") does not have enough balance 0 NEAR for gas cost <0.001 NEAR',
    { NotEnoughGasKeyBalance: { signer_id: 'alice.near', balance: '0', cost: '500000000000000000000' } },
  ],
  [
    { kind: 'NotEnoughBalanceForDeposit', signer_id: 'alice.near', balance: NEAR, cost: 2n * NEAR, reason: 'NotEnoughBalance' },
    'Sender AccountId("alice.near") does not have enough balance 1.00 NEAR to cover deposit cost 2.00 NEAR',
    {
      NotEnoughBalanceForDeposit: {
        signer_id: 'alice.near',
        balance: '1000000000000000000000000',
        cost: '2000000000000000000000000',
        reason: 'NotEnoughBalance',
      },
    },
  ],
];

describe('InvalidTxError', () => {
  it('has a case here for every variant', () => {
    expect(txCases.map(([e]) => e.kind)).toEqual(INVALID_TX_ERROR_KINDS);
  });
  it.each(txCases.map((c) => [c[0].kind, ...c] as const))('%s', (_kind, data, display, json) => {
    expect(displayInvalidTxError(data)).toBe(display);
    expect(invalidTxErrorToJson(data)).toEqual(json);
    const error = new InvalidTxError(data);
    expect(error.message).toBe(display);
    expect(error.discriminants?.[0]).toBe(INVALID_TX_ERROR_KINDS.indexOf(data.kind));
  });

  it('prints the other DepositCostFailureReason and a present nonce index', () => {
    expect(
      displayInvalidTxError({ kind: 'NotEnoughBalanceForDeposit', signer_id: 'a.near', balance: NEAR, cost: 15n * 10n ** 23n, reason: 'LackBalanceForState' }),
    ).toBe('Sender AccountId("a.near") would not have enough balance for storage after covering deposit (required 1.50 NEAR more)');
    expect(displayInvalidTxError({ kind: 'InvalidNonceIndex', tx_nonce_index: 9, num_nonces: 4 })).toBe(
      'Invalid nonce_index Some(9) for key with 4 nonces',
    );
  });

  it('gives nested codes and discriminant paths', () => {
    const error = new InvalidTxError({ kind: 'InvalidAccessKeyError', error: { kind: 'NotEnoughAllowance', account_id: 'a.near', public_key: PK, allowance: 1n, cost: 2n } });
    expect(error.code).toBe('InvalidTxError.InvalidAccessKeyError.NotEnoughAllowance');
    expect(error.discriminants).toEqual([0, 4]);
    const storage = new InvalidTxError({ kind: 'StorageError', error: { kind: 'MissingTrieValue', context: 'TrieStorage', hash: '11111111111111111111111111111111' } });
    expect(storage.code).toBe('InvalidTxError.StorageError.MissingTrieValue');
    expect(storage.discriminants).toEqual([15, 1]);
  });

  it('matches the RPC error data asserted by nearcore tests', () => {
    // chain/jsonrpc/jsonrpc-tests/tests/rpc_transactions.rs
    expect(serverErrorDataToJson({ kind: 'InvalidTxError', error: { kind: 'Expired' } })).toEqual({
      TxExecutionError: { InvalidTxError: 'Expired' },
    });
    // integration-tests/src/tests/nearcore/rpc_nodes.rs
    const notEnough: InvalidTxErrorData = {
      kind: 'NotEnoughBalance',
      signer_id: 'near.0',
      balance: 950000000000000000000000000000000n,
      cost: 1100000000000245500818750000000000n,
    };
    expect(stringifyJson(serverErrorDataToJson({ kind: 'InvalidTxError', error: notEnough }))).toBe(
      '{"TxExecutionError":{"InvalidTxError":{"NotEnoughBalance":{"signer_id":"near.0","balance":"950000000000000000000000000000000","cost":"1100000000000245500818750000000000"}}}}',
    );
  });

  it('keeps u64 beyond 2^53 exact in text and rounds it only for JSON.stringify', () => {
    const error = new InvalidTxError({ kind: 'InvalidNonce', tx_nonce: 9007199254740993n, ak_nonce: 1n });
    expect(stringifyJson(error.json())).toBe('{"InvalidNonce":{"tx_nonce":9007199254740993,"ak_nonce":1}}');
    expect(JSON.stringify(error)).toBe('{"InvalidNonce":{"tx_nonce":9007199254740992,"ak_nonce":1}}');
  });
});
