/**
 * Chain: a deterministic single-node chain over `apply`. One block per `produceBlock()`, one chunk
 * per shard in every block (none missing), outgoing receipts of block h become the incoming
 * receipts of block h+1, a transaction is applied on its signer's shard.
 *
 * Decisions where nearcore's behaviour depends on a network (documented in the README):
 * - a transaction's `block_hash` must be a block of this chain no more than
 *   `transactionValidityPeriod` blocks older than the head, else `Expired` (unknown hashes are
 *   `Expired` too, as in nearcore; with a single linear chain `InvalidChain` cannot occur);
 * - block hash, random seed and timestamps are derived deterministically (no wall clock);
 * - the gas price follows nearcore's adjustment rule from `gasPrice.initial` within [min, max]
 *   (or stays fixed with `adjust: false`);
 * - one epoch, validators and minimum stake as configured.
 */
import { base58Decode,
  BorshWriter,
  decode,
  hashToBase58,
  sha256,
  latin1,
  tracer,
  transactionHashAndSize,
  trieKeys,
  TrieQueueIndicesCodec,
  AccessKeyCodec,
  type AccessKey,
  type BorshExtensions,
  type Account,
  type AccountId,
  type CryptoHash,
  type JsonValue,
  type PublicKey,
  type Receipt,
  type SignedTransaction,
} from '@nearts/primitives';
import { runtimeConfig, type RuntimeConfig } from '@nearts/runtime-fees';
import { MemoryState, type State } from '@nearts/store';
import type { Executor } from '../ext/vm-bridge.js';
import { apply } from '../apply/apply.js';
import type { ChunkTransaction, StatelessValidation } from '../apply/transactions.js';
import type { BalanceStats } from '../apply/types.js';
import { RuntimeUsageError } from '../errors.js';
import { borshExtensions } from '../extensions/submodules.js';
import type { EpochInfo } from '../ext/runtime-ext.js';
import { DEFAULT_PROTOCOL_VERSION } from '../protocol.js';
import { getAccount, getValue } from '../state/accessors.js';
import { InvalidTxError, type InvalidTxErrorData } from '../tx-errors.js';
import type { VerifiableTransaction } from '../verifier/transaction.js';
import { finalExecutionOutcomeView, finalExecutionStatus, type FinalExecutionOutcome } from '../views/outcome-view.js';
import type { Block, ChunkSummary, OutcomeRecord } from './block.js';
import { DEFAULT_GAS_PRICE, nextGasPrice, type GasPriceConfig } from './gas-price.js';
import { writeGenesis, type GenesisAccount, type GenesisGlobalContract, type GenesisTarget } from './genesis.js';
import { stateSupply } from './invariant.js';
import { ShardLayout } from './shard-layout.js';
import { TrieShape } from '../ext/trie-shape.js';
import { checkTransactionAgainstState, decodeTransaction } from './submission.js';
import { History } from './history.js';
import { TransactionLog } from './transaction-log.js';
import { viewCall, type ViewCallResult } from './view-call.js';

export type { Block, ChunkSummary, OutcomeRecord } from './block.js';

const trace = tracer('nearts:runtime:chain');

export interface GenesisConfig {
  accounts: GenesisAccount[];
  globalContracts?: GenesisGlobalContract[];
  /** Default 86. */
  protocolVersion?: number;
  /** Default 'localnet'. */
  chainId?: string;
  /** Overrides the config of `protocolVersion` (e.g. parameter overrides). */
  runtimeConfig?: RuntimeConfig;
  /** Default 0. */
  genesisHeight?: bigint;
  /** Nanoseconds; default 1_600_000_000 s. */
  genesisTimestamp?: bigint;
  /** Nanoseconds between blocks; default 1 s. */
  blockIntervalNs?: bigint;
  gasPrice?: Partial<GasPriceConfig>;
  /** Chunk gas limit; default 1000 Tgas; null = unlimited. */
  gasLimit?: bigint | null;
  /** Shard boundary accounts (nearcore ShardLayout); default one shard. */
  shardBoundaries?: AccountId[];
  /** Default 86400 blocks (mainnet genesis). */
  transactionValidityPeriod?: bigint;
  /** Validator stakes visible to contracts. */
  validators?: Array<{ accountId: AccountId; stake: bigint }>;
  /** Minimum stake a Stake action must reach; default 0. */
  minimumStake?: bigint;
  /** Creates the state of each shard; default MemoryState. */
  stateFactory?: () => State;
  executor?: Executor;
}

