/**
 * Every non-contract action against hand-derived protocol-86 numbers.
 *
 * Fees (gas, from nearcore's parameters.snap at 86; send = not-sir unless noted):
 *   new_action_receipt      send 108_059_500_000   exec 108_059_500_000
 *   transfer                send 115_123_062_500   exec 115_123_062_500
 *   create_account          send 500_000_000_000   exec 7_200_000_000_000
 *   add_full_access_key     send 101_765_125_000   exec 101_765_125_000
 *   add_function_call_key   send 102_217_625_000 + 47_683_715/byte (sir 1_925_331)  exec 102_217_625_000 + 1_925_331/byte
 *   delete_key              94_946_625_000 (send and exec)
 *   delete_account          147_489_000_000 (send and exec)
 *   stake                   send 141_715_687_500   exec 102_217_625_000
 * Prices: the chain's gas price is 1e8 yN/gas; receipts buy gas at min_gas_purchase_price 1e9 and
 * burn it at min(1e9, 1e8) = 1e8, so every receipt refunds 9e8 × gas burnt as a price surplus.
 * Storage: account 100 B, access key = key id (33 for ed25519) + borsh(AccessKey) + 40.
 */
import { NEAR, type Action } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { balance, execute, keyOf, testChain } from './helpers.js';

const RECEIPT = 108_059_500_000n;
const TRANSFER = 115_123_062_500n;
const CREATE_SEND = 500_000_000_000n;
const CREATE_EXEC = 7_200_000_000_000n;
const FULL_KEY = 101_765_125_000n;
const FC_KEY = 102_217_625_000n;
const DELETE_KEY = 94_946_625_000n;
const DELETE_ACCOUNT = 147_489_000_000n;
const PRICE = 100_000_000n;
const PURCHASE = 1_000_000_000n;
const SURPLUS = PURCHASE - PRICE;

describe('Transfer', () => {
  it('charges conversion and execution at the block price and refunds the purchase surplus', () => {
    const chain = testChain();
    const { tx, receipts, final } = execute(chain, 'alice.near', 'bob.near', [{ type: 'Transfer', deposit: NEAR }]);
    // Conversion: receipt + transfer send = 223_182_562_500 gas, burnt at 1e8.
    expect(tx.gasBurnt).toBe(223_182_562_500n);
    expect(tx.tokensBurnt).toBe(22_318_256_250_000_000_000n);
    // Execution on bob: the same fees as exec fees.
    expect(receipts[0].gasBurnt).toBe(223_182_562_500n);
    expect(receipts[0].tokensBurnt).toBe(22_318_256_250_000_000_000n);
    // The gas refund receipt to alice (9e8 × 223_182_562_500 surplus) burns nothing.
    expect(receipts[1].executorId).toBe('alice.near');
    expect(receipts[1].tokensBurnt).toBe(0n);
    expect(final.status).toEqual({ kind: 'SuccessValue', value: new Uint8Array(0) });
    expect(balance(chain, 'bob.near')).toBe(101n * NEAR);
    // Alice pays 1 NEAR + 2 × 22_318_256_250_000_000_000.
    expect(balance(chain, 'alice.near')).toBe(100n * NEAR - NEAR - 44_636_512_500_000_000_000n);
  });

  it('creates a NEAR-implicit account with a full-access key for the id', () => {
    const chain = testChain();
    const implicit = Buffer.from(keyOf('implicit').publicKey.data).toString('hex');
    const { tx, receipts } = execute(chain, 'alice.near', implicit, [{ type: 'Transfer', deposit: NEAR }]);
    // Send: receipt + transfer + create_account + add_full_access_key.
    const send = RECEIPT + TRANSFER + CREATE_SEND + FULL_KEY;
    const exec = RECEIPT + TRANSFER + CREATE_EXEC + FULL_KEY;
    expect(tx.gasBurnt).toBe(send);
    expect(receipts[0].gasBurnt).toBe(exec);
    // New account: charged 0.007 NEAR in total for creation; the part not already burnt as
    // create_account exec gas (7e21 − 7.2e12 × 1e8) comes out of the price-surplus refund.
    const charge = 7_000_000_000_000_000_000_000n - CREATE_EXEC * PRICE;
    expect(receipts[0].tokensBurnt).toBe(exec * PRICE + charge);
    const account = chain.viewAccount(implicit)!;
    expect(account.amount).toBe(NEAR);
    expect(account.storageUsage).toBe(182n); // 100 + 33 + 9 + 40
    const key = chain.viewAccessKey(implicit, keyOf('implicit').publicKey)!;
    // Created at height 2: nonce (2 − 1) × 1e6.
    expect(key.nonce).toBe(1_000_000n);
    expect(balance(chain, 'alice.near')).toBe(100n * NEAR - NEAR - send * PRICE - exec * PRICE - charge);
  });

  it('fails on a missing named receiver and refunds the deposit', () => {
    const chain = testChain();
    const { receipts, final } = execute(chain, 'alice.near', 'nobody.near', [{ type: 'Transfer', deposit: NEAR }]);
    expect(final.status).toEqual({
      kind: 'Failure',
      error: { kind: 'ActionError', error: { index: 0n, kind: { kind: 'AccountDoesNotExist', account_id: 'nobody.near' } } },
    });
    // The failed receipt still burns its exec fees; deposit and unused gas come back.
    expect(receipts[0].gasBurnt).toBe(RECEIPT + TRANSFER);
    expect(balance(chain, 'alice.near')).toBe(100n * NEAR - 2n * (RECEIPT + TRANSFER) * PRICE);
  });
});

