import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostError } from '@nearts/vm-errors';
import { availableHostFunctions, buildHostImports, hostFunctionTable, linkableHostFunctions } from '../src/index.js';
import { C, RC86, configWith, setup } from './helpers.js';

interface NearcoreImport {
  module: string;
  name: string;
  params: string[];
  results: string[];
  gate: string | null;
}
const NEARCORE: NearcoreImport[] = JSON.parse(readFileSync(new URL('./fixtures/nearcore-imports.json', import.meta.url), 'utf8')).imports;

describe('the host-function table', () => {
  it("lists exactly nearcore's imports, in imports.rs order, with the same wasm types and gates", () => {
    const ours = hostFunctionTable.map((e) => ({
      module: e.module,
      name: e.name,
      params: e.params.map((p) => p.type),
      results: [...e.results],
      gate: e.gateName,
    }));
    expect(ours).toEqual(NEARCORE);
  });

  it('every implementation takes logic plus one argument per wasm parameter', () => {
    for (const e of hostFunctionTable) expect(e.impl.length, e.name).toBe(e.params.length + 1);
  });

  it('gates follow the config flags', () => {
    const all = linkableHostFunctions(RC86.wasmConfig);
    expect(all.size).toBe(89);
    expect(all.get('chain_id')).toEqual({ params: ['i64'], results: [] });
    expect(all.get('abort')).toEqual({ params: ['i32', 'i32', 'i32', 'i32'], results: [] });
    expect(all.get('promise_yield_resume')).toEqual({ params: ['i64', 'i64', 'i64', 'i64'], results: ['i32'] });
    expect(all.has('finite_wasm_gas')).toBe(false);
    const old = linkableHostFunctions(
      configWith({}, { chainIdHostFn: false, p256VerifyHostFn: false, gasKeyHostFns: false, yieldWithIdHostFns: false, globalContractHostFns: false }),
    );
    const gated = NEARCORE.filter((i) => i.module === 'env' && i.gate !== null).map((i) => i.name);
    expect(gated.length).toBe(11);
    for (const name of gated) expect(old.has(name), name).toBe(false);
    expect(old.size).toBe(89 - 11);
  });

  it('buildHostImports groups functions by module and converts signed wasm values', () => {
    const h = setup();
    const imports = buildHostImports(h.logic, h.config);
    expect(Object.keys(imports.internal).length).toBe(11);
    expect(Object.keys(imports.env).length).toBe(availableHostFunctions(h.config).length - 11);
    h.put(0, 'z');
    imports.env.write_register(-2n, 1n, 0n);
    expect(imports.env.register_len(-2n)).toBe(1n);
    expect(h.logic.registers.peek((1n << 64n) - 2n)).toEqual(new Uint8Array([0x7a]));
    const wrapped: string[] = [];
    const w = buildHostImports(h.logic, h.config, (entry, call) => {
      wrapped.push(entry.name);
      return call();
    });
    w.env.block_index();
    expect(wrapped).toEqual(['block_index']);
  });
});

/** The names nearcore reports in ProhibitedInView, for the table entries that differ from their own. */
const REPORTED: Record<string, string> = {
  promise_create: 'promise_batch_create',
  promise_then: 'promise_batch_then',
  promise_batch_action_function_call_weight: 'promise_batch_action_function_call',
};

describe('view calls', () => {
  const view = { viewConfig: { maxGasBurnt: 10n ** 15n } };

  for (const e of hostFunctionTable.filter((x) => !x.allowedInView)) {
    it(`${e.name} fails with ProhibitedInView after base`, () => {
      const h = setup({ context: view });
      let caught: unknown;
      try {
        h.call(e.name, ...e.params.map((p) => (p.type === 'i64' ? 0n : 0)));
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(HostError);
      expect((caught as HostError).data).toEqual({ kind: 'ProhibitedInView', method_name: REPORTED[e.name] ?? e.name });
      expect(h.burnt()).toBe(e.name === 'promise_return' ? C.base + C.promise_return : C.base);
    });
  }

  it('functions allowed in views never report ProhibitedInView', () => {
    for (const e of hostFunctionTable.filter((x) => x.allowedInView)) {
      const h = setup({ context: view });
      try {
        h.call(e.name, ...e.params.map((p) => (p.type === 'i64' ? 0n : 4)));
      } catch (err) {
        if (err instanceof HostError) expect(err.kind, e.name).not.toBe('ProhibitedInView');
      }
    }
  });

  it('the prohibited set is nearcore’s', () => {
    const prohibited = hostFunctionTable.filter((e) => !e.allowedInView).map((e) => e.name);
    // nearcore's 38 names plus promise_create, promise_then and ..._function_call_weight.
    expect(prohibited.length).toBe(41);
    for (const n of ['storage_write', 'storage_remove', 'signer_account_pk', 'used_gas', 'promise_results_count']) expect(prohibited).toContain(n);
    for (const n of ['storage_read', 'storage_has_key', 'value_return', 'log_utf8', 'account_balance', 'validator_stake', 'current_contract_code']) {
      expect(prohibited).not.toContain(n);
    }
  });
});
