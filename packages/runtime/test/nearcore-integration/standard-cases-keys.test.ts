/**
 * nearcore integration-tests/src/tests/standard_cases/mod.rs on a `RuntimeNode` (runtime.rs),
 * f0c7706, protocol 86, continued from standard-cases.test.ts: keys (add, delete, swap,
 * function-call keys, allowances, what a function-call key may not do) and stake.
 */
import { KeyPair, type AccessKey } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import {
  ALICE,
  BOB,
  EVE_DOT_ALICE,
  TESTING_INIT_BALANCE,
  TESTING_INIT_STAKE,
  TGAS,
  actionFailure,
  gasBurnt,
  runtimeNode,
  signerOf,
  successValue,
  type Node,
} from './runtime-node.js';

const EXTRA_REFUND_OUTCOMES = 1; // AccountCostIncrease (protocol 85): the price-surplus refund
const FUNCTION_CALL_AMOUNT = TESTING_INIT_BALANCE / 10n;
const i32le = (v: number) => new Uint8Array(new Int32Array([v]).buffer);
const signer2 = KeyPair.fromNearcoreTestSeed('test');
const rootOf = (node: Node) => node.chain.head.chunks.map((c) => Buffer.from(c.stateRoot).toString('hex')).join();

/** standard_cases `add_access_key`: alice adds `signer2` with `accessKey`; one receipt plus the refund. */
function addAccessKey(node: Node, accessKey: AccessKey) {
  const root = rootOf(node);
  const r = node.addKey(ALICE, signer2.publicKey, accessKey);
  expect(r.status).toEqual(successValue());
  expect(r.receiptsOutcome.length).toBe(1 + EXTRA_REFUND_OUTCOMES);
  expect(rootOf(node)).not.toBe(root);
  return r;
}

const fcKey = (receiverId: string, allowance: bigint | null, methodNames: string[] = []): AccessKey => ({
  nonce: 0n,
  permission: { type: 'FunctionCall', functionCall: { allowance, receiverId, methodNames } },
});

