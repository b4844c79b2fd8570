/**
 * nearcore runtime/runtime/src/access_keys.rs unit tests (f0c7706), translated: adding, funding,
 * withdrawing from and deleting gas keys, deleting an account that holds gas keys, viewing them,
 * storage usage of ML-DSA-65 keys. nearcore calls the action functions on a trie; here each
 * action is a transaction alice.near sends to herself on a Chain with `RuntimeConfig::test()`
 * (compute equals gas in its fees, so a receipt's compute minus its gas is the extra compute an
 * action adds: nearcore's `result.compute_usage`).
 */
import { KeyPair, KeyType, NEAR, PublicKey, fullAccessKey, trieKeys, type AccessKey, type Action } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { Chain, checkSupplyInvariant } from '../../src/index.js';
import { execute, keyOf } from '../helpers.js';
import { MILLINEAR, testConfig } from './setup.js';

const ALICE = 'alice.near';
const TEST_NUM_NONCES = 2;
const config = testConfig();
const ext = config.wasmConfig.extCosts;
const gasKey = (name: string) => KeyPair.fromNearcoreTestSeed(name).publicKey;

function newChain(): Chain {
  const chain = Chain.create({
    runtimeConfig: config,
    accounts: [
      { accountId: ALICE, amount: 100n * NEAR, keys: [keyOf(ALICE).publicKey] },
      { accountId: 'bob', amount: 10n * NEAR },
    ],
  });
  checkSupplyInvariant(chain);
  return chain;
}

/** Runs `actions` from alice to herself; returns the action receipt's outcome and the final status. */
function run(chain: Chain, actions: Action[]) {
  const r = execute(chain, ALICE, ALICE, actions);
  return { receipt: r.receipts[0], status: r.final.status, height: chain.outcome(r.final.receiptsOutcome[0].outcome.id)!.blockHeight };
}

const gasKeyFullAccess = (numNonces: number): AccessKey => ({ nonce: 0n, permission: { type: 'GasKeyFullAccess', gasKeyInfo: { balance: 0n, numNonces } } });
const addGasKey = (chain: Chain, publicKey: PublicKey) => {
  const r = run(chain, [{ type: 'AddKey', publicKey, accessKey: gasKeyFullAccess(TEST_NUM_NONCES) }]);
  expect(r.status.kind).toBe('SuccessValue');
  return r;
};
const fund = (chain: Chain, publicKey: PublicKey, deposit: bigint) =>
  expect(run(chain, [{ type: 'TransferToGasKey', publicKey, deposit }]).status.kind).toBe('SuccessValue');
const gasKeyBalance = (chain: Chain, publicKey: PublicKey) => {
  const p = chain.viewAccessKey(ALICE, publicKey)?.permission;
  return p?.type === 'GasKeyFullAccess' ? p.gasKeyInfo.balance : undefined;
};
const nonceOf = (chain: Chain, publicKey: PublicKey, index: number) => {
  const v = chain.state.get(trieKeys.gasKeyNonce(ALICE, publicKey, index));
  return v === undefined ? undefined : new DataView(v.buffer, v.byteOffset, 8).getBigUint64(0, true);
};
/** The action error of a failed final status. */
const actionError = (status: { kind: string }) => (status as unknown as { error: { error: { kind: unknown } } }).error.error.kind;

/** access_keys.rs `expected_nonce_remove_compute`. */
function nonceRemoveCompute(publicKey: PublicKey, numNonces: number): bigint {
  const n = BigInt(numNonces);
  const nonceKeyLen = BigInt(trieKeys.gasKeyNonce(ALICE, publicKey, 0).length);
  return ext.storage_remove_base.compute * n + ext.storage_remove_key_byte.compute * nonceKeyLen * n + ext.storage_remove_ret_value_byte.compute * 8n * n;
}
const extraCompute = (o: { computeUsage: bigint; gasBurnt: bigint }) => o.computeUsage - o.gasBurnt;

