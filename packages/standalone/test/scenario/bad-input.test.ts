/** A scenario that cannot run as written is refused with the file, the step and the JSON path. */
import { join } from 'node:path';
import type { JsonValue } from '@nearts/primitives';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenarioPath, scenarioRunCommand } from '../../src/scenario/index.js';
import { builtDir, buildContracts, collect, writeScenario } from './helpers.js';

beforeAll(() => buildContracts());

const genesis = { accounts: { 'alice.near': { balance: '100 NEAR' }, 'bob.near': { balance: '1 NEAR' } } };

function errorOf(scenario: JsonValue | string): { message: string; step?: number; path: string; file: string } {
  const file = writeScenario(scenario);
  const { report } = runScenarioPath(file);
  expect(report.error, 'expected the scenario to be refused').toBeDefined();
  const e = report.error!;
  expect(e.file).toBe(file);
  expect(e.message.startsWith(`${file}: `)).toBe(true);
  return { message: e.message.slice(file.length + 2), step: e.step, path: e.path, file };
}

describe('malformed scenario files', () => {
  it('names the step and the JSON path of a bad field', () => {
    const e = errorOf({
      genesis,
      steps: [
        { step: 'transaction', from: 'alice.near', to: 'bob.near', actions: [{ transfer: '1 NEAR' }] },
        { step: 'call', from: 'alice.near', to: 'bob.near', method: 'm', expect: { gasBurnt: { max: '5 Tgs' } } },
      ],
    });
    expect(e.step).toBe(1);
    expect(e.path).toBe('$.steps[1].expect.gasBurnt.max');
    expect(e.message).toBe('step 1, $.steps[1].expect.gasBurnt.max: not a gas amount: unknown gas amount unit "Tgs" in "5 Tgs"');
  });

  it('rejects unknown fields, steps and actions, listing what is allowed', () => {
    expect(errorOf({ genesis, steps: [{ step: 'call', from: 'alice.near', to: 'bob.near', method: 'm', deposti: '1' }] }).message).toBe(
      'step 0, $.steps[0].deposti: unknown field "deposti" (expected one of: step, id, comment, from, key, to, method, args, gas, deposit, expect)',
    );
    expect(errorOf({ genesis, steps: [{ step: 'send' }] }).message).toMatch(
      /^step 0, \$\.steps\[0\]\.step: unknown step "send" \(expected one of: transaction, call, rawTransaction, view, patchState, advanceBlocks, setTimestamp, checkState\)$/,
    );
    expect(errorOf({ genesis, steps: [{ step: 'transaction', from: 'alice.near', to: 'bob.near', actions: [{ transfer: '1 NEAR' }, { burn: {} }] }] }).path).toBe(
      '$.steps[0].actions[1].burn',
    );
    expect(errorOf({ genesis, steps: [{ step: 'view', contract: 'bob.near' }] }).message).toBe('step 0, $.steps[0]: missing field "method"');
    expect(errorOf({ genesis, stpes: [] }).message).toBe('$.stpes: unknown field "stpes" (expected one of: $schema, name, comment, genesis, steps)');
  });

  it('explains value notation mistakes', () => {
    const e = errorOf({ genesis, steps: [{ step: 'call', from: 'alice.near', to: 'bob.near', method: 'm', args: 'hello' }] });
    expect(e.path).toBe('$.steps[0].args');
    expect(e.message).toContain('unknown value notation "hello": use "str:", "base64:", "hex:", "json:", "u64:" (u8…u128), "file:", or a JSON value that is not a string');
    expect(errorOf({ genesis, steps: [{ step: 'view', contract: 'bob.near', method: 'm', args: 'u8:256' }] }).message).toBe('step 0, $.steps[0].args: 256 does not fit u8');
    expect(errorOf({ genesis: { accounts: { 'alice.near': { balance: 12.5 } } }, steps: [] }).message).toBe(
      '$.genesis.accounts["alice.near"].balance: expected a balance such as "10 NEAR", got 12.5',
    );
    expect(errorOf({ genesis: { accounts: { 'Alice!': {} } }, steps: [] }).message).toBe('$.genesis.accounts["Alice!"]: invalid account id "Alice!"');
  });

  it('names a missing code file with where it looked', () => {
    const e = errorOf({ genesis: { accounts: { 'c.near': { code: 'file:contracts/missing.wasm' } } }, steps: [] });
    expect(e.path).toBe('$.genesis.accounts["c.near"].code');
    expect(e.message).toMatch(/^\$\.genesis\.accounts\["c\.near"\]\.code: file not found: contracts\/missing\.wasm \(looked at .*contracts\/missing\.wasm\)$/);
    const deploy = errorOf({ genesis, steps: [{ step: 'transaction', from: 'alice.near', to: 'alice.near', actions: [{ deployContract: 'file:nope.wasm' }] }] });
    expect(deploy.path).toBe('$.steps[0].actions[0].deployContract');
  });

  it('names unknown accounts and keys the runner cannot sign for', () => {
    const unknown = errorOf({ genesis, steps: [{ step: 'call', from: 'carol.near', to: 'bob.near', method: 'm' }] });
    expect(unknown).toMatchObject({ step: 0, path: '$.steps[0].from' });
    expect(unknown.message).toBe('step 0, $.steps[0].from: no key held for account carol.near (keys are held for: alice.near, bob.near)');
    const key = errorOf({ genesis, steps: [{ step: 'call', from: 'alice.near', key: 'seed:other', to: 'bob.near', method: 'm' }] });
    expect(key.path).toBe('$.steps[0].key');
    expect(key.message).toMatch(/^step 0, \$\.steps\[0\]\.key: no secret key held for ed25519:\w+ of alice\.near \(held: ed25519:\w+\)$/);
    // A genesis key given only as a public key cannot sign.
    const publicOnly = errorOf({
      genesis: { accounts: { 'alice.near': { balance: '1 NEAR', keys: ['ed25519:22skMptHjFWNyuEWY22ftn2AbLPSYpmYwGJRGwpNHbTV'] } } },
      steps: [{ step: 'transaction', from: 'alice.near', to: 'alice.near', actions: [] }],
    });
    expect(publicOnly.message).toBe('step 0, $.steps[0].from: no key held for account alice.near');
  });

  it('reports JSON syntax errors with line and column', () => {
    const e = errorOf('{\n  "steps": [\n    { "step": "view", }\n  ]\n}');
    expect(e.message).toBe('$: not valid JSON: line 3, column 23: expected a quoted field name');
  });

  it('makes the command exit with 2 and print the error', () => {
    const file = writeScenario({ genesis, steps: [{ step: 'advanceBlocks', blocks: -1 }] });
    const out = collect();
    expect(scenarioRunCommand([file], {}, out.write)).toBe(2);
    expect(out.text()).toContain(`ERROR ${file}`);
    expect(out.text()).toContain('error: ' + `${file}: step 0, $.steps[0].blocks: expected a non-negative integer, got number -1`);
    const json = collect();
    expect(scenarioRunCommand([file], { json: true }, json.write)).toBe(2);
    expect(JSON.parse(json.text()).scenarios[0].error).toMatchObject({ file, step: 0, path: '$.steps[0].blocks' });
  });

  it('code paths are relative to the scenario file', () => {
    const file = writeScenario({ genesis: { accounts: { 'c.near': { code: `file:${join(builtDir, 'counter.wasm')}` } } }, steps: [] });
    expect(runScenarioPath(file).report.ok).toBe(true);
  });
});
