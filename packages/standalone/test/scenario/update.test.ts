/** Mismatches are reported with expected, actual and a diff; --update-expectations rewrites them. */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJsonText, runScenarioPath, scenarioRunCommand } from '../../src/scenario/index.js';
import { buildContracts, builtDir, collect, writeScenario } from './helpers.js';

beforeAll(() => buildContracts());

const scenario = () => ({
  genesis: {
    accounts: {
      'alice.near': { balance: '100 NEAR' },
      'counter.near': { balance: '10 NEAR', code: `file:${join(builtDir, 'counter.wasm')}` },
    },
  },
  steps: [
    {
      step: 'call',
      id: 'increment',
      from: 'alice.near',
      to: 'counter.near',
      method: 'increment',
      expect: { status: 'success', logs: ['counter is now 2'], gasBurnt: { max: '1 Tgas' }, receipts: ['*', '*', '*'] },
    },
    { step: 'view', contract: 'counter.near', method: 'get_num', expect: { value: { n: 1 } } },
    { step: 'call', from: 'alice.near', to: 'counter.near', method: 'nope' },
    { step: 'checkState', accounts: { 'counter.near': { storage: { 'str:c': 'u64:5', 'str:x': 'str:y' } }, 'ghost.near': { balance: '1 NEAR' } } },
  ],
});

describe('mismatches', () => {
  it('say what was expected, what came, and where they differ', () => {
    const file = writeScenario(scenario());
    const out = collect();
    expect(scenarioRunCommand([file], {}, out.write)).toBe(1);
    const text = out.text();
    expect(text).toContain(`FAIL ${file}`);
    expect(text).toContain(
      [
        '      ✗ expect.logs[0]',
        '          expected: "counter is now 2"',
        '          got:      "counter is now 1"',
      ].join('\n'),
    );
    expect(text).toMatch(/ {6}✗ expect\.gasBurnt\n {10}expected: \{"max":"1 Tgas"\}\n {10}got: {6}"\d\.\d+ Tgas"\n {10}- expected ≤ 1 Tgas, got "\d\.\d+ Tgas"/);
    expect(text).toContain('          - expected 3 item(s), got 2');
    expect(text).toContain('          - (value): expected {"n":1}, got 1');
    expect(text).toContain('          - str:c: expected base64:BQAAAAAAAAA=, got base64:AQAAAAAAAAA=');
    expect(text).toContain('          - str:x: missing (expected "str:y")');
    expect(text).toContain('          - account ghost.near does not exist');
    expect(text).toContain('  4 step(s): 1 passed, 3 failed');

    const json = collect();
    scenarioRunCommand([file], { json: true }, json.write);
    const report = JSON.parse(json.text());
    expect(report.ok).toBe(false);
    const step0 = report.scenarios[0].steps[0];
    expect(step0.checks.find((c: { path: string }) => c.path === '$.steps[0].expect.logs[0]')).toEqual({
      path: '$.steps[0].expect.logs[0]',
      ok: false,
      expected: 'counter is now 2',
      actual: 'counter is now 1',
      diff: ['expected "counter is now 2", got "counter is now 1"'],
    });
    expect(step0.actual.receipts.map((r: { executor: string }) => r.executor)).toEqual(['counter.near', 'alice.near']);
  });
});

describe('--update-expectations', () => {
  it('rewrites failed expectations from the actual results, keeps the ones that held, fills steps without any', () => {
    const file = writeScenario(scenario());
    const out = collect();
    expect(scenarioRunCommand([file], { updateExpectations: true }, out.write)).toBe(0);
    expect(out.text()).toContain(`updated 7 expectation(s) in ${file}`);
    const rewritten = parseJsonText(readFileSync(file, 'utf8')) as { steps: Array<Record<string, unknown>> };
    const [call, view, dec, check] = rewritten.steps;
    expect(call.expect).toMatchObject({ status: 'success', logs: ['counter is now 1'] });
    expect((call.expect as { gasBurnt: string }).gasBurnt).toMatch(/^\d\.\d+ Tgas$/);
    expect((call.expect as { receipts: Array<{ executor: string }> }).receipts.map((r) => r.executor)).toEqual(['counter.near', 'alice.near']);
    expect(view.expect).toEqual({ value: 1 });
    expect(dec.expect).toEqual({
      status: 'failure',
      failure: { kind: 'ActionError.FunctionCallError.MethodResolveError.MethodNotFound', message: 'MethodResolveError(MethodNotFound)' },
      logs: [],
      gasBurnt: expect.stringMatching(/ Tgas$/),
    });
    expect(check.accounts).toEqual({ 'counter.near': { storage: { 'str:c': 'base64:AQAAAAAAAAA=' } }, 'ghost.near': { exists: false } });
    // Now it passes as written, and a second update changes nothing.
    expect(runScenarioPath(file).report.ok).toBe(true);
    const before = readFileSync(file, 'utf8');
    expect(runScenarioPath(file, true).updated).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('leaves a passing example byte for byte as it is', () => {
    const file = writeScenario('');
    copyFileSync(join(builtDir, '..', '..', '..', 'examples', 'scenarios', 'cross-contract-call.scen.json'), file);
    const text = readFileSync(file, 'utf8').replaceAll('file:../../fixtures/contracts/built/', `file:${builtDir}/`);
    const again = writeScenario(text);
    expect(runScenarioPath(again, true).updated).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(text);
  });
});
