import { describe, expect, it } from 'vitest';
import {
  ACTIONS_VALIDATION_ERROR_KINDS,
  ActionsValidationError,
  actionsValidationErrorToJson,
  displayActionsValidationError,
  displayReceiptValidationError,
  RECEIPT_VALIDATION_ERROR_KINDS,
  ReceiptValidationError,
  receiptValidationErrorToJson,
  type ActionsValidationErrorData,
  type ReceiptValidationErrorData,
} from '../src/index.js';

const PK = 'ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp';

// Display texts: nearcore core/primitives/src/errors.rs (`impl Display for ActionsValidationError`).
const actionsCases: [ActionsValidationErrorData, string, unknown][] = [
  [{ kind: 'DeleteActionMustBeFinal' }, 'The delete action must be the last action in transaction', 'DeleteActionMustBeFinal'],
  [
    // Gas prints through near_gas's Display (rounded up to 0.1 Tgas); JSON keeps the raw u64.
    { kind: 'TotalPrepaidGasExceeded', total_prepaid_gas: 1_000_000_000_000_001n, limit: 1_000_000_000_000_000n },
    'The total prepaid gas 1000.1 Tgas exceeds the limit 1000.0 Tgas',
    { TotalPrepaidGasExceeded: { total_prepaid_gas: 1000000000000001, limit: 1000000000000000 } },
  ],
  [
    { kind: 'TotalNumberOfActionsExceeded', total_number_of_actions: 101n, limit: 100n },
    'The total number of actions 101 exceeds the limit 100',
    { TotalNumberOfActionsExceeded: { total_number_of_actions: 101, limit: 100 } },
  ],
  [
    { kind: 'AddKeyMethodNamesNumberOfBytesExceeded', total_number_of_bytes: 2001n, limit: 2000n },
    'The total number of bytes in allowed method names 2001 exceeds the maximum allowed number 2000 in a AddKey action',
    { AddKeyMethodNamesNumberOfBytesExceeded: { total_number_of_bytes: 2001, limit: 2000 } },
  ],
  [
    { kind: 'AddKeyMethodNameLengthExceeded', length: 257n, limit: 256n },
    'The length of some method name 257 exceeds the maximum allowed length 256 in a AddKey action',
    { AddKeyMethodNameLengthExceeded: { length: 257, limit: 256 } },
  ],
  [{ kind: 'IntegerOverflow' }, 'Integer overflow during a compute', 'IntegerOverflow'],
  [
    { kind: 'InvalidAccountId', account_id: 'UPPER' },
    'Invalid account ID `UPPER`',
    { InvalidAccountId: { account_id: 'UPPER' } },
  ],
  [
    { kind: 'ContractSizeExceeded', size: 4194305n, limit: 4194304n },
    'The length of the contract size 4194305 exceeds the maximum allowed size 4194304 in a DeployContract action',
    { ContractSizeExceeded: { size: 4194305, limit: 4194304 } },
  ],
  [
    { kind: 'FunctionCallMethodNameLengthExceeded', length: 257n, limit: 256n },
    'The length of the method name 257 exceeds the maximum allowed length 256 in a FunctionCall action',
    { FunctionCallMethodNameLengthExceeded: { length: 257, limit: 256 } },
  ],
  [
    { kind: 'FunctionCallArgumentsLengthExceeded', length: 4194305n, limit: 4194304n },
    'The length of the arguments 4194305 exceeds the maximum allowed length 4194304 in a FunctionCall action',
    { FunctionCallArgumentsLengthExceeded: { length: 4194305, limit: 4194304 } },
  ],
  [
    { kind: 'UnsuitableStakingKey', public_key: PK },
    `The staking key must be ristretto compatible ED25519 key. ${PK} is provided instead.`,
    { UnsuitableStakingKey: { public_key: PK } },
  ],
  [
    { kind: 'FunctionCallZeroAttachedGas' },
    'The attached amount of gas in a FunctionCall action has to be a positive number',
    'FunctionCallZeroAttachedGas',
  ],
  [{ kind: 'DelegateActionMustBeOnlyOne' }, 'The actions can contain the ony one DelegateAction', 'DelegateActionMustBeOnlyOne'],
  [
    { kind: 'UnsupportedProtocolFeature', protocol_feature: 'GasKeys', version: 84 },
    'Transaction requires protocol feature GasKeys / version 84 which is not supported by the current protocol version',
    { UnsupportedProtocolFeature: { protocol_feature: 'GasKeys', version: 84 } },
  ],
  [
    { kind: 'InvalidDeterministicStateInitReceiver', receiver_id: 'bob.near', derived_id: '0s1234' },
    'DeterministicStateInit action payload is invalid for account bob.near, derived id is 0s1234',
    { InvalidDeterministicStateInitReceiver: { receiver_id: 'bob.near', derived_id: '0s1234' } },
  ],
  [
    { kind: 'DeterministicStateInitKeyLengthExceeded', length: 2049n, limit: 2048n },
    'DeterministicStateInit contains key of length 2049 but at most 2048 is allowed',
    { DeterministicStateInitKeyLengthExceeded: { length: 2049, limit: 2048 } },
  ],
  [
    { kind: 'DeterministicStateInitValueLengthExceeded', length: 4194305n, limit: 4194304n },
    'DeterministicStateInit contains value of length 4194305 but at most 4194304 is allowed',
    { DeterministicStateInitValueLengthExceeded: { length: 4194305, limit: 4194304 } },
  ],
  [
    { kind: 'GasKeyInvalidNumNonces', requested_nonces: 0, limit: 1024 },
    'gas key requested invalid number of nonces: 0 (must be between 1 and 1024)',
    { GasKeyInvalidNumNonces: { requested_nonces: 0, limit: 1024 } },
  ],
  [
    { kind: 'AddGasKeyWithNonZeroBalance', balance: 10n ** 24n },
    'Adding a gas key with non-zero balance is not allowed: balance = 1.00 NEAR',
    { AddGasKeyWithNonZeroBalance: { balance: '1000000000000000000000000' } },
  ],
  [
    { kind: 'GasKeyFunctionCallAllowanceNotAllowed' },
    'Gas keys with FunctionCall permission cannot have an allowance set',
    'GasKeyFunctionCallAllowanceNotAllowed',
  ],
  [
    { kind: 'TotalNumberOfDeployActionsExceeded', number_of_deploy_actions: 11n, limit: 10n },
    'The total number of deploy actions 11 exceeds the per-receipt limit 10',
    { TotalNumberOfDeployActionsExceeded: { number_of_deploy_actions: 11, limit: 10 } },
  ],
];

