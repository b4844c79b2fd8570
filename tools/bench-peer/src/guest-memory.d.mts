export declare class GuestMemory {
  attachWasm(memory: WebAssembly.Memory): void;
  attachBytes(bytes: Uint8Array): void;
  fits_memory(offset: bigint, len: bigint): boolean;
  read_memory(offset: bigint, buffer: Uint8Array): void;
  read_memory_u8(offset: bigint): number;
  write_memory(offset: bigint, buffer: Uint8Array): void;
}
