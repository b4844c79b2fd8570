/**
 * A testbed: a private fork of the genesis state and a minimal block driver over the runtime's
 * `apply` (one shard, one chunk per block, outgoing receipts become the next block's incoming
 * receipts, unlimited chunk gas so nothing is delayed). Each applied block is measured on its
 * own, apply and state commit included, like nearcore's `Testbed::process_block`.
 */
import {
  sha256,
  transactionHash,
  transactionHashAndSize,
  type Action,
  type AccountId,
  type KeyPair,
  type Receipt,
  type SignedTransaction,
} from '@nearts/primitives';
import { apply, type ApplyResult, type ChunkTransaction } from '@nearts/runtime';
import type { State } from '@nearts/store';
import type { Metric } from '../metric/metric.js';
import type { EstimatorAccount, Genesis } from './genesis.js';

/** Gas attached to every function call the estimator makes (1 Pgas, the protocol's maximum). */
export const CALL_GAS = 1_000_000_000_000_000n;
/** yoctoNEAR per gas in every block: the protocol's minimum price. */
export const GAS_PRICE = 100_000_000n;
/** Accounts reserved as receivers of not-sir transactions (the validator is the first). */
export const RECEIVER_ACCOUNTS = 10;
/** A block whose receipts are still producing receipts after this many blocks is a bug. */
const MAX_FOLLOW_UP_BLOCKS = 8;

export class EstimationError extends Error {
  override readonly name = 'EstimationError';
}

export interface BlockInput {
  readonly transactions?: readonly SignedTransaction[];
  readonly receipts?: readonly Receipt[];
}

/** One measured block and the blocks its receipts needed afterwards. */
export interface BlockRun {
  /** Metric units of every block, first the block with the input. */
  readonly parts: readonly number[];
  readonly total: number;
  readonly results: readonly ApplyResult[];
}

export interface RunOptions {
  /** Failed transactions or receipts are an error unless this is set. */
  readonly allowFailures?: boolean;
  /** Apply follow-up blocks until no receipt is in flight (default true). */
  readonly untilIdle?: boolean;
}

function u64Bytes(n: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n, true);
  return b;
}

export class Testbed {
  readonly state: State;
  readonly metric: Metric;
  private height: bigint;
  private incoming: Receipt[] = [];
  private readonly nonces = new Map<AccountId, bigint>();
  private cursor = 0;
  private createdAccounts = 0;

  constructor(
    readonly genesis: Genesis,
    metric: Metric,
  ) {
    this.state = genesis.forkState();
    this.height = genesis.height;
    this.metric = metric;
  }

  /**
   * The next signer in round-robin order. The first RECEIVER_ACCOUNTS accounts never sign: they
   * receive the not-sir transactions, so deleting or re-keying a signer never touches them.
   */
  nextAccount(): EstimatorAccount {
    const pool = this.genesis.accounts.length - RECEIVER_ACCOUNTS;
    const a = this.genesis.accounts[RECEIVER_ACCOUNTS + (this.cursor % pool)];
    this.cursor++;
    return a;
  }

  /** `count` distinct signers. */
  takeAccounts(count: number): EstimatorAccount[] {
    if (count > this.genesis.accounts.length - RECEIVER_ACCOUNTS) {
      throw new EstimationError(`${count} distinct accounts requested, the genesis has ${this.genesis.accounts.length - RECEIVER_ACCOUNTS} signers`);
    }
    return Array.from({ length: count }, () => this.nextAccount());
  }

  /** A receiver that is never a signer, chosen by `index` (spreads a block over a few accounts). */
  receiver(index: number): EstimatorAccount {
    return this.genesis.accounts[index % RECEIVER_ACCOUNTS];
  }

  /** A fresh sub-account name of `parent` that does not exist yet. */
  newAccountId(parent: AccountId): AccountId {
    return `c${this.createdAccounts++}.${parent}`;
  }

  /** The account's next nonce, used up (for a transaction or a delegate action). */
  reserveNonce(account: EstimatorAccount): bigint {
    const nonce = (this.nonces.get(account.id) ?? 0n) + 1n;
    this.nonces.set(account.id, nonce);
    return nonce;
  }