describe('gas keys (access_keys.rs)', () => {
  it('test_add_gas_key: storage of the key and its nonce rows, nonces at (height - 1) × 1e6', () => {
    const chain = newChain();
    const pk = gasKey('gas_key');
    const before = chain.viewAccount(ALICE)!.storageUsage;
    const { height } = addGasKey(chain, pk);
    const key = chain.viewAccessKey(ALICE, pk)!;
    expect(key.permission).toEqual({ type: 'GasKeyFullAccess', gasKeyInfo: { balance: 0n, numNonces: TEST_NUM_NONCES } });
    // gas_key_storage_cost: per nonce (33-byte key id + u16 index + u64 nonce + 40), plus the key record.
    const keyRecord = 33n + 8n + 1n + 16n + 2n + 40n;
    expect(chain.viewAccount(ALICE)!.storageUsage).toBe(before + BigInt(TEST_NUM_NONCES) * (33n + 2n + 8n + 40n) + keyRecord);
    for (let i = 0; i < TEST_NUM_NONCES; i++) expect(nonceOf(chain, pk, i)).toBe((height - 1n) * 1_000_000n);
  });

  it('test_cannot_add_duplicate_gas_key / test_cannot_add_gas_key_with_same_public_key_as_access_key', () => {
    const chain = newChain();
    const pk = gasKey('gas_key');
    addGasKey(chain, pk);
    for (const publicKey of [pk, keyOf(ALICE).publicKey]) {
      const r = run(chain, [{ type: 'AddKey', publicKey, accessKey: gasKeyFullAccess(TEST_NUM_NONCES) }]);
      expect(actionError(r.status)).toEqual({ kind: 'AddKeyAlreadyExists', account_id: ALICE, public_key: publicKey.toString() });
    }
  });

  it('test_delete_gas_key: key and nonce rows gone, storage back, removal compute', () => {
    const chain = newChain();
    const pk = gasKey('gas_key');
    const before = chain.viewAccount(ALICE)!.storageUsage;
    addGasKey(chain, pk);
    const r = run(chain, [{ type: 'DeleteKey', publicKey: pk }]);
    expect(r.status.kind).toBe('SuccessValue');
    expect(chain.viewAccessKey(ALICE, pk)).toBeUndefined();
    expect(chain.viewAccount(ALICE)!.storageUsage).toBe(before);
    for (let i = 0; i < TEST_NUM_NONCES; i++) expect(nonceOf(chain, pk, i)).toBeUndefined();
    expect(extraCompute(r.receipt)).toBe(nonceRemoveCompute(pk, TEST_NUM_NONCES));
  });

  it('test_delete_gas_key_burns_balance', () => {
    const chain = newChain();
    const pk = gasKey('gas_key');
    addGasKey(chain, pk);
    fund(chain, pk, 1_000_000n);
    const r = run(chain, [{ type: 'DeleteKey', publicKey: pk }]);
    expect(r.status.kind).toBe('SuccessValue');
    expect(r.receipt.tokensBurnt - r.receipt.gasBurnt * chain.head.gasPrice).toBe(1_000_000n);
    expect(extraCompute(r.receipt)).toBe(nonceRemoveCompute(pk, TEST_NUM_NONCES));
  });

  it('test_delete_nonexistent_gas_key', () => {
    const chain = newChain();
    const pk = gasKey('nonexistent');
    expect(actionError(run(chain, [{ type: 'DeleteKey', publicKey: pk }]).status)).toEqual({
      kind: 'DeleteKeyDoesNotExist',
      account_id: ALICE,
      public_key: pk.toString(),
    });
  });

  it('test_delete_gas_key_balance_too_high / at_threshold: at most 1 NEAR is burnt', () => {
    const chain = newChain();
    const pk = gasKey('gas_key');
    addGasKey(chain, pk);
    fund(chain, pk, NEAR + 1n);
    const over = run(chain, [{ type: 'DeleteKey', publicKey: pk }]);
    expect(actionError(over.status)).toEqual({ kind: 'GasKeyBalanceTooHigh', account_id: ALICE, public_key: pk.toString(), balance: NEAR + 1n });
    expect(over.receipt.tokensBurnt).toBe(over.receipt.gasBurnt * chain.head.gasPrice);
    expect(chain.viewAccessKey(ALICE, pk)).toBeDefined();

    run(chain, [{ type: 'WithdrawFromGasKey', publicKey: pk, amount: 1n }]);
    expect(gasKeyBalance(chain, pk)).toBe(NEAR);
    const at = run(chain, [{ type: 'DeleteKey', publicKey: pk }]);
    expect(at.status.kind).toBe('SuccessValue');
    expect(at.receipt.tokensBurnt - at.receipt.gasBurnt * chain.head.gasPrice).toBe(NEAR);
    expect(chain.viewAccessKey(ALICE, pk)).toBeUndefined();
  });
});

