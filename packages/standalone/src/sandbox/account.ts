/**
 * An account of a sandbox, shaped like near-workspaces' `NearAccount`: create sub-accounts,
 * deploy, call, view, batch, transfer, patch. Every method is synchronous (awaiting it is harmless).
 */
import { readFileSync } from 'node:fs';
import type { Account, KeyPair, PublicKey, AccessKeyPermission } from '@nearts/primitives';
import type { ViewCallResult } from '@nearts/runtime';
import { toGas, toYocto, type Amount, type GasAmount } from './amounts.js';
import { DEFAULT_CALL_GAS, encodeArgs, type CallArgs } from './args.js';
import { BatchBuilder } from './batch.js';
import type { ContractState } from './contract-state.js';
import { SandboxError, TransactionFailedError } from './errors.js';
import { testKeyOf } from './keys.js';
import { resolveKey, type AccountPatch } from './patch.js';
import type { Sandbox } from './sandbox.js';
import type { TransactionResult } from './transaction-result.js';

export interface CallOptions {
  /** Default 30 Tgas. */
  gas?: GasAmount;
  /** Default 0. */
  attachedDeposit?: Amount;
  /** Sign with this held key of the account instead of its default key. */
  signWith?: PublicKey | string;
}

export interface CreateAccountOptions {
  /** Default 100 NEAR. */
  initialBalance?: Amount;
  /** Default: nearcore's test key of the new account id. */
  keyPair?: KeyPair;
}

export interface AccountBalance {
  /** amount + locked. */
  total: bigint;
  /** What storage staking holds: storage usage × storage price. */
  stateStaked: bigint;
  /** Locked by staking. */
  staked: bigint;
  /** total − max(staked, stateStaked). */
  available: bigint;
}

const DEFAULT_INITIAL_BALANCE = 100n * 10n ** 24n;

type AccountRef = SandboxAccount | string;
const idOf = (a: AccountRef): string => (typeof a === 'string' ? a : a.accountId);

function readCode(code: Uint8Array | string): Uint8Array {
  if (code instanceof Uint8Array) return code;
  try {
    return new Uint8Array(readFileSync(code));
  } catch (e) {
    throw new SandboxError('invalid_argument', `cannot read contract ${code}: ${(e as Error).message}`);
  }
}

export class SandboxAccount {
  constructor(
    readonly sandbox: Sandbox,
    readonly accountId: string,
  ) {}

  toString(): string {
    return this.accountId;
  }

  /** The key the sandbox signs with for this account. */
  get keyPair(): KeyPair {
    return this.sandbox.keys.signer(this.accountId);
  }

  /** Makes `keyPair` the key the sandbox signs with for this account. */
  setKey(keyPair: KeyPair): void {
    this.sandbox.keys.setDefault(this.accountId, keyPair);
  }

  exists(): boolean {
    return this.sandbox.viewAccount(this.accountId) !== undefined;
  }

  /** The account record; throws when the account does not exist. */
  accountView(): Account {
    const a = this.sandbox.viewAccount(this.accountId);
    if (a === undefined) throw new SandboxError('unknown_account', `account ${this.accountId} does not exist`);
    return a;
  }

  balance(): AccountBalance {
    const a = this.accountView();
    const stateStaked = a.storageUsage * this.sandbox.chain.config.storageAmountPerByte;
    const total = a.amount + a.locked;
    return { total, stateStaked, staked: a.locked, available: total - (a.locked > stateStaked ? a.locked : stateStaked) };
  }

  availableBalance(): bigint {
    return this.balance().available;
  }

  // ---- transactions ------------------------------------------------------------------------

  batch(receiver: AccountRef): BatchBuilder {
    return new BatchBuilder(
      {
        transact: (receiverId, actions) => this.sandbox.transact(this.accountId, receiverId, actions),
        learnKey: (accountId, key) => {
          const { keyPair } = resolveKey(key);
          if (keyPair) this.sandbox.keys.add(accountId, keyPair);
        },
      },
      idOf(receiver),
    );
  }

  /** Creates `<prefix>.<this account>` funded from this account; throws TransactionFailedError on failure. */
  createSubAccount(prefix: string, options: CreateAccountOptions = {}): SandboxAccount {
    return this.createAccount(`${prefix}.${this.accountId}`, options);
  }

