/**
 * nearcore integration-tests/src/tests/runtime/test_yield_resume.rs (f0c7706), translated: yield
 * create / resume by data id and by yield id (YieldWithId, protocol 85), across and within calls,
 * resumes of yields that do not exist or by the wrong flavour, duplicate yield ids, an amount
 * attached to `promise_yield_create_with_id` (deducted, or BalanceExceeded), and the 1-yoctoNEAR
 * exemption on a drained zero-balance account. The rs_contract methods are the host-call stand-in
 * of yield-contract.ts (no wasm gas: the contract's gas reward is computed from the gas the
 * outcome reports, as nearcore does).
 */
import { NEAR } from '@nearts/primitives';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALICE, TEST_CONTRACT, TESTING_INIT_BALANCE, TGAS, gasBurnt, runtimeNode, setupTestContract, signerOf, successValue, wat2wasm, type Node, type TxResult } from './runtime-node.js';
import { YIELD_CONTRACT_WAT, withYieldContract } from './yield-contract.js';

const MAX_GAS = 300n * TGAS;
const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
/** HostError::BalanceExceeded as the RPC shows it (nearcore's test looks for "balance" in it). */
const BALANCE_EXCEEDED = { Failure: { ActionError: { index: 0, kind: { FunctionCallError: { ExecutionError: 'Exceeded the account balance.' } } } } };
const KEY_123 = Uint8Array.of(123, 0, 0, 0, 0, 0, 0, 0);

let code: Uint8Array;
beforeAll(async () => {
  code = await wat2wasm(YIELD_CONTRACT_WAT);
});

const call = (node: Node, method: string, args: Uint8Array, receiver = TEST_CONTRACT) => node.functionCall(ALICE, receiver, method, args, MAX_GAS, 0n);
const valueOf = (r: TxResult): Uint8Array => {
  const v = (r.status as { SuccessValue?: string }).SuccessValue;
  if (v === undefined) throw new Error(`not a success: ${JSON.stringify(r.status)}`);
  return new Uint8Array(Buffer.from(v, 'base64'));
};

const yieldCreateWithIdOp = (yieldId: Uint8Array, payload: Uint8Array, id: number, method = 'check_promise_result_return_value', amount?: bigint) => ({
  yield_create_with_id: { method_name: method, arguments: b64(payload), ...(amount === undefined ? {} : { amount: amount.toString() }), gas: 0, gas_weight: 1, yield_id: b64(yieldId) },
  id,
});
const yieldResumeWithYieldIdOp = (yieldId: Uint8Array, payload: Uint8Array, id: number) => ({
  yield_resume_with_yield_id: { yield_id: b64(yieldId), payload: b64(payload) },
  id,
});

/** `contract_function_call_reward`: 30% of the call's burnt gas beyond its exec fees. */
function reward(node: Node, r: TxResult, method: string, argsLen: number): bigint {
  const fees = node.fees();
  return fees.gasBurntToReward(gasBurnt(r.receiptsOutcome[0]) - fees.functionCallExecGas(BigInt(method.length + argsLen)));
}