describe('deleting an account with gas keys (access_keys.rs)', () => {
  const keys = [0, 1, 2].map((i) => gasKey(`gas_key_${i}`));
  function withFundedKeys(amounts: bigint[]) {
    const chain = newChain();
    keys.forEach((pk, i) => {
      addGasKey(chain, pk);
      fund(chain, pk, amounts[i]);
    });
    return chain;
  }

  it('test_delete_account_removes_gas_keys / burns_gas_key_balances: every key record gone, balances burnt, removal compute', () => {
    const amounts = [100_000n, 200_000n, 300_000n];
    const chain = withFundedKeys(amounts);
    const r = run(chain, [{ type: 'DeleteAccount', beneficiaryId: 'bob' }]);
    expect(r.status.kind).toBe('SuccessValue');
    expect(r.receipt.tokensBurnt - r.receipt.gasBurnt * chain.head.gasPrice).toBe(600_000n);
    expect(extraCompute(r.receipt)).toBe(keys.reduce((s, pk) => s + nonceRemoveCompute(pk, TEST_NUM_NONCES), 0n));
    expect([...chain.state.iter(trieKeys.accessKeysPrefix(ALICE))]).toEqual([]);
  });

  it('test_delete_account_gas_key_balance_too_high: over 1 NEAR in total, no key named', () => {
    const amounts = [400n * MILLINEAR, 400n * MILLINEAR, 201n * MILLINEAR];
    const chain = withFundedKeys(amounts);
    const r = run(chain, [{ type: 'DeleteAccount', beneficiaryId: 'bob' }]);
    expect(actionError(r.status)).toEqual({ kind: 'GasKeyBalanceTooHigh', account_id: ALICE, public_key: null, balance: 1001n * MILLINEAR });
    expect(r.receipt.tokensBurnt).toBe(r.receipt.gasBurnt * chain.head.gasPrice);
  });

  it('test_delete_account_gas_key_balance_at_threshold: exactly 1 NEAR is burnt', () => {
    const chain = withFundedKeys([400n * MILLINEAR, 400n * MILLINEAR, 200n * MILLINEAR]);
    const r = run(chain, [{ type: 'DeleteAccount', beneficiaryId: 'bob' }]);
    expect(r.status.kind).toBe('SuccessValue');
    expect(r.receipt.tokensBurnt - r.receipt.gasBurnt * chain.head.gasPrice).toBe(NEAR);
  });
});

