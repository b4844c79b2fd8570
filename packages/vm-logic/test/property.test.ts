/**
 * Property: any host function called with arbitrary arguments against arbitrary memory either
 * returns or throws a HostError (or, for node-level inconsistencies, a VMRunnerError) — never a
 * TypeError, RangeError or any other JS exception. Deterministic: a seeded xorshift generator.
 */
import { describe, expect, it } from 'vitest';
import { HostError, VMRunnerError } from '@nearts/vm-errors';
import { MockMemory, MockedExternal, VMLogic, hostFunctionTable, invokeHostFunction, testContext } from '../src/index.js';
import { RC86, U64_MAX } from './helpers.js';

function xorshift(seed: bigint): () => bigint {
  let s = seed;
  return () => {
    s ^= (s << 13n) & U64_MAX;
    s ^= s >> 7n;
    s ^= (s << 17n) & U64_MAX;
    return s;
  };
}

const MEM = 4096;
const LENGTHS = [0n, 1n, 2n, 4n, 8n, 16n, 20n, 32n, 33n, 48n, 64n, 65n, 96n, 97n, 128n, 192n, 193n, 224n, 288n];

describe('host functions never throw a non-host error', () => {
  it('random arguments, random memory, random registers, view and non-view', () => {
    const next = xorshift(0x9e3779b97f4a7c15n);
    const pick = <T>(xs: readonly T[]): T => xs[Number(next() % BigInt(xs.length))];
    const template = new Uint8Array(MEM);
    for (let i = 0; i < MEM; i++) template[i] = Number(next() & 0xffn);
    // A sprinkle of valid content: an account id, NULs, an AS string header.
    template.set(new TextEncoder().encode('alice.near'), 0);
    template.set([4, 0, 0, 0, 0x68, 0, 0x69, 0], 64);

    const i64 = (): bigint => {
      switch (Number(next() % 6n)) {
        case 0: return next() % 8n;
        case 1: return pick(LENGTHS);
        case 2: return next() % BigInt(MEM + 64);
        case 3: return U64_MAX - (next() % 3n);
        case 4: return next();
        default: return BigInt.asIntN(64, next());
      }
    };
    const i32 = (): number => (next() % 3n === 0n ? Number(next() & 0xffff_ffffn) | 0 : Number(next() % BigInt(MEM)));

    let calls = 0;
    let hostErrors = 0;
    for (let round = 0; round < 8000; round++) {
      const mem = new MockMemory(MEM);
      mem.bytes.set(template);
      const ext = new MockedExternal({ validators: { 'alice.near': 10n } });
      const view = next() % 5n === 0n;
      const context = testContext({
        viewConfig: view ? { maxGasBurnt: 10n ** 15n } : null,
        promiseResults: [{ kind: 'Successful', data: new Uint8Array([1, 2]) }, { kind: 'Failed' }],
        outputDataReceivers: next() % 2n === 0n ? ['alice', 'bob'] : [],
        accountBalance: next() % 3n,
        prepaidGas: 300_000_000_000_000n,
      });
      const logic = new VMLogic({ ext, context, config: RC86.wasmConfig, fees: RC86.fees, memory: mem });
      for (let k = 0; k < 40; k++) {
        const entry = pick(hostFunctionTable);
        const args = entry.params.map((p) => (p.type === 'i64' ? i64() : i32()));
        calls++;
        try {
          const r = invokeHostFunction(logic, entry, args);
          if (entry.results.length === 0) expect(r, entry.name).toBeUndefined();
          else if (entry.results[0] === 'i64') expect(typeof r, entry.name).toBe('bigint');
          else expect(typeof r, entry.name).toBe('number');
        } catch (e) {
          // A host error ends a real call (wasm traps), so the round ends here too.
          if (e instanceof HostError) {
            hostErrors++;
            break;
          }
          if (e instanceof VMRunnerError) break;
          throw new Error(`${entry.name}(${args.join(', ')}) threw ${String(e)}`, { cause: e });
        }
        // Invariants that must hold after every successful or failed call.
        expect(logic.gas.burntGas() <= logic.gas.usedGas()).toBe(true);
        expect(logic.gas.usedGas() <= 300_000_000_000_000n || view, `${entry.name}(${args.join(", ")}) used ${logic.gas.usedGas()} burnt ${logic.gas.burntGas()}`).toBe(true);
      }
    }
    expect(calls).toBeGreaterThan(9_000);
    expect(hostErrors).toBeGreaterThan(6_000);
  });
});
