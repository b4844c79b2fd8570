import { describe, expect, it } from 'vitest';
import { C, MR, MW, RR, RW, U64_MAX, expectHostError, setup, utf8 } from './helpers.js';

describe('register host functions', () => {
  it('write_register then read_register: B + MR(n) + RW(n), then B + RR(n) + MW(n)', () => {
    const h = setup();
    const n = h.put(0, 'hello');
    h.call('write_register', 7n, n, 0n);
    expect(h.burnt()).toBe(C.base + MR(5n) + RW(5n));
    h.call('read_register', 7n, 100n);
    expect(h.burnt()).toBe(C.base + MR(5n) + RW(5n) + C.base + RR(5n) + MW(5n));
    expect(h.mem.bytes.subarray(100, 105)).toEqual(utf8('hello'));
  });

  it('register_len: B, length or u64::MAX when unset', () => {
    const h = setup();
    expect(h.call('register_len', 3n)).toBe(U64_MAX);
    h.put(0, 'abc');
    h.call('write_register', 3n, 3n, 0n);
    expect(h.call('register_len', 3n)).toBe(3n);
    expect(h.burnt()).toBe(C.base + C.base + MR(3n) + RW(3n) + C.base);
  });

  it('register ids are arbitrary u64 values (a negative i64 from wasm is a large id)', () => {
    const h = setup();
    h.put(0, 'x');
    h.call('write_register', -1n, 1n, 0n);
    expect(h.logic.registers.peek(U64_MAX)).toEqual(utf8('x'));
  });

  it('read_register of an unset register: InvalidRegisterId, only base charged', () => {
    const h = setup();
    expectHostError(() => h.call('read_register', 42n, 0n), { kind: 'InvalidRegisterId', register_id: 42n });
    expect(h.burnt()).toBe(C.base);
  });

  it('read_register out of bounds: charged, then MemoryAccessViolation', () => {
    const h = setup();
    h.put(0, 'abcd');
    h.call('write_register', 1n, 4n, 0n);
    const before = h.burnt();
    expectHostError(() => h.call('read_register', 1n, 65_534n), { kind: 'MemoryAccessViolation' });
    expect(h.burnt() - before).toBe(C.base + RR(4n) + MW(4n));
  });

  it('write_register with len = u64::MAX is a memory read, not register mode', () => {
    const h = setup();
    // MR(u64::MAX) overflows cost·n: IntegerOverflow after base + read_memory_base.
    expectHostError(() => h.call('write_register', 1n, U64_MAX, 0n), { kind: 'IntegerOverflow' });
    expect(h.burnt()).toBe(C.base + C.read_memory_base);
  });

  it('100-register limit: the 101st register fails, and so does replacing one (nearcore quirk)', () => {
    const h = setup();
    h.put(0, 'v');
    for (let i = 0n; i < 100n; i++) h.call('write_register', i, 1n, 0n);
    expectHostError(() => h.call('write_register', 100n, 1n, 0n), { kind: 'MemoryAccessViolation' });
    const before = h.burnt();
    expectHostError(() => h.call('write_register', 5n, 1n, 0n), { kind: 'MemoryAccessViolation' });
    // The failing write still pays base, the memory read and the register write fees.
    expect(h.burnt() - before).toBe(C.base + MR(1n) + RW(1n));
    expect(h.logic.registers.count).toBe(100);
  });

  it('max_register_size: a longer value is MemoryAccessViolation after RW is charged', () => {
    const h = setup({ limits: { maxRegisterSize: 3n } });
    h.put(0, 'quux');
    h.call('write_register', 1n, 3n, 0n);
    const before = h.burnt();
    expectHostError(() => h.call('write_register', 2n, 4n, 0n), { kind: 'MemoryAccessViolation' });
    expect(h.burnt() - before).toBe(C.base + MR(4n) + RW(4n));
  });

  it('registers_memory_limit counts each register as len + 8; replacing frees the old size', () => {
    const h = setup({ limits: { registersMemoryLimit: 11n } });
    h.put(0, 'quux');
    h.call('write_register', 42n, 3n, 0n); // 3 + 8 = 11
    h.call('write_register', 42n, 3n, 0n); // replaced: still 11
    h.call('write_register', 42n, 0n, 0n); // 8
    expectHostError(() => h.call('write_register', 42n, 4n, 0n), { kind: 'MemoryAccessViolation' });
    expect(h.logic.registers.memoryUsage).toBe(8n);
  });
});