function blockHash(height: bigint, prevHash: CryptoHash, timestamp: bigint, roots: readonly Uint8Array[]): CryptoHash {
  const w = new BorshWriter();
  w.u64(height);
  w.fixedBytes(prevHash);
  w.u64(timestamp);
  for (const r of roots) w.fixedBytes(r);
  return sha256(w.finish());
}

function heightSeed(prev: CryptoHash, height: bigint): CryptoHash {
  const w = new BorshWriter();
  w.fixedBytes(prev);
  w.u64(height);
  return sha256(w.finish());
}

/** The bytes of a base58 hash a caller gave, or undefined when it is not one (then nothing matches). */
function hashOfBase58(s: string): CryptoHash | undefined {
  let bytes: Uint8Array;
  try {
    bytes = base58Decode(s);
  } catch {
    return undefined;
  }
  // Only the canonical spelling of a 32-byte hash names it, as when the maps were keyed by base58.
  return bytes.length === 32 && hashToBase58(bytes) === s ? bytes : undefined;
}

/** Whether `s` holds no key at all (committed or pending): its root is the empty trie's. */
function isEmptyState(s: State): boolean {
  return s.stateRoot().every((b) => b === 0);
}

export class Chain {
  readonly config: RuntimeConfig;
  readonly protocolVersion: number;
  readonly chainId: string;
  readonly layout: ShardLayout;
  readonly gasPriceConfig: GasPriceConfig;
  readonly gasLimit: bigint | null;
  readonly transactionValidityPeriod: bigint;
  readonly blockIntervalNs: bigint;
  readonly epochInfo: EpochInfo;
  readonly executor: Executor | undefined;
  private readonly states: State[];
  private readonly shapes: TrieShape[];
  /** Every block, kept compactly (see History). */
  private readonly history: History;
  private readonly genesisBlock: Block;
  /** Submitted for the next block; `validated`: decoded here and checked on submission. */
  private readonly pendingTxs: Array<{ tx: VerifiableTransaction; validated: boolean }> = [];
  /** What a transaction checked on submission was validated with (see `ChunkTransaction.validatedWith`). */
  private readonly submissionValidation: StatelessValidation;
  private incoming: Receipt[][];
  /** Every submitted transaction, for `finalOutcome`. */
  private readonly transactions = new TransactionLog();
  private nextPrice: bigint;
  /** Σ amount + locked (+ gas-key balances) at genesis. */
  readonly genesisSupply: bigint;
  /** Sum of the balance stats of every chunk so far. */
  readonly totals: BalanceStats = { txBurntAmount: 0n, otherBurntAmount: 0n, gasDeficitAmount: 0n, subsidizedAmount: 0n, slashedBurntAmount: 0n };

  private constructor(g: GenesisConfig) {
    this.protocolVersion = g.protocolVersion ?? DEFAULT_PROTOCOL_VERSION;
    this.chainId = g.chainId ?? 'localnet';
    this.config = g.runtimeConfig ?? runtimeConfig(this.protocolVersion, this.chainId === 'testnet' ? 'testnet' : 'mainnet');
    this.submissionValidation = { config: this.config, protocolVersion: this.protocolVersion };
    this.layout = new ShardLayout(g.shardBoundaries ?? []);
    this.gasPriceConfig = { ...DEFAULT_GAS_PRICE, ...g.gasPrice };
    this.gasLimit = g.gasLimit === undefined ? 1_000_000_000_000_000n : g.gasLimit;
    this.transactionValidityPeriod = g.transactionValidityPeriod ?? 86_400n;
    this.blockIntervalNs = g.blockIntervalNs ?? 1_000_000_000n;
    this.executor = g.executor;
    const stakes = new Map((g.validators ?? []).map((v) => [v.accountId, v.stake]));
    const total = [...stakes.values()].reduce((a, b) => a + b, 0n);
    const minimumStake = g.minimumStake ?? 0n;
    this.epochInfo = { validatorStake: (id) => stakes.get(id) ?? null, validatorTotalStake: () => total, minimumStake: () => minimumStake };
    const factory = g.stateFactory ?? (() => new MemoryState());
    this.states = this.layout.shardIds.map(() => factory());
    this.incoming = this.layout.shardIds.map(() => []);
    // A state empty before genesis holds exactly the genesis writes afterwards: its trie shape is
    // built from the keys written (sorted once) instead of reading the whole state back.
    const written = this.states.map((s) => (isEmptyState(s) ? ([] as string[]) : undefined));
    const targets = this.states.map((s, i): GenesisTarget => {
      const keys = written[i];
      return keys === undefined ? s : { set: (k, v) => (keys.push(latin1(k)), s.set(k, v)) };
    });
    writeGenesis((id) => targets[Number(this.layout.accountShard(id))], targets, g.accounts, g.globalContracts ?? [], this.config);
    // Roots first: computing one sorts the state's pending writes once, which the supply's prefix
    // scans and then the commit below reuse (instead of each scan going through every write).
    for (const s of this.states) s.stateRoot();
    this.genesisSupply = this.states.reduce((sum, s) => {
      const x = stateSupply(s, this.config);
      return sum + x.accounts + x.gasKeys + x.storedReceipts;
    }, 0n);
    const height = g.genesisHeight ?? 0n;
    const roots = this.states.map((s) => s.commitBlock(height));
    this.shapes = this.states.map((s, i) => {
      const keys = written[i];
      return keys === undefined ? TrieShape.fromKeys([...s.iter()].map(([k]) => k)) : TrieShape.fromKeyStrings(keys);
    });
    const timestamp = g.genesisTimestamp ?? 1_600_000_000_000_000_000n;
    const genesis: Block = {
      height,
      hash: blockHash(height, new Uint8Array(32), timestamp, roots),
      prevHash: new Uint8Array(32),
      timestamp,
      gasPrice: this.gasPriceConfig.initial,
      randomSeed: new Uint8Array(32),
      chunks: [],
    };
    this.nextPrice = this.gasPriceConfig.initial;
    this.history = new History(borshExtensions(this.config));
    this.genesisBlock = genesis;
    this.history.push(genesis);
  }