describe('standard_cases: keys', () => {
  it('test_swap_key: delete the old key and add a new one in one transaction', async () => {
    const node = await runtimeNode();
    node.createAccount(ALICE, EVE_DOT_ALICE, signerOf(ALICE).publicKey, TESTING_INIT_BALANCE / 2n);
    const root = rootOf(node);
    const r = node.run(
      EVE_DOT_ALICE,
      EVE_DOT_ALICE,
      [
        { type: 'DeleteKey', publicKey: signerOf(ALICE).publicKey },
        { type: 'AddKey', publicKey: signer2.publicKey, accessKey: { nonce: 0n, permission: { type: 'FullAccess' } } },
      ],
      signerOf(ALICE),
    );
    expect(r.status).toEqual(successValue());
    expect(r.receiptsOutcome.length).toBe(1 + EXTRA_REFUND_OUTCOMES);
    expect(rootOf(node)).not.toBe(root);
    expect(node.chain.viewAccessKey(EVE_DOT_ALICE, signerOf(ALICE).publicKey)).toBeUndefined();
    expect(node.chain.viewAccessKey(EVE_DOT_ALICE, signer2.publicKey)).toBeDefined();
  });

  it('test_add_key / test_delete_key', async () => {
    const node = await runtimeNode();
    addAccessKey(node, { nonce: 0n, permission: { type: 'FullAccess' } });
    expect(node.chain.viewAccessKey(ALICE, signerOf(ALICE).publicKey)).toBeDefined();
    expect(node.chain.viewAccessKey(ALICE, signer2.publicKey)).toBeDefined();
    const root = rootOf(node);
    const r = node.deleteKey(ALICE, signerOf(ALICE).publicKey);
    expect(r.status).toEqual(successValue());
    expect(r.receiptsOutcome.length).toBe(1 + EXTRA_REFUND_OUTCOMES);
    expect(rootOf(node)).not.toBe(root);
    expect(node.chain.viewAccessKey(ALICE, signerOf(ALICE).publicKey)).toBeUndefined();
    expect(node.chain.viewAccessKey(ALICE, signer2.publicKey)).toBeDefined();
  });

  it('test_add_existing_key: AddKeyAlreadyExists', async () => {
    const node = await runtimeNode();
    const pk = signerOf(ALICE).publicKey;
    const r = node.addKey(ALICE, pk, { nonce: 0n, permission: { type: 'FullAccess' } });
    expect(r.status).toEqual(actionFailure(0, { AddKeyAlreadyExists: { account_id: ALICE, public_key: pk.toString() } }));
    expect(r.receiptsOutcome.length).toBe(1 + EXTRA_REFUND_OUTCOMES);
    expect(node.chain.viewAccessKey(ALICE, pk)).toBeDefined();
  });

  it('test_delete_key_not_owned: DeleteKeyDoesNotExist', async () => {
    const node = await runtimeNode();
    const r = node.deleteKey(ALICE, signer2.publicKey);
    expect(r.status).toEqual(actionFailure(0, { DeleteKeyDoesNotExist: { account_id: ALICE, public_key: signer2.publicKey.toString() } }));
    expect(r.receiptsOutcome.length).toBe(1 + EXTRA_REFUND_OUTCOMES);
    expect(node.chain.viewAccessKey(ALICE, signerOf(ALICE).publicKey)).toBeDefined();
  });

  it('test_delete_key_last: an account may delete its only key', async () => {
    const node = await runtimeNode();
    const r = node.deleteKey(ALICE, signerOf(ALICE).publicKey);
    expect(r.status).toEqual(successValue());
    expect(r.receiptsOutcome.length).toBe(1 + EXTRA_REFUND_OUTCOMES);
    expect(node.chain.viewAccessKey(ALICE, signerOf(ALICE).publicKey)).toBeUndefined();
  });

  it('test_add_access_key_function_call / test_delete_access_key: the key starts at (height - 1) × 1e6', async () => {
    const node = await runtimeNode();
    const key = fcKey(ALICE, null);
    const r = addAccessKey(node, key);
    const height = node.chain.outcome(r.receiptsOutcome[0].id as string)!.blockHeight;
    expect(node.chain.viewAccessKey(ALICE, signer2.publicKey)).toEqual({ ...key, nonce: (height - 1n) * 1_000_000n });
    const d = node.deleteKey(ALICE, signer2.publicKey);
    expect(d.status).toEqual(successValue());
    expect(d.receiptsOutcome.length).toBe(1 + EXTRA_REFUND_OUTCOMES);
    expect(node.chain.viewAccessKey(ALICE, signer2.publicKey)).toBeUndefined();
    expect(node.chain.viewAccessKey(ALICE, signerOf(ALICE).publicKey)).toBeDefined();
  });

  it('test_add_access_key_with_allowance / test_delete_access_key_with_allowance: exact costs', async () => {
    const node = await runtimeNode();
    const fees = node.fees();
    const initial = node.account(ALICE)!.amount;
    const key = fcKey(ALICE, 10n);
    addAccessKey(node, key);
    expect(node.account(ALICE)!.amount).toBe(initial - fees.addKeyCost(0n));
    expect(node.chain.viewAccessKey(ALICE, signer2.publicKey)!.permission).toEqual(key.permission);
    const d = node.deleteKey(ALICE, signer2.publicKey);
    expect(d.status).toEqual(successValue());
    expect(d.receiptsOutcome.length).toBe(1 + EXTRA_REFUND_OUTCOMES);
    expect(node.account(ALICE)!.amount).toBe(initial - fees.addKeyCost(0n) - fees.deleteKeyCost());
  });

  it('test_access_key_smart_contract: the allowance pays the call and gets the refund', async () => {
    const node = await runtimeNode();
    addAccessKey(node, fcKey(BOB, FUNCTION_CALL_AMOUNT));
    const prepaid = 10n ** 14n;
    const fees = node.fees();
    const r = node.functionCall(ALICE, BOB, 'run_test', new Uint8Array(0), prepaid, 0n, signer2);
    expect(r.status).toEqual(successValue(i32le(10)));
    const execGas = fees.functionCallExecGas(BigInt('run_test'.length));
    const gross = prepaid + execGas - gasBurnt(r.receiptsOutcome[0]);
    const refund = fees.gasToBalance(gross - fees.gasPenaltyForGasRefund(gross));
    expect([1, 2]).toContain(r.receiptsOutcome.length);
    const view = node.chain.viewAccessKey(ALICE, signer2.publicKey)!;
    expect(view.permission).toEqual(fcKey(BOB, FUNCTION_CALL_AMOUNT - fees.functionCallCost(BigInt('run_test'.length), prepaid) + refund).permission);
  });

  it('test_access_key_smart_contract_reject_method_name / reject_contract_id / reject_non_function_call', async () => {
    const cases: Array<[AccessKey, () => Parameters<Node['makeTx']>, string]> = [
      [fcKey(BOB, FUNCTION_CALL_AMOUNT, ['log_something']), () => [ALICE, BOB, [fc('run_test')]], 'MethodNameMismatch'],
      [fcKey(BOB, FUNCTION_CALL_AMOUNT), () => [ALICE, EVE_DOT_ALICE, [fc('run_test')]], 'ReceiverMismatch'],
      [fcKey(ALICE, FUNCTION_CALL_AMOUNT), () => [ALICE, ALICE, [{ type: 'DeleteKey', publicKey: signerOf(ALICE).publicKey }]], 'RequiresFullAccess'],
    ];
    for (const [key, tx, expected] of cases) {
      const node = await runtimeNode();
      addAccessKey(node, key);
      const [from, to, actions] = tx();
      const r = node.commit(node.makeTx(from, to, actions, signer2));
      const error = 'rejected' in r ? r.rejected : (r.status as { Failure: { InvalidTxError: unknown } }).Failure.InvalidTxError;
      const inner = (error as { InvalidAccessKeyError: unknown }).InvalidAccessKeyError;
      expect(typeof inner === 'string' ? inner : Object.keys(inner as object)[0]).toBe(expected);
    }
  });
});

