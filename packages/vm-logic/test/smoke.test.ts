import { describe, expect, it } from 'vitest';
import { runtimeConfig } from '@nearts/runtime-fees';
import { MockMemory, MockedExternal, VMLogic, formatOutcome, getHostFunction, invokeHostFunction, testContext } from '../src/index.js';

describe('smoke', () => {
  it('storage write/read/value_return', () => {
    const cfg = runtimeConfig(86);
    const mem = new MockMemory();
    const logic = new VMLogic({ ext: new MockedExternal(), context: testContext(), config: cfg.wasmConfig, fees: cfg.fees, memory: mem });
    mem.write(0n, new TextEncoder().encode('key'));
    mem.write(10n, new TextEncoder().encode('value'));
    const call = (n: string, ...a: unknown[]) => invokeHostFunction(logic, getHostFunction(n)!, a);
    expect(call('storage_write', 3n, 0n, 5n, 10n, 0n)).toBe(0n);
    expect(call('storage_read', 3n, 0n, 1n)).toBe(1n);
    call('value_return', -1n, 1n);
    console.log(formatOutcome(logic.okOutcome()));
  });
});
