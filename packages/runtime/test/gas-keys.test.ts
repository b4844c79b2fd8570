/**
 * Gas keys (NEP-611, protocol 85): a key with its own balance that pays for gas, nonce rows per
 * index, Transaction V1 with a gas-key nonce, refunds back to the key, burning on deletion.
 *
 * Fees: gas_key_byte send 59_357_464 exec 101_435_400; gas_key_nonce_write_base exec 64_196_736_000;
 * gas_key_transfer_base send 115_123_062_500 exec 235_676_644_250; add_full_access_key 101_765_125_000.
 * Trie key of alice.near's ed25519 access key: 1 + 10 + 1 + 33 = 45 bytes; a nonce row adds 2.
 */
import { NEAR, transactionHash, trieKeys, type Action, type Transaction } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { checkSupplyInvariant } from '../src/index.js';
import { balance, execute, keyOf, testChain } from './helpers.js';

const RECEIPT = 108_059_500_000n;
const PRICE = 100_000_000n;
const gk = keyOf('gas key');

describe('gas keys', () => {
  it('add, fund, pay gas from the key, withdraw, delete (burning the rest)', () => {
    const chain = testChain();
    const add = execute(chain, 'alice.near', 'alice.near', [
      { type: 'AddKey', publicKey: gk.publicKey, accessKey: { nonce: 0n, permission: { type: 'GasKeyFullAccess', gasKeyInfo: { balance: 0n, numNonces: 2 } } } },
    ]);
    // send: full key + 18 bytes of GasKeyInfo; exec: full key + 2 nonce rows of (45 + 2) key + 8 value bytes.
    expect(add.tx.gasBurnt).toBe(RECEIPT + 101_765_125_000n + 18n * 59_357_464n);
    expect(add.receipts[0].gasBurnt).toBe(RECEIPT + 101_765_125_000n + 2n * 64_196_736_000n + 2n * 55n * 101_435_400n);
    // Storage: key 33 + borsh 27 + 40, and per nonce 33 + 2 + 8 + 40.
    expect(chain.viewAccount('alice.near')!.storageUsage).toBe(182n + 100n + 2n * 83n);

    const fund = execute(chain, 'alice.near', 'alice.near', [{ type: 'TransferToGasKey', publicKey: gk.publicKey, deposit: 2n * NEAR }]);
    expect(fund.tx.gasBurnt).toBe(RECEIPT + 115_123_062_500n + 33n * 59_357_464n);
    expect(fund.receipts[0].gasBurnt).toBe(RECEIPT + 235_676_644_250n + (45n + 27n) * 101_435_400n);
    const keyBalance = () => {
      const p = chain.viewAccessKey('alice.near', gk.publicKey)!.permission;
      return p.type === 'GasKeyFullAccess' ? p.gasKeyInfo.balance : -1n;
    };
    expect(keyBalance()).toBe(2n * NEAR);

    // A V1 transaction with a gas-key nonce: gas from the key, the deposit from the account.
    const rowNonce = chain.state.get(trieKeys.gasKeyNonce('alice.near', gk.publicKey, 0));
    expect(rowNonce).toBeDefined();
    const nonce = new DataView(rowNonce!.buffer, rowNonce!.byteOffset, 8).getBigUint64(0, true) + 1n;
    const transaction: Transaction = {
      version: 'V1',
      signerId: 'alice.near',
      publicKey: gk.publicKey,
      nonce: { type: 'GasKeyNonce', nonce, nonceIndex: 0 },
      receiverId: 'bob.near',
      blockHash: chain.head.hash,
      actions: [{ type: 'Transfer', deposit: NEAR }],
      nonceMode: 'Monotonic',
    };
    const aliceBefore = balance(chain, 'alice.near');
    const h = chain.submit({ transaction, signature: gk.sign(transactionHash(transaction)) });
    chain.runUntilIdle();
    checkSupplyInvariant(chain);
    expect(chain.finalOutcome(h).status.kind).toBe('SuccessValue');
    expect(balance(chain, 'alice.near')).toBe(aliceBefore - NEAR);
    // The key paid conversion + execution at 1e8; the purchase surplus went back to the key.
    expect(keyBalance()).toBe(2n * NEAR - 2n * 223_182_562_500n * PRICE);

    const over = execute(chain, 'alice.near', 'alice.near', [{ type: 'DeleteKey', publicKey: gk.publicKey }]);
    expect(over.final.status).toMatchObject({ error: { error: { kind: { kind: 'GasKeyBalanceTooHigh' } } } });

    const withdraw: Action = { type: 'WithdrawFromGasKey', publicKey: gk.publicKey, amount: NEAR + NEAR / 2n };
    execute(chain, 'alice.near', 'alice.near', [withdraw]);
    const left = keyBalance();
    expect(left).toBe(NEAR / 2n - 2n * 223_182_562_500n * PRICE);
    const burntBefore = chain.totals.txBurntAmount;
    const del = execute(chain, 'alice.near', 'alice.near', [{ type: 'DeleteKey', publicKey: gk.publicKey }]);
    expect(del.final.status.kind).toBe('SuccessValue');
    expect(chain.viewAccessKey('alice.near', gk.publicKey)).toBeUndefined();
    // The key's balance is burnt with the receipt.
    expect(del.receipts[0].tokensBurnt).toBe(del.receipts[0].gasBurnt * PRICE + left);
    expect(chain.totals.txBurntAmount - burntBefore).toBe(del.tx.tokensBurnt + del.receipts[0].tokensBurnt);
    expect(chain.viewAccount('alice.near')!.storageUsage).toBe(182n);
  });
});
