import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
import { prepareContract } from '@nearts/vm-runner';
import { ESTIMATOR_WAT_SHA256 } from '../src/contracts/estimator-wasm.js';
import { encodeArgs, estimatorContract } from '../src/contracts/estimator-contract.js';
import { contractOfSize, syntheticContract } from '../src/contracts/wasm-builder.js';
import { Genesis } from '../src/testbed/genesis.js';

const watPath = new URL('../contracts/estimator.wat', import.meta.url);

async function wat2wasm(text: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('t.wat', text, { bulk_memory: true });
  try {
    mod.validate();
    return new Uint8Array(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}

describe('estimator contract', () => {
  it('the generated module is the compiled WAT (run scripts/build-contract.mjs after editing it)', async () => {
    const text = readFileSync(watPath, 'utf8');
    expect(createHash('sha256').update(text).digest('hex')).toBe(ESTIMATOR_WAT_SHA256);
    expect(estimatorContract()).toEqual(await wat2wasm(text));
  });

  it('passes nearts preparation at protocol 86', () => {
    const config = new Genesis({ accounts: 2 }).config.wasmConfig;
    expect(() => prepareContract(estimatorContract(), config)).not.toThrow();
  });

  it('encodes N, X, Y, Z little-endian before the payload', () => {
    const a = encodeArgs({ n: 1, x: 2, y: 3n, z: 4, payload: Uint8Array.of(9, 8) });
    expect([...a]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 9, 8]);
  });
});

describe('synthetic contracts', () => {
  it('are byte for byte what wabt makes of the same WAT', async () => {
    const wat = `(module
      (func (local i32) local.get 0 i32.const 0 i32.xor local.set 0)
      (func (local i32) local.get 0 i32.const 7919 i32.xor local.set 0)
      (memory 1)
      (export "hello0" (func 0)) (export "hello1" (func 1)) (export "salt7" (func 0))
      (data (i32.const 0) "aaa"))`;
    expect(syntheticContract({ methods: 2, opsPerMethod: 1, salt: 7, dataBytes: 3 })).toEqual(await wat2wasm(wat));
  });

  it('come within 1% of the requested size, and a salt changes the code', () => {
    const big = contractOfSize(300_000);
    expect(Math.abs(big.length - 300_000)).toBeLessThan(3_000);
    expect(contractOfSize(10_000, 1)).not.toEqual(contractOfSize(10_000, 2));
  });
});
