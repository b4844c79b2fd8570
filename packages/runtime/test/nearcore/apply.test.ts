/**
 * nearcore runtime/runtime/src/tests/apply.rs (f0c7706), translated: whole-chunk `apply` with the
 * delayed-receipt queue under gas limits, local transactions, gas price deficit/surplus and
 * refunds, key storage, transaction ordering and access keys, expiry, duplicates, gas keys.
 * Setup as nearcore's `setup_runtime`: accounts with `storage_usage` 182 and a full-access key of
 * their test signer, gas price 5000, height 1, `RuntimeConfig::test()`. Not translated (nearts
 * does not model them): congestion control/buffering, storage-proof (witness) size limits and
 * witness contract-code accounting, the compiled-contract cache, validator rewards.
 */
import { createReceiptIdFromTransaction, fullAccessKey, sha256, type Action, type Receipt, type SignedTransaction } from '@nearts/primitives';
import { gasPenaltyForGasRefund, type RuntimeConfig } from '@nearts/runtime-fees';
import { describe, expect, it } from 'vitest';
import { totalPrepaidExecFees, type ApplyResult } from '../../src/index.js';
import { balanceRefundReceipt } from '../../src/receipts.js';
import {
  EMPTY_ED25519,
  account,
  applyChunk,
  getAccount,
  newState,
  setAccessKey,
  setAccount,
  type ApplyOptions,
} from './apply-harness.js';
import { NEAR, feeNew, freeConfig, sendMoney, signerOf, testConfig, verifiable, withFees } from './setup.js';

const ALICE = 'alice.near';
const BOB = 'bob.near';
const GAS_PRICE = 5000n;
const INITIAL_BALANCE = 1_000_000n * NEAR;
const INITIAL_LOCKED = 500_000n * NEAR;
const SMALL_TRANSFER = 10_000n * NEAR;

/** tests/apply.rs `setup_runtime`. */
function setupRuntime(accounts: string[], balance = INITIAL_BALANCE, locked = INITIAL_LOCKED) {
  const state = newState();
  for (const id of accounts) {
    setAccount(state, id, account(balance, locked, { type: 'None' }, 182n));
    setAccessKey(state, id, signerOf(id).publicKey, fullAccessKey());
  }
  state.commitBlock(0n);
  return state;
}

let commitHeight = 0n;
/** One chunk at height 1 (nearcore's tests never advance it), committed like `commit_apply_result`. */
function applyAndCommit(state: ReturnType<typeof newState>, receipts: Receipt[], o: ApplyOptions, txs: SignedTransaction[] = []): ApplyResult {
  const result = applyChunk(state, receipts, { gasPrice: GAS_PRICE, blockHeight: 1n, blockTimestamp: 100n, ...o }, txs.map((s) => ({ tx: verifiable(s), withinValidityPeriod: true })));
  state.commitBlock(++commitHeight);
  return result;
}

const chainHash = (prev: Uint8Array) => sha256(prev);
/** tests/apply.rs `generate_receipts`: bob → alice transfers of SMALL_TRANSFER + i, ids hash(hash(…)). */
function generateReceipts(n: number, gasPrice = GAS_PRICE): Receipt[] {
  let id: Uint8Array = new Uint8Array(32);
  return Array.from({ length: n }, (_, i) => {
    id = chainHash(id);
    return {
      predecessorId: BOB,
      receiverId: ALICE,
      receiptId: id,
      receipt: {
        type: 'Action',
        receipt: { signerId: BOB, signerPublicKey: EMPTY_ED25519, gasPrice, outputDataReceivers: [], inputDataIds: [], actions: [{ type: 'Transfer', deposit: SMALL_TRANSFER + BigInt(i) }] },
      },
    };
  });
}

/** alice's amount after `k` of those transfers. */
const afterTransfers = (k: bigint) => INITIAL_BALANCE + SMALL_TRANSFER * k + (k * (k - 1n)) / 2n;
const aliceAmount = (state: ReturnType<typeof newState>) => getAccount(state, ALICE)!.amount;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ids = (r: ApplyResult) => r.outcomes.map((o) => hex(o.id));

