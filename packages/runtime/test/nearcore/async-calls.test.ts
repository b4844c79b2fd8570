/**
 * nearcore runtime/runtime/tests/test_async_calls.rs (f0c7706), translated: cross-contract promise
 * graphs (create, then, batches, account factories, refunds, implicit accounts, refund_to, gas
 * keys) — which receipts each step produces, to whom, with which actions, gas, deposits, data
 * dependencies, and that the rest are gas refunds from `system`.
 * nearcore's RuntimeGroup runs one runtime per account with `random_config()` fees; here one Chain
 * runs them all with `RuntimeConfig::test()` plus the group's changes (max total prepaid gas
 * 1000 Tgas, new_action_receipt and new_data_receipt_base execution at 1000/64 Tgas). The tests
 * assert nothing that depends on the fee values. The contract is the `call_promise` stand-in of
 * test-contract.ts.
 */
import { NEAR, PublicKeyCodec, encode, type Action, type ActionReceipt, type Receipt, type SignedTransaction } from '@nearts/primitives';
import wabtInit from 'wabt';
import { beforeAll, describe, expect, it } from 'vitest';
import { Chain, checkSupplyInvariant } from '../../src/index.js';
import { signTx } from '../helpers.js';
import { signerOf, testConfig, withFees, withLimits } from './setup.js';
import { RS_CONTRACT_WAT, withTestContract } from './test-contract.js';

const TESTING_INIT_BALANCE = 1_000_000_000n * NEAR;
const TESTING_INIT_STAKE = 50_000_000n * NEAR;
const GAS_1 = 900n * 10n ** 12n;
const GAS_2 = GAS_1 / 3n;
const GAS_3 = GAS_2 / 3n;

let rsContract: Uint8Array;
beforeAll(async () => {
  const wabt = await wabtInit();
  const m = wabt.parseWat('rs.wat', RS_CONTRACT_WAT);
  rsContract = new Uint8Array(m.toBinary({}).buffer);
  m.destroy();
});

/** RuntimeGroup's config changes over `RuntimeConfig::test()`. */
function groupConfig() {
  const max = 1000n * 10n ** 12n;
  const base = withLimits(testConfig(), (l) => (l.maxTotalPrepaidGas = max));
  const exec = (f: (typeof base.fees.actionFees)['new_action_receipt']) => ({ ...f, execution: max / 64n, executionCompute: max / 64n });
  const af = base.fees.actionFees;
  return withFees(base, { ...base.fees, actionFees: { ...af, new_action_receipt: exec(af.new_action_receipt), new_data_receipt_base: exec(af.new_data_receipt_base) } });
}

type AnyActionReceipt = ActionReceipt & { refundTo?: string | null };
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** RuntimeGroup: accounts `ids`, the first `existing` of them with the contract, a key and a stake. */
class Group {
  readonly chain: Chain;
  private readonly receipts = new Map<string, Receipt>();

  constructor(readonly ids: string[], existing: number) {
    this.chain = Chain.create({
      runtimeConfig: groupConfig(),
      accounts: ids.slice(0, existing).map((accountId) => ({
        accountId,
        amount: TESTING_INIT_BALANCE,
        locked: TESTING_INIT_STAKE,
        keys: [signerOf(accountId).publicKey],
        code: rsContract,
      })),
    });
  }

  /** Sends `call_promise(data)` from ids[0] to ids[1] with GAS_1 and `deposit`, runs to the end; returns the transaction's receipt ids. */
  callPromise(data: unknown, deposit = 0n): string[] {
    const [sender, receiver] = this.ids;
    const tx: SignedTransaction = signTx(
      sender,
      signerOf(sender),
      receiver,
      1n,
      [{ type: 'FunctionCall', methodName: 'call_promise', args: new TextEncoder().encode(JSON.stringify(data, (_, v) => (typeof v === 'bigint' ? Number(v) : v))), gas: GAS_1, deposit }],
      this.chain.head.hash,
    );
    return withTestContract(rsContract, () => {
      const hash = this.chain.submit(tx);
      for (let i = 0; i < 100 && !this.chain.isIdle(); i++) {
        const block = this.chain.produceBlock();
        for (const c of block.chunks) for (const r of c.result.outgoingReceipts) this.receipts.set(hex(r.receiptId), r);
      }
      checkSupplyInvariant(this.chain);
      return this.receiptIdsOf(hash);
    });
  }

