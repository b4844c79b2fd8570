/**
 * Splitting of br_tables longer than V8 accepts (MAX_ENGINE_BR_TABLE labels; wasmparser, and so
 * nearcore, accepts more) when a body is re-encoded (instrument.ts): the scratch locals it needs
 * and the chain of shorter br_tables it writes instead.
 */
import type { ByteWriter } from '../wasm/encoder.js';
import { BlockType, OperatorReader } from '../wasm/operators.js';
import type { WideBrTable } from './function-analysis.js';

/** Labels per br_table when an over-long one is split (below V8's 65 520). */
const BR_TABLE_CHUNK = 65_000;

export class BrTableSplitter {
  private indexLocal = 0;
  /** Scratch local per value type carried by the labels of a split table. */
  private readonly valueLocals = new Map<number, number>();
  private readonly reader = new OperatorReader();
  private wide: readonly WideBrTable[] = [];

  /**
   * Assign the scratch locals of the body's over-long br_tables, from local `first` on: an i32
   * for the index and one per label value type. Returns how many (0 when there are none).
   */
  assignLocals(wide: readonly WideBrTable[], first: number): number {
    this.wide = wide;
    this.indexLocal = first;
    // Map.clear allocates a fresh table even when the map is empty (as it almost always is).
    if (this.valueLocals.size > 0) this.valueLocals.clear();
    if (wide.length === 0) return 0;
    let extra = 1;
    for (const { type } of wide) {
      if (type !== BlockType.Empty && !this.valueLocals.has(type)) this.valueLocals.set(type, first + extra++);
    }
    return extra;
  }

  /** Declare the locals `assignLocals` counted (one group each), in the same order. */
  declareLocals(out: ByteWriter): void {
    out.byte(1).byte(0x7f);
    for (const t of this.valueLocals.keys()) out.byte(1).byte(t);
  }

  /**
   * Re-encode the br_table at `code[offset .. next)` as a chain of shorter ones: chunk k
   * handles indices [k·C, (k+1)·C) inside a block whose label is the chunk's default ("try the
   * next chunk"); every original label is one level further out inside that block. A value
   * carried by the labels goes through a scratch local, since blocks do not see outer operands.
   * The original instruction is charged once by the gas analysis; the extra ones are free.
   */
  split(out: ByteWriter, code: Uint8Array, offset: number, next: number): void {
    const r = this.reader;
    r.reset(code, offset, next);
    r.next();
    const targets = r.brTargets;
    const count = r.brCount;
    const defaultLabel = r.a;
    const type = this.wide.find((w) => w.offset === offset)!.type;
    const valueLocal = type === BlockType.Empty ? -1 : this.valueLocals.get(type)!;
    const idx = this.indexLocal;
    out.byte(0x21).u32(idx);
    if (valueLocal >= 0) out.byte(0x21).u32(valueLocal);
    const chunk = BR_TABLE_CHUNK;
    let start = 0;
    for (; count - start > chunk; start += chunk) {
      out.byte(0x02).byte(type === BlockType.Empty ? 0x40 : type);
      if (valueLocal >= 0) out.byte(0x20).u32(valueLocal);
      out.byte(0x20).u32(idx);
      if (start > 0) out.byte(0x41).i32(start).byte(0x6b);
      out.byte(0x0e).u32(chunk);
      for (let i = start; i < start + chunk; i++) out.u32(targets[i] + 1);
      out.u32(0).byte(0x0b);
      if (valueLocal >= 0) out.byte(0x1a);
    }
    if (valueLocal >= 0) out.byte(0x20).u32(valueLocal);
    out.byte(0x20).u32(idx);
    if (start > 0) out.byte(0x41).i32(start).byte(0x6b);
    out.byte(0x0e).u32(count - start);
    for (let i = start; i < count; i++) out.u32(targets[i]);
    out.u32(defaultLabel);
  }
}