describe('delayed receipts (apply.rs)', () => {
  it('test_apply_no_op', () => {
    const state = setupRuntime([ALICE], INITIAL_BALANCE, 0n);
    const r = applyAndCommit(state, [], { gasLimit: 1000n * 10n ** 12n });
    expect(r.outcomes).toEqual([]);
  });

  it('test_apply_refund_receipts: gas limit 1, one refund per chunk', () => {
    const state = setupRuntime([ALICE]);
    const receipts = Array.from({ length: 10 }, (_, i) => balanceRefundReceipt(ALICE, SMALL_TRANSFER + BigInt(i)));
    for (let i = 1n; i <= 13n; i++) {
      applyAndCommit(state, i === 1n ? receipts : [], { gasLimit: 1n });
      expect(aliceAmount(state)).toBe(afterTransfers(i < 10n ? i : 10n));
    }
  });

  it('test_apply_delayed_receipts_feed_all_at_once: gas limit 1, one receipt per chunk', () => {
    const state = setupRuntime([ALICE, BOB]);
    const receipts = generateReceipts(10);
    for (let i = 1n; i <= 13n; i++) {
      applyAndCommit(state, i === 1n ? receipts : [], { gasLimit: 1n });
      expect(aliceAmount(state)).toBe(afterTransfers(i < 10n ? i : 10n));
    }
  });

  it('test_congestion_delayed_receipts_accounting (the observable part: the queue length; congestion info is not modelled)', () => {
    const state = setupRuntime([ALICE, BOB], 10n * NEAR, 0n);
    const r = applyAndCommit(state, generateReceipts(10), { gasLimit: 1n });
    expect(r.delayedReceiptsCount).toBe(9n);
  });

  const config = testConfig();
  const receiptGasCost = config.fees.actionFees.new_action_receipt.execution + config.fees.actionFees.transfer.execution;

  it('test_apply_delayed_receipts_add_more_using_chunks: 3 receipts per chunk, 4 arriving', () => {
    const state = setupRuntime([ALICE, BOB]);
    const receipts = generateReceipts(40);
    for (let i = 1; i <= 40 / 3 + 3; i++) {
      const chunk = receipts.slice((i - 1) * 4, i * 4);
      applyAndCommit(state, chunk.length === 4 ? chunk : [], { gasLimit: receiptGasCost * 3n });
      const capped = BigInt(Math.min(i * 3, 40));
      expect(aliceAmount(state)).toBe(afterTransfers(capped));
    }
  });

  it('test_apply_delayed_receipts_adjustable_gas_limit: the delayed queue length after each chunk', () => {
    const state = setupRuntime([ALICE, BOB]);
    const n = 120;
    const receipts = generateReceipts(n);
    let given = 0;
    let processed = 0;
    let perBlock = 1n;
    let next = 0;
    while (processed < n) {
      if (given > processed) perBlock += 1n;
      else if (perBlock > 1n) perBlock -= 1n;
      const chunk = next + 4 <= n ? receipts.slice(next, next + 4) : [];
      next += 4;
      given += chunk.length;
      const r = applyAndCommit(state, chunk, { gasLimit: receiptGasCost * perBlock });
      processed += r.outcomes.length;
      expect(aliceAmount(state)).toBe(afterTransfers(BigInt(processed)));
      expect(r.delayedReceiptsCount).toBe(BigInt(given - processed));
    }
  });

  it('test_apply_delayed_receipts_local_tx: local receipts first, then the queue, then incoming; the rest is delayed', () => {
    const state = setupRuntime([ALICE, BOB]);
    // Free config but new_action_receipt executes for 1000 gas: 3 receipts per chunk.
    const base = freeConfig();
    const cfg = withFees(base, { ...base.fees, actionFees: { ...base.fees.actionFees, new_action_receipt: feeNew(0n, 0n, 1000n) } });
    const o: ApplyOptions = { config: cfg, gasLimit: 3000n };
    const receipts = generateReceipts(6);
    const txs = Array.from({ length: 9 }, (_, i) => sendMoney(BigInt(i + 1), ALICE, ALICE, signerOf(ALICE), SMALL_TRANSFER));
    const txHash = (i: number) => hex(verifiable(txs[i]).hash);
    const txReceipt = (i: number) => hex(createReceiptIdFromTransaction(verifiable(txs[i]).hash, 1n));
    const rid = (i: number) => hex(receipts[i].receiptId);

    expect(ids(applyAndCommit(state, receipts.slice(0, 2), o, txs.slice(0, 4)))).toEqual([
      txHash(0), txHash(1), txHash(2), txHash(3), txReceipt(0), txReceipt(1), txReceipt(2),
    ]);
    expect(ids(applyAndCommit(state, receipts.slice(2, 3), o, txs.slice(4, 5)))).toEqual([txHash(4), txReceipt(4), txReceipt(3), rid(0)]);
    expect(ids(applyAndCommit(state, receipts.slice(3, 4), o, txs.slice(5, 9)))).toEqual([
      txHash(5), txHash(6), txHash(7), txHash(8), txReceipt(5), txReceipt(6), txReceipt(7),
    ]);
    expect(ids(applyAndCommit(state, receipts.slice(4, 5), o))).toEqual([rid(1), rid(2), txReceipt(8)]);
    expect(ids(applyAndCommit(state, receipts.slice(5, 6), o))).toEqual([rid(3), rid(4), rid(5)]);
  });
});

