import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  parseJsonExact,
  runtimeConfig,
  runtimeConfigView,
  runtimeConfigViewJson,
} from '../src/index.js';
import { runtimeConfigAtAnyVersion } from '../src/store.js';
import { readFixture, viewSnapshot } from './snapshot-helpers.js';

const CASES = [
  { name: '83', version: 83, chain: 'mainnet' },
  { name: '84', version: 84, chain: 'mainnet' },
  { name: '85', version: 85, chain: 'mainnet' },
  { name: '86', version: 86, chain: 'mainnet' },
  { name: 'testnet_86', version: 86, chain: 'testnet' },
  { name: '129', version: 129, chain: 'mainnet' },
  { name: '155', version: 155, chain: 'mainnet' },
] as const;

describe("RuntimeConfigView equals nearcore's snapshots", () => {
  for (const { name, version, chain } of CASES) {
    it(`${name}: the view deep-equals the snapshot JSON`, () => {
      const view = runtimeConfigView(runtimeConfig(version, chain), { redactVmKind: true });
      expect(view).toStrictEqual(parseJsonExact(viewSnapshot(name)));
    });

    it(`${name}: the serialized text equals the snapshot text`, () => {
      const text = runtimeConfigViewJson(runtimeConfig(version, chain), { redactVmKind: true });
      expect(text + '\n').toBe(viewSnapshot(name));
    });
  }

  it('prints the configured vm_kind unless asked to redact it', () => {
    expect(runtimeConfigView(runtimeConfig(83)).wasm_config).toMatchObject({ vm_kind: 'NearVm' });
    expect(runtimeConfigView(runtimeConfig(84)).wasm_config).toMatchObject({ vm_kind: 'Wasmtime' });
    expect(runtimeConfigViewJson(runtimeConfig(86))).toContain('"vm_kind": "Wasmtime",');
  });

  it('prints integers above 2^53 exactly and the congestion threshold as a float', () => {
    const text = runtimeConfigViewJson(runtimeConfig(86));
    expect(text).toContain('"max_congestion_incoming_gas": 400000000000000000,');
    expect(text).toContain('"reject_tx_congestion_threshold": 0.8,');
    expect(text).toContain('"account_creation_charge": "7000000000000000000000"');
  });
});

describe('whole parameter history', () => {
  const history = JSON.parse(readFixture('config-view-history.sha256.json')) as {
    sha256: Record<string, string>;
  };

  it('rebuilds every view snapshot nearcore keeps (versions 0..155, mainnet and testnet)', () => {
    const mismatches: string[] = [];
    for (const [name, expected] of Object.entries(history.sha256)) {
      const testnet = name.startsWith('testnet_');
      const version = Number(name.replace('testnet_', ''));
      const config = runtimeConfigAtAnyVersion(version, testnet ? 'testnet' : 'mainnet');
      const text = runtimeConfigViewJson(config, { redactVmKind: true });
      if (createHash('sha256').update(text).digest('hex') !== expected) mismatches.push(name);
    }
    expect(Object.keys(history.sha256)).toHaveLength(64);
    expect(mismatches).toEqual([]);
  });
});
