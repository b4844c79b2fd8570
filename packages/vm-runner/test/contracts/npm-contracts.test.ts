/**
 * Real contracts published on npm, run through preparation, instrumentation, the Node executor
 * and vm-logic with the in-memory External. Fetched by tools/fixtures/fetch-contracts.mjs.
 */
import { describe, expect, it } from 'vitest';
import { displayFunctionCallError } from '@nearts/vm-errors';
import { ContractHarness, npmContract } from './call-helper.js';

const NEAR = 10n ** 24n;
const errorText = (o: { aborted: Parameters<typeof displayFunctionCallError>[0] | null }) =>
  o.aborted === null ? null : displayFunctionCallError(o.aborted);

describe('near-sdk-rs fungible token (near-shell@0.24.9)', () => {
  it('new, transfer with storage deposit, balances and total supply', () => {
    const ft = new ContractHarness(npmContract('fungible_token.wasm'), 'token.near');
    const init = ft.call('new', '{"owner_id":"alice.near","total_supply":"1000000"}');
    expect(errorText(init)).toBeNull();
    expect(ft.call('get_total_supply', '{}', { view: true }).text).toBe('"1000000"');

    // The contract charges storage for bob's new balance entry; too little deposit panics
    // with the exact required amount and leaves the state untouched.
    const poor = ft.call('transfer', '{"new_owner_id":"bob.near","amount":"1000"}', { deposit: NEAR / 100n });
    expect(errorText(poor)).toBe(
      "Smart contract panicked: panicked at 'The required attached deposit is 36500000000000000000000, but the given attached deposit is is 10000000000000000000000', src/lib.rs:254:13",
    );
    expect(ft.call('get_balance', '{"owner_id":"alice.near"}', { view: true }).text).toBe('"1000000"');

    const ok = ft.call('transfer', '{"new_owner_id":"bob.near","amount":"1000"}', { deposit: 36_500_000_000_000_000_000_000n });
    expect(errorText(ok)).toBeNull();
    expect(ft.call('get_balance', '{"owner_id":"bob.near"}', { view: true }).text).toBe('"1000"');
    expect(ft.call('get_balance', '{"owner_id":"alice.near"}', { view: true }).text).toBe('"999000"');
    expect(ft.call('get_balance', '{"owner_id":"carol.near"}', { view: true }).text).toBe('"0"');
  });

  it('rejects state-changing methods in a view call with ProhibitedInView', () => {
    const ft = new ContractHarness(npmContract('fungible_token.wasm'), 'token.near');
    const o = ft.call('new', '{"owner_id":"alice.near","total_supply":"5"}', { view: true });
    expect(errorText(o)).toMatch(/is not allowed in view calls$/);
  });

  it('is deterministic: the same call burns the same gas', () => {
    const a = new ContractHarness(npmContract('fungible_token.wasm'), 'token.near');
    const b = new ContractHarness(npmContract('fungible_token.wasm'), 'token.near');
    const args = '{"owner_id":"alice.near","total_supply":"42"}';
    const x = a.call('new', args);
    const y = b.call('new', args);
    expect(x.burntGas).toBe(y.burntGas);
    expect(x.burntGas).toBeGreaterThan(0n);
    expect(x.profile).toEqual(y.profile);
  });
});

describe('near-hello@0.5.1 (AssemblyScript)', () => {
  it('setValue / getValue and hello', () => {
    const hello = new ContractHarness(npmContract('near-hello.wasm'), 'hello.near');
    expect(errorText(hello.call('setValue', '{"value":"nearts"}'))).toBeNull();
    expect(hello.call('getValue', '{}', { view: true }).text).toBe('"nearts"');
    expect(hello.call('hello', '{"name":"world"}', { view: true }).text).toBe('"hello world"');
  });

  it('generateLogs and triggerAssert', () => {
    const hello = new ContractHarness(npmContract('near-hello.wasm'), 'hello.near');
    const logs = hello.call('generateLogs', '{}');
    expect(errorText(logs)).toBeNull();
    expect(logs.logs.length).toBeGreaterThan(0);
    const assert = hello.call('triggerAssert', '{}');
    expect(errorText(assert)).toMatch(/^Smart contract panicked: /);
  });
});

describe('near-sdk-as samples (near-sdk-simulator@3.2.1)', () => {
  it('words: reverse and upcase with logs', () => {
    const words = new ContractHarness(npmContract('sdk-as-words.wasm'), 'words.near');
    const r = words.call('reverse', '{"word":{"text":"nearts"}}');
    expect(errorText(r)).toBeNull();
    expect(r.text).toBe('{"text":"straen"}');
    expect(r.logs).toEqual(['[words.near] invoked function reverse(nearts)']);
    expect(words.call('upcase', '{"word":{"text":"abc"}}').text).toBe('{"text":"ABC"}');
  });
});
