/** nearcore runtime/near-vm-runner/src/logic/tests/registers.rs, translated. */
import { describe, expect, it } from 'vitest';
import { U64_MAX, VMLogicBuilder, hostErrorOf, le64 } from './logic-builder.js';

describe('nearcore logic tests: registers', () => {
  it('one register: length and contents', () => {
    const t = VMLogicBuilder.default().build();
    t.writeRegister(0n, new Uint8Array([0, 1, 2]));
    expect(t.call('register_len', 0n)).toBe(3n);
    t.assertReadRegister(new Uint8Array([0, 1, 2]), 0n);
  });

  it('a register never written: length u64::MAX, read InvalidRegisterId', () => {
    const t = VMLogicBuilder.default().build();
    expect(t.call('register_len', 0n)).toBe(U64_MAX);
    expect(hostErrorOf(() => t.call('read_register', 0n, 100n))).toEqual({ kind: 'InvalidRegisterId', register_id: 0n });
  });

  it('max_number_registers registers work, one more is MemoryAccessViolation', () => {
    const b = VMLogicBuilder.default();
    const max = b.config.limitConfig.maxNumberRegisters;
    const t = b.build();
    for (let i = 0n; i < max; i++) {
      const value = le64(i * 10n);
      t.writeRegister(i, value);
      t.assertReadRegister(value, i);
    }
    expect(hostErrorOf(() => t.writeRegister(max, new Uint8Array(0)))).toEqual({ kind: 'MemoryAccessViolation' });
  });

  it('a register over max_register_size is MemoryAccessViolation', () => {
    const b = VMLogicBuilder.free();
    const size = Number(b.config.limitConfig.maxRegisterSize) + 1;
    const t = b.build();
    expect(hostErrorOf(() => t.writeRegister(0n, new Uint8Array(size)))).toEqual({ kind: 'MemoryAccessViolation' });
  });

  it('registers_memory_limit: limit/max_register_size full registers fit, one more does not', () => {
    const b = VMLogicBuilder.free();
    const limits = b.config.limitConfig;
    const maxRegisters = limits.registersMemoryLimit / limits.maxRegisterSize;
    const t = b.build();
    // One buffer for every register (the logic keeps it without copying).
    const value = new Uint8Array(Number(limits.maxRegisterSize)).fill(1);
    for (let i = 0n; i < maxRegisters; i++) t.writeRegister(i, value);
    expect(hostErrorOf(() => t.writeRegister(maxRegisters, value))).toEqual({ kind: 'MemoryAccessViolation' });
  });
});
