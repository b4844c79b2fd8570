/**
 * An in-process NEAR sandbox over the runtime's `Chain`: per-test isolated, no ports, no
 * binaries. Transactions are signed with ed25519 keys the sandbox holds, encoded to borsh and
 * decoded/verified by the runtime like any client transaction. State patches, time changes,
 * fast-forward and snapshots go through a rebase (see chain-host.ts).
 */
import { runtimeConfig, withSandboxHostFunctions } from '@nearts/runtime-fees';
import {
  encode,
  hashToBase58,
  isValidAccountId,
  NEAR,
  SignedTransactionCodec,
  transactionHash,
  trieKeys,
  type Account,
  type AccessKey,
  type Action,
  type KeyPair,
  type PublicKey,
  type SignedTransaction,
} from '@nearts/primitives';
import {
  Chain,
  checkSupplyInvariant,
  InvalidTxError,
  RuntimeUsageError,
  type Block,
  type SupplyCheck,
  type ViewCallResult,
} from '@nearts/runtime';
import type { Amount } from './amounts.js';
import { encodeArgs, type CallArgs } from './args.js';
import { chainFrom, hasPendingYields, pointOf, priceAfterEmptyBlocks, requireIdle, type ChainPoint, type ChainTemplate } from './chain-host.js';
import { ContractState } from './contract-state.js';
import { SandboxError } from './errors.js';
import { KeyStore } from './keys.js';
import { LayeredMap } from './layered-map.js';
import { accessKeysOf, applyAccountPatch, type StatePatch } from './patch.js';
import { genesisAccounts, type SandboxAccountInit } from './genesis.js';
import { SandboxAccount } from './account.js';
import { parseReturnValue, TransactionResult } from './transaction-result.js';

export const DEFAULT_ROOT_ACCOUNT = 'test.near';
export const DEFAULT_ROOT_BALANCE = 1_000_000_000n * NEAR;
/** Up to this many blocks `fastForward` produces real blocks; beyond, it jumps (see fastForward). */
export const FAST_FORWARD_REAL_BLOCKS = 100n;

export interface SandboxOptions extends Partial<ChainTemplate> {
  /** The account `sandbox.root` names; default `test.near` with 10⁹ NEAR. `false`: no root account. */
  root?: { accountId?: string; balance?: Amount } | false;
  /** More genesis accounts. */
  accounts?: SandboxAccountInit[];
  genesisHeight?: bigint;
  /** Nanoseconds. */
  genesisTimestamp?: bigint;
  /**
   * Check transactions like the RPC does before they enter a block (default true): a rejected
   * transaction then never reaches a block and its result carries the InvalidTxError. With false,
   * it goes into the next block and gets a failure outcome there.
   */
  checkTransactions?: boolean;
}

/** A sandbox frozen at one moment; restore it any number of times (`Sandbox.fromSnapshot`, `sandbox.restore`). */
export class SandboxSnapshot {
  /** @internal */
  constructor(
    readonly point: ChainPoint,
    readonly blockIntervalNs: bigint,
    /** @internal */ readonly state: {
      template: ChainTemplate;
      keys: LayeredMap<string, readonly KeyPair[]>;
      results: LayeredMap<string, TransactionResult>;
      rootId: string | undefined;
      checkTransactions: boolean;
    },
  ) {}

  get height(): bigint {
    return this.point.height;
  }

  get timestamp(): bigint {
    return this.point.timestamp;
  }
}

export class Sandbox {
  private host: Chain;
  private template: ChainTemplate;
  private keyStore: KeyStore;
  private results: LayeredMap<string, TransactionResult>;
  private readonly inFlight = new Set<string>();
  private readonly pendingNonces = new Map<string, bigint>();
  private devAccounts = 0;

  private constructor(
    host: Chain,
    template: ChainTemplate,
    keys: KeyStore,
    results: LayeredMap<string, TransactionResult>,
    private rootId: string | undefined,
    /** Whether transactions get the RPC's checks before entering a block. */
    private checks: boolean,
  ) {
    this.host = host;
    this.template = template;
    this.keyStore = keys;
    this.results = results;
  }

