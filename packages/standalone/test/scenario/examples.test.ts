/** Every example scenario in examples/scenarios runs and passes (the seed's scenarios among them). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenarioPath, scenarioRunCommand } from '../../src/scenario/index.js';
import { buildContracts, collect, examplesDir, hasNpmContract } from './helpers.js';

beforeAll(() => buildContracts());

const files = readdirSync(examplesDir).filter((f) => f.endsWith('.scen.json')).sort();

describe('examples/scenarios', () => {
  it('holds the financial transaction and the cross-contract call', () => {
    expect(files).toEqual(expect.arrayContaining(['financial-transaction.scen.json', 'cross-contract-call.scen.json']));
  });

  for (const f of files) {
    // The fungible token is a real near-sdk-rs contract fetched from npm (`npm run fixtures`, done before the suite in CI).
    const needsFetched = f === 'fungible-token.scen.json' && !hasNpmContract('fungible_token');
    it.skipIf(needsFetched)(`${f} passes`, () => {
      const { report } = runScenarioPath(join(examplesDir, f));
      expect(report.error).toBeUndefined();
      const failed = report.steps.filter((s) => !s.ok).map((s) => ({ step: s.index, checks: s.checks.filter((c) => !c.ok) }));
      expect(failed).toEqual([]);
      expect(report.steps.length).toBeGreaterThan(2);
    });
  }

  it('the seed scenarios check what the spec describes', () => {
    const { report } = runScenarioPath(join(examplesDir, 'cross-contract-call.scen.json'));
    const failing = report.steps.find((s) => s.id === 'callee fails')!;
    const paths = failing.checks.map((c) => c.path);
    // The failed receipt on counter.near, the callback seeing the failure, relay's state after it.
    expect(paths).toContain('$.steps[1].expect.receipts[1].failure');
    expect(failing.checks.find((c) => c.path === '$.steps[1].expect.receipts[1].failure')!.actual).toEqual({
      kind: 'ActionError.FunctionCallError.ExecutionError',
      message: 'Smart contract panicked: counter is already zero',
    });
    expect(failing.checks.find((c) => c.path === '$.steps[1].expect.accounts["relay.near"].storage')!.actual).toEqual({ 'str:last': 'str:failed' });

    const pay = runScenarioPath(join(examplesDir, 'financial-transaction.scen.json')).report.steps[0];
    // 10 NEAR plus 2 × 223_182_562_500 gas at 1e8 yoctoNEAR per gas.
    expect(pay.checks.find((c) => c.path === '$.steps[0].expect.accounts["alice.near"].balance')!.actual).toBe('89.9999553634875 NEAR');
  });

  it('runs the whole directory through the command', () => {
    const out = collect();
    const code = scenarioRunCommand([examplesDir], {}, out.write);
    const skipped = hasNpmContract('fungible_token') ? 0 : 1;
    expect(code).toBe(skipped ? 2 : 0);
    expect(out.text()).toContain(`${files.length} scenario(s): ${files.length - skipped} passed, 0 failed, ${skipped} could not run`);
  });
});
