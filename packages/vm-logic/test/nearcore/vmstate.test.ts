/** nearcore runtime/near-vm-runner/src/logic/vmstate.rs `mod tests` (Registers), translated. */
import { HostError } from '@nearts/vm-errors';
import type { LimitConfig } from '@nearts/runtime-fees';
import { describe, expect, it } from 'vitest';
import { GasCounter, Registers } from '../../src/index.js';
import { U64_MAX, testVmConfig, utf8, type MutableConfig } from './logic-builder.js';
import { testExtCostsConfig } from './test-ext-costs.js';

class RegistersTestContext {
  readonly gas = new GasCounter(testExtCostsConfig(), U64_MAX, 0n, U64_MAX, false);
  readonly cfg: MutableConfig['limitConfig'] = testVmConfig().limitConfig;
  readonly regs = new Registers();

  assertSetSuccess(id: bigint, value: string): void {
    this.regs.set(this.gas, this.cfg as LimitConfig, id, utf8(value));
    this.assertRead(id, value);
  }

  assertSetFailure(id: bigint, value: string): void {
    let caught: unknown;
    try {
      this.regs.set(this.gas, this.cfg as LimitConfig, id, utf8(value));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(HostError);
    expect((caught as HostError).data).toEqual({ kind: 'MemoryAccessViolation' });
  }

  assertRead(id: bigint, value: string | null): void {
    if (value !== null) {
      expect(this.regs.get(this.gas, id)).toEqual(utf8(value));
      expect(this.regs.getLen(id)).toBe(BigInt(utf8(value).length));
    } else {
      expect(() => this.regs.get(this.gas, id)).toThrow(HostError);
      expect(this.regs.getLen(id)).toBeUndefined();
    }
  }

  assertUsedGas(gas: bigint): void {
    expect([this.gas.burntGas(), this.gas.usedGas()]).toEqual([gas, gas]);
  }
}

describe('nearcore vmstate unit tests: Registers', () => {
  it('set and read; unknown registers are free to ask about', () => {
    const ctx = new RegistersTestContext();
    ctx.assertRead(42n, null);
    ctx.assertRead(24n, null);
    ctx.assertSetSuccess(42n, 'foo');
    ctx.assertRead(24n, null);
    ctx.assertUsedGas(5394388050n);
  });

  it('max_number_registers, also when replacing a register (a bug kept as protocol)', () => {
    const ctx = new RegistersTestContext();
    ctx.cfg.maxNumberRegisters = 2n;
    ctx.assertSetSuccess(42n, 'foo');
    ctx.assertSetSuccess(24n, 'bar');
    ctx.assertSetFailure(12n, 'baz');
    ctx.assertSetFailure(42n, 'O_o');
    ctx.assertSetFailure(24n, 'O_o');
    ctx.assertUsedGas(19419557634n);
  });

  it('max_register_size', () => {
    const ctx = new RegistersTestContext();
    ctx.cfg.maxRegisterSize = 3n;
    ctx.assertSetSuccess(42n, 'foo');
    ctx.assertSetFailure(24n, 'quux');
    ctx.assertUsedGas(8275116792n);
  });

  it('registers_memory_limit counts length + 8 per register; replacing frees the old value', () => {
    const ctx = new RegistersTestContext();
    ctx.cfg.registersMemoryLimit = 11n;
    ctx.assertSetSuccess(42n, 'foo');
    ctx.assertSetSuccess(42n, 'bar');
    ctx.assertSetSuccess(42n, '');
    ctx.assertSetSuccess(42n, 'baz');
    ctx.assertSetFailure(42n, 'quux');
    ctx.assertUsedGas(24446580564n);
  });
});