describe('CreateAccount + Transfer + AddKey', () => {
  it('creates a sub-account, burning the account-creation charge', () => {
    const chain = testChain();
    const actions: Action[] = [
      { type: 'CreateAccount' },
      { type: 'Transfer', deposit: 5n * NEAR },
      { type: 'AddKey', publicKey: keyOf('carol').publicKey, accessKey: { nonce: 0n, permission: { type: 'FullAccess' } } },
    ];
    const { tx, receipts } = execute(chain, 'alice.near', 'carol.alice.near', actions);
    const send = RECEIPT + CREATE_SEND + TRANSFER + FULL_KEY; // 824_947_687_500
    const exec = RECEIPT + CREATE_EXEC + TRANSFER + FULL_KEY; // 7_524_947_687_500
    expect(tx.gasBurnt).toBe(824_947_687_500n);
    expect(receipts[0].gasBurnt).toBe(7_524_947_687_500n);
    const charge = 6_280_000_000_000_000_000_000n; // 0.007 NEAR − 7.2e12 × 1e8
    expect(receipts[0].tokensBurnt).toBe(exec * PRICE + charge);
    // Refund = 9e8 × exec − charge.
    expect(receipts[1].executorId).toBe('alice.near');
    const carol = chain.viewAccount('carol.alice.near')!;
    expect(carol.amount).toBe(5n * NEAR);
    expect(carol.storageUsage).toBe(182n);
    expect(balance(chain, 'alice.near')).toBe(100n * NEAR - 5n * NEAR - (send + exec) * PRICE - charge);
  });

  it('only the registrar creates top-level accounts', () => {
    const chain = testChain();
    const { final } = execute(chain, 'alice.near', 'toplevel', [{ type: 'CreateAccount' }, { type: 'Transfer', deposit: NEAR }]);
    expect(final.status).toEqual({
      kind: 'Failure',
      error: {
        kind: 'ActionError',
        error: {
          index: 0n,
          kind: { kind: 'CreateAccountOnlyByRegistrar', account_id: 'toplevel', registrar_account_id: 'registrar', predecessor_id: 'alice.near' },
        },
      },
    });
    expect(chain.viewAccount('toplevel')).toBeUndefined();
  });

  it('rejects a sub-account of another account', () => {
    const chain = testChain();
    const { final } = execute(chain, 'alice.near', 'x.bob.near', [{ type: 'CreateAccount' }]);
    expect(final.status).toMatchObject({ error: { error: { kind: { kind: 'CreateAccountNotAllowed', predecessor_id: 'alice.near' } } } });
  });
});

