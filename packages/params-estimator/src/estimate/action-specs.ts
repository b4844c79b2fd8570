/**
 * The transactions behind every action estimation: which actions, between whom, with what setup.
 * `actions-estimate.ts` turns them into costs.
 */
import {
  delegateActionHash,
  KeyPair,
  NEAR,
  type Action,
  type AccountId,
  type SignedTransaction,
} from '@nearts/primitives';
import type { ActionCosts } from '@nearts/runtime-fees';
import { contractOfSize } from '../contracts/wasm-builder.js';
import type { EstimatorAccount } from '../testbed/genesis.js';
import type { Testbed } from '../testbed/testbed.js';

/** Keys the AddKey actions add: the i-th action of a transaction adds the i-th key. */
export const ADDED_KEYS = Array.from({ length: 20 }, (_, i) => KeyPair.fromNearcoreTestSeed(`estimator-added-key-${i}`).publicKey);
/** Copies of one action in a transaction where the protocol allows it (max 100 actions, 10 deploys). */
export const REPEAT = 20;
/** A valid staking key. */
export const STAKING_KEY = KeyPair.fromNearcoreTestSeed('estimator-staking-key').publicKey;
/** Gas attached to each function call action of the function-call estimations. */
export const ACTION_CALL_GAS = 10_000_000_000_000n;

export interface ActionSpec {
  /** nearcore's cost name of the whole action, e.g. `ActionTransfer`. */
  readonly cost: string;
  readonly fee: ActionCosts;
  /** Only valid when sender = receiver: its exec part is measured on receipts sent back to the signer. */
  readonly sirOnly: boolean;
  /** Whether a sir transaction exists at all (CreateAccount's receiver is always new). */
  readonly hasSir: boolean;
  /** Transactions per block (before `--block-scale`). */
  readonly blockSize: number;
  /**
   * Copies of the action in each transaction: nearcore's split estimations repeat actions inside
   * one receipt so that the receipt's own noise is divided among them.
   */
  readonly repeat: number;
  /** Follow-up blocks show receipts to another account; failed refunds to deleted accounts are expected. */
  readonly allowFailures?: boolean;
  /** Receiver of the not-sir transaction (default: one of the testbed's receiver accounts). */
  receiver?(tb: Testbed, signer: EstimatorAccount, index: number): AccountId;
  /** The transaction; `receiver` = signer for the sir variant. */
  transaction(tb: Testbed, signer: EstimatorAccount, receiver: AccountId, iteration: number): SignedTransaction;
  /** Unmeasured transactions before each measured block. */
  setup?(tb: Testbed, accounts: readonly EstimatorAccount[], iteration: number): SignedTransaction[];
}

function simple(cost: string, fee: ActionCosts, sirOnly: boolean, actions: (tb: Testbed, signer: EstimatorAccount) => Action[], extra: Partial<ActionSpec> = {}): ActionSpec {
  return {
    cost,
    fee,
    sirOnly,
    hasSir: true,
    blockSize: 50,
    repeat: 1,
    transaction: (tb, signer, receiver) => tb.transaction(signer, receiver, actions(tb, signer)),
    ...extra,
  };
}

