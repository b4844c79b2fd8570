/**
 * The module header and the framing of sections (id, LEB size, payload), read one section at
 * a time so that a caller can apply its own rules section by section, in file order.
 */
import type { ByteReader } from './reader.js';

export const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d] as const;
export const WASM_VERSION = [0x01, 0x00, 0x00, 0x00] as const;

/** Read `\0asm` and version 1 (a core module; components are not supported). */
export function readHeader(r: ByteReader): void {
  if (r.remaining() < 4) r.fail('unexpected end of input');
  for (let i = 0; i < 4; i++) {
    if (r.buf[r.pos + i] !== WASM_MAGIC[i]) r.fail('magic header not detected: bad magic number');
  }
  r.pos += 4;
  if (r.remaining() < 4) r.fail('unexpected end of input');
  for (let i = 0; i < 4; i++) {
    if (r.buf[r.pos + i] !== WASM_VERSION[i]) r.fail('unknown binary version');
  }
  r.pos += 4;
}

export interface SectionHeader {
  readonly id: number;
  /** Offset of the id byte. */
  readonly headerStart: number;
  /** Payload range. */
  readonly start: number;
  readonly end: number;
}

/** The next section's framing (leaving `r` at the start of its payload), or null at the end. */
export function nextSection(r: ByteReader): SectionHeader | null {
  if (r.eof()) return null;
  const headerStart = r.pos;
  const id = r.u8();
  if (id & 0x80) r.fail('malformed section id', headerStart);
  const sizeAt = r.pos;
  const size = r.varU32();
  if (size > r.remaining()) r.fail('section too large', sizeAt);
  return { id, headerStart, start: r.pos, end: r.pos + size };
}
