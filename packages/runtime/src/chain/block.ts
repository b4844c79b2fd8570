/** The chain's blocks as its public API returns them. */
import type { CryptoHash } from '@nearts/primitives';
import type { ApplyResult, ExecutionOutcomeWithId } from '../apply/types.js';

export interface ChunkSummary {
  shardId: bigint;
  stateRoot: Uint8Array;
  result: ApplyResult;
}

export interface Block {
  height: bigint;
  hash: CryptoHash;
  prevHash: CryptoHash;
  timestamp: bigint;
  gasPrice: bigint;
  randomSeed: CryptoHash;
  chunks: ChunkSummary[];
}

/** An outcome with the block it is in (`Chain.outcome`). */
export interface OutcomeRecord {
  outcome: ExecutionOutcomeWithId;
  blockHash: CryptoHash;
  blockHeight: bigint;
}
