/**
 * `MemoryLike` over a WebAssembly.Memory. `memory.grow` replaces the buffer, so the byte view is
 * re-made whenever the memory's buffer is no longer the one it was made over.
 */
import type {} from '../webassembly-types.js';
import type { MemoryLike } from '@nearts/vm-logic';

/** Above any wasm32 memory (4 GiB): pointers and lengths below it add up exactly as numbers. */
const BEYOND_ANY_MEMORY = 1n << 32n;

export class WasmMemory implements MemoryLike {
  private buffer: ArrayBufferLike | null = null;
  private view: Uint8Array<ArrayBufferLike> = new Uint8Array(0);

  constructor(readonly memory: WebAssembly.Memory) {}

  private bytes(): Uint8Array {
    const buffer = this.memory.buffer;
    if (buffer !== this.buffer) {
      this.buffer = buffer;
      this.view = new Uint8Array(buffer);
    }
    return this.view;
  }

  fits(ptr: bigint, len: bigint): boolean {
    if (ptr < 0n || len < 0n || ptr >= BEYOND_ANY_MEMORY || len >= BEYOND_ANY_MEMORY) return false;
    return Number(ptr) + Number(len) <= this.bytes().length;
  }

  read(ptr: bigint, len: bigint): Uint8Array {
    const start = Number(ptr);
    return this.bytes().slice(start, start + Number(len));
  }

  write(ptr: bigint, data: Uint8Array): void {
    this.bytes().set(data, Number(ptr));
  }
}
