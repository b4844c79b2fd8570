/**
 * Wasmtime's instance-size limit as nearcore meets it: a contract whose instance (wasmtime's
 * `Instance` + VMContext of the prepared module) exceeds 1 MiB fails to load. With
 * `fix_contract_loading_error` (86+) that is a LoadingError abort that keeps the loading fee;
 * before it, a node-level VMRunnerError.
 */
import { describe, expect, it } from 'vitest';
import { runtimeConfig } from '@nearts/runtime-fees';
import { VMRunnerError } from '@nearts/vm-errors';
import { MockedExternal, testContext } from '@nearts/vm-logic';
import { LruContractCache, runContract } from '../../src/index.js';
import { prepareContract } from '../../src/prepare/index.js';
import { WASMTIME_MAX_CORE_INSTANCE_SIZE, wasmtimeCoreInstanceBytes } from '../../src/prepare/wasmtime-instance-size.js';
import { contractWithGlobals } from '../prepare/generators.js';
import { pv86Config, wat } from '../prepare/harness.js';

/** The most i32 globals an empty exported `main` can have (see the size arithmetic below). */
const MOST_GLOBALS = 65_505;

function call(code: Uint8Array, version: number, method = 'main') {
  return runContract({
    code,
    method,
    context: testContext({}),
    config: runtimeConfig(version),
    external: new MockedExternal(),
    cache: new LruContractCache(),
  });
}

const loadingFee = (code: Uint8Array) => {
  const ext = runtimeConfig(86).wasmConfig.extCosts;
  return ext.contract_loading_base.gas + ext.contract_loading_bytes.gas * BigInt(code.length);
};

describe('wasmtime instance-size limit', () => {
  it('sizes the instance as wasmtime 45 lays it out', () => {
    // 160 (Instance) + 48 (static vmctx) + 8 + 16 (memory) + 3 × 32 (internal imports), aligned to 16,
    // + (n + 2) × 16 (globals, two injected) + 4 × 32 (func refs: `main` and the three imports).
    const shape = { importedFunctions: 3, definedTables: 0, definedGlobals: 12, escapedFunctions: 4 };
    expect(wasmtimeCoreInstanceBytes(shape)).toBe(160 + 176 + 12 * 16 + 4 * 32);
    expect(prepareContract(contractWithGlobals(10), pv86Config()).coreInstanceBytes).toBe(wasmtimeCoreInstanceBytes(shape));
    expect(prepareContract(contractWithGlobals(MOST_GLOBALS), pv86Config()).coreInstanceBytes).toBe(WASMTIME_MAX_CORE_INSTANCE_SIZE);
  });

  it('counts each escaping function once: imported, exported, start, in elements, ref.func in globals', async () => {
    const size = async (body: string) => prepareContract(await wat(`(module ${body})`), pv86Config()).coreInstanceBytes;
    const base = await size('(func $a) (func $b) (func $c) (export "a" (func $a))');
    expect(await size('(func $a) (func $b) (func $c) (export "a" (func $a)) (export "a2" (func $a))')).toBe(base);
    expect(await size('(func $a) (func $b) (func $c) (export "a" (func $a)) (start $b)')).toBe(base + 32);
    expect(await size('(table 2 funcref) (elem (i32.const 0) $b $c) (func $a) (func $b) (func $c) (export "a" (func $a))')).toBe(base + 16 + 64);
    expect(await size('(import "env" "panic" (func $p)) (func $a) (func $b) (func $c) (export "a" (func $a))')).toBe(base + 32 + 32);
    expect(await size('(global funcref (ref.func $c)) (elem declare func $c) (func $a) (func $b) (func $c) (export "a" (func $a))')).toBe(base + 16 + 32);
  });

  it('a contract at the limit runs; one global more is a LoadingError that keeps the loading fee', () => {
    expect(call(contractWithGlobals(MOST_GLOBALS), 86).aborted).toBeNull();
    const code = contractWithGlobals(MOST_GLOBALS + 1);
    for (const version of [86, 155]) {
      const outcome = call(code, version);
      expect(outcome.aborted?.kind).toBe('LoadingError');
      expect(outcome.burntGas).toBe(loadingFee(code));
      expect(outcome.usedGas).toBe(loadingFee(code));
    }
  });

  it('without fix_contract_loading_error the node fails, before any gas rule', () => {
    const code = contractWithGlobals(MOST_GLOBALS + 1);
    expect(runtimeConfig(85).wasmConfig.fixContractLoadingError).toBe(false);
    expect(() => call(code, 85)).toThrow(VMRunnerError);
    expect(() => call(code, 85, '')).toThrow(VMRunnerError);
  });
});
