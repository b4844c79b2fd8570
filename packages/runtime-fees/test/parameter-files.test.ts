import { describe, expect, it } from 'vitest';
import {
  InvalidParameterValueError,
  ParameterDiffError,
  ParameterFileError,
  UnknownParameterError,
} from '../src/index.js';
import {
  applyParameterDiff,
  parseParameterTable,
  parseParameterTableDiff,
} from '../src/parameter-table.js';
import { parameterValueEquals, parseParameterValue } from '../src/parameter-value.js';
import { toBalance } from '../src/value-conversion.js';

describe('parameter file syntax', () => {
  it('reads `_` digit separators, and 20+ digit strings as text (u128 balances)', () => {
    const table = parseParameterTable(
      'max_stack_height: 5\nmax_gas_burnt: 1_000_000\nstorage_amount_per_byte: 123_456_789_012_345_678_901\n',
    );
    expect(table.get('max_stack_height')).toEqual({ kind: 'u64', value: 5n });
    expect(table.get('max_gas_burnt')).toEqual({ kind: 'u64', value: 1_000_000n });
    expect(table.get('storage_amount_per_byte')).toEqual({
      kind: 'string',
      value: '123456789012345678901',
    });
  });

  it('types mappings as ratio, gas/compute pair or fee, in that order', () => {
    expect(parseParameterValue('x', { numerator: 3n, denominator: '10' })).toEqual({
      kind: 'rational',
      numerator: 3n,
      denominator: 10n,
    });
    expect(parseParameterValue('x', { gas: '1_000', compute: 2000n })).toEqual({
      kind: 'cost',
      gas: 1000n,
      compute: 2000n,
    });
    expect(
      parseParameterValue('x', { send_sir: 1n, send_not_sir: 2n, execution: { gas: 3n, compute: 4n } }),
    ).toEqual({
      kind: 'fee',
      sendSir: { gas: 1n },
      sendNotSir: { gas: 2n },
      execution: { gas: 3n, compute: 4n },
    });
    expect(() => parseParameterValue('x', { send_sir: 1n })).toThrow(InvalidParameterValueError);
    expect(() => parseParameterValue('x', -1n)).toThrow(InvalidParameterValueError);
    expect(() => parseParameterValue('x', 0.5)).toThrow(InvalidParameterValueError);
  });

  it('treats plain gas and an equal { gas, compute } pair as different values (as nearcore)', () => {
    const plain = parseParameterValue('x', 5n);
    const pair = parseParameterValue('x', { gas: 5n, compute: 5n });
    expect(parameterValueEquals(plain, pair)).toBe(false);
    expect(parameterValueEquals(plain, parseParameterValue('x', '5'))).toBe(true);
  });

  it('parses balances with the near-token units', () => {
    const balance = (text: string) => toBalance('b', { kind: 'string', value: text });
    expect(balance('0.007 N')).toBe(7_000_000_000_000_000_000_000n);
    expect(balance('10000000000000000000 yN')).toBe(10n ** 19n);
    expect(balance('0.0001 NEAR')).toBe(10n ** 20n);
    expect(balance('3 milliNEAR')).toBe(3n * 10n ** 21n);
    expect(() => balance('1.5 yN')).toThrow(InvalidParameterValueError);
    expect(() => balance('100')).toThrow(/has no unit/);
    expect(() => balance('1 USD')).toThrow(/unknown unit/);
  });

  it('applies diffs: change, add, remove, and checks the old side', () => {
    const base = parseParameterTable('max_gas_burnt: 10\nmax_stack_height: 3\n');
    const next = applyParameterDiff(
      base,
      parseParameterTableDiff(
        'max_gas_burnt: { old: 10, new: 20 }\nmax_stack_height: { old: 3 }\nmax_tables_per_contract: { new: 1 }',
      ),
      1,
    );
    expect([...next.entries()]).toEqual([
      ['max_gas_burnt', { kind: 'u64', value: 20n }],
      ['max_tables_per_contract', { kind: 'u64', value: 1n }],
    ]);
    expect(base.get('max_gas_burnt')).toEqual({ kind: 'u64', value: 10n });

    const apply = (diff: string) => applyParameterDiff(base, parseParameterTableDiff(diff), 7);
    expect(() => apply('max_gas_burnt: { old: 11, new: 20 }')).toThrow(ParameterDiffError);
    expect(() => apply('max_gas_burnt: { new: 20 }')).toThrow(/expected the diff to give the old value/);
    expect(() => apply('max_memory_pages: { old: 1, new: 2 }')).toThrow(/does not have this parameter/);
    expect(() => apply('max_gas_burnt: { old: 10, new: 20 }')).not.toThrow();
  });

  it('reports malformed files with typed errors', () => {
    expect(() => parseParameterTable('- a\n- b\n', 'x.yaml')).toThrow(ParameterFileError);
    expect(() => parseParameterTable('max_gas_burnt: [1, 2\n', 'x.yaml')).toThrow(ParameterFileError);
    expect(() => parseParameterTableDiff('nonsense_name: { new: 1 }')).toThrow(UnknownParameterError);
    expect(() => parseParameterTableDiff('max_gas_burnt: 5')).toThrow(InvalidParameterValueError);
    expect(parseParameterTable('').size).toBe(0);
  });
});
