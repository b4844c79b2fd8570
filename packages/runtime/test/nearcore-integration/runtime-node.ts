/**
 * What nearcore's integration tests (integration-tests/src/node/runtime_node.rs, user/, testlib)
 * build on, over our public API:
 * - `RuntimeNode::new(alice)`: `Genesis::test([alice, bob, carol], 3)` — each account holds
 *   TESTING_INIT_BALANCE − TESTING_INIT_STAKE with TESTING_INIT_STAKE locked and a full-access key
 *   from its test seed, the protocol treasury `near` holds TESTING_INIT_BALANCE — with the test
 *   contract on alice, bob and carol, the protocol's own config and a fixed gas price of
 *   `MIN_GAS_PRICE` (1e8);
 * - the `User` calls (send_money, create_account, add_key, function_call, …) as signed
 *   transactions, run until nothing is left, with the final outcome as RPC JSON;
 * - `testlib::fees_utils::FeeHelper`.
 *
 * The test contract (`near_test_contracts::rs_contract()`) is Rust; `TEST_CONTRACT_WAT` has the
 * methods these tests call with the same host calls in the same order. Its wasm gas differs, so
 * assertions on exact contract gas are taken relative to the gas the outcome reports.
 */
import {
  KeyPair,
  NEAR,
  transactionHash,
  type AccessKey,
  type Action,
  type PublicKey,
  type SignedTransaction,
} from '@nearts/primitives';
import { runtimeConfig, type Fee, type RuntimeConfig } from '@nearts/runtime-fees';
import { InvalidTxError } from '@nearts/vm-errors';
import wabtInit from 'wabt';
import { Chain, checkSupplyInvariant, type GenesisAccount } from '../../src/index.js';

export const TESTING_INIT_BALANCE = 1_000_000_000n * NEAR;
export const TESTING_INIT_STAKE = 50_000_000n * NEAR;
export const MIN_GAS_PRICE = 100_000_000n;
export const PROTOCOL_VERSION = 86;
export const ALICE = 'alice.near';
export const BOB = 'bob.near';
export const CAROL = 'carol.near';
export const EVE_DOT_ALICE = 'eve.alice.near';
export const TGAS = 10n ** 12n;

export const signerOf = (id: string): KeyPair => KeyPair.fromNearcoreTestSeed(id);

/** rs_contract's methods these tests call, with the same host calls in the same order. */
export const TEST_CONTRACT_WAT = `(module
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (import "env" "panic" (func $panic))
  (import "env" "panic_utf8" (func $panic_utf8 (param i64 i64)))
  (import "env" "log_utf8" (func $log_utf8 (param i64 i64)))
  (import "env" "input" (func $input (param i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))
  (import "env" "storage_read" (func $storage_read (param i64 i64 i64) (result i64)))
  (memory 1)
  (data (i32.const 0) "\\0a\\00\\00\\00")
  (data (i32.const 16) "WAT?")
  (data (i32.const 32) "hello")
  (func (export "noop"))
  (func (export "run_test") (call $value_return (i64.const 4) (i64.const 0)))
  (func (export "panic_with_message") (call $panic_utf8 (i64.const 4) (i64.const 16)))
  (func (export "log_something") (call $log_utf8 (i64.const 5) (i64.const 32)))
  (func (export "sum_with_input")
    (call $input (i64.const 0))
    (if (i64.ne (call $register_len (i64.const 0)) (i64.const 16)) (then (call $panic)))
    (call $read_register (i64.const 0) (i64.const 1024))
    (i64.store (i32.const 1040) (i64.add (i64.load (i32.const 1024)) (i64.load (i32.const 1032))))
    (call $value_return (i64.const 8) (i64.const 1040)))
  (func (export "write_key_value") (local $len i64)
    (call $input (i64.const 0))
    (local.set $len (call $register_len (i64.const 0)))
    (call $read_register (i64.const 0) (i64.const 1024))
    (i64.store (i32.const 2048)
      (call $storage_write (i64.sub (local.get $len) (i64.const 8)) (i64.const 1024)
        (i64.const 8) (i64.add (i64.const 1016) (local.get $len)) (i64.const 1)))
    (call $value_return (i64.const 8) (i64.const 2048)))
  (func (export "read_value")
    (call $input (i64.const 0))
    (if (i64.ne (call $register_len (i64.const 0)) (i64.const 8)) (then (call $panic)))
    (call $read_register (i64.const 0) (i64.const 1024))
    (if (i64.eq (call $storage_read (i64.const 8) (i64.const 1024) (i64.const 1)) (i64.const 1))
      (then
        (call $read_register (i64.const 1) (i64.const 1040))
        (call $value_return (i64.const 8) (i64.const 1040))))))`;