  static create(genesis: GenesisConfig): Chain {
    return new Chain(genesis);
  }

  get head(): Block {
    return this.history.head;
  }

  get genesis(): Block {
    return this.genesisBlock;
  }

  /** The state of shard 0 (the only one unless shard boundaries were given). */
  get state(): State {
    return this.states[0];
  }

  shardState(shardId: bigint): State {
    const s = this.states[Number(shardId)];
    if (s === undefined) throw new RuntimeUsageError(`no shard ${shardId}`);
    return s;
  }

  stateOf(accountId: AccountId): State {
    return this.states[Number(this.layout.accountShard(accountId))];
  }

  /** The shard states, by shard id. */
  get allStates(): readonly State[] {
    return this.states;
  }

  block(hashOrHeight: CryptoHash | bigint): Block | undefined {
    if (typeof hashOrHeight === 'bigint') {
      // Heights follow each other from genesis.
      const offset = hashOrHeight - this.genesisBlock.height;
      return offset < 0n || offset >= BigInt(this.history.length) ? undefined : this.history.at(Number(offset));
    }
    const index = this.history.indexOfHash(hashOrHeight);
    return index < 0 ? undefined : this.history.at(index);
  }

  /** Why a transaction referencing `hash` would not be accepted in the next block, or null. */
  private validityPeriodError(hash: CryptoHash): InvalidTxErrorData | null {
    const base = this.history.header(this.history.indexOfHash(hash));
    if (base === undefined) return { kind: 'Expired' };
    if (this.head.height > base.height + this.transactionValidityPeriod) return { kind: 'Expired' };
    return null;
  }

  /** Decodes a signed transaction; a receiver or signer id that is not a valid account id is reported as nearcore's RPC does. */
  static decodeTransaction(bytes: Uint8Array, extensions?: BorshExtensions): VerifiableTransaction {
    return decodeTransaction(bytes, extensions);
  }

  /**
   * The checks the RPC does before accepting a transaction: validity period, stateless
   * validation, and the signer's account/key/balance against the current state. Throws
   * `InvalidTxError`; nothing is changed.
   */
  checkTransaction(tx: VerifiableTransaction): void {
    const period = this.validityPeriodError(tx.signed.transaction.blockHash);
    if (period) throw new InvalidTxError(period);
    checkTransactionAgainstState(tx, {
      config: this.config,
      protocolVersion: this.protocolVersion,
      state: this.stateOf(tx.signed.transaction.signerId),
      gasPrice: this.nextPrice,
      blockHeight: this.head.height + 1n,
    });
  }

