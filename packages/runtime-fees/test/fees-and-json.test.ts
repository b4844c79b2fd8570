import { describe, expect, it } from 'vitest';
import {
  applyParameterOverrides,
  execFee,
  formatF64,
  gasPenaltyForGasRefund,
  minReceiptWithFunctionCallGas,
  parseJsonExact,
  runtimeConfig,
  sendFee,
  stringifyJsonPretty,
  transferExecFee,
  transferSendFee,
} from '../src/index.js';

describe('fee helpers', () => {
  const fees = runtimeConfig(86).fees;

  it('sendFee and execFee return gas with its compute', () => {
    const deploy = fees.actionFees.deploy_contract_byte;
    expect(sendFee(deploy, true)).toEqual({ gas: 6_812_999n, compute: 6_812_999n });
    expect(sendFee(deploy, false)).toEqual({ gas: 47_683_715n, compute: 47_683_715n });
    expect(execFee(deploy)).toEqual({ gas: 64_572_944n, compute: 250_000_000n });
  });

  it('transfers to implicit accounts add the implied account creation (and key)', () => {
    const named = transferSendFee(fees, false, true, 'NamedAccount');
    expect(named.gas).toBe(115_123_062_500n);
    expect(transferSendFee(fees, false, true, 'NearImplicitAccount').gas).toBe(
      115_123_062_500n + 500_000_000_000n + 101_765_125_000n,
    );
    expect(transferExecFee(fees, true, 'EthImplicitAccount').gas).toBe(
      115_123_062_500n + 7_200_000_000_000n,
    );
    expect(transferExecFee(fees, false, 'EthImplicitAccount').gas).toBe(115_123_062_500n);
    expect(transferExecFee(fees, false, 'NearDeterministicAccount').gas).toBe(
      115_123_062_500n + 7_200_000_000_000n,
    );
  });

  it('minimum function-call receipt gas and refund penalty', () => {
    expect(minReceiptWithFunctionCallGas(fees)).toBe(
      2n * 108_059_500_000n + 200_000_000_000n + 780_000_000_000n,
    );
    expect(gasPenaltyForGasRefund(fees, 1_000n)).toBe(0n);
    const penalised = applyParameterOverrides(runtimeConfig(86), {
      gas_refund_penalty: '{ numerator: 5, denominator: 100 }',
      min_gas_refund_penalty: 30,
    }).fees;
    expect(gasPenaltyForGasRefund(penalised, 1_000n)).toBe(50n);
    expect(gasPenaltyForGasRefund(penalised, 100n)).toBe(30n);
    expect(gasPenaltyForGasRefund(penalised, 10n)).toBe(10n);
  });
});

describe('exact JSON', () => {
  it('prints f64 like serde_json (ryu)', () => {
    expect(formatF64(0.8)).toBe('0.8');
    expect(formatF64(1)).toBe('1.0');
    expect(formatF64(2)).toBe('2.0');
    expect(formatF64(0)).toBe('0.0');
    expect(formatF64(-1.25)).toBe('-1.25');
    expect(formatF64(0.0001)).toBe('0.0001');
    expect(formatF64(1.5e-7)).toBe('1.5e-7');
    expect(formatF64(1e16)).toBe('1e16');
    expect(formatF64(1234567890123456)).toBe('1234567890123456.0');
    expect(formatF64(1.23e20)).toBe('1.23e20');
    expect(formatF64(-3e-9)).toBe('-3e-9');
    expect(formatF64(Number.NaN)).toBe('null');
  });

  it('keeps integers of any size exact both ways', () => {
    const value = { big: 18_446_744_073_709_551_615n, small: [1n, 2n], f: 0.5, s: 'a"b', e: {}, n: null };
    const text = stringifyJsonPretty(value);
    expect(text).toBe(
      '{\n  "big": 18446744073709551615,\n  "small": [\n    1,\n    2\n  ],\n  "f": 0.5,\n  "s": "a\\"b",\n  "e": {},\n  "n": null\n}',
    );
    expect(parseJsonExact(text)).toStrictEqual(value);
    expect(() => parseJsonExact('{"a": 1,}')).toThrow(/invalid JSON/);
  });
});