export async function wat2wasm(text: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('contract.wat', text);
  try {
    return new Uint8Array(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}

let testContractCode: Uint8Array | undefined;
export async function testContract(): Promise<Uint8Array> {
  return (testContractCode ??= await wat2wasm(TEST_CONTRACT_WAT));
}

/** `Genesis::test(accounts, seats)`: the first `seats` accounts are validators with TESTING_INIT_STAKE locked. */
export function genesisTestAccounts(ids: string[], seats: number, withContract: string[], code: Uint8Array): GenesisAccount[] {
  const accounts: GenesisAccount[] = ids.map((accountId, i) => {
    const locked = i < seats ? TESTING_INIT_STAKE : 0n;
    return {
      accountId,
      amount: TESTING_INIT_BALANCE - locked,
      locked,
      keys: [signerOf(accountId).publicKey],
      ...(withContract.includes(accountId) ? { code } : {}),
    };
  });
  accounts.push({ accountId: 'near', amount: TESTING_INIT_BALANCE, keys: [signerOf('near').publicKey] });
  return accounts;
}

export interface NodeOptions {
  accounts?: string[];
  seats?: number;
  withContract?: string[];
  config?: RuntimeConfig;
  gasPrice?: bigint;
  extra?: GenesisAccount[];
}

/** `RuntimeNode::new(alice)` and its variants. */
export async function runtimeNode(opts: NodeOptions = {}): Promise<Node> {
  const ids = opts.accounts ?? [ALICE, BOB, CAROL];
  const seats = opts.seats ?? 3;
  const config = opts.config ?? runtimeConfig(PROTOCOL_VERSION);
  const gasPrice = opts.gasPrice ?? MIN_GAS_PRICE;
  const accounts = [...genesisTestAccounts(ids, seats, opts.withContract ?? ids, await testContract()), ...(opts.extra ?? [])];
  const chain = Chain.create({
    accounts,
    runtimeConfig: config,
    chainId: 'test-chain-nearts',
    gasPrice: { initial: gasPrice, min: gasPrice, max: gasPrice === 0n ? 1n : gasPrice, adjust: false },
    validators: ids.slice(0, seats).map((accountId) => ({ accountId, stake: TESTING_INIT_STAKE })),
  });
  checkSupplyInvariant(chain);
  return new Node(chain, config, gasPrice);
}

type Json = Record<string, unknown>;

export interface TxResult {
  hash: string;
  /** nearcore's FinalExecutionOutcomeView as JSON. */
  view: Json;
  status: unknown;
  receiptsOutcome: Json[];
  /** The transaction's conversion outcome and every receipt's: `outcome.gas_burnt` etc. */
  transactionOutcome: Json;
}

/** nearcore's `User` over a `Chain`: signs with the signer's test key (or `signer`), nonce = current + 1. */
export class Node {
  constructor(
    readonly chain: Chain,
    readonly config: RuntimeConfig,
    readonly gasPrice: bigint,
  ) {}

  readonly fees = (): FeeHelper => new FeeHelper(this.config, this.gasPrice);

  makeTx(signerId: string, receiverId: string, actions: Action[], signer: KeyPair = signerOf(signerId), nonce?: bigint): SignedTransaction {
    const n = nonce ?? (this.chain.viewAccessKey(signerId, signer.publicKey)?.nonce ?? 0n) + 1n;
    const transaction = {
      version: 'V0' as const,
      signerId,
      publicKey: signer.publicKey,
      nonce: n,
      receiverId,
      blockHash: this.chain.head.hash,
      actions,
    };
    return { transaction, signature: signer.sign(transactionHash(transaction)) };
  }

  /** `commit_transaction`: an RPC rejection comes back as `{ rejected: InvalidTxError JSON }`. */
  commit(tx: SignedTransaction): TxResult | { rejected: unknown } {
    let hash: string;
    try {
      hash = this.chain.submit(tx);
    } catch (e) {
      if (!(e instanceof InvalidTxError)) throw e;
      return { rejected: JSON.parse(JSON.stringify(e)) as unknown };
    }
    this.chain.runUntilIdle();
    checkSupplyInvariant(this.chain);
    return this.result(hash);
  }

  /** Like `commit`, for transactions that must be accepted. */
  run(signerId: string, receiverId: string, actions: Action[], signer?: KeyPair): TxResult {
    const r = this.commit(this.makeTx(signerId, receiverId, actions, signer));
    if ('rejected' in r) throw new Error(`rejected: ${JSON.stringify(r.rejected)}`);
    return r;
  }

  result(hash: string): TxResult {
    const view = JSON.parse(JSON.stringify(this.chain.finalOutcomeView(hash), (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as Json;
    return {
      hash,
      view,
      status: view.status,
      receiptsOutcome: view.receipts_outcome as Json[],
      transactionOutcome: view.transaction_outcome as Json,
    };
  }

  sendMoney = (from: string, to: string, amount: bigint, signer?: KeyPair) => this.run(from, to, [{ type: 'Transfer', deposit: amount }], signer);
  createAccount = (from: string, newId: string, publicKey: PublicKey, amount: bigint) =>
    this.run(from, newId, [
      { type: 'CreateAccount' },
      { type: 'Transfer', deposit: amount },
      { type: 'AddKey', publicKey, accessKey: { nonce: 0n, permission: { type: 'FullAccess' } } },
    ]);
  addKey = (id: string, publicKey: PublicKey, accessKey: AccessKey, signer?: KeyPair) => this.run(id, id, [{ type: 'AddKey', publicKey, accessKey }], signer);
  deleteKey = (id: string, publicKey: PublicKey, signer?: KeyPair) => this.run(id, id, [{ type: 'DeleteKey', publicKey }], signer);
  functionCall = (from: string, to: string, methodName: string, args: Uint8Array, gas: bigint, deposit: bigint, signer?: KeyPair) =>
    this.run(from, to, [{ type: 'FunctionCall', methodName, args, gas, deposit }], signer);
  deployContract = (id: string, code: Uint8Array, signer?: KeyPair) => this.run(id, id, [{ type: 'DeployContract', code }], signer);
  stake = (id: string, publicKey: PublicKey, stake: bigint, signer?: KeyPair) => this.run(id, id, [{ type: 'Stake', stake, publicKey }], signer);
  deleteAccount = (id: string, receiver: string, signer?: KeyPair) => this.run(id, receiver, [{ type: 'DeleteAccount', beneficiaryId: id }], signer);

  nonce = (id: string, key: KeyPair = signerOf(id)): bigint | undefined => this.chain.viewAccessKey(id, key.publicKey)?.nonce;
  account = (id: string) => this.chain.viewAccount(id);
}

/** `FinalExecutionStatus::Failure(ActionError { index, kind })` as RPC JSON. */
export const actionFailure = (index: number, kind: unknown) => ({ Failure: { ActionError: { index, kind } } });
export const invalidTx = (error: unknown) => ({ Failure: { InvalidTxError: error } });
export const successValue = (bytes: Uint8Array = new Uint8Array(0)) => ({ SuccessValue: Buffer.from(bytes).toString('base64') });
export const gasBurnt = (o: Json): bigint => BigInt((o.outcome as Json).gas_burnt as number);

const sendFee = (f: Fee, sir: boolean) => (sir ? f.sendSir : f.sendNotSir);

/** `testlib::fees_utils::FeeHelper` (gas only: compute does not enter these costs). */
export class FeeHelper {
  constructor(
    readonly config: RuntimeConfig,
    readonly gasPrice: bigint,
  ) {}
  fee = (name: keyof RuntimeConfig['fees']['actionFees']): Fee => this.config.fees.actionFees[name];
  gasToBalance = (gas: bigint) => gas * this.gasPrice;
  gasBurntToReward(gasBurnt: bigint): bigint {
    const r = this.config.fees.burntGasReward;
    return this.gasToBalance((gasBurnt * r.numerator) / r.denominator);
  }
  /** gas_to_balance_inflated: gas × (price × num / den). */
  gasToBalanceInflated(gas: bigint): bigint {
    const r = this.config.fees.pessimisticGasPriceInflationRatio;
    return gas * ((this.gasPrice * r.numerator) / r.denominator);
  }
  private sum = (names: Array<keyof RuntimeConfig['fees']['actionFees']>, sir: boolean) => {
    const receipt = this.fee('new_action_receipt');
    let exec = receipt.execution;
    let send = sendFee(receipt, sir);
    for (const n of names) {
      exec += this.fee(n).execution;
      send += sendFee(this.fee(n), sir);
    }
    return { exec, send };
  };
  extraAccountCreationCharge(): bigint {
    const burned = this.gasToBalance(this.fee('create_account').execution);
    const charge = this.config.accountCreationCharge;
    return charge > burned ? charge - burned : 0n;
  }
  createAccountTransferFullKeyFee(): bigint {
    const { exec, send } = this.sum(['create_account', 'transfer', 'add_full_access_key'], false);
    return exec + send;
  }
  createAccountTransferFee(): bigint {
    const { exec, send } = this.sum(['create_account', 'transfer'], false);
    return exec + send;
  }
  createAccountTransferFullKeyCost = () => this.gasToBalance(this.createAccountTransferFullKeyFee()) + this.extraAccountCreationCharge();
  createAccountTransferCost = () => this.gasToBalance(this.createAccountTransferFee()) + this.extraAccountCreationCharge();
  createAccountTransferFullKeyCostFailOnCreateAccount(): bigint {
    const receipt = this.fee('new_action_receipt');
    const exec = receipt.execution + this.fee('create_account').execution;
    const send =
      receipt.sendNotSir + this.fee('create_account').sendNotSir + this.fee('transfer').sendNotSir + this.fee('add_full_access_key').sendNotSir;
    return this.gasToBalance(exec + send);
  }
  deployContractCost(numBytes: bigint): bigint {
    const receipt = this.fee('new_action_receipt');
    const base = this.fee('deploy_contract_base');
    const byte = this.fee('deploy_contract_byte');
    const exec = receipt.execution + base.execution + byte.execution * numBytes;
    const send = receipt.sendSir + base.sendSir + byte.sendSir * numBytes;
    return this.gasToBalance(exec + send);
  }
  functionCallExecGas = (numBytes: bigint) =>
    this.fee('new_action_receipt').execution + this.fee('function_call_base').execution + this.fee('function_call_byte').execution * numBytes;
  functionCallCost(numBytes: bigint, prepaidGas: bigint): bigint {
    const send = this.fee('new_action_receipt').sendNotSir + this.fee('function_call_base').sendNotSir + this.fee('function_call_byte').sendNotSir * numBytes;
    return this.gasToBalance(this.functionCallExecGas(numBytes) + send + prepaidGas);
  }
  transferFee(): bigint {
    const { exec, send } = this.sum(['transfer'], false);
    return exec + send;
  }
  transferCost = () => this.gasToBalance(this.transferFee());
  stakeCost(): bigint {
    const { exec, send } = this.sum(['stake'], true);
    return this.gasToBalance(exec + send);
  }
  addKeyCost(numBytes: bigint): bigint {
    const receipt = this.fee('new_action_receipt');
    const base = this.fee('add_function_call_key_base');
    const byte = this.fee('add_function_call_key_byte');
    const exec = receipt.execution + base.execution + byte.execution * numBytes;
    const send = receipt.sendSir + base.sendSir + byte.sendSir * numBytes;
    return this.gasToBalance(exec + send);
  }
  addKeyFullCost(): bigint {
    const { exec, send } = this.sum(['add_full_access_key'], true);
    return this.gasToBalance(exec + send);
  }
  deleteKeyCost(): bigint {
    const { exec, send } = this.sum(['delete_key'], true);
    return this.gasToBalance(exec + send);
  }
  prepaidDeleteAccountCost(): bigint {
    const { exec, send } = this.sum(['delete_account'], false);
    return this.gasToBalance(exec + send);
  }
  /** `RuntimeFeesConfig::gas_penalty_for_gas_refund`. */
  gasPenaltyForGasRefund(gas: bigint): bigint {
    const f = this.config.fees;
    const byRatio = (gas * f.gasRefundPenalty.numerator) / f.gasRefundPenalty.denominator;
    const penalty = byRatio > f.minGasRefundPenalty ? byRatio : f.minGasRefundPenalty;
    return penalty < gas ? penalty : gas;
  }
  gasRefundCost = (gas: bigint) => this.gasPrice * this.gasPenaltyForGasRefund(gas);
}

export const u64le = (...values: bigint[]): Uint8Array => {
  const out = new Uint8Array(8 * values.length);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setBigUint64(8 * i, v, true));
  return out;
};

export const TEST_CONTRACT = 'test_contract.alice.near';

/** The tests' `setup_test_contract`: alice creates test_contract.alice.near with half her balance and deploys `code`. */
export async function setupTestContract(code: Uint8Array): Promise<Node> {
  const node = await runtimeNode();
  const created = node.createAccount(ALICE, TEST_CONTRACT, signerOf(ALICE).publicKey, TESTING_INIT_BALANCE / 2n);
  const deployed = node.deployContract(TEST_CONTRACT, code, signerOf(ALICE));
  for (const r of [created, deployed]) {
    if (JSON.stringify(r.status) !== JSON.stringify(successValue()) || r.receiptsOutcome.length !== 2) {
      throw new Error(`setup_test_contract: ${JSON.stringify(r.status)}, ${r.receiptsOutcome.length} receipt outcomes`);
    }
  }
  return node;
}
