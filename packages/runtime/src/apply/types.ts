/**
 * Inputs and outputs of `apply` (nearcore `ApplyState`, `ApplyResult`, `ExecutionOutcome`).
 */
import type { AccountContract, AccountId, CryptoHash, PublicKey, Receipt } from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import type { ProfileDataV3 } from '@nearts/vm-logic';
import type { Executor, RunInput } from '../ext/vm-bridge.js';
import type { EpochInfo } from '../ext/runtime-ext.js';
import type { TrieShapeSource } from '../ext/trie-accounting.js';
import type { TxExecutionErrorData } from '../tx-errors.js';

/** Everything `apply` needs to know about the block and chunk being applied. */
export interface ApplyState {
  blockHeight: bigint;
  prevBlockHash: CryptoHash;
  shardId: bigint;
  epochId: CryptoHash;
  epochHeight: bigint;
  /** yoctoNEAR per gas in this block. */
  gasPrice: bigint;
  /** Nanoseconds since the Unix epoch. */
  blockTimestamp: bigint;
  /** Chunk gas (and compute) limit; null = unlimited. */
  gasLimit: bigint | null;
  randomSeed: CryptoHash;
  protocolVersion: number;
  config: RuntimeConfig;
  /** Chain id (ETH-implicit wallet contract, the `chain_id` host function). */
  chainId: string;
  /** A missing chunk processes nothing. */
  isNewChunk: boolean;
  epochInfo: EpochInfo;
  /** All shard ids, in order (global contract distribution visits each). */
  shardIds?: readonly bigint[];
  /**
   * The shape of this shard's trie at the start of the chunk, for trie-node gas; without it
   * storage writes and removes are charged no trie nodes.
   */
  trieShape?: TrieShapeSource;
  /** Wasm executor and compiled-contract cache handed to vm-runner. */
  executor?: Executor;
  cache?: RunInput['cache'];
}

export type ExecutionStatus =
  | { kind: 'Unknown' }
  | { kind: 'Failure'; error: TxExecutionErrorData }
  | { kind: 'SuccessValue'; value: Uint8Array }
  | { kind: 'SuccessReceiptId'; receiptId: CryptoHash };

export type ExecutionMetadata =
  | { version: 1 }
  | { version: 3; profile: ProfileDataV3 }
  | { version: 4; profile: ProfileDataV3; contracts: AccountContract[] };

export interface ExecutionOutcome {
  logs: string[];
  receiptIds: CryptoHash[];
  gasBurnt: bigint;
  /** Counts against the chunk limit; not part of the serialized outcome. */
  computeUsage: bigint;
  tokensBurnt: bigint;
  executorId: AccountId;
  status: ExecutionStatus;
  metadata: ExecutionMetadata;
}

export interface ExecutionOutcomeWithId {
  /** Transaction hash or receipt id. */
  id: CryptoHash;
  outcome: ExecutionOutcome;
}

export interface ValidatorStake {
  accountId: AccountId;
  publicKey: PublicKey;
  stake: bigint;
}

/** Balance movements of the chunk that are not account balances (nearcore `BalanceStats`). */
export interface BalanceStats {
  /** Burnt for gas and storage of global contracts, net of contract rewards. */
  txBurntAmount: bigint;
  /** Deposits of refund receipts that failed. */
  otherBurntAmount: bigint;
  /** Gas bought below the burn price. */
  gasDeficitAmount: bigint;
  /** 1-yocto deposits minted for promises (`one_yocto_on_promise`). */
  subsidizedAmount: bigint;
  slashedBurntAmount: bigint;
}

export interface PromiseYieldTimeoutEntry {
  accountId: AccountId;
  dataId: CryptoHash;
  expiresAt: bigint;
}

export interface ApplyResult {
  stateRoot: Uint8Array;
  outgoingReceipts: Receipt[];
  outcomes: ExecutionOutcomeWithId[];
  validatorProposals: ValidatorStake[];
  stats: BalanceStats;
  /** Receipts in the delayed queue after this chunk. */
  delayedReceiptsCount: bigint;
  processedYieldTimeouts: PromiseYieldTimeoutEntry[];
  /** Gas burnt and compute used by the chunk (transactions and receipts). */
  totalGasBurnt: bigint;
  totalCompute: bigint;
  /** Every state key set or removed by the chunk. */
  touchedKeys: Uint8Array[];
}
