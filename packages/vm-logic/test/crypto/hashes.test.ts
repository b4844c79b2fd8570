import { HostError } from '@nearts/vm-errors';
import { describe, expect, it } from 'vitest';
import { keccak256, keccak512, ripemd160, ripemd160BlockCount, sha256 } from '../../src/crypto/index.js';
import { expectHostError, toHex } from './helpers.js';

const TESDSST = new TextEncoder().encode('tesdsst');

describe('hash host functions', () => {
  // Expected digests of b"tesdsst" are nearcore's own (logic/tests/miscs.rs).
  it('sha256 matches nearcore test_sha256', () => {
    expect(Array.from(sha256(TESDSST))).toEqual([
      18, 176, 115, 156, 45, 100, 241, 132, 180, 134, 77, 42, 105, 111, 199, 127, 118, 112, 92,
      255, 88, 43, 83, 147, 122, 55, 26, 36, 42, 156, 160, 158,
    ]);
  });

  it('keccak256 matches nearcore test_keccak256 (original Keccak, not SHA3)', () => {
    expect(Array.from(keccak256(TESDSST))).toEqual([
      104, 110, 58, 122, 230, 181, 215, 145, 231, 229, 49, 162, 123, 167, 177, 58, 26, 142, 129,
      173, 7, 37, 9, 26, 233, 115, 64, 102, 61, 85, 10, 159,
    ]);
    // Known answer for the empty input (Ethereum's empty-code hash).
    expect(toHex(keccak256(new Uint8Array()))).toBe(
      'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
    );
  });

  it('keccak512 matches nearcore test_keccak512', () => {
    expect(Array.from(keccak512(TESDSST))).toEqual([
      55, 134, 96, 137, 168, 122, 187, 95, 67, 76, 18, 122, 146, 11, 225, 106, 117, 194, 154, 157,
      48, 160, 90, 146, 104, 209, 118, 126, 222, 230, 200, 125, 48, 73, 197, 236, 123, 173, 192,
      197, 90, 153, 167, 121, 100, 88, 209, 240, 137, 86, 239, 41, 87, 128, 219, 249, 136, 203, 220,
      109, 46, 168, 234, 190,
    ]);
  });

  it('ripemd160 matches nearcore test_ripemd160 and the RIPEMD-160 paper vectors', () => {
    expect(Array.from(ripemd160(TESDSST))).toEqual([
      21, 102, 156, 115, 232, 3, 58, 215, 35, 84, 129, 30, 143, 86, 212, 104, 70, 97, 14, 225,
    ]);
    expect(toHex(ripemd160(new Uint8Array()))).toBe('9c1185a5c5e9fc54612808977ee8f548b2258d31');
    expect(toHex(ripemd160(new TextEncoder().encode('abc')))).toBe(
      '8eb208f7e05d987a9b044a8e98c6b087f15a0bfc',
    );
  });

  it('sha256 of the empty input is the FIPS 180-2 value', () => {
    expect(toHex(sha256(new Uint8Array()))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('ripemd160 charges (len + 8) / 64 + 1 blocks', () => {
    expect(ripemd160BlockCount(0n)).toBe(1n);
    expect(ripemd160BlockCount(7n)).toBe(1n); // nearcore test_ripemd160: 7 bytes → 1 block
    expect(ripemd160BlockCount(55n)).toBe(1n);
    expect(ripemd160BlockCount(56n)).toBe(2n); // the 8-byte length no longer fits
    expect(ripemd160BlockCount(119n)).toBe(2n);
    expect(ripemd160BlockCount(120n)).toBe(3n);
    expect(ripemd160BlockCount(2n ** 64n - 9n)).toBe((2n ** 64n - 1n) / 64n + 1n);
    expectHostError(() => ripemd160BlockCount(2n ** 64n - 8n), { kind: 'IntegerOverflow' });
    expect(() => ripemd160BlockCount(2n ** 64n - 1n)).toThrow(HostError);
  });
});
