import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accountView, actionView, base58Decode, toHex, decodeSignedTransaction, fromHex, newAccount, sha256, signedTransactionView, stringifyJson } from '@nearts/primitives';

const sample = JSON.parse(readFileSync(new URL('./vectors/sample-signed-tx.json', import.meta.url), 'utf8'));
const nearJs = JSON.parse(readFileSync(new URL('./vectors/near-js-actions.json', import.meta.url), 'utf8'));

describe('RPC JSON views', () => {
  it('SignedTransactionView of the sample transaction', () => {
    const d = decodeSignedTransaction(fromHex(sample.signedTxHex));
    const raw = signedTransactionView(d.signedTransaction, d.hash);
    const view = raw as Record<string, unknown>;
    expect(view.hash).toBe(sample.txHashBase58);
    expect(view.signer_id).toBe('alice.test.near');
    expect(view.public_key).toBe(sample.signerPublicKey);
    expect(view.signature).toBe('ed25519:' + sample.signature.base58);
    const actions = view.actions as unknown[];
    expect(actions[0]).toBe('CreateAccount');
    expect(actions[1]).toEqual({ Transfer: { deposit: '10000000000000000000000000' } });
    expect(actions[2]).toEqual({ AddKey: { public_key: sample.actions[2].publicKey, access_key: { nonce: 0n, permission: 'FullAccess' } } });
    expect(actions[4]).toEqual({ FunctionCall: { method_name: 'increment', args: 'e30=', gas: 30_000_000_000_000n, deposit: '0' } });
    const json = stringifyJson(raw);
    expect(json).toContain('"nonce":1,');
    expect(json).toContain('"gas":30000000000000,');
  });
  it('global contract and delegate views', () => {
    const byName = new Map(nearJs.vectors.map((v: { name: string; signedTxHex: string }) => [v.name, v.signedTxHex]));
    const first = (name: string) => decodeSignedTransaction(fromHex(byName.get(name) as string)).signedTransaction.transaction.actions[0];
    expect(actionView(first('deploy_global_contract_account_id'))).toEqual({ DeployGlobalContractByAccountId: { code: 'AGFzbQEAAAA=' } });
    expect(actionView(first('use_global_contract_account_id'))).toEqual({ UseGlobalContractByAccountId: { account_id: 'publisher.near' } });
    const delegate = actionView(first('delegate')) as { Delegate: { delegate_action: { actions: unknown[]; nonce: bigint } } };
    expect(delegate.Delegate.delegate_action.nonce).toBe(7n);
    expect(delegate.Delegate.delegate_action.actions[1]).toEqual({ Transfer: { deposit: '5' } });
  });
  it('AccountView', () => {
    expect(stringifyJson(accountView(newAccount(10n ** 24n, 0n, { type: 'None' }, 182n)))).toBe(
      '{"amount":"1000000000000000000000000","locked":"0","code_hash":"11111111111111111111111111111111","storage_usage":182,"storage_paid_at":0}',
    );
    const global = accountView(newAccount(1n, 0n, { type: 'GlobalByAccount', accountId: 'pub.near' }, 132n)) as Record<string, unknown>;
    expect(global.global_contract_account_id).toBe('pub.near');
    const local = accountView(newAccount(1n, 0n, { type: 'Local', hash: sha256(Uint8Array.of(42)) }, 100n)) as Record<string, unknown>;
    // sha256([42]), the hash nearcore's account tests use
    expect(toHex(base58Decode(local.code_hash as string))).toBe('684888c0ebb17f374298b65ee2807526c066094c701bcc7ebbe1c1095f494fc1');
    expect(local.global_contract_hash).toBeUndefined();
  });
  it('stringifyJson writes bigints as exact numbers', () => {
    expect(stringifyJson({ a: 18446744073709551615n, b: 'x', c: [1n] })).toBe('{"a":18446744073709551615,"b":"x","c":[1]}');
  });
});