const fc = (methodName: string) => ({ type: 'FunctionCall' as const, methodName, args: new Uint8Array(0), gas: 100n * TGAS, deposit: 0n });

describe('standard_cases: stake', () => {
  it('test_increase_stake: one yoctoNEAR more is locked, exact cost', async () => {
    const node = await runtimeNode();
    const staked = TESTING_INIT_STAKE + 1n;
    const r = node.stake(ALICE, signerOf(ALICE).publicKey, staked);
    expect(r.status).toEqual(successValue());
    expect(r.receiptsOutcome.length).toBe(1 + EXTRA_REFUND_OUTCOMES);
    const a = node.account(ALICE)!;
    expect(a.amount).toBe(TESTING_INIT_BALANCE - TESTING_INIT_STAKE - 1n - node.fees().stakeCost());
    expect(a.locked).toBe(staked);
  });

  it('test_decrease_stake: a lower stake is a proposal, the locked amount stays', async () => {
    const node = await runtimeNode();
    const r = node.stake(ALICE, signerOf(ALICE).publicKey, 10n);
    expect(r.status).toEqual(successValue());
    expect(r.receiptsOutcome.length).toBe(1 + EXTRA_REFUND_OUTCOMES);
    const a = node.account(ALICE)!;
    expect(a.amount).toBe(TESTING_INIT_BALANCE - TESTING_INIT_STAKE - node.fees().stakeCost());
    expect(a.locked).toBe(TESTING_INIT_STAKE);
  });

  it('test_unstake_while_not_staked: TriesToUnstake', async () => {
    const node = await runtimeNode();
    const c = node.createAccount(ALICE, EVE_DOT_ALICE, signerOf(ALICE).publicKey, TESTING_INIT_BALANCE / 2n);
    expect(c.status).toEqual(successValue());
    expect(c.receiptsOutcome.length).toBe(1 + EXTRA_REFUND_OUTCOMES);
    const r = node.stake(EVE_DOT_ALICE, signerOf(ALICE).publicKey, 0n, signerOf(ALICE));
    expect(r.status).toEqual(actionFailure(0, { TriesToUnstake: { account_id: EVE_DOT_ALICE } }));
    expect(r.receiptsOutcome.length).toBe(1 + EXTRA_REFUND_OUTCOMES);
  });
});