/** A function call "hello" from bob to alice (no contract there) bought at `gasPrice` with `gas` attached. */
function functionCallReceipt(config: RuntimeConfig, gasPrice: bigint, gas: bigint): { receipt: Receipt; burnt: bigint } {
  const actions: Action[] = [{ type: 'FunctionCall', methodName: 'hello', args: new TextEncoder().encode('world'), gas, deposit: 0n }];
  const burnt = config.fees.actionFees.new_action_receipt.execution + totalPrepaidExecFees(config, actions, ALICE).gas;
  const receipt: Receipt = {
    predecessorId: BOB,
    receiverId: ALICE,
    receiptId: new Uint8Array(32),
    receipt: { type: 'Action', receipt: { signerId: BOB, signerPublicKey: EMPTY_ED25519, gasPrice, outputDataReceivers: [], inputDataIds: [], actions } },
  };
  return { receipt, burnt };
}

/** The deposit of the transfer refund, the one outgoing receipt. */
function refundDeposit(r: ApplyResult): bigint {
  const a = r.outgoingReceipts[0].receipt;
  if (a.type !== 'Action' || a.receipt.actions[0].type !== 'Transfer') throw new Error('expected a transfer refund');
  return a.receipt.actions[0].deposit;
}

describe('gas price deficit and surplus (apply.rs, AccountCostIncrease on)', () => {
  const config = testConfig();
  const fees = config.fees.actionFees;
  const o: ApplyOptions = { gasLimit: 10n ** 15n };

  it('test_apply_deficit_gas_for_transfer: burnt at the receipt price, no deficit', () => {
    const state = setupRuntime([ALICE, BOB]);
    const r = applyAndCommit(state, generateReceipts(1, GAS_PRICE / 10n), o);
    expect(r.stats.gasDeficitAmount).toBe(0n);
  });

  it('test_apply_surplus_gas_for_transfer: burnt at the block price, the surplus refunded', () => {
    const state = setupRuntime([ALICE, BOB]);
    const r = applyAndCommit(state, generateReceipts(1, GAS_PRICE * 10n), o);
    const execGas = fees.new_action_receipt.execution + fees.transfer.execution;
    expect(r.stats.gasDeficitAmount).toBe(0n);
    expect(r.stats.txBurntAmount).toBe(GAS_PRICE * execGas);
    expect(r.outgoingReceipts.length).toBe(1);
  });


  it('test_apply_deficit_gas_for_function_call_covered: refund less the penalty, no deficit', () => {
    const state = setupRuntime([ALICE, BOB]);
    const gas = 2n * 10n ** 14n;
    const price = GAS_PRICE / 10n;
    const { receipt, burnt } = functionCallReceipt(config, price, gas);
    const total = price * (gas + burnt);
    const unspent = (total - price * burnt) / price;
    const penalty = gasPenaltyForGasRefund(config.fees, unspent);
    const r = applyAndCommit(state, [receipt], o);
    expect(r.stats.gasDeficitAmount).toBe(0n);
    expect(refundDeposit(r)).toBe(total - price * burnt - price * penalty);
  });

  it('test_apply_deficit_gas_for_function_call_partial: a refund smaller than its penalty is burnt', () => {
    const state = setupRuntime([ALICE, BOB]);
    const gas = 1_000_000n;
    const price = GAS_PRICE / 10n;
    const { receipt, burnt } = functionCallReceipt(config, price, gas);
    const r = applyAndCommit(state, [receipt], o);
    expect(r.stats.gasDeficitAmount).toBe(0n);
    expect(r.outgoingReceipts.length).toBe(0);
    expect(r.stats.txBurntAmount).toBe(price * (gas + burnt));
  });

  it('test_apply_surplus_gas_for_function_call: penalty at the burn price, the price surplus refunded', () => {
    const state = setupRuntime([ALICE, BOB]);
    const gas = 2n * 10n ** 14n;
    const price = GAS_PRICE * 10n;
    const { receipt, burnt } = functionCallReceipt(config, price, gas);
    const total = price * (gas + burnt);
    const unspentRefund = total - price * burnt;
    const penalty = gasPenaltyForGasRefund(config.fees, unspentRefund / price);
    const r = applyAndCommit(state, [receipt], o);
    expect(r.stats.gasDeficitAmount).toBe(0n);
    expect(refundDeposit(r)).toBe(unspentRefund - GAS_PRICE * penalty + (price - GAS_PRICE) * burnt);
  });
});

