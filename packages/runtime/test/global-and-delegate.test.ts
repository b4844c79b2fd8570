/**
 * Global contracts (NEP-591), deterministic account state init (NEP-616) and delegate actions
 * (NEP-366) against hand-derived protocol-86 numbers (fee table in actions.test.ts, plus):
 *   deploy_global_contract  base 184_765_750_000 (send, exec); byte send_sir 6_812_999, exec 70_000_000
 *   use_global_contract     base 184_765_750_000; identifier byte send_sir 6_812_999, exec 64_572_944
 *   deterministic_state_init base send 500_000_000_000 exec 7_430_000_000_000; entry exec 200_000_000_000;
 *                           byte send 72_000_000 exec 70_000_000
 *   delegate                200_000_000_000 (send, exec)
 * Global contract storage is burnt: 1e20 yN per byte of code.
 */
import {
  delegateActionHash,
  deriveNearDeterministicAccountId,
  NEAR,
  sha256,
  type Action,
  type DeterministicAccountStateInit,
} from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { balance, execute, keyOf, testChain } from './helpers.js';

const RECEIPT = 108_059_500_000n;
const TRANSFER = 115_123_062_500n;
const PRICE = 100_000_000n;
const code = new Uint8Array(1000).map((_, i) => i % 251);

describe('global contracts', () => {
  it('deploys by code hash, distributes, and another account uses it', () => {
    const chain = testChain();
    const before = balance(chain, 'alice.near');
    const d = execute(chain, 'alice.near', 'alice.near', [{ type: 'DeployGlobalContract', code, deployMode: 'CodeHash' }]);
    const send = RECEIPT + 184_765_750_000n + 1000n * 6_812_999n;
    const exec = RECEIPT + 184_765_750_000n + 1000n * 70_000_000n;
    expect(d.tx.gasBurnt).toBe(send);
    expect(d.receipts[0].gasBurnt).toBe(exec);
    // 1000 bytes × 1e20 yN are burnt on top of the gas.
    expect(d.receipts[0].tokensBurnt).toBe(exec * PRICE + 1000n * 10n ** 20n);
    expect(balance(chain, 'alice.near')).toBe(before - (send + exec) * PRICE - 1000n * 10n ** 20n);
    // The distribution receipt (to `system`) is not listed in the outcome.
    expect(d.receipts[0].receiptIds.length).toBe(1);

    const hash = sha256(code);
    const u = execute(chain, 'bob.near', 'bob.near', [{ type: 'UseGlobalContract', contractIdentifier: { type: 'CodeHash', hash } }]);
    expect(u.tx.gasBurnt).toBe(RECEIPT + 184_765_750_000n + 32n * 6_812_999n);
    expect(u.receipts[0].gasBurnt).toBe(RECEIPT + 184_765_750_000n + 32n * 64_572_944n);
    const bob = chain.viewAccount('bob.near')!;
    expect(bob.version).toBe('V2');
    expect(bob.contract).toEqual({ type: 'Global', hash });
    expect(bob.storageUsage).toBe(182n + 32n);
  });

  it('fails to use a contract that was never deployed', () => {
    const chain = testChain();
    const { final } = execute(chain, 'bob.near', 'bob.near', [{ type: 'UseGlobalContract', contractIdentifier: { type: 'AccountId', accountId: 'alice.near' } }]);
    expect(final.status).toMatchObject({
      error: { error: { index: 0n, kind: { kind: 'GlobalContractDoesNotExist', identifier: { kind: 'AccountId', account_id: 'alice.near' } } } },
    });
  });
});