  private receiptIdsOf(id: string | Uint8Array): string[] {
    const o = this.chain.outcome(id);
    if (!o) throw new Error('no outcome');
    return o.outcome.outcome.receiptIds.map(hex);
  }

  /** `assert_receipts!`: the receipt `id` goes from `from` to `to`; returns its action receipt and the receipt ids its execution produced. */
  receipt(from: string, id: string, to: string): { r: AnyActionReceipt; actions: Action[]; produced: string[] } {
    const receipt = this.receipts.get(id);
    if (!receipt) throw new Error(`receipt ${id} was not produced`);
    expect(receipt.predecessorId).toBe(from);
    expect(receipt.receiverId).toBe(to);
    const e = receipt.receipt;
    if (e.type !== 'Action' && e.type !== 'ActionV2') throw new Error(`not an action receipt: ${e.type}`);
    return { r: e.receipt as AnyActionReceipt, actions: e.receipt.actions, produced: this.receiptIdsOf(receipt.receiptId) };
  }

  /** `assert_gas_refunds`: every id is a refund from `system` with one Transfer. */
  assertGasRefunds(ids: string[]): void {
    for (const id of ids) {
      const receipt = this.receipts.get(id)!;
      expect(receipt.predecessorId).toBe('system');
      const e = receipt.receipt;
      expect(e.type === 'Action' || e.type === 'ActionV2').toBe(true);
      if (e.type === 'Action' || e.type === 'ActionV2') expect(e.receipt.actions.map((a) => a.type)).toEqual(['Transfer']);
    }
  }

  /** `assert_refund!`: a balance refund from `system` to `to`. */
  assertRefund(id: string, to: string): void {
    const { actions } = this.receipt('system', id, to);
    expect(actions.map((a) => a.type)).toEqual(['Transfer']);
  }
}

const near = (n: number) => Array.from({ length: n }, (_, i) => `near_${i}`);
const expectCall = (a: Action, gas: bigint, deposit = 0n, method?: string) => {
  expect(a.type).toBe('FunctionCall');
  if (a.type !== 'FunctionCall') return;
  expect(a.gas).toBe(gas);
  expect(a.deposit).toBe(deposit);
  if (method) expect(a.methodName).toBe(method);
};
const create = (accountId: string, gas: bigint, args: unknown[] = [], id = 0) => ({ create: { account_id: accountId, method_name: 'call_promise', arguments: args, amount: '0', gas }, id });
const then = (promiseIndex: number, accountId: string, gas: bigint, args: unknown[] = [], id = 1) => ({
  then: { promise_index: promiseIndex, account_id: accountId, method_name: 'call_promise', arguments: args, amount: '0', gas },
  id,
});
const pkBase64 = (id: string) => Buffer.from(encode(PublicKeyCodec, signerOf(id).publicKey)).toString('base64');