  /** A new sandbox: genesis with the root account (and `accounts`), at protocol 86 unless told. */
  static create(options: SandboxOptions = {}): Sandbox {
    const { root, accounts = [], genesisHeight, genesisTimestamp, checkTransactions = true, ...template } = options;
    const keys = new KeyStore();
    const rootId = root === false ? undefined : (root?.accountId ?? DEFAULT_ROOT_ACCOUNT);
    const inits: SandboxAccountInit[] = [...(rootId ? [{ accountId: rootId, balance: root === false ? 0n : (root?.balance ?? DEFAULT_ROOT_BALANCE) }] : []), ...accounts];
    const genesis = genesisAccounts(inits, keys);
    let chain: Chain;
    try {
      // Like near-sandbox (a node built with nearcore's `sandbox` feature), contracts may import
      // `sandbox_debug_log`; an explicit runtimeConfig is used as given.
      const config =
        template.runtimeConfig ??
        withSandboxHostFunctions(runtimeConfig(template.protocolVersion ?? 86, template.chainId === 'testnet' ? 'testnet' : 'mainnet'));
      chain = Chain.create({ ...template, runtimeConfig: config, accounts: genesis, genesisHeight, genesisTimestamp });
    } catch (e) {
      if (e instanceof RuntimeUsageError) throw new SandboxError('invalid_argument', e.message);
      throw e;
    }
    // Later chains reuse the parsed config and the full gas price settings.
    const fixed: ChainTemplate = { ...template, runtimeConfig: chain.config, gasPrice: chain.gasPriceConfig, blockIntervalNs: chain.blockIntervalNs };
    return new Sandbox(chain, fixed, keys, new LayeredMap(), rootId, checkTransactions);
  }

  /** A new sandbox in the state of `snapshot` (one block later). Cheap: the state is forked, not copied. */
  static fromSnapshot(snapshot: SandboxSnapshot): Sandbox {
    const s = snapshot.state;
    const chain = chainFrom(s.template, snapshot.point, { height: snapshot.point.height + 1n, timestamp: snapshot.point.timestamp + snapshot.blockIntervalNs });
    return new Sandbox(chain, s.template, new KeyStore(s.keys.branch()), s.results.branch(), s.rootId, s.checkTransactions);
  }

  /** The runtime chain currently behind the sandbox (replaced by patches, time changes and restores). */
  get chain(): Chain {
    return this.host;
  }

  get head(): Block {
    return this.host.head;
  }

  get height(): bigint {
    return this.host.head.height;
  }

  /** Head block timestamp, nanoseconds. */
  get timestamp(): bigint {
    return this.host.head.timestamp;
  }

  /** Whether transactions get the RPC's checks before entering a block. */
  get checkTransactions(): boolean {
    return this.checks;
  }

  get protocolVersion(): number {
    return this.host.protocolVersion;
  }

  /** The root account (`test.near` unless configured). */
  get root(): SandboxAccount {
    if (this.rootId === undefined) throw new SandboxError('unknown_account', 'this sandbox was created without a root account');
    return new SandboxAccount(this, this.rootId);
  }

  /** A handle on an account (it need not exist yet). */
  account(accountId: string): SandboxAccount {
    return new SandboxAccount(this, accountId);
  }

  /** The keys the sandbox signs with. */
  get keys(): KeyStore {
    return this.keyStore;
  }

  // ---- transactions ------------------------------------------------------------------------

  private nextNonce(accountId: string, publicKey: PublicKey): bigint {
    const id = `${accountId} ${publicKey.toString()}`;
    const onChain = this.host.viewAccessKey(accountId, publicKey)?.nonce ?? 0n;
    const pending = this.pendingNonces.get(id) ?? 0n;
    const nonce = (onChain > pending ? onChain : pending) + 1n;
    this.pendingNonces.set(id, nonce);
    return nonce;
  }

  /** Signs a V0 transaction with a held key of `signerId` (its default key unless `publicKey`), nonce and head block hash filled in. */
  signTransaction(
    signerId: string,
    receiverId: string,
    actions: Action[],
    options: { publicKey?: PublicKey | string; nonce?: bigint; blockHash?: Uint8Array } = {},
  ): SignedTransaction {
    const key = this.keyStore.signer(signerId, options.publicKey);
    const transaction = {
      version: 'V0' as const,
      signerId,
      publicKey: key.publicKey,
      nonce: options.nonce ?? this.nextNonce(signerId, key.publicKey),
      receiverId,
      blockHash: options.blockHash ?? this.host.head.hash,
      actions,
    };
    return { transaction, signature: key.sign(transactionHash(transaction)) };
  }

