/**
 * `sandbox_debug_log` exists only on a node built with nearcore's `sandbox` feature: at protocol
 * 86 a contract importing it fails to link; with `withSandboxHostFunctions` it links, prints to
 * the `nearts:vm-logic:sandbox` trace and costs no gas.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setTraceSpec } from '@nearts/primitives';
import { runtimeConfig, withSandboxHostFunctions } from '@nearts/runtime-fees';
import { displayFunctionCallError } from '@nearts/vm-errors';
import { MockedExternal, testContext } from '@nearts/vm-logic';
import { LruContractCache, runContract } from '../src/index.js';
import { wat } from './prepare/harness.js';

const source = (withLog: boolean) => `(module
  (import "env" "sandbox_debug_log" (func $log (param i64 i64)))
  (memory 1)
  (data (i32.const 0) "hello \\f0\\9f\\8c\\8d")
  (func (export "main") ${withLog ? '(call $log (i64.const 10) (i64.const 0))' : ''})
  (func (export "oob") (call $log (i64.const 10) (i64.const 67108860))))`; // memory is always 1024 pages = 64 MiB

const call = async (config: ReturnType<typeof runtimeConfig>, method: string, withLog = true) =>
  runContract({
    code: await wat(source(withLog)),
    method,
    context: testContext(),
    config,
    external: new MockedExternal(),
    cache: new LruContractCache(),
  });

afterEach(() => setTraceSpec(''));

describe('sandbox_debug_log', () => {
  it('does not link at protocol 86', async () => {
    const o = await call(runtimeConfig(86), 'main');
    expect(displayFunctionCallError(o.aborted!)).toBe('unknown or invalid import');
  });

  it('links with the sandbox feature, prints to the trace and is free', async () => {
    const lines: string[] = [];
    setTraceSpec('nearts:vm-logic:sandbox', (l) => lines.push(l));
    const config = withSandboxHostFunctions(runtimeConfig(86));
    const logged = await call(config, 'main');
    expect(logged.aborted).toBeNull();
    expect(lines).toEqual(['nearts:vm-logic:sandbox hello 🌍']);
    expect(logged.logs).toEqual([]);
    // The same module with the call removed differs only by the call instruction itself
    // (2 i64.const + call = 3 wasm ops) and the shorter code's loading fee.
    const silent = await call(config, 'main', false);
    const lenDiff = BigInt((await wat(source(true))).length - (await wat(source(false))).length);
    expect(logged.burntGas - silent.burntGas).toBe(3n * config.wasmConfig.regularOpCost + lenDiff * config.wasmConfig.extCosts.contract_loading_bytes.gas);
  });

  it('fails with MemoryAccessViolation out of bounds', async () => {
    const o = await call(withSandboxHostFunctions(runtimeConfig(86)), 'oob');
    expect(displayFunctionCallError(o.aborted!)).toBe('Accessed memory outside the bounds.');
  });
});