describe('gas price deficit and surplus before AccountCostIncrease (apply.rs, protocol 84)', () => {
  // nearcore's `else` branches: gas is burnt at the block price, a cheaper receipt leaves a
  // deficit, a dearer one has its price surplus burnt, and the refund penalty is at the receipt price.
  const PV = 84;
  const config = testConfig(PV);
  const fees = config.fees.actionFees;
  const o: ApplyOptions = { gasLimit: 10n ** 15n, protocolVersion: PV, config };

  it('test_apply_deficit_gas_for_transfer: deficit = 9 × burnt', () => {
    const state = setupRuntime([ALICE, BOB]);
    const r = applyAndCommit(state, generateReceipts(1, GAS_PRICE / 10n), o);
    expect(r.stats.txBurntAmount).toBeGreaterThan(0n);
    expect(r.stats.gasDeficitAmount).toBe(r.stats.txBurntAmount * 9n);
  });

  it('test_apply_surplus_gas_for_transfer: burnt at the receipt price, no refund', () => {
    const state = setupRuntime([ALICE, BOB]);
    const price = GAS_PRICE * 10n;
    const r = applyAndCommit(state, generateReceipts(1, price), o);
    expect(r.stats.gasDeficitAmount).toBe(0n);
    expect(r.stats.txBurntAmount).toBe(price * (fees.new_action_receipt.execution + fees.transfer.execution));
    expect(r.outgoingReceipts.length).toBe(0);
  });


  it('test_apply_deficit_gas_for_function_call_covered', () => {
    const state = setupRuntime([ALICE, BOB]);
    const gas = 2n * 10n ** 14n;
    const price = GAS_PRICE / 10n;
    const { receipt, burnt } = functionCallReceipt(config, price, gas);
    const total = price * (gas + burnt);
    const penalty = gasPenaltyForGasRefund(config.fees, (total - price * burnt) / price);
    const r = applyAndCommit(state, [receipt], o);
    expect(r.stats.gasDeficitAmount).toBe((GAS_PRICE - price) * burnt);
    expect(refundDeposit(r)).toBe(total - price * burnt - price * penalty);
  });

  it('test_apply_deficit_gas_for_function_call_partial', () => {
    const state = setupRuntime([ALICE, BOB]);
    const gas = 1_000_000n;
    const price = GAS_PRICE / 10n;
    const { receipt, burnt } = functionCallReceipt(config, price, gas);
    const r = applyAndCommit(state, [receipt], o);
    expect(r.stats.gasDeficitAmount).toBe((GAS_PRICE - price) * burnt);
    expect(r.outgoingReceipts.length).toBe(0);
    expect(r.stats.txBurntAmount).toBe(price * (gas + burnt));
  });

  it('test_apply_surplus_gas_for_function_call: the penalty at the receipt price, the surplus burnt', () => {
    const state = setupRuntime([ALICE, BOB]);
    const gas = 2n * 10n ** 14n;
    const price = GAS_PRICE * 10n;
    const { receipt, burnt } = functionCallReceipt(config, price, gas);
    const unspentRefund = price * (gas + burnt) - price * burnt;
    const penalty = gasPenaltyForGasRefund(config.fees, unspentRefund / price);
    const r = applyAndCommit(state, [receipt], o);
    expect(r.stats.gasDeficitAmount).toBe(0n);
    expect(refundDeposit(r)).toBe(unspentRefund - price * penalty);
  });
});

describe('keys (apply.rs)', () => {
  const keyReceipt = (actions: Action[]): Receipt => ({
    predecessorId: ALICE,
    receiverId: ALICE,
    receiptId: sha256(new TextEncoder().encode(JSON.stringify(actions.map((a) => a.type)))),
    receipt: {
      type: 'Action',
      receipt: { signerId: ALICE, signerPublicKey: signerOf(ALICE).publicKey, gasPrice: GAS_PRICE, outputDataReceivers: [], inputDataIds: [], actions },
    },
  });

  it('test_delete_key_add_key: storage usage unchanged', () => {
    const state = setupRuntime([ALICE]);
    const pk = signerOf(ALICE).publicKey;
    const before = getAccount(state, ALICE)!.storageUsage;
    applyAndCommit(state, [keyReceipt([{ type: 'DeleteKey', publicKey: pk }, { type: 'AddKey', publicKey: pk, accessKey: fullAccessKey() }])], { gasLimit: 10n ** 15n });
    expect(getAccount(state, ALICE)!.storageUsage).toBe(before);
  });

  it('test_delete_key_underflow: storage usage saturates at 0', () => {
    const state = setupRuntime([ALICE]);
    setAccount(state, ALICE, { ...getAccount(state, ALICE)!, storageUsage: 10n });
    state.commitBlock(++commitHeight);
    applyAndCommit(state, [keyReceipt([{ type: 'DeleteKey', publicKey: signerOf(ALICE).publicKey }])], { gasLimit: 10n ** 15n });
    expect(getAccount(state, ALICE)!.storageUsage).toBe(0n);
  });
});
