import { describe, expect, it } from 'vitest';
import {
  formatParameterTable,
  isParameterName,
  PARAMETER_NAMES,
  runtimeParameters,
  UnknownParameterError,
} from '../src/index.js';
import { parameterTableAt } from '../src/store.js';
import { readParameterFile } from '../src/data.js';
import { snapshotBody } from './snapshot-helpers.js';

describe('parameter tables', () => {
  it("version 86 prints exactly as nearcore's parameters.snap", () => {
    expect(formatParameterTable(runtimeParameters(86))).toBe(snapshotBody('parameters.snap'));
  });

  it('keeps values as written in the files (unit strings, unreduced ratios)', () => {
    const table = runtimeParameters(86);
    expect(table.get('account_creation_charge')).toEqual({ kind: 'string', value: '0.007 N' });
    expect(table.get('reject_tx_congestion_threshold')).toEqual({
      kind: 'rational',
      numerator: 80n,
      denominator: 100n,
    });
    expect(table.get('wasm_storage_read_base')).toEqual({
      kind: 'cost',
      gas: 56_356_845_749n,
      compute: 159_000_000_000n,
    });
  });

  it('nightly 129 and 155 each change exactly one flag', () => {
    const diff = (a: number, b: number) =>
      PARAMETER_NAMES.filter(
        (n) => JSON.stringify(runtimeParameters(a).get(n), big) !== JSON.stringify(runtimeParameters(b).get(n), big),
      );
    expect(diff(86, 129)).toEqual(['fix_contract_loading_cost']);
    expect(diff(129, 155)).toEqual(['bls12381_not_in_group_fix']);
  });

  it('testnet uses parameters_testnet.yaml only below the first diff (version 46)', () => {
    expect(parameterTableAt(0, 'testnet').get('min_allowed_top_level_account_length')).toEqual({
      kind: 'u64',
      value: 0n,
    });
    expect(parameterTableAt(0, 'mainnet').get('min_allowed_top_level_account_length')).toEqual({
      kind: 'u64',
      value: 32n,
    });
    expect(parameterTableAt(46, 'testnet')).toBe(parameterTableAt(46, 'mainnet'));
    expect(runtimeParameters(86, 'testnet')).toBe(runtimeParameters(86));
  });

  it('knows every name the shipped files use, and only nearcore names', () => {
    expect(PARAMETER_NAMES).toHaveLength(207);
    const keys = readParameterFile('parameters.yaml').match(/^[a-z0-9_]+(?=:)/gm)!;
    expect(keys.length).toBeGreaterThan(190);
    expect(keys.every(isParameterName)).toBe(true);
    expect(isParameterName('max_gas_burnt')).toBe(true);
    expect(isParameterName('max_gas_burned')).toBe(false);
  });

  it('rejects an unknown parameter in a parameter file', async () => {
    const { parseParameterTable } = await import('../src/parameter-table.js');
    expect(() => parseParameterTable('max_gas_burned: 1')).toThrow(UnknownParameterError);
  });
});

function big(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}
