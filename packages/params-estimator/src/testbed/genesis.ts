/**
 * The state every estimation starts from (nearcore's estimator builds one state dump and loads a
 * fresh copy for each estimation): `accounts` accounts `e<i>.estimator`, each holding the estimator
 * contract, a full-access key derived from its name and plenty of balance; one validator so that
 * `validator_stake` has something to find. Built once; each estimation works on a cheap fork.
 */
import { EstimatorInputError } from '../errors.js';
import { KeyPair, NEAR, type AccountId, type CryptoHash } from '@nearts/primitives';
import { Chain, type EpochInfo } from '@nearts/runtime';
import { runtimeConfig, type RuntimeConfig } from '@nearts/runtime-fees';
import { LruContractCache, type LoadResult } from '@nearts/vm-runner';
import type { State } from '@nearts/store';
import { estimatorContract } from '../contracts/estimator-contract.js';

export const ESTIMATOR_PROTOCOL_VERSION = 86;
/** Every genesis account's balance: enough for 1 Pgas of prepaid gas per call many times over. */
export const ACCOUNT_BALANCE = 1_000_000n * NEAR;
export const VALIDATOR_STAKE = 1_000_000n * NEAR;

export interface GenesisOptions {
  /** Number of accounts with the estimator contract. */
  readonly accounts: number;
  readonly protocolVersion?: number;
}

export interface EstimatorAccount {
  readonly id: AccountId;
  readonly key: KeyPair;
}

/**
 * The protocol's config with the limits the estimator's loops would otherwise hit (nearcore's
 * estimator lifts the same ones): the number and total length of logs. Fees are untouched.
 */
export function estimatorRuntimeConfig(protocolVersion = ESTIMATOR_PROTOCOL_VERSION): RuntimeConfig {
  const base = runtimeConfig(protocolVersion);
  const u64Max = 2n ** 64n - 1n;
  return {
    ...base,
    wasmConfig: {
      ...base.wasmConfig,
      limitConfig: { ...base.wasmConfig.limitConfig, maxNumberLogs: u64Max, maxTotalLogLength: u64Max },
    },
  };
}

export function accountName(i: number): AccountId {
  return `e${i}.estimator`;
}

export class Genesis {
  readonly accounts: readonly EstimatorAccount[];
  readonly config: RuntimeConfig;
  readonly protocolVersion: number;
  readonly epochInfo: EpochInfo;
  readonly height: bigint;
  readonly blockHash: CryptoHash;
  readonly validatorId: AccountId;
  /**
   * Compiled contracts, shared by every testbed of a run like a node's compiled-contract cache:
   * a contract is prepared once, on its first call.
   */
  readonly contractCache = new LruContractCache<LoadResult<unknown>>();
  private readonly root: State;
  private readonly byId: ReadonlyMap<AccountId, EstimatorAccount>;

  constructor(options: GenesisOptions) {
    if (!Number.isInteger(options.accounts) || options.accounts < 2) {
      throw new EstimatorInputError(`the estimator needs at least 2 accounts, got ${options.accounts}`);
    }
    this.protocolVersion = options.protocolVersion ?? ESTIMATOR_PROTOCOL_VERSION;
    this.config = estimatorRuntimeConfig(this.protocolVersion);
    const code = estimatorContract();
    const accounts: EstimatorAccount[] = [];
    for (let i = 0; i < options.accounts; i++) {
      const id = accountName(i);
      accounts.push({ id, key: KeyPair.fromNearcoreTestSeed(id) });
    }
    this.accounts = accounts;
    this.byId = new Map(accounts.map((a) => [a.id, a]));
    this.validatorId = accounts[0].id;
    const chain = Chain.create({
      protocolVersion: this.protocolVersion,
      runtimeConfig: this.config,
      gasLimit: null,
      gasPrice: { adjust: false },
      validators: [{ accountId: this.validatorId, stake: VALIDATOR_STAKE }],
      accounts: accounts.map((a) => ({ accountId: a.id, amount: ACCOUNT_BALANCE, keys: [a.key.publicKey], code })),
    });
    this.root = chain.state;
    this.epochInfo = chain.epochInfo;
    this.height = chain.head.height;
    this.blockHash = chain.head.hash;
  }

  account(id: AccountId): EstimatorAccount {
    const a = this.byId.get(id);
    if (a === undefined) throw new EstimatorInputError(`${id} is not a genesis account of the estimator`);
    return a;
  }

  /** A private copy of the genesis state (copy-on-write, O(1)). */
  forkState(): State {
    return this.root.fork();
  }
}