describe('yield / resume (test_yield_resume.rs)', () => {
  it('create_then_resume: the callback runs only after the resume', async () => {
    const node = await setupTestContract(code);
    await withYieldContract(code, () => {
      const payload = bytes(16, 6);
      const dataId = valueOf(call(node, 'call_yield_create_return_data_id', payload));
      expect(dataId.length).toBe(32);
      expect(call(node, 'read_value', KEY_123).status).toEqual(successValue());
      expect(call(node, 'call_yield_resume', new Uint8Array([...payload, ...dataId])).status).toEqual(successValue(Uint8Array.of(1)));
      expect(call(node, 'read_value', KEY_123).status).toEqual(successValue(new TextEncoder().encode('Resumed ')));
    });
  });

  it('create_and_resume_in_one_call: the callback returns the payload length', async () => {
    const node = await setupTestContract(code);
    await withYieldContract(code, () => {
      expect(call(node, 'call_yield_create_and_resume', bytes(16, 23)).status).toEqual(successValue(Uint8Array.of(16)));
    });
  });

  it('resume_without_yield: false', async () => {
    const node = await setupTestContract(code);
    await withYieldContract(code, () => {
      expect(call(node, 'call_yield_resume', new Uint8Array([...bytes(12, 42), ...bytes(32, 23)])).status).toEqual(successValue(Uint8Array.of(0)));
    });
  });

  it('create_with_id_then_resume_with_yield_id', async () => {
    const node = await setupTestContract(code);
    await withYieldContract(code, () => {
      const payload = bytes(16, 6);
      const yieldId = bytes(32, 9);
      expect(call(node, 'call_promise', json([yieldCreateWithIdOp(yieldId, payload, 0, 'check_promise_result_write_status')])).status).toEqual(successValue());
      expect(call(node, 'call_promise', json([yieldResumeWithYieldIdOp(yieldId, payload, 1)])).status).toEqual(successValue());
      expect(call(node, 'read_value', KEY_123).status).toEqual(successValue(new TextEncoder().encode('Resumed ')));
    });
  });

  it('create_with_id_and_resume_with_yield_id_in_one_call', async () => {
    const node = await setupTestContract(code);
    await withYieldContract(code, () => {
      const payload = bytes(16, 23);
      const yieldId = bytes(32, 3);
      const args = json([{ ...yieldCreateWithIdOp(yieldId, payload, 0), return: true }, yieldResumeWithYieldIdOp(yieldId, payload, 1)]);
      expect(call(node, 'call_promise', args).status).toEqual(successValue(Uint8Array.of(16)));
    });
  });

  it('resume_with_yield_id_without_yield: resume returns 0, the call succeeds', async () => {
    const node = await setupTestContract(code);
    await withYieldContract(code, () => {
      expect(call(node, 'call_promise', json([yieldResumeWithYieldIdOp(bytes(32, 23), bytes(12, 42), 0)])).status).toEqual(successValue());
    });
  });

  it('create_with_id_duplicate_in_same_call_returns_sentinel: u64::MAX the second time', async () => {
    const node = await setupTestContract(code);
    await withYieldContract(code, () => {
      const payload = bytes(16, 6);
      const yieldId = bytes(32, 5);
      const args = json([yieldCreateWithIdOp(yieldId, payload, 0), yieldCreateWithIdOp(yieldId, payload, -1)]);
      expect(call(node, 'call_promise', args).status).toEqual(successValue());
    });
  });

  it('create_with_id_then_resume_with_yield_id_fails: a yield id is not a data id', async () => {
    const node = await setupTestContract(code);
    await withYieldContract(code, () => {
      const payload = bytes(16, 6);
      const yieldId = bytes(32, 7);
      expect(call(node, 'call_promise', json([yieldCreateWithIdOp(yieldId, payload, 0)])).status).toEqual(successValue());
      expect(call(node, 'call_yield_resume', new Uint8Array([...payload, ...yieldId])).status).toEqual(successValue(Uint8Array.of(0)));
    });
  });

  it('create_then_resume_with_yield_id_fails: a data id is not a yield id', async () => {
    const node = await setupTestContract(code);
    await withYieldContract(code, () => {
      const payload = bytes(16, 6);
      const dataId = valueOf(call(node, 'call_yield_create_return_data_id', payload));
      expect(call(node, 'call_promise', json([yieldResumeWithYieldIdOp(dataId, payload, 0)])).status).toEqual(successValue());
    });
  });

  it('create_with_id_deducts_attached_amount: the contract pays the amount, gets the gas reward', async () => {
    const node = await setupTestContract(code);
    await withYieldContract(code, () => {
      const before = node.account(TEST_CONTRACT)!.amount;
      const args = json([yieldCreateWithIdOp(bytes(32, 11), bytes(16, 6), 0, undefined, NEAR)]);
      const r = call(node, 'call_promise', args);
      expect(r.status).toEqual(successValue());
      expect(node.account(TEST_CONTRACT)!.amount).toBe(before - NEAR + reward(node, r, 'call_promise', args.length));
    });
  });

  it('create_with_id_fails_when_amount_exceeds_balance: BalanceExceeded, only the reward changes the balance', async () => {
    const node = await setupTestContract(code);
    await withYieldContract(code, () => {
      const before = node.account(TEST_CONTRACT)!.amount;
      const args = json([yieldCreateWithIdOp(bytes(32, 12), bytes(16, 6), 0, undefined, before + NEAR)]);
      const r = call(node, 'call_promise', args);
      expect(r.status).toEqual(BALANCE_EXCEEDED);
      expect(node.account(TEST_CONTRACT)!.amount).toBe(before + reward(node, r, 'call_promise', args.length));
    });
  });

  /** `setup_zba_global_contract`: zba.alice.near uses the stand-in deployed globally by alice. */
  async function setupZba(): Promise<Node> {
    const node = await runtimeNode();
    const deployed = node.run(ALICE, ALICE, [{ type: 'DeployGlobalContract', code, deployMode: 'AccountId' }]);
    expect(Object.keys(deployed.status as object)).toEqual(['SuccessValue']);
    const created = node.createAccount(ALICE, 'zba.alice.near', signerOf(ALICE).publicKey, TESTING_INIT_BALANCE / 10n);
    expect(Object.keys(created.status as object)).toEqual(['SuccessValue']);
    const used = node.run('zba.alice.near', 'zba.alice.near', [{ type: 'UseGlobalContract', contractIdentifier: { type: 'AccountId', accountId: ALICE } }], signerOf(ALICE));
    expect(Object.keys(used.status as object)).toEqual(['SuccessValue']);
    expect(node.account('zba.alice.near')!.storageUsage <= 770n).toBe(true);
    return node;
  }

  const drainThenYield = (amount: bigint, yieldId: Uint8Array, attach: bigint) =>
    json([{ batch_create: { account_id: ALICE }, id: 0 }, { action_transfer: { promise_index: 0, amount: amount.toString() }, id: 0 }, yieldCreateWithIdOp(yieldId, bytes(16, 6), 1, undefined, attach)]);

  it('create_with_id_one_yocto_exemption_on_drained_zba: exactly 1 yoctoNEAR subsidized', async () => {
    const node = await setupZba();
    await withYieldContract(code, () => {
      const before = node.account('zba.alice.near')!.amount;
      const subsidizedBefore = node.chain.totals.subsidizedAmount;
      const args = drainThenYield(before, bytes(32, 20), 1n);
      const r = call(node, 'call_promise', args, 'zba.alice.near');
      expect(r.status).toEqual(successValue());
      expect(node.chain.totals.subsidizedAmount - subsidizedBefore).toBe(1n);
      const view = node.account('zba.alice.near')!;
      expect(view.amount).toBe(reward(node, r, 'call_promise', args.length));
      expect(view.storageUsage <= 770n).toBe(true);
    });
  });

  it('create_with_id_two_yocto_fails_on_drained_zba: BalanceExceeded, nothing subsidized, the drain rolled back', async () => {
    const node = await setupZba();
    await withYieldContract(code, () => {
      const before = node.account('zba.alice.near')!.amount;
      const subsidizedBefore = node.chain.totals.subsidizedAmount;
      const args = drainThenYield(before, bytes(32, 21), 2n);
      const r = call(node, 'call_promise', args, 'zba.alice.near');
      expect(r.status).toEqual(BALANCE_EXCEEDED);
      expect(node.chain.totals.subsidizedAmount).toBe(subsidizedBefore);
      expect(node.account('zba.alice.near')!.amount).toBe(before + reward(node, r, 'call_promise', args.length));
    });
  });
});
