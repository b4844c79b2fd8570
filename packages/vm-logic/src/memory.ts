/**
 * Guest memory access. vm-logic never sees a wasm engine: an executor hands it a `MemoryLike`
 * over the instance's linear memory. Every access is charged *before* the bounds check, so an
 * out-of-bounds access still costs its gas (nearcore `vmstate.rs` / `wasmtime_runner/logic.rs`).
 */
import { HostError } from '@nearts/vm-errors';
import type { GasCounter } from './gas-counter.js';
import { U64_MAX, leBytesToU128, u128ToLeBytes } from './internal/u64.js';

/** What an executor implements over its guest memory. Pointers and lengths are u64 bigints. */
export interface MemoryLike {
  /** True when [ptr, ptr+len) lies entirely inside guest memory (no overflow). */
  fits(ptr: bigint, len: bigint): boolean;
  /** A copy of [ptr, ptr+len). Only called after `fits` said yes. */
  read(ptr: bigint, len: bigint): Uint8Array;
  /** Copies `data` to ptr. Only called after `fits(ptr, data.length)` said yes. */
  write(ptr: bigint, data: Uint8Array): void;
}

/** A zero-filled in-memory `MemoryLike` for tests (nearcore's MockedMemory is one 64 KiB page). */
export class MockMemory implements MemoryLike {
  static readonly DEFAULT_SIZE = 64 * 1024;
  readonly bytes: Uint8Array;

  constructor(size: number = MockMemory.DEFAULT_SIZE) {
    this.bytes = new Uint8Array(size);
  }

  fits(ptr: bigint, len: bigint): boolean {
    return ptr >= 0n && len >= 0n && ptr + len <= BigInt(this.bytes.length);
  }

  read(ptr: bigint, len: bigint): Uint8Array {
    return this.bytes.slice(Number(ptr), Number(ptr + len));
  }

  write(ptr: bigint, data: Uint8Array): void {
    this.bytes.set(data, Number(ptr));
  }
}

function violation(): HostError {
  return new HostError({ kind: 'MemoryAccessViolation' });
}

/** Charged access to guest memory; the charging wrapper around a `MemoryLike`. */
export class GuestMemory {
  constructor(readonly inner: MemoryLike) {}

  /** Reads without charging (only for places where nearcore reads for free). */
  readForFree(ptr: bigint, len: bigint): Uint8Array {
    if (ptr > U64_MAX || len > U64_MAX || !this.inner.fits(ptr, len)) throw violation();
    return this.inner.read(ptr, len);
  }

  /** `read_memory_base` + len·`read_memory_byte`, then the bounds check. */
  read(gas: GasCounter, ptr: bigint, len: bigint): Uint8Array {
    gas.payBase('read_memory_base');
    gas.payPer('read_memory_byte', len);
    return this.readForFree(ptr, len);
  }

  /** `write_memory_base` + len·`write_memory_byte`, then the bounds check. */
  write(gas: GasCounter, ptr: bigint, data: Uint8Array): void {
    gas.payBase('write_memory_base');
    gas.payPer('write_memory_byte', BigInt(data.length));
    if (!this.inner.fits(ptr, BigInt(data.length))) throw violation();
    this.inner.write(ptr, data);
  }

  readU8(gas: GasCounter, ptr: bigint): number {
    return this.read(gas, ptr, 1n)[0];
  }

  readU16(gas: GasCounter, ptr: bigint): number {
    const b = this.read(gas, ptr, 2n);
    return b[0] | (b[1] << 8);
  }

  readU32(gas: GasCounter, ptr: bigint): number {
    const b = this.read(gas, ptr, 4n);
    return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  }

  readU128(gas: GasCounter, ptr: bigint): bigint {
    return leBytesToU128(this.read(gas, ptr, 16n));
  }

  writeU128(gas: GasCounter, ptr: bigint, value: bigint): void {
    this.write(gas, ptr, u128ToLeBytes(value));
  }
}
