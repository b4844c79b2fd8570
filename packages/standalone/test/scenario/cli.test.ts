/** `nearts scenario run` through the command-line entry point (in process). */
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/index.js';
import { buildContracts, builtDir, examplesDir, writeScenario } from './helpers.js';

beforeAll(() => buildContracts());
afterEach(() => vi.restoreAllMocks());

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const code = await runCli(args);
  vi.restoreAllMocks();
  return { code, out, err };
}

const counter = (logs: string[]) => ({
  genesis: { accounts: { 'a.near': { balance: '10 NEAR' }, 'c.near': { balance: '10 NEAR', code: `file:${join(builtDir, 'counter.wasm')}` } } },
  steps: [{ step: 'call', from: 'a.near', to: 'c.near', method: 'increment', expect: { logs } }],
});

describe('nearts scenario run', () => {
  it('exits 0 when every expectation holds', async () => {
    const r = await cli(['scenario', 'run', join(examplesDir, 'financial-transaction.scen.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PASS .*financial-transaction\.scen\.json — Financial transaction: alice pays bob\n/);
    expect(r.out).toContain('  4 step(s): 4 passed, 0 failed\n');
  });

  it('exits 1 on a failed expectation and 0 after --update-expectations fixed it', async () => {
    const file = writeScenario(counter(['counter is now 5']));
    const failed = await cli(['scenario', 'run', file]);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('          expected: "counter is now 5"\n          got:      "counter is now 1"');
    const json = await cli(['scenario', 'run', '--json', file]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out).ok).toBe(false);
    expect((await cli(['scenario', 'run', '--update-expectations', file])).code).toBe(0);
    expect((await cli(['scenario', 'run', file])).code).toBe(0);
  });

  it('exits 2 on a file that cannot run, and on a missing path', async () => {
    const bad = writeScenario({ steps: [{ step: 'call' }] });
    const r = await cli(['scenario', 'run', bad]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`error: ${bad}: step 0, $.steps[0]: missing field "from"`);
    const missing = await cli(['scenario', 'run', '/nonexistent/x.scen.json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('nearts: no such file or directory: /nonexistent/x.scen.json\n');
  });
});
