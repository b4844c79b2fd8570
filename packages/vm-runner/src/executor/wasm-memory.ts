/**
 * `MemoryLike` over a WebAssembly.Memory. The buffer is re-read on every access because
 * `memory.grow` detaches the previous ArrayBuffer.
 */
import type {} from '../webassembly-types.js';
import type { MemoryLike } from '@nearts/vm-logic';

export class WasmMemory implements MemoryLike {
  constructor(readonly memory: WebAssembly.Memory) {}

  fits(ptr: bigint, len: bigint): boolean {
    return ptr >= 0n && len >= 0n && ptr + len <= BigInt(this.memory.buffer.byteLength);
  }

  read(ptr: bigint, len: bigint): Uint8Array {
    const start = Number(ptr);
    return new Uint8Array(this.memory.buffer, start, Number(len)).slice();
  }

  write(ptr: bigint, data: Uint8Array): void {
    new Uint8Array(this.memory.buffer).set(data, Number(ptr));
  }
}