  /**
   * Accepts a signed transaction (borsh bytes, as near-api-js produces them, or decoded) for the
   * next block and returns its hash (base58). With `check` (default) it is first checked like the
   * RPC would and rejected with `InvalidTxError`; without, it goes into the block as is
   * and a failure shows up as its outcome.
   */
  submit(tx: Uint8Array | SignedTransaction, options: { check?: boolean } = {}): string {
    let v: VerifiableTransaction;
    const extensions = borshExtensions(this.config);
    const decoded = tx instanceof Uint8Array;
    if (decoded) v = Chain.decodeTransaction(tx, extensions);
    else {
      const { hash, size } = transactionHashAndSize(tx.transaction, extensions);
      v = { signed: tx, hash, size };
    }
    const check = options.check !== false;
    if (check) this.checkTransaction(v);
    // Checked and decoded here (an object no caller can change before the block applies it):
    // the chunk need not validate it statelessly again.
    this.pendingTxs.push({ tx: v, validated: check && decoded });
    this.transactions.add(v, decoded ? tx : undefined);
    const id = hashToBase58(v.hash);
    if (trace.enabled) trace(`submit ${id} ${v.signed.transaction.signerId} -> ${v.signed.transaction.receiverId}`);
    return id;
  }

  /** Applies one block: every shard's chunk with its transactions and incoming receipts. */
  produceBlock(): Block {
    const prev = this.head;
    const height = prev.height + 1n;
    const timestamp = prev.timestamp + this.blockIntervalNs;
    const gasPrice = this.nextPrice;
    const randomSeed = heightSeed(prev.hash, height);
    const txs = this.pendingTxs.splice(0);
    const byShard: ChunkTransaction[][] = this.states.map(() => []);
    for (const { tx, validated } of txs) {
      const shard = Number(this.layout.accountShard(tx.signed.transaction.signerId));
      const withinValidityPeriod = this.validityPeriodError(tx.signed.transaction.blockHash) === null;
      byShard[shard].push(validated ? { tx, withinValidityPeriod, validatedWith: this.submissionValidation } : { tx, withinValidityPeriod });
    }
    const incoming = this.incoming;
    this.incoming = this.states.map(() => []);
    const chunks: ChunkSummary[] = [];
    let gasUsed = 0n;
    this.states.forEach((state, i) => {
      const shardId = BigInt(i);
      const result = apply(
        state,
        {
          blockHeight: height,
          prevBlockHash: prev.hash,
          shardId,
          epochId: this.genesis.hash,
          epochHeight: 1n,
          gasPrice,
          blockTimestamp: timestamp,
          gasLimit: this.gasLimit,
          randomSeed,
          protocolVersion: this.protocolVersion,
          config: this.config,
          chainId: this.chainId,
          isNewChunk: true,
          epochInfo: this.epochInfo,
          shardIds: this.layout.shardIds,
          executor: this.executor,
          trieShape: this.shapes[i],
        },
        incoming[i],
        byShard[i],
      );
      const stateRoot = state.commitBlock(height);
      for (const key of result.touchedKeys) this.shapes[i].update(key, state.has(key));
      chunks.push({ shardId, stateRoot, result });
      gasUsed += result.totalGasBurnt;
      for (const r of result.outgoingReceipts) this.incoming[Number(this.receiverShard(r))].push(r);
      for (const k of Object.keys(this.totals) as Array<keyof BalanceStats>) this.totals[k] += result.stats[k];
    });
    const hash = blockHash(height, prev.hash, timestamp, chunks.map((c) => c.stateRoot));
    const block: Block = { height, hash, prevHash: prev.hash, timestamp, gasPrice, randomSeed, chunks };
    const limit = this.gasLimit === null ? 0n : this.gasLimit * BigInt(this.states.length);
    this.nextPrice = nextGasPrice(this.gasPriceConfig, gasPrice, gasUsed, limit);
    this.history.push(block);
    if (trace.enabled) trace(`block ${height} ${hashToBase58(hash)} gas ${gasUsed} price ${gasPrice}`);
    return block;
  }

  private receiverShard(r: Receipt): bigint {
    if (r.receipt.type === 'GlobalContractDistribution') return r.receipt.receipt.targetShard;
    return this.layout.accountShard(r.receiverId);
  }

  /** Receipts still to be processed: in flight between blocks or waiting in a delayed queue. */
  pendingReceiptCount(): number {
    let n = this.incoming.reduce((a, r) => a + r.length, 0);
    for (const s of this.states) {
      const idx = getValue(s, trieKeys.delayedReceiptIndices(), TrieQueueIndicesCodec, 'delayed receipt indices');
      if (idx) n += Number(idx.nextAvailableIndex - idx.firstIndex);
    }
    return n;
  }

