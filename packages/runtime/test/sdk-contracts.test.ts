/**
 * Real near-sdk-rs contracts on the chain (fetched by tools/fixtures/fetch-contracts.mjs into
 * fixtures/contracts/npm/): a fungible token and the linkdrop, end to end with access keys,
 * promises, account creation and callbacks.
 */
import { KeyPair, NEAR, type Action } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { checkSupplyInvariant } from '../src/index.js';
import { npmContract } from './contracts.js';
import { balance, execute, testChain } from './helpers.js';

const TGAS = 10n ** 12n;
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const call = (method: string, args: object, gas = 100n * TGAS, deposit = 0n): Action => ({
  type: 'FunctionCall',
  methodName: method,
  args: utf8(JSON.stringify(args)),
  gas,
  deposit,
});

const ft = npmContract('fungible_token');
const linkdrop = npmContract('testnet-linkdrop');

describe.skipIf(ft === undefined)('near-sdk-rs fungible token', () => {
  it('new, transfer with its storage deposit, a refused transfer refunds the deposit', () => {
    const chain = testChain({ accounts: [{ accountId: 'token.near', amount: 10n * NEAR, code: ft! }] });
    expect(execute(chain, 'alice.near', 'token.near', [call('new', { owner_id: 'alice.near', total_supply: '1000000' })]).final.status.kind).toBe(
      'SuccessValue',
    );
    const before = balance(chain, 'alice.near');
    const poor = execute(chain, 'alice.near', 'token.near', [call('transfer', { new_owner_id: 'bob.near', amount: '1000' }, 100n * TGAS, NEAR / 100n)]);
    expect(poor.final.status).toMatchObject({
      error: {
        error: {
          kind: {
            error: {
              msg: "Smart contract panicked: panicked at 'The required attached deposit is 36500000000000000000000, but the given attached deposit is is 10000000000000000000000', src/lib.rs:254:13",
            },
          },
        },
      },
    });
    // Only gas was spent: the deposit came back.
    expect(balance(chain, 'alice.near')).toBe(before - (poor.tx.gasBurnt + poor.receipts[0].gasBurnt) * 100_000_000n);
    const ok = execute(chain, 'alice.near', 'token.near', [call('transfer', { new_owner_id: 'bob.near', amount: '1000' }, 100n * TGAS, 36_500_000_000_000_000_000_000n)]);
    expect(ok.final.status.kind).toBe('SuccessValue');
    expect(text(chain.view('token.near', 'get_balance', { owner_id: 'bob.near' }).result)).toBe('"1000"');
    expect(text(chain.view('token.near', 'get_balance', { owner_id: 'alice.near' }).result)).toBe('"999000"');
    checkSupplyInvariant(chain);
  });
});

describe.skipIf(linkdrop === undefined)('near-sdk-rs linkdrop', () => {
  it('send adds a function-call key; that key creates and funds a new account', () => {
    const chain = testChain({ accounts: [{ accountId: 'testnet', amount: 10n * NEAR, code: linkdrop! }] });
    const drop = KeyPair.fromNearcoreTestSeed('linkdrop key');
    const sent = execute(chain, 'alice.near', 'testnet', [call('send', { public_key: drop.publicKey.toString() }, 100n * TGAS, 2n * NEAR)]);
    expect(sent.final.status.kind).toBe('SuccessValue');
    const key = chain.viewAccessKey('testnet', drop.publicKey)!;
    expect(key.permission).toEqual({
      type: 'FunctionCall',
      functionCall: { allowance: NEAR, receiverId: 'testnet', methodNames: ['claim', 'create_account_and_claim'] },
    });

    const carol = KeyPair.fromNearcoreTestSeed('carol');
    const claimed = execute(
      chain,
      'testnet',
      'testnet',
      [call('create_account_and_claim', { new_account_id: 'carol.testnet', new_public_key: carol.publicKey.toString() })],
      drop,
    );
    expect(claimed.final.status.kind).toBe('SuccessValue');
    const account = chain.viewAccount('carol.testnet')!;
    // 2 NEAR sent − 1 NEAR allowance kept on the key = 1 NEAR for the new account.
    expect(account.amount).toBe(NEAR);
    expect(chain.viewAccessKey('carol.testnet', carol.publicKey)?.permission).toEqual({ type: 'FullAccess' });
    // create_account_and_claim returns the promise; its callback deletes the used key.
    expect(claimed.receipts[0].status.kind).toBe('SuccessReceiptId');
    expect(claimed.receipts[1].executorId).toBe('carol.testnet');
    expect(chain.viewAccessKey('testnet', drop.publicKey)).toBeUndefined();
    checkSupplyInvariant(chain);
  });
});
