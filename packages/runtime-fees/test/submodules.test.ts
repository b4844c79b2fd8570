import { describe, expect, it } from 'vitest';
import {
  applyParameterOverrides,
  runtimeConfig,
  runtimeConfigViewJson,
  SUBMODULE_PARAMETER_NAMES,
  submoduleConfigOf,
  UnknownParameterError,
  withSubmodules,
} from '../src/index.js';

describe('the submodules extension', () => {
  it('is absent from every protocol config', () => {
    for (const v of [83, 84, 85, 86, 129, 155]) {
      const c = runtimeConfig(v);
      expect('submodules' in c.wasmConfig).toBe(false);
      expect(submoduleConfigOf(c)).toBeUndefined();
    }
  });

  it('withSubmodules adds it from data/extensions/submodules.yaml, leaving the rest and the view as they were', () => {
    const base = runtimeConfig(86);
    const on = withSubmodules(base);
    const s = on.wasmConfig.submodules!;
    expect(s.deployFee).toEqual({
      sendSir: 184_765_750_000n,
      sendNotSir: 184_765_750_000n,
      execution: 184_765_750_000n,
      sendSirCompute: 184_765_750_000n,
      sendNotSirCompute: 184_765_750_000n,
      executionCompute: 184_765_750_000n,
    });
    expect(s.deployPerByteFee.sendNotSir).toBe(47_683_715n);
    expect(s.deleteFee.execution).toBe(94_946_625_000n);
    expect(s.deletePerByteFee.execution).toBe(1_925_331n);
    expect(s.callBase).toEqual({ gas: 20_000_000_000n, compute: 20_000_000_000n });
    expect(s.callByte.gas).toBe(2_235_934n);
    expect(s.maxKeyLength).toBe(1024n);
    expect(s.maxCallDepth).toBe(4);
    expect(s.initialMemoryPages).toBe(17);
    expect(s.maxPolicyEntries).toBe(256n);
    expect(Object.isFrozen(on) && Object.isFrozen(on.wasmConfig) && Object.isFrozen(s)).toBe(true);
    const { submodules: _, ...wasmRest } = on.wasmConfig;
    expect(wasmRest).toEqual(base.wasmConfig);
    expect({ ...on, wasmConfig: base.wasmConfig }).toEqual(base);
    expect(runtimeConfigViewJson(on)).toBe(runtimeConfigViewJson(base));
    expect(base.wasmConfig.submodules).toBeUndefined();
  });

  it('takes overrides by name and rejects unknown names', () => {
    const on = withSubmodules(runtimeConfig(86), { max_submodule_call_depth: 2, wasm_submodule_call_base: '{ gas: 5, compute: 9 }' });
    expect(on.wasmConfig.submodules!.maxCallDepth).toBe(2);
    expect(on.wasmConfig.submodules!.callBase).toEqual({ gas: 5n, compute: 9n });
    expect(() => withSubmodules(runtimeConfig(86), { nope: 1 } as never)).toThrow(UnknownParameterError);
    expect(SUBMODULE_PARAMETER_NAMES).toHaveLength(10);
  });

  it('survives applyParameterOverrides, which then also accepts its names', () => {
    const on = withSubmodules(runtimeConfig(86), { max_submodule_key_length: 64 });
    const changed = applyParameterOverrides(on, { wasm_regular_op_cost: 1, max_submodule_call_depth: 3 });
    expect(changed.wasmConfig.regularOpCost).toBe(1n);
    expect(changed.wasmConfig.submodules!.maxCallDepth).toBe(3);
    expect(changed.wasmConfig.submodules!.maxKeyLength).toBe(64n);
    expect(applyParameterOverrides(on, {}).wasmConfig.submodules).toEqual(on.wasmConfig.submodules);
  });

  it('its names are unknown parameters on a config without it', () => {
    expect(() => applyParameterOverrides(runtimeConfig(86), { max_submodule_call_depth: 3 })).toThrow(UnknownParameterError);
    expect('submodules' in applyParameterOverrides(runtimeConfig(86), { wasm_regular_op_cost: 1 }).wasmConfig).toBe(false);
  });
});
