/**
 * nearcore runtime/runtime/src/tests/apply.rs (f0c7706), second part, translated: transactions in a
 * chunk (order, several keys, allowance, expiry, duplicates), gas keys in `apply` (charging,
 * refunds, deposit failures, burning), contracts deployed and called in one chunk with V4
 * metadata, a call after a same-chunk delete and re-create. Setup as nearcore's `setup_runtime`
 * (see apply.test.ts). nearcore's `rs_contract` / `trivial_contract` are stood in for by two WAT
 * modules with the same relevant behaviour (`log_something` logs "hello"; `main` does nothing).
 */
import {
  KeyPair,
  fullAccessKey,
  sha256,
  type AccessKey,
  type Action,
  type Receipt,
  type SignedTransaction,
} from '@nearts/primitives';
import wabtInit from 'wabt';
import { beforeAll, describe, expect, it } from 'vitest';
import { transactionCost, type ApplyResult } from '../../src/index.js';
import { gasRefundReceipt } from '../../src/receipts.js';
import { account, applyChunk, getAccessKey, getAccount, getGasKeyNonce, newState, setAccessKey, setAccount, setGasKeyNonce, type ApplyOptions } from './apply-harness.js';
import { RS_CONTRACT_WAT, withTestContract } from './test-contract.js';
import { MILLINEAR, NEAR, freeConfig, sendMoney, signedTx, signerOf, testConfig, verifiable } from './setup.js';

const ALICE = 'alice.near';
const BOB = 'bob.near';
const GAS_PRICE = 5000n;
const MAX_ATTACHED_GAS = 300_000_000_000_000n;
type State = ReturnType<typeof newState>;

function setupRuntime(accounts: Array<[string, KeyPair[]]>, balance = 1_000_000n * NEAR, locked = 500_000n * NEAR): State {
  const state = newState();
  for (const [id, keys] of accounts) {
    setAccount(state, id, account(balance, locked, { type: 'None' }, 182n));
    for (const k of keys) setAccessKey(state, id, k.publicKey, fullAccessKey());
  }
  state.commitBlock(0n);
  return state;
}
const withTestSigners = (ids: string[], balance?: bigint, locked?: bigint) => setupRuntime(ids.map((id) => [id, [signerOf(id)]]), balance, locked);

let height = 0n;
function run(state: State, receipts: Receipt[], txs: SignedTransaction[] = [], o: ApplyOptions = {}, valid?: boolean[]): ApplyResult {
  const r = applyChunk(
    state,
    receipts,
    { gasPrice: GAS_PRICE, blockHeight: 1n, blockTimestamp: 100n, gasLimit: 1000n * 10n ** 12n, ...o },
    txs.map((s, i) => ({ tx: verifiable(s), withinValidityPeriod: valid?.[i] ?? true })),
  );
  state.commitBlock(++height);
  return r;
}
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const txId = (s: SignedTransaction) => hex(verifiable(s).hash);
const statusOf = (r: ApplyResult, id: string) => r.outcomes.filter((o) => hex(o.id) === id).map((o) => o.outcome.status);

/** tests/mod.rs `create_receipt_with_actions`: to and from `id`, signed by its test key. */
function receiptWith(id: string, actions: Action[], tag = ''): Receipt {
  return {
    predecessorId: id,
    receiverId: id,
    receiptId: sha256(new TextEncoder().encode(`${id} ${tag} ${actions.map((a) => a.type).join(',')}`)),
    receipt: {
      type: 'Action',
      receipt: { signerId: id, signerPublicKey: signerOf(id).publicKey, gasPrice: GAS_PRICE, outputDataReceivers: [], inputDataIds: [], actions },
    },
  };
}

