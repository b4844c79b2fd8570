// The memory object near-mock-vm's Rust VM reads and writes guest memory through.
//
// The Rust side (`MockedMemory`) calls four JS methods on whatever object it was constructed
// with: fits_memory, read_memory, write_memory, read_memory_u8. near-mock-vm's own `Memory`
// class (vm/dist/memory.js) has two bugs that make it unusable as a peer:
//   - fits_memory uses `offset + len < size`, so a range ending exactly at the end of memory is
//     reported as a MemoryAccessViolation (near-sdk-rs with wee_alloc allocates there);
//     nearcore's check is `offset + len <= size` (patch 2 of docs: "off-by-one bounds check").
//   - read_memory_u8 forgets to `return` the byte, so every NUL-terminated string
//     (len == u64::MAX in log_utf8/panic_utf8) reads as empty.
// This class implements the same four methods with nearcore's semantics and can be re-pointed
// at a scratch buffer, which the driver uses to feed storage into a fresh VM and read it back.

const U64_MAX = (1n << 64n) - 1n;

export class GuestMemory {
  /** @type {WebAssembly.Memory | null} */
  #wasmMemory = null;
  /** @type {Uint8Array} */
  #bytes = new Uint8Array(0);

  /** Points the VM at a contract's linear memory (views are refreshed after memory.grow). */
  attachWasm(memory) {
    this.#wasmMemory = memory;
    this.#bytes = new Uint8Array(memory.buffer);
  }

  /** Points the VM at a plain buffer (host-side scratch space). */
  attachBytes(bytes) {
    this.#wasmMemory = null;
    this.#bytes = bytes;
  }

  #view() {
    const m = this.#wasmMemory;
    if (m !== null && this.#bytes.buffer !== m.buffer) this.#bytes = new Uint8Array(m.buffer);
    return this.#bytes;
  }

  /** u64 arguments arrive as BigInt from the wasm-bindgen glue. */
  fits_memory(offset, len) {
    const end = BigInt(offset) + BigInt(len);
    return end <= U64_MAX && end <= BigInt(this.#view().length);
  }

  read_memory(offset, buffer) {
    const start = Number(offset);
    buffer.set(this.#view().subarray(start, start + buffer.length), 0);
  }

  read_memory_u8(offset) {
    return this.#view()[Number(offset)];
  }

  write_memory(offset, buffer) {
    this.#view().set(buffer, Number(offset));
  }
}
