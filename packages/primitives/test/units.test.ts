import { describe, expect, it } from 'vitest';
import { BorshError, NEAR, TGAS, formatNear, formatTgas, parseBalance, parseGas } from '@nearts/primitives';

describe('balance and gas helpers (exact, no floats)', () => {
  it('parses amounts with units', () => {
    expect(parseBalance('10 NEAR')).toBe(10n * NEAR);
    expect(parseBalance('1.5 near')).toBe(1_500_000_000_000_000_000_000_000n);
    expect(parseBalance('0.000000000000000000000001 NEAR')).toBe(1n);
    expect(parseBalance('2 mNEAR')).toBe(2n * 10n ** 21n);
    expect(parseBalance('123')).toBe(123n);
    expect(parseBalance('1_000 yocto')).toBe(1000n);
    expect(parseGas('5 Tgas')).toBe(5n * TGAS);
    expect(parseGas('0.5 Tgas')).toBe(500_000_000_000n);
    expect(parseGas('1 Pgas')).toBe(10n ** 15n);
    expect(parseGas('300000000000000')).toBe(300n * TGAS);
  });
  it('refuses what it cannot represent exactly', () => {
    expect(() => parseBalance('0.0000000000000000000000001 NEAR')).toThrow(BorshError);
    expect(() => parseGas('1.5 gas')).toThrow(/more decimals/);
    expect(() => parseGas('18446744073709551616')).toThrow(/does not fit/);
    expect(() => parseBalance('1e24')).toThrow(BorshError);
    expect(() => parseBalance('-1 NEAR')).toThrow(BorshError);
    expect(() => parseBalance('5 btc')).toThrow(/unknown balance unit/);
  });
  it('formats exactly', () => {
    expect(formatNear(1_500_000_000_000_000_000_000_000n)).toBe('1.5 NEAR');
    expect(formatNear(1n)).toBe('0.000000000000000000000001 NEAR');
    expect(formatNear(10n * NEAR)).toBe('10 NEAR');
    expect(formatTgas(30n * TGAS)).toBe('30 Tgas');
    expect(formatTgas(223_182_562_500n)).toBe('0.2231825625 Tgas');
  });
});
