/**
 * Output pieces in-process: receipts numbered as on chain (RunExternal), the receipts view, the
 * MethodNotFound hint, nop-outcome detection, value rendering, and the report's receipt lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PublicKey } from '@nearts/primitives';
import { nopOutcome } from '@nearts/vm-logic';
import { describe, expect, it } from 'vitest';
import { describeValue, formatReport, parseContextJson, receiptsView, runMethod, runResultJson } from '../src/index.js';
import { isNopOutcome, methodHint } from '../src/output/report.js';
import { formatNear, formatTgas, groupDigits } from '../src/output/gas-format.js';
import { RunExternal } from '../src/run-external.js';
import { assertFixtures, BUILT, NPM } from './helpers/cli.js';

describe('RunExternal and the receipts view', () => {
  it('numbers receipts 0, 1, 2 (yields too) and groups actions, refunds and resumes by receipt', () => {
    const ext = new RunExternal({ chainId: 'mainnet' });
    expect(ext.createActionReceipt([], 'a.near')).toBe(0);
    ext.appendActionTransfer(0, 5n);
    const y = ext.createPromiseYieldReceipt('self.near');
    expect(y.receiptIndex).toBe(1);
    ext.appendActionFunctionCallWeight(1, Buffer.from('resume'), Buffer.from('{}'), 0n, 7n, 1n);
    expect(ext.createActionReceipt([0, 1], 'b.near')).toBe(2);
    ext.appendActionCreateAccount(2);
    ext.setRefundTo(2, 'refund.near');
    expect(ext.submitPromiseResumeData(y.dataId, Buffer.from('x'))).toBe(true);
    expect(ext.getReceiptReceiver(1)).toBe('self.near');
    expect(ext.getReceiptReceiver(2)).toBe('b.near');
    expect(() => ext.getReceiptReceiver(3)).toThrow();
    const dataId = Buffer.from(y.dataId).toString('base64');
    expect(receiptsView(ext.actionLog)).toEqual({
      receipts: [
        { receipt_index: 0, receiver_id: 'a.near', depends_on: [], actions: [{ Transfer: { deposit: '5' } }] },
        {
          receipt_index: 1, receiver_id: 'self.near', depends_on: [], promise_yield: { data_id: dataId },
          actions: [{ FunctionCall: { method_name: 'resume', args: 'e30=', gas: '7', deposit: '0', gas_weight: '1' } }],
        },
        { receipt_index: 2, receiver_id: 'b.near', depends_on: [0, 1], actions: ['CreateAccount'], refund_to: 'refund.near' },
      ],
      yields: [{ yield_resume: { data_id: dataId, data: 'eA==' } }],
    });
  });

  it('key actions in the view form', () => {
    const ext = new RunExternal();
    const pk = PublicKey.fromString('ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp');
    ext.createActionReceipt([], 'k.near');
    ext.appendActionAddKeyWithFunctionCall(0, pk, 3n, null, 'app.near', [Buffer.from('a'), Buffer.from('b')]);
    ext.appendActionDeleteKey(0, pk);
    ext.appendActionDeleteAccount(0, 'ben.near');
    expect(receiptsView(ext.actionLog).receipts[0]!.actions).toEqual([
      {
        AddKey: {
          public_key: pk.toString(),
          access_key: { nonce: '3', permission: { FunctionCall: { allowance: null, receiver_id: 'app.near', method_names: ['a', 'b'] } } },
        },
      },
      { DeleteKey: { public_key: pk.toString() } },
      { DeleteAccount: { beneficiary_id: 'ben.near' } },
    ]);
  });

  it('a promise returned from a real contract is {"ReceiptIndex": n} with n counted in receipts', () => {
    const linkdrop = join(NPM, 'testnet-linkdrop.wasm');
    assertFixtures(linkdrop);
    const result = runMethod({
      code: readFileSync(linkdrop),
      method: 'create_account',
      context: {
        ...parseContextJson({ current_account_id: 'testnet', predecessor_account_id: 'alice.testnet', attached_deposit: '1000000000000000000000000' }),
        input: Buffer.from('{"new_account_id":"bob.testnet","new_public_key":"ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp"}'),
      },
    });
    const json = runResultJson(result) as { outcome: { return_data: unknown }; receipts: Array<{ receipt_index: number; receiver_id: string; depends_on: number[]; actions: unknown[] }> };
    expect(json.outcome.return_data).toEqual({ ReceiptIndex: 1 });
    expect(json.receipts.map((r) => [r.receipt_index, r.receiver_id, r.depends_on])).toEqual([
      [0, 'bob.testnet', []],
      [1, 'testnet', [0]],
    ]);
    expect(json.receipts[0]!.actions).toEqual([
      'CreateAccount',
      { AddKey: { public_key: 'ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp', access_key: { nonce: '0', permission: 'FullAccess' } } },
      { Transfer: { deposit: '1000000000000000000000000' } },
    ]);
    const report = formatReport(result, 'create_account');
    expect(report).toContain('  return value: the result of receipt #1\n');
    expect(report).toContain('  receipts created:\n    #0 → bob.testnet: CreateAccount, AddKey, Transfer\n    #1 → testnet after #0: FunctionCall\n');
  });
});

describe('runMethod', () => {
  it('keeps the state before the call when the call fails', () => {
    const code = readFileSync(join(BUILT, 'counter.wasm'));
    const state: Array<[Uint8Array, Uint8Array]> = [[Buffer.from('c'), new Uint8Array(8)]];
    const result = runMethod({ code, method: 'decrement', context: parseContextJson({}), state });
    expect(result.outcome.aborted).not.toBeNull();
    expect(result.state).toEqual(state);
  });
});

describe('report pieces', () => {
  it('the method hint names the exported methods', () => {
    const notFound = { kind: 'MethodResolveError', error: 'MethodNotFound' } as const;
    expect(methodHint(notFound, 'x', ['a', 'b'])).toBe('the contract exports no method "x"; its methods: a, b');
    expect(methodHint(notFound, 'x', [])).toBe('the contract exports no method "x"; its methods: (none)');
    expect(methodHint(notFound, 'x', null)).toBe('the contract exports no method "x"');
    expect(methodHint({ kind: 'MethodResolveError', error: 'MethodInvalidSignature' }, 'f', ['a'])).toBe(
      '"f" is exported but takes parameters or returns values; callable methods: a',
    );
    expect(methodHint(null, 'x', ['a'])).toBeNull();
    expect(methodHint(notFound, 'x', undefined)).toBeNull();
  });

  it('the nop outcome is recognised; an abort that charged gas is not', () => {
    const nop = nopOutcome({ kind: 'MethodResolveError', error: 'MethodNotFound' });
    expect(isNopOutcome(nop)).toBe(true);
    expect(isNopOutcome({ ...nop, burntGas: 1n, usedGas: 1n })).toBe(false);
    expect(isNopOutcome({ ...nop, aborted: null })).toBe(false);
  });

  it('values: compact JSON, quoted text, hex for binary', () => {
    expect(describeValue(Buffer.from('{ "a": [1, 2] }'))).toBe('{"a":[1,2]}');
    expect(describeValue(Buffer.from('hello'))).toBe('"hello"');
    expect(describeValue(Buffer.from([0xff, 0x00]))).toBe('0xff00 (2 bytes, binary)');
    expect(describeValue(Buffer.from('a\u0001b'))).toBe('0x610162 (3 bytes, binary)');
    expect(describeValue(new Uint8Array(0))).toBe('""');
  });

  it('gas and balances without floating point', () => {
    expect(formatTgas(151707758960n)).toBe('0.1517 Tgas');
    expect(formatTgas(300_000_000_000_000n, 0)).toBe('300 Tgas');
    expect(formatNear(10n ** 25n + 5n * 10n ** 20n)).toBe('10.0005 NEAR');
    expect(groupDigits(1234567n)).toBe('1_234_567');
    expect(groupDigits(999n)).toBe('999');
  });
});
