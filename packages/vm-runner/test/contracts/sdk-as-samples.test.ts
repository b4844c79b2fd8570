/**
 * The near-sdk-as sample contracts shipped (with sources) in near-sdk-simulator@3.2.1: their
 * methods run against the in-memory External with state carried between calls.
 */
import { describe, expect, it } from 'vitest';
import { displayFunctionCallError } from '@nearts/vm-errors';
import { ContractHarness, npmContract } from './call-helper.js';

const failure = (o: { aborted: Parameters<typeof displayFunctionCallError>[0] | null }) =>
  o.aborted === null ? null : displayFunctionCallError(o.aborted);

describe('near-sdk-as samples', () => {
  it('singleton: init, visits by two accounts, owner, hasVisited, lastVisited', () => {
    const c = new ContractHarness(npmContract('sdk-as-singleton.wasm'), 'singleton.near');
    expect(failure(c.call('new', '{"owner":"alice.near"}'))).toBeNull();
    expect(c.call('owner', '{}', { view: true }).text).toBe('"alice.near"');
    const first = c.call('visit', '{}', { predecessor: 'bob.near' });
    expect(failure(first)).toBeNull();
    expect(first.logs).toEqual(['Visited the first time by bob.near']);
    expect(c.call('visit', '{}', { predecessor: 'bob.near' }).logs).toEqual([]);
    c.call('visit', '{}', { predecessor: 'carol.near' });
    expect(c.call('hasVisited', '{"visitor":"bob.near"}', { view: true }).text).toBe('true');
    expect(c.call('hasVisited', '{"visitor":"dave.near"}', { view: true }).text).toBe('false');
    expect(c.call('lastVisited', '{}', { view: true }).text).toBe('"carol.near"');
  });

  it('avlTreeContract: inserts, lookups, removal and balance', () => {
    const c = new ContractHarness(npmContract('sdk-as-avlTreeContract.wasm'), 'tree.near');
    for (const k of [5, 3, 8, 1, 4, 7, 9, 2, 6]) expect(failure(c.call('insert', JSON.stringify({ key: k, value: k * 10 })))).toBeNull();
    expect(c.call('size', '{}', { view: true }).text).toBe('9');
    expect(c.call('getSome', '{"key":7}', { view: true }).text).toBe('70');
    expect(c.call('has', '{"key":10}', { view: true }).text).toBe('false');
    expect(c.call('keys', '{}', { view: true }).text).toBe('[1,2,3,4,5,6,7,8,9]');
    expect(failure(c.call('remove', '{"key":5}'))).toBeNull();
    expect(c.call('size', '{}', { view: true }).text).toBe('8');
    expect(c.call('values', '{}', { view: true }).text).toBe('[10,20,30,40,60,70,80,90]');
    expect(c.call('isBalanced', '{}', { view: true }).text).toBe('true');
  });

  it('sentences: storage of a Word, the block timestamp, promises and deposit guards', () => {
    const c = new ContractHarness(npmContract('sdk-as-sentences.wasm'), 'sentences.near');
    expect(c.call('GetWord', '{}', { view: true }).text).toBe('{"text":"DEFAULT"}');
    expect(failure(c.call('SetWord', '{"word":{"text":"hello"}}'))).toBeNull();
    expect(c.call('GetWord', '{}', { view: true }).text).toBe('{"text":"hello"}');
    expect(c.call('sample', '{}', { view: true }).text).toBe('"hello world"');
    expect(c.call('getBlock_timestamp', '{}', { view: true }).text).toBe('"42"'); // testContext's timestamp; u64 as a JSON string

    const batch = c.call('contractPromiseBatch', '{}');
    expect(failure(batch)).toBeNull();
    expect(c.external.actionLog.map((a) => a.kind)).toEqual(['CreateReceipt', 'FunctionCallWeight']);
    expect(c.external.actionLog[0]).toMatchObject({ receiverId: 'words.examples' });

    expect(failure(c.call('payableFunction', '{}', { deposit: 5n }))).toBeNull();
    expect(failure(c.call('nonPayableFunction', '{}', { deposit: 5n }))).toMatch(/^Smart contract panicked: /);
    expect(failure(c.call('oneYoctoFunction', '{}', { deposit: 2n }))).toMatch(/^Smart contract panicked: /);
  });
});
