/**
 * Contracts that create promises: the receipts vm-logic records (receiver, actions, gas,
 * deposits, dependencies) and callbacks fed with scripted promise results.
 */
import { describe, expect, it } from 'vitest';
import { displayFunctionCallError } from '@nearts/vm-errors';
import { builtContract, ContractHarness, npmContract } from './call-helper.js';

const TGAS = 10n ** 12n;
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('cross-contract example (examples/contracts/assembly/cross-contract.ts)', () => {
  it('relay creates a call and a callback on itself, prepaying their gas', () => {
    const c = new ContractHarness(builtContract('cross-contract'), 'relay.near');
    const o = c.call('relay', 'counter.near:get_num');
    expect(o.aborted).toBeNull();
    expect(o.logs).toEqual(['relaying to counter.near']);
    const log = c.external.actionLog;
    expect(log[0]).toEqual({ kind: 'CreateReceipt', receiptIndices: [], receiverId: 'counter.near' });
    expect(log[1]).toMatchObject({ kind: 'FunctionCallWeight', receiptIndex: 0, methodName: utf8('get_num'), args: utf8(''), prepaidGas: 20n * TGAS, attachedDeposit: 0n, gasWeight: 0n });
    expect(log[2]).toEqual({ kind: 'CreateReceipt', receiptIndices: [0], receiverId: 'relay.near' });
    // MockedExternal numbers receipts by their position in its action log, as nearcore's mock does.
    expect(log[3]).toMatchObject({ kind: 'FunctionCallWeight', receiptIndex: 2, methodName: utf8('on_value'), prepaidGas: 10n * TGAS });
    // used = burnt + the 30 Tgas attached to the two receipts (+ unused gas by weight, none here)
    expect(o.usedGas - o.burntGas).toBeGreaterThanOrEqual(30n * TGAS);
  });

  it('the callback sees a successful result and a failure', () => {
    const c = new ContractHarness(builtContract('cross-contract'), 'relay.near');
    const ok = c.call('on_value', '', { predecessor: 'relay.near', promiseResults: [{ kind: 'Successful', data: utf8('7') }] });
    expect(ok.aborted).toBeNull();
    expect(ok.text).toBe('7');
    expect(ok.logs).toEqual(['callee returned 7']);
    const failed = c.call('on_value', '', { predecessor: 'relay.near', promiseResults: [{ kind: 'Failed' }] });
    expect(failed.logs).toEqual(['callee failed']);
    const notCallback = c.call('on_value', '');
    expect(displayFunctionCallError(notCallback.aborted!)).toBe('Smart contract panicked: on_value is a callback');
  });
});

describe('near-sdk-rs linkdrop (near-workspaces@5.0.0)', () => {
  it('send adds a function-call access key for the deposit to the contract itself', () => {
    const c = new ContractHarness(npmContract('testnet-linkdrop.wasm'), 'testnet');
    const key = 'ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp';
    const o = c.call('send', JSON.stringify({ public_key: key }), { deposit: 2n * 10n ** 24n });
    expect(o.aborted).toBeNull();
    const kinds = c.external.actionLog.map((a) => a.kind);
    expect(kinds).toEqual(['CreateReceipt', 'AddKeyWithFunctionCall']);
    expect(c.external.actionLog[0]).toEqual({ kind: 'CreateReceipt', receiptIndices: [], receiverId: 'testnet' });
    expect(c.external.actionLog[1]).toMatchObject({
      kind: 'AddKeyWithFunctionCall',
      receiptIndex: 0,
      receiverId: 'testnet',
      nonce: 0n,
      allowance: 10n ** 24n, // the contract's ACCESS_KEY_ALLOWANCE
      methodNames: [utf8('claim'), utf8('create_account_and_claim')],
    });
    expect(c.call('get_key_balance', JSON.stringify({ key }), { view: true }).text).toBe('"1000000000000000000000000"') // deposit − allowance;
  });

  it('send refuses a deposit that does not exceed the key allowance', () => {
    const c = new ContractHarness(npmContract('testnet-linkdrop.wasm'), 'testnet');
    const key = 'ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp';
    const o = c.call('send', JSON.stringify({ public_key: key }), { deposit: 10n ** 24n });
    expect(displayFunctionCallError(o.aborted!)).toBe(
      "Smart contract panicked: panicked at 'Attached deposit must be greater than ACCESS_KEY_ALLOWANCE', src/lib.rs:53:9",
    );
    expect(c.external.actionLog).toEqual([]);
  });
});