  /** Creates any account this account may create (sub-accounts; top-level ones as the registrar). */
  createAccount(accountId: string, options: CreateAccountOptions = {}): SandboxAccount {
    const keyPair = options.keyPair ?? testKeyOf(accountId);
    const result = this.batch(accountId)
      .createAccount()
      .transfer(options.initialBalance ?? DEFAULT_INITIAL_BALANCE)
      .addKey(keyPair)
      .transact();
    if (result.failed) throw new TransactionFailedError(result);
    return this.sandbox.account(accountId);
  }

  /** Deploys a contract (bytes or a .wasm path) on this account. Failures are in the result. */
  deploy(code: Uint8Array | string): TransactionResult {
    return this.batch(this.accountId).deployContract(readCode(code)).transact();
  }

  /** Creates `dev-N.<this account>` with the contract deployed (near-workspaces' devDeploy). */
  devDeploy(code: Uint8Array | string, options: CreateAccountOptions = {}): SandboxAccount {
    const accountId = this.sandbox.nextDevAccountId(this.accountId);
    const keyPair = options.keyPair ?? testKeyOf(accountId);
    const result = this.batch(accountId)
      .createAccount()
      .transfer(options.initialBalance ?? DEFAULT_INITIAL_BALANCE)
      .addKey(keyPair)
      .deployContract(readCode(code))
      .transact();
    if (result.failed) throw new TransactionFailedError(result);
    return this.sandbox.account(accountId);
  }

  /** Calls a method; failures are data in the result. */
  callRaw(contract: AccountRef, methodName: string, args?: CallArgs, options: CallOptions = {}): TransactionResult {
    const action = {
      type: 'FunctionCall' as const,
      methodName,
      args: encodeArgs(args),
      gas: toGas(options.gas ?? DEFAULT_CALL_GAS),
      deposit: toYocto(options.attachedDeposit ?? 0n, 'attached deposit'),
    };
    return this.sandbox.transact(this.accountId, idOf(contract), [action], { publicKey: options.signWith });
  }

  /** Calls a method and returns its value parsed (JSON, else text); throws TransactionFailedError when it fails. */
  call<T = unknown>(contract: AccountRef, methodName: string, args?: CallArgs, options: CallOptions = {}): T {
    const result = this.callRaw(contract, methodName, args, options);
    if (result.failed) throw new TransactionFailedError(result);
    return result.parseResult<T>();
  }

  transfer(receiver: AccountRef, amount: Amount): TransactionResult {
    return this.batch(receiver).transfer(amount).transact();
  }

  addKey(key: KeyPair | PublicKey | string, permission?: AccessKeyPermission): TransactionResult {
    return this.batch(this.accountId).addKey(key, permission).transact();
  }

  deleteKey(publicKey: PublicKey | string): TransactionResult {
    return this.batch(this.accountId).deleteKey(publicKey).transact();
  }

  /** Deletes this account, sending what is left to `beneficiary`. */
  delete(beneficiary: AccountRef): TransactionResult {
    return this.batch(this.accountId).deleteAccount(idOf(beneficiary)).transact();
  }

  // ---- views and state ---------------------------------------------------------------------

  view<T = unknown>(methodName: string, args?: CallArgs): T {
    return this.sandbox.view<T>(this.accountId, methodName, args);
  }

  viewRaw(methodName: string, args?: CallArgs): ViewCallResult {
    return this.sandbox.viewRaw(this.accountId, methodName, args);
  }

  viewState(prefix?: Uint8Array | string): ContractState {
    return this.sandbox.viewState(this.accountId, prefix);
  }

  viewCode(): Uint8Array | undefined {
    return this.sandbox.viewCode(this.accountId);
  }

  /** Writes one contract storage entry (near-workspaces' `patchState(key, value)`); text is UTF-8. */
  patchState(key: Uint8Array | string, value: Uint8Array | string): void {
    this.sandbox.patchState({ [this.accountId]: { data: [[key, value]] } });
  }

  /** Patches this account's balance, keys, code or data. */
  patch(patch: AccountPatch): void {
    this.sandbox.patchState({ [this.accountId]: patch });
  }
}