  /** A signed transaction with the signer's next nonce. */
  transaction(signer: EstimatorAccount, receiverId: AccountId, actions: Action[], key: KeyPair = signer.key): SignedTransaction {
    return this.signed(signer, receiverId, this.reserveNonce(signer), actions, key);
  }

  /** A signed transaction with a nonce from `reserveNonce`. */
  signed(signer: EstimatorAccount, receiverId: AccountId, nonce: bigint, actions: Action[], key: KeyPair = signer.key): SignedTransaction {
    const transaction = {
      version: 'V0' as const,
      signerId: signer.id,
      publicKey: key.publicKey,
      nonce,
      receiverId,
      blockHash: this.genesis.blockHash,
      actions,
    };
    return { transaction, signature: key.sign(transactionHash(transaction)) };
  }

  functionCall(signer: EstimatorAccount, method: string, args: Uint8Array = new Uint8Array(0), receiverId: AccountId = signer.id): SignedTransaction {
    return this.transaction(signer, receiverId, [{ type: 'FunctionCall', methodName: method, args, gas: CALL_GAS, deposit: 0n }]);
  }

  /** Receipts produced by the last block and not applied yet. */
  get pendingReceipts(): readonly Receipt[] {
    return this.incoming;
  }

  /** Takes the in-flight receipts out of the testbed (to measure them in a block of their own). */
  takePendingReceipts(): Receipt[] {
    return this.incoming.splice(0);
  }

  private applyOne(input: BlockInput, allowFailures: boolean): { value: number; result: ApplyResult } {
    const height = this.height + 1n;
    const txs: ChunkTransaction[] = (input.transactions ?? []).map((signed) => {
      const { hash, size } = transactionHashAndSize(signed.transaction);
      return { tx: { signed, hash, size }, withinValidityPeriod: true };
    });
    const receipts = [...this.incoming, ...(input.receipts ?? [])];
    this.incoming = [];
    const seed = sha256(u64Bytes(height));
    let result: ApplyResult | undefined;
    const value = this.metric.measure(() => {
      result = apply(
        this.state,
        {
          blockHeight: height,
          prevBlockHash: seed,
          shardId: 0n,
          epochId: this.genesis.blockHash,
          epochHeight: 1n,
          gasPrice: GAS_PRICE,
          blockTimestamp: 1_600_000_000_000_000_000n + height * 1_000_000_000n,
          gasLimit: null,
          randomSeed: seed,
          protocolVersion: this.genesis.protocolVersion,
          config: this.genesis.config,
          chainId: 'localnet',
          isNewChunk: true,
          epochInfo: this.genesis.epochInfo,
          shardIds: [0n],
          cache: this.genesis.contractCache,
        },
        receipts,
        txs,
      );
      this.state.commitBlock(height);
    });
    this.height = height;
    const r = result!;
    if (!allowFailures) {
      for (const o of r.outcomes) {
        if (o.outcome.status.kind === 'Failure') {
          throw new EstimationError(
            `${o.outcome.executorId}: ${JSON.stringify(o.outcome.status.error, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
          );
        }
      }
    }
    this.incoming = r.outgoingReceipts;
    return { value, result: r };
  }

  /**
   * Applies one block with `input` (plus receipts still in flight) and, unless told otherwise,
   * the blocks needed until no receipt is in flight. Each block is measured separately.
   */
  run(input: BlockInput, options: RunOptions = {}): BlockRun {
    const allowFailures = options.allowFailures ?? false;
    const parts: number[] = [];
    const results: ApplyResult[] = [];
    const first = this.applyOne(input, allowFailures);
    parts.push(first.value);
    results.push(first.result);
    if (options.untilIdle ?? true) {
      while (this.incoming.length > 0) {
        if (parts.length > MAX_FOLLOW_UP_BLOCKS) throw new EstimationError(`receipts still in flight after ${MAX_FOLLOW_UP_BLOCKS} blocks`);
        const next = this.applyOne({}, allowFailures);
        parts.push(next.value);
        results.push(next.result);
      }
    }
    return { parts, total: parts.reduce((a, b) => a + b, 0), results };
  }

  /** Applies blocks until nothing is in flight, unmeasured (setup). */
  settle(input: BlockInput = {}, allowFailures = false): readonly ApplyResult[] {
    return this.run(input, { allowFailures }).results;
  }
}