describe('transactions in a chunk (apply.rs)', () => {
  it('test_transaction_ordering_with_apply: outcomes in chunk order, an unknown key still gets one', () => {
    const alice = signerOf(ALICE);
    const bob = signerOf(BOB);
    const invalid = sendMoney(1n, ALICE, ALICE, KeyPair.fromNearcoreTestSeed('seed'), 100n);
    const aliceTx1 = sendMoney(1n, ALICE, ALICE, alice, 200n);
    const aliceTx2 = sendMoney(2n, ALICE, BOB, alice, 300n);
    const bobTx1 = sendMoney(1n, BOB, BOB, bob, 400n);
    const bobTx2 = sendMoney(2n, BOB, ALICE, bob, 500n);
    const bobTx3 = sendMoney(3n, BOB, BOB, bob, 600n);
    const txs = [bobTx1, invalid, aliceTx1, bobTx2, aliceTx2, bobTx3];
    const r = run(withTestSigners([ALICE, BOB]), [], txs);
    expect(r.outcomes.length).toBe(txs.length + 3);
    expect(r.outcomes.slice(0, txs.length).map((o) => hex(o.id))).toEqual(txs.map(txId));
    expect(statusOf(r, txId(invalid))[0]).toMatchObject({ kind: 'Failure', error: { kind: 'InvalidTxError', error: { error: { kind: 'AccessKeyNotFound' } } } });
  });

  it('test_transaction_multiple_access_keys_with_apply', () => {
    const [k1, k2, k3] = ['seed1', 'seed2', 'seed3'].map((s) => KeyPair.fromNearcoreTestSeed(s));
    const send = (nonce: bigint, k: KeyPair) => sendMoney(nonce, ALICE, BOB, k, 1000n * NEAR);
    const txs = [send(1n, k1), send(1n, k2), send(1n, k3), send(2n, k3), send(2n, k1), send(3n, k1)];
    const state = setupRuntime([
      [ALICE, [k1, k2, k3]],
      [BOB, []],
    ]);
    const r = run(state, [], txs);
    expect(r.outcomes.map((o) => hex(o.id))).toEqual(txs.map(txId));
    const amount = getAccount(state, ALICE)!.amount;
    expect(amount < 994_000n * NEAR && amount > 993_000n * NEAR).toBe(true);
  });

  it('test_access_key_allowance_not_mutated_on_failed_tx: a permission failure leaves the allowance for the next', () => {
    const alice = signerOf(ALICE);
    const call = (nonce: bigint, receiver: string) => signedTx(nonce, ALICE, receiver, alice, [{ type: 'FunctionCall', methodName: 'hello', args: new Uint8Array(), gas: 1n, deposit: 0n }]);
    const allowance = transactionCost(testConfig(), ALICE, BOB, alice.publicKey, call(1n, BOB).transaction.actions, GAS_PRICE).totalCost;
    const state = newState();
    setAccount(state, ALICE, account(1_000_000n * NEAR, 0n, { type: 'None' }, 182n));
    const key: AccessKey = { nonce: 0n, permission: { type: 'FunctionCall', functionCall: { allowance, receiverId: BOB, methodNames: [] } } };
    setAccessKey(state, ALICE, alice.publicKey, key);
    setAccount(state, BOB, account(1_000_000n * NEAR, 0n, { type: 'None' }, 0n));
    state.commitBlock(0n);
    const tx1 = call(1n, ALICE);
    const tx2 = call(2n, BOB);
    const r = run(state, [], [tx1, tx2]);
    expect(r.outcomes.length).toBe(2);
    expect(r.outcomes[0].outcome.status).toMatchObject({ kind: 'Failure', error: { kind: 'InvalidTxError', error: { error: { kind: 'ReceiverMismatch' } } } });
    expect(r.outcomes[1].outcome.status.kind).toBe('SuccessReceiptId');
    const p = getAccessKey(state, ALICE, alice.publicKey)!.permission;
    expect(p.type === 'FunctionCall' && p.functionCall.allowance! < allowance).toBe(true);
  });

  it('test_expired_transaction', () => {
    const tx = sendMoney(1n, ALICE, ALICE, signerOf(ALICE), 1n);
    const r = run(withTestSigners([ALICE, BOB]), [], [tx], {}, [false]);
    expect(r.outcomes.map((o) => hex(o.id))).toEqual([txId(tx)]);
    expect(r.outcomes[0].outcome.status).toEqual({ kind: 'Failure', error: { kind: 'InvalidTxError', error: { kind: 'Expired' } } });
  });

  it('test_duplicate_transaction_in_chunk_skipped: a repeated hash gets no second outcome', () => {
    const send = (nonce: bigint) => sendMoney(nonce, ALICE, BOB, signerOf(ALICE), NEAR);
    const [tx, other] = [send(1n), send(2n)];
    const r = run(withTestSigners([ALICE, BOB]), [], [tx, other, tx]);
    expect(statusOf(r, txId(tx)).map((s) => s.kind)).toEqual(['SuccessReceiptId']);
    expect(statusOf(r, txId(other)).map((s) => s.kind)).toEqual(['SuccessReceiptId']);
  });

  it('test_duplicate_transaction_in_chunk_prior_behavior: before UniqueChunkTransactions the repeat fails on its nonce', () => {
    const tx = sendMoney(1n, ALICE, BOB, signerOf(ALICE), NEAR);
    const r = run(withTestSigners([ALICE, BOB]), [], [tx, tx], { protocolVersion: 84, config: testConfig(84) });
    const s = statusOf(r, txId(tx));
    expect(s.length).toBe(2);
    expect(s[0].kind).toBe('SuccessReceiptId');
    expect(s[1]).toMatchObject({ kind: 'Failure', error: { kind: 'InvalidTxError', error: { kind: 'InvalidNonce' } } });
  });
});