  /**
   * Hands a signed transaction (borsh bytes from any client, or a SignedTransaction, which is
   * encoded first) to the runtime for the next block without producing it. Returns its hash, or a
   * rejected result when the RPC-style check refuses it.
   */
  submit(tx: Uint8Array | SignedTransaction): { hash: string; rejected?: TransactionResult } {
    const bytes = tx instanceof Uint8Array ? tx : encode(SignedTransactionCodec, tx);
    let decoded;
    try {
      decoded = Chain.decodeTransaction(bytes);
    } catch (e) {
      if (e instanceof InvalidTxError) {
        const rejected = TransactionResult.rejected('', e.data);
        return { hash: '', rejected };
      }
      throw new SandboxError('invalid_transaction', `cannot decode the signed transaction: ${(e as Error).message}`);
    }
    const hash = hashToBase58(decoded.hash);
    try {
      this.host.submit(decoded.signed, { check: this.checks });
    } catch (e) {
      if (!(e instanceof InvalidTxError)) throw e;
      const rejected = TransactionResult.rejected(hash, e.data);
      this.results.set(hash, rejected);
      return { hash, rejected };
    }
    this.inFlight.add(hash);
    return { hash };
  }

  /** Submits a signed transaction and runs the chain until it and all its receipts are done. */
  sendTransaction(tx: Uint8Array | SignedTransaction): TransactionResult {
    const { hash, rejected } = this.submit(tx);
    if (rejected) return rejected;
    this.runUntilIdle();
    return this.result(hash)!;
  }

  /** Signs `actions` from `signerId` to `receiverId`, sends and runs to completion. Failures are data. */
  transact(signerId: string, receiverId: string, actions: Action[], options: { publicKey?: PublicKey | string } = {}): TransactionResult {
    return this.sendTransaction(this.signTransaction(signerId, receiverId, actions, options));
  }

  /** The result of a transaction submitted through this sandbox (undefined while it is still running). */
  result(hash: string): TransactionResult | undefined {
    this.collect();
    return this.results.get(hash);
  }

  private collect(): void {
    for (const hash of [...this.inFlight]) {
      let final;
      try {
        final = this.host.finalOutcome(hash);
      } catch (e) {
        if (e instanceof RuntimeUsageError) continue;
        throw e;
      }
      if (final.status.kind === 'NotStarted' || final.status.kind === 'Started') continue;
      this.results.set(hash, TransactionResult.executed(final));
      this.inFlight.delete(hash);
    }
  }

  /** Produces one block. */
  produceBlock(): Block {
    const block = this.host.produceBlock();
    this.pendingNonces.clear();
    return block;
  }

  /** Produces blocks until no transaction or receipt is left. */
  runUntilIdle(maxBlocks = 1000): Block[] {
    const blocks = this.host.runUntilIdle(maxBlocks);
    this.pendingNonces.clear();
    this.collect();
    return blocks;
  }

  // ---- views -------------------------------------------------------------------------------

  /** A view call at the head block; throws the runtime's ViewCallError when the method fails. */
  viewRaw(contractId: string, method: string, args?: CallArgs): ViewCallResult {
    return this.host.view(contractId, method, encodeArgs(args));
  }

  /** A view call's result parsed (JSON, else text; undefined when empty). */
  view<T = unknown>(contractId: string, method: string, args?: CallArgs): T {
    return parseReturnValue(this.viewRaw(contractId, method, args).result) as T;
  }

  viewAccount(accountId: string): Account | undefined {
    return this.host.viewAccount(accountId);
  }

  viewAccessKey(accountId: string, publicKey: PublicKey): AccessKey | undefined {
    return this.host.viewAccessKey(accountId, publicKey);
  }

  viewAccessKeys(accountId: string): Array<{ publicKey: PublicKey; accessKey: AccessKey }> {
    return accessKeysOf(this.host.stateOf(accountId), accountId);
  }

  viewCode(accountId: string): Uint8Array | undefined {
    return this.host.stateOf(accountId).get(trieKeys.contractCode(accountId));
  }

  /** Contract storage of an account (optionally only keys starting with `prefix`). */
  viewState(accountId: string, prefix: Uint8Array | string = new Uint8Array(0)): ContractState {
    const p = typeof prefix === 'string' ? new TextEncoder().encode(prefix) : prefix;
    return new ContractState(this.host.viewState(accountId, p));
  }

  /** The supply invariant (tokens change only by burning); throws SupplyInvariantError when broken. */
  checkSupply(): SupplyCheck {
    return checkSupplyInvariant(this.host);
  }

  // ---- state and time ----------------------------------------------------------------------

  private rebase(what: string, at: { height: bigint; timestamp: bigint; gasPrice?: bigint }, mutate?: Parameters<typeof chainFrom>[3]): void {
    this.collect();
    requireIdle(this.host, what);
    this.host = chainFrom(this.template, pointOf(this.host), at, mutate);
    this.pendingNonces.clear();
  }