describe('DeterministicStateInit', () => {
  it('creates the 0s account, takes only the storage stake from the deposit and refunds the rest', () => {
    const chain = testChain({ globalContracts: [{ code }] });
    const stateInit: DeterministicAccountStateInit = {
      version: 'V1',
      code: { type: 'CodeHash', hash: sha256(code) },
      data: [[Uint8Array.of(1), new Uint8Array(700)]],
    };
    const id = deriveNearDeterministicAccountId(stateInit);
    expect(id.startsWith('0s')).toBe(true);
    const before = balance(chain, 'alice.near');
    const { tx, receipts } = execute(chain, 'alice.near', id, [{ type: 'DeterministicStateInit', stateInit, deposit: NEAR }]);
    const send = RECEIPT + 500_000_000_000n + 701n * 72_000_000n;
    const exec = RECEIPT + 7_430_000_000_000n + 200_000_000_000n + 701n * 70_000_000n;
    expect(tx.gasBurnt).toBe(send);
    expect(receipts[0].gasBurnt).toBe(exec);
    // Storage 100 + 32 + (1 + 700 + 40) = 873 bytes → 873e19 yN stay on the account.
    const account = chain.viewAccount(id)!;
    expect(account.storageUsage).toBe(873n);
    expect(account.amount).toBe(873n * 10n ** 19n);
    expect(chain.viewState(id)).toEqual([[Uint8Array.of(1), new Uint8Array(700)]]);
    // The receipt created an account, so the 0.007 NEAR creation charge applies; nearcore always
    // deducts create_account's exec gas (7.2e12 × 1e8) from it, even without a CreateAccount action.
    const charge = 7_000_000_000_000_000_000_000n - 7_200_000_000_000n * PRICE;
    expect(receipts[0].tokensBurnt).toBe(exec * PRICE + charge);
    expect(balance(chain, 'alice.near')).toBe(before - 873n * 10n ** 19n - (send + exec) * PRICE - charge);
  });

  it('rejects a receiver that is not the derived id', () => {
    const chain = testChain({ globalContracts: [{ code }] });
    const stateInit: DeterministicAccountStateInit = { version: 'V1', code: { type: 'CodeHash', hash: sha256(code) }, data: [] };
    const derived = deriveNearDeterministicAccountId(stateInit);
    expect(() => execute(chain, 'alice.near', 'bob.near', [{ type: 'DeterministicStateInit', stateInit, deposit: 0n }])).toThrow(
      expect.objectContaining({
        data: {
          kind: 'ActionsValidation',
          error: { kind: 'InvalidDeterministicStateInitReceiver', derived_id: derived, receiver_id: 'bob.near' },
        },
      }),
    );
  });
});

describe('Delegate (NEP-366)', () => {
  function delegate(chain: ReturnType<typeof testChain>, nonce: bigint, actions: Action[], maxBlockHeight = 100n): Action {
    const delegateAction = { senderId: 'alice.near', receiverId: 'bob.near', actions, nonce, maxBlockHeight, publicKey: keyOf('alice.near').publicKey };
    void chain;
    return { type: 'Delegate', delegateAction, signature: keyOf('alice.near').sign(delegateActionHash(delegateAction)) };
  }

  it('the relayer pays gas and deposit, the sender acts', () => {
    const chain = testChain();
    const bobBefore = balance(chain, 'bob.near');
    const aliceBefore = balance(chain, 'alice.near');
    const { tx, receipts, final } = execute(chain, 'bob.near', 'alice.near', [delegate(chain, 1n, [{ type: 'Transfer', deposit: NEAR }])]);
    // Conversion (bob → alice, not sir): receipt + delegate + inner transfer send.
    expect(tx.gasBurnt).toBe(RECEIPT + 200_000_000_000n + TRANSFER);
    // On alice: receipt exec + delegate exec + the inner send fees burnt now.
    expect(receipts[0].gasBurnt).toBe(RECEIPT + 200_000_000_000n + TRANSFER);
    // The inner receipt runs on bob.near with predecessor alice.near.
    expect(receipts[1].executorId).toBe('bob.near');
    expect(receipts[1].gasBurnt).toBe(RECEIPT + TRANSFER);
    expect(final.status.kind).toBe('SuccessValue');
    expect(balance(chain, 'alice.near')).toBe(aliceBefore);
    const gas = 2n * (RECEIPT + 200_000_000_000n + TRANSFER) + RECEIPT + TRANSFER;
    expect(balance(chain, 'bob.near')).toBe(bobBefore - gas * PRICE);
    expect(chain.viewAccessKey('alice.near', keyOf('alice.near').publicKey)!.nonce).toBe(1n);
  });

  it('rejects a replayed delegate nonce and an expired delegate action', () => {
    const chain = testChain();
    execute(chain, 'bob.near', 'alice.near', [delegate(chain, 1n, [{ type: 'Transfer', deposit: 1n }])]);
    const replay = execute(chain, 'bob.near', 'alice.near', [delegate(chain, 1n, [{ type: 'Transfer', deposit: 1n }])]);
    expect(replay.final.status).toMatchObject({ error: { error: { kind: { kind: 'DelegateActionInvalidNonce', delegate_nonce: 1n, ak_nonce: 1n } } } });
    const expired = execute(chain, 'bob.near', 'alice.near', [delegate(chain, 2n, [{ type: 'Transfer', deposit: 1n }], 1n)]);
    expect(expired.final.status).toMatchObject({ error: { error: { kind: { kind: 'DelegateActionExpired' } } } });
  });
});