describe('gas keys in apply (apply.rs)', () => {
  const GAS_KEY_BLOCK_HEIGHT = 10n;
  const INITIAL_NONCE = (GAS_KEY_BLOCK_HEIGHT - 1n) * 1_000_000n;
  const gasKeySigner = KeyPair.fromNearcoreTestSeed('gas_key_seed');
  const o: ApplyOptions = { protocolVersion: 85, config: testConfig(85), blockHeight: GAS_KEY_BLOCK_HEIGHT };

  /** `setup_gas_key_test`: the owner gets a gas key (added at height 10) with `balance`. */
  function setupGasKey(accounts: string[], balance: bigint, numNonces: number, keyBalance: bigint): State {
    const state = withTestSigners(accounts, balance, 0n);
    const key: AccessKey = { nonce: INITIAL_NONCE, permission: { type: 'GasKeyFullAccess', gasKeyInfo: { balance: keyBalance, numNonces } } };
    setAccessKey(state, ALICE, gasKeySigner.publicKey, key);
    for (let i = 0; i < numNonces; i++) setGasKeyNonce(state, ALICE, gasKeySigner.publicKey, i, INITIAL_NONCE);
    // The key record (33 + 27 + 40) and per nonce 33 + 2 + 8 + 40, as action_add_key counts them.
    setAccount(state, ALICE, { ...getAccount(state, ALICE)!, storageUsage: 182n + 100n + BigInt(numNonces) * 83n });
    state.commitBlock(++height);
    return state;
  }
  const keyBalance = (state: State) => {
    const p = getAccessKey(state, ALICE, gasKeySigner.publicKey)?.permission;
    return p?.type === 'GasKeyFullAccess' ? p.gasKeyInfo.balance : undefined;
  };
  const gasKeyTx = (nonceIndex: number, deposit: bigint) =>
    signedTx({ type: 'GasKeyNonce', nonce: INITIAL_NONCE + 1n, nonceIndex }, ALICE, BOB, gasKeySigner, [{ type: 'Transfer', deposit }]);

  it('test_gas_key_burn_not_reported_on_failed_receipt: a rolled-back DeleteKey burns no key balance', () => {
    const state = withTestSigners([ALICE], 1_000_000n * NEAR, 0n);
    const pk = KeyPair.fromNearcoreTestSeed('gas_key').publicKey;
    const setup = run(
      state,
      [
        receiptWith(ALICE, [
          { type: 'AddKey', publicKey: pk, accessKey: { nonce: 0n, permission: { type: 'GasKeyFullAccess', gasKeyInfo: { balance: 0n, numNonces: 2 } } } },
          { type: 'TransferToGasKey', publicKey: pk, deposit: NEAR },
        ]),
      ],
      [],
      { protocolVersion: 85, config: testConfig(85) },
    );
    expect(setup.outcomes[0].outcome.status.kind).toBe('SuccessValue');
    const r = run(
      state,
      [receiptWith(ALICE, [{ type: 'DeleteKey', publicKey: pk }, { type: 'DeleteKey', publicKey: KeyPair.fromNearcoreTestSeed('nonexistent').publicKey }], 'delete')],
      [],
      { protocolVersion: 85, config: testConfig(85) },
    );
    const outcome = r.outcomes[0].outcome;
    expect(outcome.status.kind).toBe('Failure');
    expect(outcome.tokensBurnt).toBeLessThan(NEAR);
    expect(outcome.tokensBurnt).toBe(outcome.gasBurnt * GAS_PRICE);
    const p = getAccessKey(state, ALICE, pk)!.permission;
    expect(p.type === 'GasKeyFullAccess' && p.gasKeyInfo.balance).toBe(NEAR);
  });

  it('test_apply_gas_key_transaction: nonce row updated, deposit from the account, gas from the key', () => {
    const state = setupGasKey([ALICE, BOB], 1_000_000n * NEAR, 3, MILLINEAR);
    const tx = gasKeyTx(1, 100n * NEAR);
    const cost = transactionCost(o.config!, ALICE, BOB, gasKeySigner.publicKey, tx.transaction.actions, GAS_PRICE);
    const r = run(state, [], [tx], o);
    expect(r.outcomes.length).toBe(1);
    expect(r.outcomes[0].outcome.status.kind).toBe('SuccessReceiptId');
    expect([0, 1, 2].map((i) => getGasKeyNonce(state, ALICE, gasKeySigner.publicKey, i))).toEqual([INITIAL_NONCE, INITIAL_NONCE + 1n, INITIAL_NONCE]);
    expect(cost.gasCost).toBeGreaterThan(0n);
    expect(cost.depositCost).toBe(100n * NEAR);
    expect(getAccount(state, ALICE)!.amount).toBe(1_000_000n * NEAR - 100n * NEAR);
    expect(keyBalance(state)).toBe(MILLINEAR - cost.gasCost);
  });

  it('test_gas_refund_to_gas_key', () => {
    const state = setupGasKey([ALICE], 1_000_000n * NEAR, 1, 10n * MILLINEAR);
    run(state, [gasRefundReceipt(ALICE, MILLINEAR, gasKeySigner.publicKey)], [], o);
    expect(keyBalance(state)).toBe(11n * MILLINEAR);
    expect(getAccount(state, ALICE)!.amount).toBe(1_000_000n * NEAR);
  });

  it('test_gas_refund_unknown_key_falls_back_to_account', () => {
    const state = withTestSigners([ALICE], 1_000_000n * NEAR, 0n);
    run(state, [gasRefundReceipt(ALICE, MILLINEAR, KeyPair.fromNearcoreTestSeed('unknown_key').publicKey)], [], { protocolVersion: 85, config: testConfig(85) });
    expect(getAccount(state, ALICE)!.amount).toBe(1_000_000n * NEAR + MILLINEAR);
  });

  it('test_gas_key_tx_deposit_insufficient_charges_gas: the conversion is charged to the key, the nonce advances', () => {
    const state = setupGasKey([ALICE, BOB], NEAR, 3, MILLINEAR);
    const tx = gasKeyTx(0, 1000n * NEAR);
    const cost = transactionCost(o.config!, ALICE, BOB, gasKeySigner.publicKey, tx.transaction.actions, GAS_PRICE);
    const r = run(state, [], [tx], o);
    expect(r.outcomes.length).toBe(1);
    const out = r.outcomes[0].outcome;
    expect(out.status).toMatchObject({ kind: 'Failure', error: { kind: 'InvalidTxError', error: { kind: 'NotEnoughBalanceForDeposit', reason: 'NotEnoughBalance' } } });
    expect(out.gasBurnt).toBe(cost.gasBurnt);
    expect(out.tokensBurnt).toBe(cost.burntAmount);
    expect(keyBalance(state)).toBe(MILLINEAR - cost.burntAmount);
    expect(getAccount(state, ALICE)!.amount).toBe(NEAR);
    expect(getGasKeyNonce(state, ALICE, gasKeySigner.publicKey, 0)).toBe(INITIAL_NONCE + 1n);
  });
});

