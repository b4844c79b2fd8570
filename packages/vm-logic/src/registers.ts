/**
 * Registers: guest-addressable blobs keyed by any u64 id, alive for one call
 * (nearcore `vmstate.rs::Registers`).
 */
import { HostError } from '@nearts/vm-errors';
import type { LimitConfig } from '@nearts/runtime-fees';
import type { GasCounter } from './gas-counter.js';

/** Each register counts as its length plus 8 bytes (the size of a u64) towards the memory limit. */
const REGISTER_OVERHEAD = 8n;

export class Registers {
  private readonly registers = new Map<bigint, Uint8Array>();
  private totalMemoryUsage = 0n;

  /** Charges `read_register_base` + len·`read_register_byte`; unknown id: InvalidRegisterId, no charge. */
  get(gas: GasCounter, registerId: bigint): Uint8Array {
    const data = this.registers.get(registerId);
    if (data === undefined) throw new HostError({ kind: 'InvalidRegisterId', register_id: registerId });
    gas.payBase('read_register_base');
    gas.payPer('read_register_byte', BigInt(data.length));
    return data;
  }

  /** Length of a register, or undefined when it was never set. Free. */
  getLen(registerId: bigint): bigint | undefined {
    const data = this.registers.get(registerId);
    return data === undefined ? undefined : BigInt(data.length);
  }

  /** Uncharged read, for tests and tooling. */
  peek(registerId: bigint): Uint8Array | undefined {
    return this.registers.get(registerId);
  }

  get count(): number {
    return this.registers.size;
  }

  get memoryUsage(): bigint {
    return this.totalMemoryUsage;
  }

  /** `write_register_base` + len·`write_register_byte`, then the limit checks. */
  set(gas: GasCounter, limits: LimitConfig, registerId: bigint, data: Uint8Array): void {
    this.setImpl(gas, limits, registerId, data, true);
  }

  /**
   * Only `write_register_base`: nearcore shares the buffer (an `Rc`) instead of copying it, so
   * `input` and `promise_result` pay no per-byte fee.
   */
  setShared(gas: GasCounter, limits: LimitConfig, registerId: bigint, data: Uint8Array): void {
    this.setImpl(gas, limits, registerId, data, false);
  }

  private setImpl(gas: GasCounter, limits: LimitConfig, registerId: bigint, data: Uint8Array, perByte: boolean): void {
    const len = BigInt(data.length);
    gas.payBase('write_register_base');
    if (perByte) gas.payPer('write_register_byte', len);
    if (len > limits.maxRegisterSize) throw new HostError({ kind: 'MemoryAccessViolation' });
    // nearcore bug kept as protocol: at the limit even replacing an existing register fails.
    if (BigInt(this.registers.size) >= limits.maxNumberRegisters) {
      throw new HostError({ kind: 'MemoryAccessViolation' });
    }
    const old = this.registers.get(registerId);
    const oldUsage = old === undefined ? 0n : BigInt(old.length) + REGISTER_OVERHEAD;
    const usage = this.totalMemoryUsage - oldUsage + len + REGISTER_OVERHEAD;
    if (usage > limits.registersMemoryLimit) throw new HostError({ kind: 'MemoryAccessViolation' });
    this.totalMemoryUsage = usage;
    this.registers.set(registerId, data);
  }
}