/** `count` copies of an action, the i-th built by `make(i)`. */
function times(count: number, make: (i: number) => Action): Action[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

export const RECEIPT_CREATION = simple('ActionReceiptCreation', 'new_action_receipt', false, () => [], { blockSize: 100 });

export const TRANSFER = simple('ActionTransfer', 'transfer', false, () => times(REPEAT, () => ({ type: 'Transfer', deposit: 1n })), { blockSize: 10, repeat: REPEAT });

export const CREATE_ACCOUNT: ActionSpec = {
  ...simple('ActionCreateAccount', 'create_account', false, () => [{ type: 'CreateAccount' }, { type: 'Transfer', deposit: NEAR }]),
  hasSir: false,
  receiver: (tb, signer) => tb.newAccountId(signer.id),
};

export const DELETE_ACCOUNT = simple('ActionDeleteAccount', 'delete_account', true, (tb) => [{ type: 'DeleteAccount', beneficiaryId: tb.genesis.validatorId }], {
  // Refunds of the deleted account's own transaction bounce: nearcore burns them.
  allowFailures: true,
});

const fullAccessKey = (i: number): Action => ({ type: 'AddKey', publicKey: ADDED_KEYS[i], accessKey: { nonce: 0n, permission: { type: 'FullAccess' } } });

export const ADD_FULL_ACCESS_KEY = simple('ActionAddFullAccessKey', 'add_full_access_key', true, () => times(REPEAT, fullAccessKey), { blockSize: 10, repeat: REPEAT });

function functionKey(tb: Testbed, i: number, methodNames: string[]): Action {
  return {
    type: 'AddKey',
    publicKey: ADDED_KEYS[i],
    accessKey: { nonce: 0n, permission: { type: 'FunctionCall', functionCall: { allowance: 100n, receiverId: tb.genesis.validatorId, methodNames } } },
  };
}

export const ADD_FUNCTION_ACCESS_KEY_BASE = simple(
  'ActionAddFunctionAccessKeyBase',
  'add_function_call_key_base',
  true,
  (tb) => times(REPEAT, (i) => functionKey(tb, i, ['m'])),
  { blockSize: 10, repeat: REPEAT },
);

/** Method names of 8 bytes filling about `bytes` bytes (each name counts with a separator). */
export function methodNamesOfSize(bytes: number): string[] {
  const count = Math.max(1, Math.floor(bytes / 9));
  return Array.from({ length: count }, () => 'xxxxxxxx');
}

/** The bytes the protocol charges `add_function_call_key_byte` for: each name plus one. */
export function methodNameBytes(names: readonly string[]): number {
  return names.reduce((n, m) => n + new TextEncoder().encode(m).length + 1, 0);
}

export function addFunctionAccessKeyBytes(bytes: number): ActionSpec {
  const names = methodNamesOfSize(bytes);
  return simple('ActionAddFunctionAccessKeyPerByte', 'add_function_call_key_byte', true, (tb) => times(10, (i) => functionKey(tb, i, names)), {
    blockSize: 10,
    repeat: 10,
  });
}

/** Deletes keys a setup transaction added just before. */
export const DELETE_KEY: ActionSpec = {
  ...simple('ActionDeleteKey', 'delete_key', true, () => times(REPEAT, (i) => ({ type: 'DeleteKey', publicKey: ADDED_KEYS[i] })), { blockSize: 10, repeat: REPEAT }),
  setup: (tb, accounts) => accounts.map((a) => tb.transaction(a, a.id, times(REPEAT, fullAccessKey))),
};

export const STAKE = simple('ActionStake', 'stake', true, () => times(10, () => ({ type: 'Stake', stake: 1n, publicKey: STAKING_KEY })), { blockSize: 5, repeat: 10 });

let deploySalt = 0;
/** `repeat` deployments of a contract of about `bytes` bytes, each with new code (no cache hits). */
export function deployContract(bytes: number, repeat = 1, cost = 'ActionDeployContractPerByte', fee: ActionCosts = 'deploy_contract_byte'): ActionSpec {
  return simple(cost, fee, true, () => times(repeat, () => ({ type: 'DeployContract', code: contractOfSize(bytes, deploySalt++) })), { blockSize: 5, repeat });
}

/** At most 10 deployments per receipt (max_deploy_actions_per_receipt). */
export const DEPLOY_CONTRACT_BASE = deployContract(200, 10, 'ActionDeployContractBase', 'deploy_contract_base');

/** `repeat` calls of the estimator contract's `noop` with `argBytes` bytes of arguments. */
export function functionCall(argBytes: number, repeat: number, cost: string, fee: ActionCosts, blockSize: number): ActionSpec {
  const args = new Uint8Array(argBytes).fill(0x61);
  return {
    ...simple(cost, fee, false, () =>
      Array.from({ length: repeat }, () => ({ type: 'FunctionCall' as const, methodName: 'noop', args, gas: ACTION_CALL_GAS, deposit: 0n })),
    ),
    blockSize,
    repeat,
  };
}

export const FUNCTION_CALL_BASE = functionCall(0, 50, 'ActionFunctionCallBase', 'function_call_base', 5);

export function functionCallBytes(argBytes: number): ActionSpec {
  return functionCall(argBytes, 1, 'ActionFunctionCallPerByte', 'function_call_byte', 5);
}

/**
 * A meta transaction: the relayer (the block's account) submits a delegate action signed by
 * another account whose inner receipt (no actions) goes to a third account.
 */
export const DELEGATE: ActionSpec = {
  cost: 'ActionDelegate',
  fee: 'delegate',
  sirOnly: false,
  hasSir: true,
  blockSize: 50,
  repeat: 1,
  receiver: (tb, _signer, index) => tb.receiver(index).id,
  transaction(tb, relayer, receiver) {
    const sender = tb.genesis.account(receiver);
    // The transaction's nonce first: when relayer = sender the delegate nonce must be the higher one.
    const txNonce = tb.reserveNonce(relayer);
    const delegateAction = {
      senderId: sender.id,
      receiverId: tb.genesis.validatorId,
      actions: [],
      nonce: tb.reserveNonce(sender),
      maxBlockHeight: 1n << 60n,
      publicKey: sender.key.publicKey,
    };
    const signature = sender.key.sign(delegateActionHash(delegateAction));
    return tb.signed(relayer, sender.id, txNonce, [{ type: 'Delegate', delegateAction, signature }]);
  },
};
