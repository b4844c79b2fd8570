/**
 * VMContext: everything a call knows about its environment (nearcore `logic/context.rs`).
 * Immutable during the call; what changes (balance, storage usage) lives in VMLogic.
 */
import type { VMConfig } from '@nearts/runtime-fees';
import { GasCounter } from './gas-counter.js';
import type { AccountContract, AccountId, PromiseResult } from './types.js';

/** Present for view calls: they may burn up to `maxGasBurnt` and may not change state. */
export interface ViewConfig {
  readonly maxGasBurnt: bigint;
}

export interface VMContext {
  /** The account whose contract runs. */
  readonly currentAccountId: AccountId;
  /** The signer of the original transaction. */
  readonly signerAccountId: AccountId;
  /** The signer's public key, borsh-serialised (key-type byte + key bytes). */
  readonly signerAccountPk: Uint8Array;
  /** The immediate caller (the signer for a call straight from a transaction). */
  readonly predecessorAccountId: AccountId;
  /** Where refunds go: set by the predecessor with `promise_set_refund_to`, else the predecessor. */
  readonly refundToAccountId: AccountId;
  readonly input: Uint8Array;
  /** Results of the receipts this callback depends on, in dependency order. */
  readonly promiseResults: readonly PromiseResult[];
  readonly blockHeight: bigint;
  /** Nanoseconds since the Unix epoch. */
  readonly blockTimestamp: bigint;
  readonly epochHeight: bigint;
  /** Balance before the call, without the attached deposit. */
  readonly accountBalance: bigint;
  readonly accountLockedBalance: bigint;
  /** Storage usage before the call. */
  readonly storageUsage: bigint;
  readonly accountContract: AccountContract;
  readonly attachedDeposit: bigint;
  readonly prepaidGas: bigint;
  readonly randomSeed: Uint8Array;
  /** Non-null for view calls. */
  readonly viewConfig: ViewConfig | null;
  /** Accounts that receive this call's result as a data receipt (empty unless it is the last action). */
  readonly outputDataReceivers: readonly AccountId[];
}

export function isView(context: VMContext): boolean {
  return context.viewConfig !== null;
}

/** nearcore `VMContext::make_gas_counter`: the view limit replaces max_gas_burnt in views. */
export function makeGasCounter(context: VMContext, config: VMConfig): GasCounter {
  const maxGasBurnt = context.viewConfig !== null ? context.viewConfig.maxGasBurnt : config.limitConfig.maxGasBurnt;
  return new GasCounter(config.extCosts, maxGasBurnt, config.regularOpCost, context.prepaidGas, isView(context));
}

/**
 * The context nearcore's vm-runner test harness (`test_builder.rs`) uses, which the conformance
 * vectors were produced with: alice runs, bob signed, carol called, david gets refunds, balance 2
 * + deposit 2, storage usage 12, 100 Tgas prepaid.
 */
export function testContext(overrides: Partial<VMContext> = {}): VMContext {
  return {
    currentAccountId: 'alice',
    signerAccountId: 'bob',
    signerAccountPk: new Uint8Array([0, 1, 2]),
    predecessorAccountId: 'carol',
    refundToAccountId: 'david',
    input: new Uint8Array(0),
    promiseResults: [],
    blockHeight: 10n,
    blockTimestamp: 42n,
    epochHeight: 1n,
    accountBalance: 2n,
    accountLockedBalance: 0n,
    storageUsage: 12n,
    accountContract: { kind: 'None' },
    attachedDeposit: 2n,
    prepaidGas: 100_000_000_000_000n,
    randomSeed: new Uint8Array([0, 1, 2]),
    viewConfig: null,
    outputDataReceivers: [],
    ...overrides,
  };
}
