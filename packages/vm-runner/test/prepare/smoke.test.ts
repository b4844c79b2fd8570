import { describe, expect, it } from 'vitest';
import { prepareContract } from '../../src/prepare/index.js';
import { GasCounter, pv86Config, runPrepared, wat, WA, REGULAR_OP_COST } from './harness.js';

describe('smoke', () => {
  it('prepares and runs an empty function for 8 ops', async () => {
    const code = await wat('(module (func (export "main")))');
    const prepared = prepareContract(code, pv86Config());
    expect(WA.validate(prepared.code)).toBe(true);
    const counter = new GasCounter(100_000_000_000_000n);
    const res = runPrepared(prepared, 'main', counter);
    expect(res.error).toBeNull();
    expect(res.burnt).toBe(8n * REGULAR_OP_COST);
  });
});