describe('views, transfers and withdrawals (access_keys.rs)', () => {
  it('test_view_gas_key_nonces / test_view_access_keys_returns_gas_keys', () => {
    const chain = newChain();
    const [pk1, pk2] = [gasKey('gas_key1'), gasKey('gas_key2')];
    const { height } = addGasKey(chain, pk1);
    addGasKey(chain, pk2);
    expect(chain.viewAccessKey(ALICE, pk1)!.permission).toEqual({ type: 'GasKeyFullAccess', gasKeyInfo: { numNonces: TEST_NUM_NONCES, balance: 0n } });
    expect([0, 1].map((i) => nonceOf(chain, pk1, i))).toEqual([(height - 1n) * 1_000_000n, (height - 1n) * 1_000_000n]);
    // The access-key records of alice (nonce rows excluded) are her key and both gas keys.
    const ids = [keyOf(ALICE).publicKey, pk1, pk2].map((pk) => Buffer.from(trieKeys.accessKey(ALICE, pk)).toString('hex')).sort();
    const records = [...chain.state.iter(trieKeys.accessKeysPrefix(ALICE))]
      .map(([k]) => Buffer.from(k).toString('hex'))
      .filter((k) => ids.includes(k));
    expect(records.sort()).toEqual(ids);
  });

  it('test_transfer_to_gas_key_success: balances accumulate', () => {
    const chain = newChain();
    const pk = gasKey('gas_key');
    addGasKey(chain, pk);
    fund(chain, pk, 1_000_000n);
    expect(gasKeyBalance(chain, pk)).toBe(1_000_000n);
    fund(chain, pk, 1_000_000n);
    expect(gasKeyBalance(chain, pk)).toBe(2_000_000n);
  });

  it('test_transfer_to_gas_key_nonexistent_key / not_gas_key: GasKeyDoesNotExist', () => {
    const chain = newChain();
    for (const pk of [gasKey('nonexistent'), keyOf(ALICE).publicKey]) {
      expect(actionError(run(chain, [{ type: 'TransferToGasKey', publicKey: pk, deposit: 1_000_000n }]).status)).toEqual({
        kind: 'GasKeyDoesNotExist',
        account_id: ALICE,
        public_key: pk.toString(),
      });
    }
  });

  it('test_withdraw_from_gas_key_success', () => {
    const chain = newChain();
    const pk = gasKey('gas_key');
    addGasKey(chain, pk);
    fund(chain, pk, 1_000_000n);
    const before = chain.viewAccount(ALICE)!.amount;
    const r = execute(chain, ALICE, ALICE, [{ type: 'WithdrawFromGasKey', publicKey: pk, amount: 400_000n }]);
    expect(r.final.status.kind).toBe('SuccessValue');
    expect(gasKeyBalance(chain, pk)).toBe(600_000n);
    // The account gets the amount; it pays the transaction's gas (refunds included).
    const paid = r.tx.tokensBurnt + r.receipts.reduce((s, o) => s + o.tokensBurnt, 0n);
    expect(chain.viewAccount(ALICE)!.amount).toBe(before + 400_000n - paid);
  });

  it('test_withdraw_from_gas_key_insufficient_balance / nonexistent_key / not_gas_key', () => {
    const chain = newChain();
    const pk = gasKey('gas_key');
    addGasKey(chain, pk);
    fund(chain, pk, 100n);
    expect(actionError(run(chain, [{ type: 'WithdrawFromGasKey', publicKey: pk, amount: 1_000n }]).status)).toEqual({
      kind: 'InsufficientGasKeyBalance',
      account_id: ALICE,
      public_key: pk.toString(),
      balance: 100n,
      required: 1_000n,
    });
    for (const other of [gasKey('nonexistent'), keyOf(ALICE).publicKey]) {
      expect(actionError(run(chain, [{ type: 'WithdrawFromGasKey', publicKey: other, amount: 1_000n }]).status)).toEqual({
        kind: 'GasKeyDoesNotExist',
        account_id: ALICE,
        public_key: other.toString(),
      });
    }
  });
});

describe('ML-DSA-65 keys (access_keys.rs)', () => {
  it('test_ml_dsa_65_access_key_storage_scales / trie_id_len_is_hash_size: the key is stored under its 33-byte hash id', () => {
    const pq = new PublicKey(KeyType.MLDSA65, new Uint8Array(1952).fill(3));
    const ed = keyOf('alice-ed').publicKey;
    // The trie key holds the key id: 1 tag + 32 bytes for both kinds.
    expect(trieKeys.accessKey(ALICE, pq).length).toBe(trieKeys.accessKey(ALICE, ed).length);
    const chain = newChain();
    const before = chain.viewAccount(ALICE)!.storageUsage;
    run(chain, [{ type: 'AddKey', publicKey: ed, accessKey: fullAccessKey() }]);
    const edUsage = chain.viewAccount(ALICE)!.storageUsage - before;
    run(chain, [{ type: 'AddKey', publicKey: pq, accessKey: fullAccessKey() }]);
    expect(chain.viewAccount(ALICE)!.storageUsage - before - edUsage).toBe(edUsage);
  });
});