describe('promises (test_async_calls.rs)', () => {
  it('test_simple_func_call', () => {
    const g = new Group(near(2), 2);
    const [sender, receiver] = g.ids;
    const tx = signTx(sender, signerOf(sender), receiver, 1n, [{ type: 'FunctionCall', methodName: 'sum_n', args: new Uint8Array(new BigUint64Array([10n]).buffer), gas: GAS_1, deposit: 0n }], g.chain.head.hash);
    withTestContract(rsContract, () => {
      const hash = g.chain.submit(tx);
      g.chain.runUntilIdle();
      const final = g.chain.finalOutcome(hash);
      expect(final.status).toEqual({ kind: 'SuccessValue', value: new Uint8Array(new BigUint64Array([45n]).buffer) });
      expect(final.transactionOutcome.outcome.outcome.receiptIds.length).toBe(1);
      // The call's outcome produced only gas refunds.
      const call = final.receiptsOutcome[0].outcome.outcome;
      for (const r of final.receiptsOutcome.slice(1)) expect(r.outcome.outcome.executorId).toBe(sender);
      expect(call.receiptIds.length).toBe(final.receiptsOutcome.length - 1);
    });
  });

  it('test_single_promise_no_callback (A->B)', () => {
    const g = new Group(near(3), 3);
    const [r0] = g.callPromise([create('near_2', GAS_2)]);
    const a = g.receipt('near_0', r0, 'near_1');
    expect(a.actions.length).toBe(1);
    expectCall(a.actions[0], GAS_1);
    const [r1, ...refunds] = a.produced;
    g.assertGasRefunds(refunds);
    const b = g.receipt('near_1', r1, 'near_2');
    expect(b.actions.length).toBe(1);
    expectCall(b.actions[0], GAS_2);
    g.assertGasRefunds(b.produced);
  });

  it('test_single_promise_with_callback (A->B=>C): the callback waits on B\'s data', () => {
    const g = new Group(near(4), 4);
    const [r0] = g.callPromise([create('near_2', GAS_2), then(0, 'near_3', GAS_2)]);
    const a = g.receipt('near_0', r0, 'near_1');
    expectCall(a.actions[0], GAS_1);
    const [r1, r2, ...refunds] = a.produced;
    g.assertGasRefunds(refunds);
    const b = g.receipt('near_1', r1, 'near_2');
    expect(b.r.outputDataReceivers.length).toBe(1);
    const dataId = hex(b.r.outputDataReceivers[0].dataId);
    expectCall(b.actions[0], GAS_2);
    g.assertGasRefunds(b.produced);
    const c = g.receipt('near_1', r2, 'near_3');
    expect(c.r.inputDataIds.map(hex)).toEqual([dataId]);
    expectCall(c.actions[0], GAS_2);
    g.assertGasRefunds(c.produced);
  });

  it('test_two_promises_no_callbacks (A->B->C)', () => {
    const g = new Group(near(4), 4);
    const [r0] = g.callPromise([create('near_2', GAS_2, [create('near_3', GAS_3)])]);
    const a = g.receipt('near_0', r0, 'near_1');
    expectCall(a.actions[0], GAS_1);
    const [r1, ...refunds1] = a.produced;
    g.assertGasRefunds(refunds1);
    const b = g.receipt('near_1', r1, 'near_2');
    expectCall(b.actions[0], GAS_2);
    const [r2, ...refunds2] = b.produced;
    g.assertGasRefunds(refunds2);
    const c = g.receipt('near_2', r2, 'near_3');
    expectCall(c.actions[0], GAS_3);
    g.assertGasRefunds(c.produced);
  });

  it('test_two_promises_with_two_callbacks (A->B->C=>D=>E)', () => {
    const g = new Group(near(6), 6);
    const [r0] = g.callPromise([create('near_2', GAS_2, [create('near_3', GAS_3), then(0, 'near_4', GAS_3)]), then(0, 'near_5', GAS_2)]);
    const a = g.receipt('near_0', r0, 'near_1');
    expectCall(a.actions[0], GAS_1);
    const [r1, cb1, ...refunds1] = a.produced;
    g.assertGasRefunds(refunds1);
    const b = g.receipt('near_1', r1, 'near_2');
    expectCall(b.actions[0], GAS_2);
    const [r2, cb2, ...refunds2] = b.produced;
    g.assertGasRefunds(refunds2);
    const c = g.receipt('near_2', r2, 'near_3');
    expectCall(c.actions[0], GAS_3);
    g.assertGasRefunds(c.produced);
    const d = g.receipt('near_2', cb2, 'near_4');
    expectCall(d.actions[0], GAS_3);
    g.assertGasRefunds(d.produced);
    const e = g.receipt('near_1', cb1, 'near_5');
    expectCall(e.actions[0], GAS_2);
    g.assertGasRefunds(e.produced);
  });
});