describe('contracts deployed and called in a chunk (apply.rs)', () => {
  let rsContract: Uint8Array;
  let trivialContract: Uint8Array;
  beforeAll(async () => {
    const wabt = await wabtInit();
    const build = (wat: string) => {
      const m = wabt.parseWat('c.wat', wat);
      const bytes = new Uint8Array(m.toBinary({}).buffer);
      m.destroy();
      return bytes;
    };
    rsContract = build(`(module
      (import "env" "log_utf8" (func $log (param i64 i64)))
      (memory (export "memory") 1)
      (data (i32.const 0) "hello")
      (func (export "log_something") (call $log (i64.const 5) (i64.const 0))))`);
    trivialContract = build('(module (func (export "main")))');
    sha256Contract = build(`(module
      (import "env" "input" (func $input (param i64)))
      (import "env" "register_len" (func $len (param i64) (result i64)))
      (import "env" "read_register" (func $read (param i64 i64)))
      (import "env" "sha256" (func $sha256 (param i64 i64 i64)))
      (import "env" "value_return" (func $return (param i64 i64)))
      (memory (export "memory") 1)
      (func (export "ext_sha256") (local $n i64)
        (call $input (i64.const 0))
        (local.set $n (call $len (i64.const 0)))
        (call $read (i64.const 0) (i64.const 0))
        (call $sha256 (local.get $n) (i64.const 0) (i64.const 0))
        (call $read (i64.const 0) (i64.const 1024))
        (call $return (i64.const 32) (i64.const 1024))))`);
  });
  let sha256Contract: Uint8Array;
  const extSha256 = (arg: string, gas: bigint): Action => ({ type: 'FunctionCall', methodName: 'ext_sha256', args: new TextEncoder().encode(arg), gas, deposit: 0n });

  it('test_compute_usage_limit: the chunk compute limit delays the second call (sha256 with compute above gas)', () => {
    // tests/mod.rs `set_sha256_cost`: everything free but sha256_base (1e6 gas, 1e13 compute).
    const free = freeConfig();
    const sha = { gas: 1_000_000n, compute: 10_000_000_000_000n };
    const config = { ...free, wasmConfig: { ...free.wasmConfig, extCosts: { ...free.wasmConfig.extCosts, sha256_base: sha } } };
    const o: ApplyOptions = { config, gasLimit: sha.compute };
    const state = withTestSigners([ALICE]);
    const deploy = receiptWith(ALICE, [{ type: 'DeployContract', code: sha256Contract }]);
    const first = receiptWith(ALICE, [extSha256('first', sha.gas)], 'first');
    const second = receiptWith(ALICE, [extSha256('second', sha.gas)], 'second');
    const r1 = run(state, [deploy, first, second], [], o);
    expect(r1.delayedReceiptsCount).toBe(1n);
    expect(r1.outcomes.map((x) => hex(x.id))).toEqual([hex(deploy.receiptId), hex(first.receiptId)]);
    expect(r1.outcomes[0].outcome.status.kind).toBe('SuccessValue');
    expect(r1.outcomes[1].outcome.status.kind).toBe('SuccessValue');
    expect(r1.outcomes[1].outcome.computeUsage).toBe(sha.compute);
    const r2 = run(state, [], [], o);
    expect(r2.outcomes.map((x) => hex(x.id))).toEqual([hex(second.receiptId)]);
    expect(r2.outcomes[0].outcome.computeUsage).toBe(sha.compute);
    expect(r2.outcomes[0].outcome.status.kind).toBe('SuccessValue');
  });

  it('test_compute_usage_limit_with_failed_receipt: a call out of gas still gets its outcome', () => {
    const state = withTestSigners([ALICE]);
    const deploy = receiptWith(ALICE, [{ type: 'DeployContract', code: sha256Contract }]);
    const first = receiptWith(ALICE, [extSha256('first', 1n)], 'first');
    const r = run(state, [deploy, first]);
    expect(r.outcomes.map((x) => hex(x.id))).toEqual([hex(deploy.receiptId), hex(first.receiptId)]);
    expect(r.outcomes[0].outcome.status.kind).toBe('SuccessValue');
    expect(r.outcomes[1].outcome.status.kind).toBe('Failure');
  });
  const logSomething = (): Action => ({ type: 'FunctionCall', methodName: 'log_something', args: new Uint8Array(), gas: MAX_ATTACHED_GAS / 2n, deposit: 0n });
  const actionError = (status: { kind: string }) => (status as unknown as { error: { error: { index: bigint; kind: { kind: string; error?: { kind: string; error?: { kind: string } } } } } }).error.error;
  const contractsOf = (m: { version: number }) => (m as { version: 4; contracts: unknown[] }).contracts;

  it('test_deploy_and_call_local_receipt: the call sees the contract deployed before it', () => {
    const tx = signedTx(1n, ALICE, ALICE, signerOf(ALICE), [
      { type: 'DeployContract', code: rsContract },
      logSomething(),
      { type: 'DeployContract', code: trivialContract },
      logSomething(),
    ]);
    const r = run(withTestSigners([ALICE]), [], [tx]);
    expect(r.outcomes.length).toBe(2);
    const out = r.outcomes[1].outcome;
    expect(out.logs).toEqual(['hello']);
    const e = actionError(out.status);
    expect(e.index).toBe(3n);
    expect(e.kind).toMatchObject({ kind: 'FunctionCallError', error: { kind: 'MethodResolveError' } });
  });

  it('test_deploy_and_call_local_receipts: V4 metadata records each action\'s contract before it ran', () => {
    const alice = signerOf(ALICE);
    const tx1 = signedTx(1n, ALICE, ALICE, alice, [{ type: 'DeployContract', code: rsContract }]);
    const tx2 = signedTx(2n, ALICE, ALICE, alice, [logSomething(), { type: 'DeployContract', code: trivialContract }, logSomething()]);
    const r = run(withTestSigners([ALICE]), [], [tx1, tx2]);
    expect(r.outcomes.length).toBe(4);
    const [o1, o2] = [r.outcomes[2].outcome, r.outcomes[3].outcome];
    expect(o1.status).toEqual({ kind: 'SuccessValue', value: new Uint8Array() });
    expect(o2.logs).toEqual(['hello']);
    expect(actionError(o2.status).index).toBe(2n);
    expect(actionError(o2.status).kind).toMatchObject({ kind: 'FunctionCallError', error: { kind: 'MethodResolveError' } });
    const rs = { type: 'Local', hash: sha256(rsContract) };
    expect(contractsOf(o1.metadata)).toEqual([{ type: 'None' }]);
    expect(contractsOf(o2.metadata)).toEqual([rs, rs, { type: 'Local', hash: sha256(trivialContract) }]);
  });

  it('test_apply_v4_metadata_pads_unexecuted_actions: actions after the failing one are padded with None', () => {
    const receipt = receiptWith(ALICE, [
      { type: 'DeployContract', code: rsContract },
      { type: 'DeleteKey', publicKey: KeyPair.fromNearcoreTestSeed('nonexistent').publicKey },
      logSomething(),
    ]);
    const r = run(withTestSigners([ALICE]), [receipt]);
    expect(r.outcomes.length).toBe(1);
    const out = r.outcomes[0].outcome;
    expect(actionError(out.status).index).toBe(1n);
    expect(actionError(out.status).kind.kind).toBe('DeleteKeyDoesNotExist');
    expect(contractsOf(out.metadata)).toEqual([{ type: 'None' }, { type: 'Local', hash: sha256(rsContract) }, { type: 'None' }]);
  });

  it('test_one_yocto_subsidy_tracked_in_stats: two zero-balance contracts each attach 1 yoctoNEAR to a promise', async () => {
    const wabt = await wabtInit();
    const m = wabt.parseWat('rs.wat', RS_CONTRACT_WAT);
    const rs = new Uint8Array(m.toBinary({}).buffer);
    m.destroy();
    const state = withTestSigners([ALICE, BOB]);
    run(state, [receiptWith(ALICE, [{ type: 'DeployContract', code: rs }]), receiptWith(BOB, [{ type: 'DeployContract', code: rs }])]);
    for (const id of [ALICE, BOB]) setAccount(state, id, { ...getAccount(state, id)!, amount: 0n });
    state.commitBlock(++height);
    const call = (): Action => ({ type: 'FunctionCall', methodName: 'max_self_recursion_delay', args: new Uint8Array(4), gas: 100n * 10n ** 12n, deposit: 0n });
    const r = withTestContract(rs, () => run(state, [receiptWith(ALICE, [call()], 'call'), receiptWith(BOB, [call()], 'call')]));
    expect(r.outcomes.map((o) => o.outcome.status.kind)).toEqual(['SuccessReceiptId', 'SuccessReceiptId']);
    expect(r.stats.subsidizedAmount).toBe(2n);
  });

  it('test_function_call_after_same_chunk_delete_recreate_resolves_fresh_code: CodeDoesNotExist', () => {
    const child = 'child.alice.near';
    const state = withTestSigners([ALICE, child], 1_000_000n * NEAR, 0n);
    run(state, [receiptWith(child, [{ type: 'DeployContract', code: trivialContract }])]);
    const price = GAS_PRICE > testConfig().minGasPurchasePrice ? GAS_PRICE : testConfig().minGasPurchasePrice;
    const build = (tag: string, predecessor: string, actions: Action[]): Receipt => ({
      predecessorId: predecessor,
      receiverId: child,
      receiptId: sha256(new TextEncoder().encode(`${tag} ${child}`)),
      receipt: {
        type: 'Action',
        receipt: { signerId: predecessor, signerPublicKey: signerOf(predecessor).publicKey, gasPrice: price, outputDataReceivers: [], inputDataIds: [], actions },
      },
    });
    const del = build('delete', child, [{ type: 'DeleteAccount', beneficiaryId: ALICE }]);
    const createAndCall = build('create_and_call', ALICE, [
      { type: 'CreateAccount' },
      { type: 'FunctionCall', methodName: 'main', args: new Uint8Array(), gas: 10n * 10n ** 12n, deposit: 0n },
    ]);
    const r = run(state, [del, createAndCall], [], { blockHeight: 2n });
    const status = statusOf(r, hex(createAndCall.receiptId))[0];
    expect(actionError(status).kind).toMatchObject({ kind: 'FunctionCallError', error: { kind: 'CompilationError', error: { kind: 'CodeDoesNotExist' } } });
  });
});