  isIdle(): boolean {
    return this.pendingTxs.length === 0 && this.pendingReceiptCount() === 0;
  }

  /** Produces blocks until no transaction or receipt is left (at most `maxBlocks`). */
  runUntilIdle(maxBlocks = 1000): Block[] {
    const produced: Block[] = [];
    while (!this.isIdle()) {
      if (produced.length >= maxBlocks) throw new RuntimeUsageError(`still busy after ${maxBlocks} blocks`);
      produced.push(this.produceBlock());
    }
    return produced;
  }

  outcome(id: CryptoHash | string): OutcomeRecord | undefined {
    const hash = typeof id === 'string' ? hashOfBase58(id) : id;
    return hash === undefined ? undefined : this.history.outcome(hash);
  }

  /** All outcomes of a transaction, depth first from the transaction (nearcore `get_final_transaction_result`). */
  finalOutcome(txHash: CryptoHash | string): FinalExecutionOutcome {
    const id = typeof txHash === 'string' ? txHash : hashToBase58(txHash);
    const hash = typeof txHash === 'string' ? hashOfBase58(txHash) : txHash;
    const kept = hash === undefined ? undefined : this.transactions.get(hash);
    if (kept === undefined || hash === undefined) throw new RuntimeUsageError(`unknown transaction ${id}`);
    const records: OutcomeRecord[] = [];
    const visit = (oid: CryptoHash): void => {
      const rec = this.history.outcome(oid);
      if (rec === undefined) return;
      records.push(rec);
      for (const r of rec.outcome.outcome.receiptIds) visit(r);
    };
    visit(hash);
    if (records.length === 0) throw new RuntimeUsageError(`transaction ${id} is not in a block yet`);
    // The same bytes decoded the same way give the transaction accepted on submission.
    const tx = kept instanceof Uint8Array ? Chain.decodeTransaction(kept, borshExtensions(this.config)) : kept;
    const status = finalExecutionStatus(records.map((r) => r.outcome), tx.hash);
    const [first, ...rest] = records;
    return {
      status,
      transaction: tx.signed,
      transactionHash: tx.hash,
      transactionOutcome: { outcome: first.outcome, blockHash: first.blockHash },
      receiptsOutcome: rest.map((r) => ({ outcome: r.outcome, blockHash: r.blockHash })),
    };
  }

  /** `finalOutcome` in nearcore's RPC JSON shape (FinalExecutionOutcomeView). */
  finalOutcomeView(txHash: CryptoHash | string): JsonValue {
    return finalExecutionOutcomeView(this.finalOutcome(txHash));
  }

  viewAccount(accountId: AccountId): Account | undefined {
    return getAccount(this.stateOf(accountId), accountId);
  }

  viewAccessKey(accountId: AccountId, publicKey: PublicKey): AccessKey | undefined {
    const raw = this.stateOf(accountId).get(trieKeys.accessKey(accountId, publicKey));
    return raw === undefined ? undefined : decode(AccessKeyCodec, raw);
  }

  /** Contract storage of an account (optionally under a key prefix). */
  viewState(accountId: AccountId, prefix: Uint8Array = new Uint8Array(0)): Array<[Uint8Array, Uint8Array]> {
    const full = trieKeys.contractDataPrefix(accountId, prefix);
    const skip = trieKeys.contractDataPrefix(accountId).length;
    return [...this.stateOf(accountId).iter(full)].map(([k, v]) => [k.slice(skip), v]);
  }

  /** Calls a view method at the head block. */
  view(accountId: AccountId, method: string, args: Uint8Array | string | object = new Uint8Array(0)): ViewCallResult {
    const bytes =
      args instanceof Uint8Array ? args : new TextEncoder().encode(typeof args === 'string' ? args : JSON.stringify(args));
    return viewCall({
      state: this.stateOf(accountId),
      config: this.config,
      chainId: this.chainId,
      accountId,
      method,
      args: bytes,
      blockHeight: this.head.height,
      blockTimestamp: this.head.timestamp,
      epochHeight: 1n,
      epochInfo: this.epochInfo,
      executor: this.executor,
    });
  }

  /** Receipts produced by the last block, waiting to be applied in the next one. */
  pendingIncoming(): readonly Receipt[] {
    return this.incoming.flat();
  }

  /** The price the next block will use. */
  get nextGasPrice(): bigint {
    return this.nextPrice;
  }
}