  private nextBlock(): { height: bigint; timestamp: bigint } {
    return { height: this.host.head.height + 1n, timestamp: this.host.head.timestamp + this.host.blockIntervalNs };
  }

  /**
   * Writes accounts, balances, keys, code and contract data straight into state (in a new block).
   * Key pairs (or `seed:` keys) given in `keys` are then held by the sandbox.
   */
  patchState(patch: StatePatch): void {
    const learned: Array<[string, KeyPair]> = [];
    for (const id of Object.keys(patch)) {
      if (!isValidAccountId(id)) throw new SandboxError('invalid_argument', `patchState: invalid account id ${JSON.stringify(id)}`);
    }
    this.rebase('patchState', this.nextBlock(), (states) => {
      for (const [id, p] of Object.entries(patch)) {
        const state = states[Number(this.host.layout.accountShard(id))];
        for (const kp of applyAccountPatch(state, this.host.config, id, p)) learned.push([id, kp]);
      }
    });
    for (const [id, kp] of learned) this.keyStore.add(id, kp);
  }

  /**
   * Advances the chain by `blocks` blocks. Transactions and receipts still in flight are processed
   * in real blocks; up to FAST_FORWARD_REAL_BLOCKS (or while a promise yield waits for its timeout)
   * the rest are real empty blocks too, beyond that the chain jumps: the head moves `blocks`
   * heights and `blocks` block intervals ahead in one step, the gas price as after that many empty blocks.
   */
  fastForward(blocks: number | bigint): void {
    let n = BigInt(blocks);
    if (n < 0n) throw new SandboxError('invalid_argument', `fastForward: ${blocks} blocks`);
    while (n > 0n && !this.host.isIdle()) {
      this.produceBlock();
      n--;
    }
    this.collect();
    if (n === 0n) return;
    if (n <= FAST_FORWARD_REAL_BLOCKS || hasPendingYields(this.host)) {
      for (; n > 0n; n--) this.produceBlock();
      return;
    }
    const head = this.host.head;
    this.rebase('fastForward', { height: head.height + n, timestamp: head.timestamp + n * this.host.blockIntervalNs, gasPrice: priceAfterEmptyBlocks(this.host, n) });
  }

  /**
   * Sets the head block's timestamp (nanoseconds, a Date, or an ISO date text); the following
   * blocks continue from there, one block interval apart. Takes one block height.
   */
  setTimestamp(time: bigint | Date | string): void {
    let ns: bigint;
    if (typeof time === 'bigint') ns = time;
    else {
      const ms = time instanceof Date ? time.getTime() : Date.parse(time);
      if (!Number.isSafeInteger(ms) || ms < 0) throw new SandboxError('invalid_argument', `setTimestamp: not a date: ${String(time)}`);
      ns = BigInt(ms) * 1_000_000n;
    }
    if (ns < 0n || ns >= 1n << 64n) throw new SandboxError('invalid_argument', `setTimestamp: ${ns} does not fit u64 nanoseconds`);
    this.rebase('setTimestamp', { height: this.host.head.height + 1n, timestamp: ns });
  }

  // ---- snapshots ---------------------------------------------------------------------------

  /** Freezes the current state (the chain must be idle). O(1): state is forked, not copied. */
  snapshot(): SandboxSnapshot {
    this.collect();
    requireIdle(this.host, 'snapshot');
    const p = pointOf(this.host);
    const point: ChainPoint = { ...p, states: p.states.map((s) => s.fork()) };
    const results = this.results;
    this.results = results.branch();
    return new SandboxSnapshot(point, this.host.blockIntervalNs, {
      template: this.template,
      keys: this.keyStore.freeze(),
      results,
      rootId: this.rootId,
      checkTransactions: this.checks,
    });
  }

  /** Returns this sandbox to a snapshot (one block after it); whatever was in flight is dropped. */
  restore(snapshot: SandboxSnapshot): void {
    const fresh = Sandbox.fromSnapshot(snapshot);
    this.host = fresh.host;
    this.template = fresh.template;
    this.keyStore = fresh.keyStore;
    this.results = fresh.results;
    this.rootId = fresh.rootId;
    this.checks = fresh.checks;
    this.inFlight.clear();
    this.pendingNonces.clear();
  }

  /** An independent copy of this sandbox. */
  fork(): Sandbox {
    return Sandbox.fromSnapshot(this.snapshot());
  }

  /** A fresh dev account name under the root (`dev-1.test.near`, …). */
  nextDevAccountId(parent: string): string {
    this.devAccounts++;
    return `dev-${this.devAccounts}.${parent}`;
  }
}