describe('batches (test_async_calls.rs)', () => {
  const batchCreate = (accountId: string, id = 0) => ({ batch_create: { account_id: accountId }, id });
  const fnCall = (promiseIndex: number, gas: bigint, method = 'call_promise', args: unknown[] = [], amount: string | bigint = '0') => ({
    action_function_call: { promise_index: promiseIndex, method_name: method, arguments: args, amount: String(amount), gas },
    id: promiseIndex,
  });
  const transfer = (amount: bigint, promiseIndex = 0) => ({ action_transfer: { promise_index: promiseIndex, amount: String(amount) }, id: promiseIndex });
  const createAccount = { action_create_account: { promise_index: 0 }, id: 0 };

  it('test_single_promise_no_callback_batch', () => {
    const g = new Group(near(3), 3);
    const [r0] = g.callPromise([batchCreate('near_2'), fnCall(0, GAS_2)]);
    const a = g.receipt('near_0', r0, 'near_1');
    expectCall(a.actions[0], GAS_1);
    const [r1, ...refunds] = a.produced;
    g.assertGasRefunds(refunds);
    const b = g.receipt('near_1', r1, 'near_2');
    expect(b.actions.length).toBe(1);
    expectCall(b.actions[0], GAS_2);
    g.assertGasRefunds(b.produced);
  });

  it('test_single_promise_with_callback_batch', () => {
    const g = new Group(near(4), 4);
    const [r0] = g.callPromise([batchCreate('near_2'), fnCall(0, GAS_2), { batch_then: { promise_index: 0, account_id: 'near_3' }, id: 1 }, fnCall(1, GAS_2)]);
    const a = g.receipt('near_0', r0, 'near_1');
    const [r1, r2, ...refunds] = a.produced;
    g.assertGasRefunds(refunds);
    const b = g.receipt('near_1', r1, 'near_2');
    expect(b.r.outputDataReceivers.length).toBe(1);
    expectCall(b.actions[0], GAS_2);
    g.assertGasRefunds(b.produced);
    const c = g.receipt('near_1', r2, 'near_3');
    expect(c.r.inputDataIds.map(hex)).toEqual([hex(b.r.outputDataReceivers[0].dataId)]);
    expectCall(c.actions[0], GAS_2);
    g.assertGasRefunds(c.produced);
  });

  it('test_simple_transfer', () => {
    const g = new Group(near(3), 3);
    const [r0] = g.callPromise([batchCreate('near_2'), transfer(1_000_000_000n)]);
    const [r1, ...refunds] = g.receipt('near_0', r0, 'near_1').produced;
    g.assertGasRefunds(refunds);
    const b = g.receipt('near_1', r1, 'near_2');
    expect(b.actions).toEqual([{ type: 'Transfer', deposit: 1_000_000_000n }]);
    g.assertGasRefunds(b.produced);
  });

  it('test_create_account_with_transfer_and_full_key', () => {
    const g = new Group(near(3), 2);
    const [r0] = g.callPromise([
      batchCreate('near_2'),
      createAccount,
      transfer(10n * NEAR),
      { action_add_key_with_full_access: { promise_index: 0, public_key: pkBase64('near_2'), nonce: 0 }, id: 0 },
    ]);
    const [r1, ...refunds] = g.receipt('near_0', r0, 'near_1').produced;
    g.assertGasRefunds(refunds);
    const b = g.receipt('near_1', r1, 'near_2');
    expect(b.actions).toEqual([
      { type: 'CreateAccount' },
      { type: 'Transfer', deposit: 10n * NEAR },
      { type: 'AddKey', publicKey: signerOf('near_2').publicKey, accessKey: { nonce: 0n, permission: { type: 'FullAccess' } } },
    ]);
    g.assertGasRefunds(b.produced);
    expect(g.chain.viewAccount('near_2')!.amount).toBe(10n * NEAR);
  });

  it('test_account_factory: create, fund, key, deploy and call, then a callback on the new account', () => {
    const g = new Group(near(3), 2);
    const half = TESTING_INIT_BALANCE / 2n;
    const [r0] = g.callPromise([
      batchCreate('near_2'),
      createAccount,
      transfer(half),
      {
        action_add_key_with_function_call: { promise_index: 0, public_key: pkBase64('near_2'), nonce: 0, allowance: String(half), receiver_id: 'near_1', method_names: 'call_promise,hello' },
        id: 0,
      },
      { action_deploy_contract: { promise_index: 0, code: Buffer.from(rsContract).toString('base64') }, id: 0 },
      fnCall(0, GAS_2, 'call_promise', [create('near_0', GAS_3)]),
      then(0, 'near_2', GAS_2, [create('near_1', GAS_3)]),
    ]);
    const a = g.receipt('near_0', r0, 'near_1');
    const [r1, r2, ...refunds] = a.produced;
    g.assertGasRefunds(refunds);
    const b = g.receipt('near_1', r1, 'near_2');
    expect(b.r.outputDataReceivers.map((d) => d.receiverId)).toEqual(['near_2']);
    const dataId = hex(b.r.outputDataReceivers[0].dataId);
    expect(b.actions.slice(0, 4)).toEqual([
      { type: 'CreateAccount' },
      { type: 'Transfer', deposit: half },
      {
        type: 'AddKey',
        publicKey: signerOf('near_2').publicKey,
        accessKey: { nonce: 0n, permission: { type: 'FunctionCall', functionCall: { allowance: half, receiverId: 'near_1', methodNames: ['call_promise', 'hello'] } } },
      },
      { type: 'DeployContract', code: rsContract },
    ]);
    expect(b.actions.length).toBe(5);
    expectCall(b.actions[4], GAS_2);
    const [r3, ...refunds3] = b.produced;
    g.assertGasRefunds(refunds3);
    const c = g.receipt('near_1', r2, 'near_2');
    expect(c.r.inputDataIds.map(hex)).toEqual([dataId]);
    expectCall(c.actions[0], GAS_2);
    const [r4, ...refunds4] = c.produced;
    g.assertGasRefunds(refunds4);
    const d = g.receipt('near_2', r3, 'near_0');
    expectCall(d.actions[0], GAS_3);
    g.assertGasRefunds(d.produced);
    const e = g.receipt('near_2', r4, 'near_1');
    expectCall(e.actions[0], GAS_3);
    g.assertGasRefunds(e.produced);
  });

  it('test_create_account_add_key_call_delete_key_delete_account: the balance goes to the beneficiary', () => {
    const g = new Group(near(4), 3);
    const half = TESTING_INIT_BALANCE / 2n;
    const [r0] = g.callPromise([
      batchCreate('near_3'),
      createAccount,
      transfer(half),
      { action_add_key_with_full_access: { promise_index: 0, public_key: pkBase64('near_2'), nonce: 1 }, id: 0 },
      { action_deploy_contract: { promise_index: 0, code: Buffer.from(rsContract).toString('base64') }, id: 0 },
      fnCall(0, GAS_2, 'call_promise', [create('near_0', GAS_3)]),
      { action_delete_key: { promise_index: 0, public_key: pkBase64('near_2'), nonce: 0 }, id: 0 },
      { action_delete_account: { promise_index: 0, beneficiary_id: 'near_2' }, id: 0 },
    ]);
    const [r1, ...refunds] = g.receipt('near_0', r0, 'near_1').produced;
    g.assertGasRefunds(refunds);
    const b = g.receipt('near_1', r1, 'near_3');
    expect(b.actions.map((x) => x.type)).toEqual(['CreateAccount', 'Transfer', 'AddKey', 'DeployContract', 'FunctionCall', 'DeleteKey', 'DeleteAccount']);
    expect(b.actions[2]).toEqual({ type: 'AddKey', publicKey: signerOf('near_2').publicKey, accessKey: { nonce: 1n, permission: { type: 'FullAccess' } } });
    expectCall(b.actions[4], GAS_2);
    expect(b.actions[5]).toEqual({ type: 'DeleteKey', publicKey: signerOf('near_2').publicKey });
    expect(b.actions[6]).toEqual({ type: 'DeleteAccount', beneficiaryId: 'near_2' });
    const [r2, r3, ...refunds2] = b.produced;
    g.assertGasRefunds(refunds2);
    const c = g.receipt('near_3', r2, 'near_0');
    expectCall(c.actions[0], GAS_3);
    g.assertGasRefunds(c.produced);
    g.assertRefund(r3, 'near_2');
    expect(g.chain.viewAccount('near_3')).toBeUndefined();
  });

  const hexAccount = Buffer.from(signerOf('test_hex').publicKey.data).toString('hex');

  it('test_transfer_64len_hex: a transfer creates the NEAR-implicit account', () => {
    const g = new Group(['near_0', 'near_1', hexAccount], 2);
    const half = TESTING_INIT_BALANCE / 2n;
    const [r0] = g.callPromise([batchCreate(hexAccount), transfer(half)]);
    const [r1, ...refunds] = g.receipt('near_0', r0, 'near_1').produced;
    g.assertGasRefunds(refunds);
    const b = g.receipt('near_1', r1, hexAccount);
    expect(b.actions).toEqual([{ type: 'Transfer', deposit: half }]);
    g.assertGasRefunds(b.produced);
    expect(g.chain.viewAccount(hexAccount)!.amount).toBe(half);
  });

  it('test_create_transfer_64len_hex_fail: CreateAccount of an implicit id fails, the deposit comes back', () => {
    const g = new Group(['near_0', 'near_1', hexAccount], 2);
    const half = TESTING_INIT_BALANCE / 2n;
    const [r0] = g.callPromise([batchCreate(hexAccount), createAccount, transfer(half)]);
    const [r1, ...refunds] = g.receipt('near_0', r0, 'near_1').produced;
    g.assertGasRefunds(refunds);
    const b = g.receipt('near_1', r1, hexAccount);
    expect(b.actions).toEqual([{ type: 'CreateAccount' }, { type: 'Transfer', deposit: half }]);
    const [depositRefund, ...refunds2] = b.produced;
    g.assertRefund(depositRefund, 'near_1');
    g.assertGasRefunds(refunds2);
    expect(g.chain.viewAccount(hexAccount)).toBeUndefined();
  });

  it('test_refund_to: the failed call\'s deposit goes to the promise\'s refund_to account', () => {
    const g = new Group(near(4), 4);
    const deposit = 1000n;
    const [r0] = g.callPromise(
      [batchCreate('near_2'), fnCall(0, GAS_2, 'non_existing_function', [], deposit), { set_refund_to: { promise_index: 0, beneficiary_id: 'near_3' }, id: 0 }],
      deposit,
    );
    const a = g.receipt('near_0', r0, 'near_1');
    expectCall(a.actions[0], GAS_1, deposit, 'call_promise');
    const [r1, ...refunds] = a.produced;
    g.assertGasRefunds(refunds);
    const b = g.receipt('near_1', r1, 'near_2');
    expectCall(b.actions[0], GAS_2, deposit, 'non_existing_function');
    const [depositRefund, ...refunds2] = b.produced;
    g.assertGasRefunds(refunds2);
    g.assertRefund(depositRefund, 'near_3');
  });

  it('test_create_account_add_gas_key_full_access / function_call', () => {
    for (const [action, permission] of [
      [
        { action_add_gas_key_with_full_access: { promise_index: 0, public_key: pkBase64('near_2'), num_nonces: 4 }, id: 0 },
        { type: 'GasKeyFullAccess', gasKeyInfo: { balance: 0n, numNonces: 4 } },
      ],
      [
        {
          action_add_gas_key_with_function_call: { promise_index: 0, public_key: pkBase64('near_2'), num_nonces: 8, allowance: '0', receiver_id: 'near_1', method_names: 'method1,method2' },
          id: 0,
        },
        { type: 'GasKeyFunctionCall', gasKeyInfo: { balance: 0n, numNonces: 8 }, functionCall: { allowance: null, receiverId: 'near_1', methodNames: ['method1', 'method2'] } },
      ],
    ] as const) {
      const g = new Group(near(3), 2);
      const [r0] = g.callPromise([batchCreate('near_2'), createAccount, transfer(10n * NEAR), action]);
      const [r1] = g.receipt('near_0', r0, 'near_1').produced;
      const b = g.receipt('near_1', r1, 'near_2');
      expect(b.actions).toEqual([
        { type: 'CreateAccount' },
        { type: 'Transfer', deposit: 10n * NEAR },
        { type: 'AddKey', publicKey: signerOf('near_2').publicKey, accessKey: { nonce: 0n, permission } },
      ]);
    }
  });
});