describe('ActionsValidationError', () => {
  it('has a case here for every variant', () => {
    expect(actionsCases.map(([e]) => e.kind)).toEqual(ACTIONS_VALIDATION_ERROR_KINDS);
  });
  it.each(actionsCases.map((c) => [c[0].kind, ...c] as const))('%s', (_kind, data, display, json) => {
    expect(displayActionsValidationError(data)).toBe(display);
    expect(actionsValidationErrorToJson(data)).toEqual(json);
    const error = new ActionsValidationError(data);
    expect(error.message).toBe(display);
    expect(error.code).toBe(`ActionsValidationError.${data.kind}`);
    expect(error.discriminants).toEqual([ACTIONS_VALIDATION_ERROR_KINDS.indexOf(data.kind)]);
  });
});

// Display texts: `impl Display for ReceiptValidationError`.
const receiptCases: [ReceiptValidationErrorData, string, unknown][] = [
  [
    { kind: 'InvalidPredecessorId', account_id: 'A' },
    'The predecessor_id `A` of a Receipt is not valid.',
    { InvalidPredecessorId: { account_id: 'A' } },
  ],
  [{ kind: 'InvalidReceiverId', account_id: 'B' }, 'The receiver_id `B` of a Receipt is not valid.', { InvalidReceiverId: { account_id: 'B' } }],
  [
    { kind: 'InvalidSignerId', account_id: 'C' },
    'The signer_id `C` of an ActionReceipt is not valid.',
    { InvalidSignerId: { account_id: 'C' } },
  ],
  [
    { kind: 'InvalidDataReceiverId', account_id: 'D' },
    'The receiver_id `D` of a DataReceiver within an ActionReceipt is not valid.',
    { InvalidDataReceiverId: { account_id: 'D' } },
  ],
  [
    { kind: 'ReturnedValueLengthExceeded', length: 4194305n, limit: 4194304n },
    'The length of the returned data 4194305 exceeded the limit 4194304 in a DataReceipt',
    { ReturnedValueLengthExceeded: { length: 4194305, limit: 4194304 } },
  ],
  [
    { kind: 'NumberInputDataDependenciesExceeded', number_of_input_data_dependencies: 129n, limit: 128n },
    'The number of input data dependencies 129 exceeded the limit 128 in an ActionReceipt',
    { NumberInputDataDependenciesExceeded: { number_of_input_data_dependencies: 129, limit: 128 } },
  ],
  [
    { kind: 'ActionsValidation', error: { kind: 'FunctionCallZeroAttachedGas' } },
    'The attached amount of gas in a FunctionCall action has to be a positive number',
    { ActionsValidation: 'FunctionCallZeroAttachedGas' },
  ],
  [
    { kind: 'ReceiptSizeExceeded', size: 4194305n, limit: 4194304n },
    'The size of the receipt exceeded the limit: 4194305 > 4194304',
    { ReceiptSizeExceeded: { size: 4194305, limit: 4194304 } },
  ],
  [
    { kind: 'InvalidRefundTo', account_id: 'E' },
    'The refund_to `E` of an ActionReceipt is not valid.',
    { InvalidRefundTo: { account_id: 'E' } },
  ],
];

describe('ReceiptValidationError', () => {
  it('has a case here for every variant', () => {
    expect(receiptCases.map(([e]) => e.kind)).toEqual(RECEIPT_VALIDATION_ERROR_KINDS);
  });
  it.each(receiptCases.map((c) => [c[0].kind, ...c] as const))('%s', (_kind, data, display, json) => {
    expect(displayReceiptValidationError(data)).toBe(display);
    expect(receiptValidationErrorToJson(data)).toEqual(json);
    const error = new ReceiptValidationError(data);
    expect(error.message).toBe(display);
    expect(error.discriminants?.[0]).toBe(RECEIPT_VALIDATION_ERROR_KINDS.indexOf(data.kind));
  });
  it('nests codes through ActionsValidation', () => {
    const error = new ReceiptValidationError({ kind: 'ActionsValidation', error: { kind: 'DeleteActionMustBeFinal' } });
    expect(error.code).toBe('ReceiptValidationError.ActionsValidation.DeleteActionMustBeFinal');
    expect(error.discriminants).toEqual([6, 0]);
  });
});
