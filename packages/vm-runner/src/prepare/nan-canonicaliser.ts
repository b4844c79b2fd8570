/**
 * The NaN-canonicalising code of an instrumented body (instrument.ts; which results and why:
 * nan.ts). With scratch float locals it is `if (x != x) canonical else x`; without them (the
 * engine's locals limit) an integer-only sequence on the bits through the body's i64 or i32
 * scratch local.
 */
import { ByteWriter } from '../wasm/encoder.js';
import { absorbsNaN } from './nan.js';

export class NanCanonicaliser {
  /** The float type (0x7d f32, 0x7c f64) of the result just copied, still to canonicalise, or 0. */
  pending = 0;
  /** Float results canonicalised in the body being emitted (for statistics). */
  count = 0;
  private f32Local = -1;
  private f64Local = -1;

  /** Start a body; its scratch float locals (-1: none, use the integer sequences). */
  begin(f32Local: number, f64Local: number): void {
    this.f32Local = f32Local;
    this.f64Local = f64Local;
    this.pending = 0;
    this.count = 0;
  }

  /**
   * Canonicalise the pending float unless `next` consumes it without observing its bits;
   * `tmp64` and `cnt32` are the body's integer scratch locals.
   */
  flush(out: ByteWriter, next: number, tmp64: number, cnt32: number): void {
    const kind = this.pending;
    this.pending = 0;
    if (absorbsNaN(kind, next)) return;
    this.count++;
    const scratch = kind === 0x7c ? this.f64Local : this.f32Local;
    if (scratch >= 0) {
      // x != x only for NaN: `if (x != x) canonical else x`.
      out.byte(0x22).u32(scratch).byte(0x20).u32(scratch).byte(kind === 0x7c ? 0x62 : 0x5c);
      out.byte(0x04).byte(kind);
      if (kind === 0x7c) out.bytes(F64_CANONICAL_CONST);
      else out.bytes(F32_CANONICAL_CONST);
      out.byte(0x05).byte(0x20).u32(scratch).byte(0x0b);
    } else if (kind === 0x7c) {
      out.byte(0xbd).byte(0x22).u32(tmp64).bytes(F64_CANON_HEAD).byte(0x20).u32(tmp64).bytes(F64_CANON_TAIL);
    } else {
      out.byte(0xbc).byte(0x22).u32(cnt32).bytes(F32_CANON_HEAD).byte(0x20).u32(cnt32).bytes(F32_CANON_TAIL);
    }
  }
}

const F64_CANONICAL_CONST = Uint8Array.of(0x44, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f);
const F32_CANONICAL_CONST = Uint8Array.of(0x43, 0, 0, 0xc0, 0x7f);
// f64: select(x, 0x7ff8000000000000, (bits(x) & 0x7fff…) <= 0x7ff0000000000000)
const F64_CANON_HEAD = new ByteWriter(16).byte(0x42).i64(0x7ff8000000000000n).finish();
const F64_CANON_TAIL = new ByteWriter(32)
  .byte(0x42)
  .i64(0x7fffffffffffffffn)
  .byte(0x83)
  .byte(0x42)
  .i64(0x7ff0000000000000n)
  .byte(0x58)
  .byte(0x1b)
  .byte(0xbf)
  .finish();
// f32: the same on the i32 bits.
const F32_CANON_HEAD = new ByteWriter(8).byte(0x41).i32(0x7fc00000).finish();
const F32_CANON_TAIL = new ByteWriter(16).byte(0x41).i32(0x7fffffff).byte(0x71).byte(0x41).i32(0x7f800000).byte(0x4d).byte(0x1b).byte(0xbe).finish();
