/** The input readers: context file, state file, promise results, strict JSON fields. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseContextJson, parsePromiseResult, parseStateJson, stateToJson, storageUsageOfState, UsageError } from '../src/index.js';
import { decodeBase64, readUnsigned } from '../src/input/json-fields.js';
import { parsePromiseResultsFlags } from '../src/input/promise-results.js';
import { EXAMPLES } from './helpers/cli.js';

function usageMessage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('context file', () => {
  it('an empty object gives the documented defaults', () => {
    expect(parseContextJson({})).toEqual({
      currentAccountId: 'alice',
      signerAccountId: 'bob',
      signerAccountPk: new Uint8Array([0, ...createHash('sha256').update('nearts default signer').digest()]),
      predecessorAccountId: 'carol',
      refundToAccountId: 'carol',
      input: new Uint8Array(0),
      promiseResults: [],
      blockHeight: 1n,
      blockTimestamp: 1586796191203000000n,
      epochHeight: 1n,
      accountBalance: 10000000000000000000000000n,
      accountLockedBalance: 0n,
      storageUsage: 100n,
      accountContract: { kind: 'None' },
      attachedDeposit: 0n,
      prepaidGas: 300000000000000n,
      randomSeed: new Uint8Array(32),
      viewConfig: null,
      outputDataReceivers: [],
    });
  });

  it('examples/run/context-full.json sets every field', () => {
    const ctx = parseContextJson(JSON.parse(readFileSync(join(EXAMPLES, 'context-full.json'), 'utf8')));
    expect(ctx).toMatchObject({
      currentAccountId: 'counter.testnet',
      signerAccountId: 'alice.testnet',
      predecessorAccountId: 'app.alice.testnet',
      refundToAccountId: 'alice.testnet',
      blockHeight: 1234567n,
      blockTimestamp: 1700000000000000000n,
      epochHeight: 42n,
      accountBalance: 5000000000000000000000000n,
      storageUsage: 500n,
      attachedDeposit: 1000000000000000000000000n,
      prepaidGas: 30000000000000n,
      viewConfig: null,
      outputDataReceivers: [],
    });
    expect([...ctx.signerAccountPk]).toEqual([0, ...Array.from({ length: 32 }, (_, i) => i + 1)]);
    expect([...ctx.randomSeed]).toEqual(new Array(32).fill(1));
  });

  it('view calls: is_view uses the prepaid gas as the limit, view_config its own', () => {
    expect(parseContextJson({ is_view: true, prepaid_gas: 5 }).viewConfig).toEqual({ maxGasBurnt: 5n });
    expect(parseContextJson({ view_config: { max_gas_burnt: '7' } }).viewConfig).toEqual({ maxGasBurnt: 7n });
    expect(parseContextJson({ is_view: false }).viewConfig).toBeNull();
  });

  it('the refund account follows the predecessor unless given; old name block_index', () => {
    const ctx = parseContextJson({ predecessor_account_id: 'dave.near', block_index: '9', output_data_receivers: ['x.near'] });
    expect(ctx.refundToAccountId).toBe('dave.near');
    expect(ctx.blockHeight).toBe(9n);
    expect(ctx.outputDataReceivers).toEqual(['x.near']);
  });

  it('errors name the field', () => {
    expect(usageMessage(() => parseContextJson({ output_data_receivers: 'x.near' }))).toBe(
      'context.output_data_receivers: expected an array of account ids, got the string "x.near"',
    );
    expect(usageMessage(() => parseContextJson({ output_data_receivers: ['ok.near', 'BAD'] }))).toMatch(
      /^context\.output_data_receivers\[1\]: invalid account id "BAD"/,
    );
    expect(usageMessage(() => parseContextJson({ is_view: 'yes' }))).toBe('context.is_view: expected true or false, got the string "yes"');
    expect(usageMessage(() => parseContextJson(null))).toBe('context: expected a JSON object, got null');
  });

  it('storage usage implied by a state: 100 + key + value + 40 per entry', () => {
    expect(storageUsageOfState([[new Uint8Array(1), new Uint8Array(8)], [new Uint8Array(3), new Uint8Array(0)]])).toBe(100n + 49n + 43n);
  });
});

describe('strict field readers', () => {
  it('unsigned integers: decimal strings without leading zeros, safe numbers, range checked', () => {
    expect(readUnsigned('18446744073709551615', 'f', 64)).toBe(2n ** 64n - 1n);
    expect(readUnsigned(0, 'f', 64)).toBe(0n);
    expect(readUnsigned('0', 'f', 128)).toBe(0n);
    expect(usageMessage(() => readUnsigned('18446744073709551616', 'f', 64))).toBe('f: value 18446744073709551616 does not fit in u64');
    for (const bad of ['01', '-1', '1e3', ' 1', '', 1.5, -1, 2 ** 53, null, true])
      expect(usageMessage(() => readUnsigned(bad, 'f', 64))).toMatch(/^f: expected a u64 as a decimal string/);
  });

  it('base64: standard alphabet with padding only', () => {
    expect([...decodeBase64('AAEC', 'b')]).toEqual([0, 1, 2]);
    expect([...decodeBase64('/w==', 'b')]).toEqual([255]);
    expect([...decodeBase64('', 'b')]).toEqual([]);
    for (const bad of ['AAE', '_w==', '-w==', 'AA=C', 'AAEC\n', '====']) expect(() => decodeBase64(bad, 'b')).toThrow(UsageError);
  });
});

describe('state file', () => {
  it('round-trips and writes keys sorted by their bytes', () => {
    const entries = parseStateJson({ 'Ag==': 'AQ==', 'Af8=': '', 'AQ==': 'AAA=' }, 's');
    expect(entries.map(([k, v]) => [[...k], [...v]])).toEqual([
      [[2], [1]],
      [[1, 255], []],
      [[1], [0, 0]],
    ]);
    expect(Object.entries(stateToJson(entries))).toEqual([
      ['AQ==', 'AAA='],
      ['Af8=', ''],
      ['Ag==', 'AQ=='],
    ]);
  });

  it('names the file and key in errors', () => {
    expect(usageMessage(() => parseStateJson([], 's.json'))).toBe('s.json: expected a JSON object, got an array');
    expect(usageMessage(() => parseStateJson({ 'AQ==': null }, 's.json'))).toBe('s.json["AQ=="]: expected a string, got null');
  });
});

describe('promise results', () => {
  it("nearcore's PromiseResult JSON", () => {
    expect(parsePromiseResult('NotReady', 'p')).toEqual({ kind: 'NotReady' });
    expect(parsePromiseResult('Failed', 'p')).toEqual({ kind: 'Failed' });
    expect(parsePromiseResult({ Successful: 'NDI=' }, 'p')).toEqual({ kind: 'Successful', data: new Uint8Array([52, 50]) });
    for (const bad of ['Successful', { Successful: 'NDI=', extra: 1 }, { Failed: null }, ['Failed'], 1])
      expect(usageMessage(() => parsePromiseResult(bad, 'p'))).toMatch(/^p: expected "NotReady", "Failed" or \{"Successful": "<base64>"\}, got /);
  });

  it('flags: JSON text or the bare words, in order', () => {
    expect(parsePromiseResultsFlags(['"Failed"', 'NotReady', '{"Successful": ""}', ' Failed '])).toEqual([
      { kind: 'Failed' },
      { kind: 'NotReady' },
      { kind: 'Successful', data: new Uint8Array(0) },
      { kind: 'Failed' },
    ]);
    expect(usageMessage(() => parsePromiseResultsFlags(['Failed', 'notready']))).toMatch(/^--promise-results\[1\]: not valid JSON/);
  });
});