describe('AddKey / DeleteKey', () => {
  it('adds a function-call key: fees per method-name byte, storage by borsh size', () => {
    const chain = testChain();
    const accessKey = {
      nonce: 0n,
      permission: { type: 'FunctionCall' as const, functionCall: { allowance: NEAR, receiverId: 'bob.near', methodNames: ['increment', 'get_num'] } },
    };
    // Method bytes: 9 + 1 + 7 + 1 = 18. sir (alice → alice): send byte fee 1_925_331.
    const { tx, receipts } = execute(chain, 'alice.near', 'alice.near', [{ type: 'AddKey', publicKey: keyOf('fc').publicKey, accessKey }]);
    expect(tx.gasBurnt).toBe(RECEIPT + FC_KEY + 18n * 1_925_331n);
    expect(receipts[0].gasBurnt).toBe(RECEIPT + FC_KEY + 18n * 1_925_331n);
    // borsh(AccessKey): nonce 8 + tag 1 + Some(u128) 17 + "bob.near" 12 + 2 names (4 + 13 + 11) = 66.
    expect(chain.viewAccount('alice.near')!.storageUsage).toBe(182n + 33n + 66n + 40n);
  });

  it('deletes a key and frees its storage', () => {
    const chain = testChain();
    execute(chain, 'alice.near', 'alice.near', [
      { type: 'AddKey', publicKey: keyOf('second').publicKey, accessKey: { nonce: 0n, permission: { type: 'FullAccess' } } },
    ]);
    expect(chain.viewAccount('alice.near')!.storageUsage).toBe(264n);
    const { tx } = execute(chain, 'alice.near', 'alice.near', [{ type: 'DeleteKey', publicKey: keyOf('second').publicKey }]);
    expect(tx.gasBurnt).toBe(RECEIPT + DELETE_KEY);
    expect(chain.viewAccount('alice.near')!.storageUsage).toBe(182n);
    const { final } = execute(chain, 'alice.near', 'alice.near', [{ type: 'DeleteKey', publicKey: keyOf('second').publicKey }]);
    expect(final.status).toMatchObject({ error: { error: { kind: { kind: 'DeleteKeyDoesNotExist', account_id: 'alice.near' } } } });
  });

  it('refuses a duplicate key and keys added by someone else', () => {
    const chain = testChain();
    const dup = execute(chain, 'alice.near', 'alice.near', [
      { type: 'AddKey', publicKey: keyOf('alice.near').publicKey, accessKey: { nonce: 0n, permission: { type: 'FullAccess' } } },
    ]);
    expect(dup.final.status).toMatchObject({ error: { error: { kind: { kind: 'AddKeyAlreadyExists' } } } });
    const other = execute(chain, 'alice.near', 'bob.near', [
      { type: 'AddKey', publicKey: keyOf('x').publicKey, accessKey: { nonce: 0n, permission: { type: 'FullAccess' } } },
    ]);
    expect(other.final.status).toMatchObject({
      error: { error: { kind: { kind: 'ActorNoPermission', account_id: 'bob.near', actor_id: 'alice.near' } } },
    });
  });
});

describe('DeleteAccount', () => {
  it('sends the remaining balance to the beneficiary through a refund receipt', () => {
    const chain = testChain();
    const before = balance(chain, 'bob.near');
    const { tx, receipts } = execute(chain, 'alice.near', 'alice.near', [{ type: 'DeleteAccount', beneficiaryId: 'bob.near' }]);
    expect(tx.gasBurnt).toBe(RECEIPT + DELETE_ACCOUNT);
    expect(chain.viewAccount('alice.near')).toBeUndefined();
    // Alice had 100 NEAR − conversion cost (burnt at 1e8, exec bought at 1e9); the receipt sends
    // what is left in her account to bob; the gas refund to a deleted account is burnt.
    const conversion = (RECEIPT + DELETE_ACCOUNT) * PRICE + (RECEIPT + DELETE_ACCOUNT) * PURCHASE;
    expect(balance(chain, 'bob.near')).toBe(before + 100n * NEAR - conversion);
    expect(receipts.map((r) => r.executorId)).toEqual(['alice.near', 'bob.near', 'alice.near']);
    expect(chain.totals.otherBurntAmount).toBe((RECEIPT + DELETE_ACCOUNT) * SURPLUS);
  });
});

describe('Stake', () => {
  it('locks the stake and rejects staking more than the balance', () => {
    const chain = testChain();
    const stakeKey = keyOf('validator').publicKey;
    const { tx, receipts } = execute(chain, 'alice.near', 'alice.near', [{ type: 'Stake', stake: 10n * NEAR, publicKey: stakeKey }]);
    expect(tx.gasBurnt).toBe(RECEIPT + 141_715_687_500n);
    expect(receipts[0].gasBurnt).toBe(RECEIPT + 102_217_625_000n);
    const a = chain.viewAccount('alice.near')!;
    expect(a.locked).toBe(10n * NEAR);
    expect(a.amount).toBe(90n * NEAR - (RECEIPT + 141_715_687_500n + RECEIPT + 102_217_625_000n) * PRICE);
    const { final } = execute(chain, 'alice.near', 'alice.near', [{ type: 'Stake', stake: 1000n * NEAR, publicKey: stakeKey }]);
    expect(final.status).toMatchObject({ error: { error: { kind: { kind: 'TriesToStake', stake: 1000n * NEAR, locked: 10n * NEAR } } } });
  });
});

describe('atomicity', () => {
  it('rolls back every action of a failed receipt', () => {
    const chain = testChain();
    const actions: Action[] = [
      { type: 'AddKey', publicKey: keyOf('k1').publicKey, accessKey: { nonce: 0n, permission: { type: 'FullAccess' } } },
      { type: 'Transfer', deposit: NEAR },
      { type: 'DeleteKey', publicKey: keyOf('missing').publicKey },
    ];
    const { final } = execute(chain, 'alice.near', 'alice.near', actions);
    expect(final.status).toMatchObject({ error: { error: { index: 2n, kind: { kind: 'DeleteKeyDoesNotExist' } } } });
    expect(chain.viewAccessKey('alice.near', keyOf('k1').publicKey)).toBeUndefined();
    expect(chain.viewAccount('alice.near')!.storageUsage).toBe(182n);
  });
});
