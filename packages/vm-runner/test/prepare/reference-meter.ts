/**
 * A deliberately naive gas meter, used as the reference in differential tests: it adds each
 * instruction's fee to a counter right before the instruction executes (a loop's fee right
 * after entering it, so every iteration pays), and the frame fee on entry. No segments, no
 * merging, no limits: if finite-wasm's placement is reproduced correctly, the prepared module
 * burns exactly this much gas whenever a call ends normally or by a trap.
 *
 * Works for the modules random-modules.ts generates (memory, table, elements, no imports and no
 * globals), which it rewrites with the memory limits preparation imposes.
 */
import { ByteReader, ByteWriter, OperatorReader } from '../../src/wasm/index.js';
import { stackSizeOf } from '../../src/wasm/types.js';

const LINEAR_OPS = new Set([0x40, 0xfc08, 0xfc0a, 0xfc0b, 0xfc0c, 0xfc0e, 0xfc0f, 0xfc11]);
const FREE_OPS = new Set([0x02, 0x05, 0x0b]);

export interface ReferenceCosts {
  regular: bigint;
  linearBase: bigint;
  linearUnit: bigint;
}

export function referenceMeter(code: Uint8Array, costs: ReferenceCosts, limit: bigint): Uint8Array {
  const r = new ByteReader(code, 8);
  const out = new ByteWriter(code.length * 4).bytes(code, 0, 8);
  const types: number[][] = [];
  const funcTypes: number[] = [];
  while (!r.eof()) {
    const id = r.u8();
    const size = r.varU32();
    const start = r.pos;
    const end = start + size;
    r.pos = end;
    if (id === 1) {
      const p = new ByteReader(code, start, end);
      for (let n = p.varU32(); n > 0; n--) {
        p.u8();
        const params = Array.from({ length: p.varU32() }, () => p.u8());
        for (let k = p.varU32(); k > 0; k--) p.u8();
        types.push(params);
      }
    }
    if (id === 3) {
      const p = new ByteReader(code, start, end);
      for (let n = p.varU32(); n > 0; n--) funcTypes.push(p.varU32());
    }
    if (id === 5) {
      out.section(5, new ByteWriter().u32(1).byte(1).u32(1024).u32(2048));
      // The counter: global 0, mutable i64.
      out.section(6, new ByteWriter().u32(1).byte(0x7e).byte(1).byte(0x42).byte(0).byte(0x0b));
      continue;
    }
    if (id === 7) {
      // Bump the export count and add the counter.
      const p = new ByteReader(code, start, end);
      const count = p.varU32();
      const body = new ByteWriter().u32(count + 1).bytes(code, p.pos, end).name('gas_used').byte(3).u32(0);
      out.section(7, body);
      continue;
    }
    if (id === 10) {
      out.section(10, instrumentCode(code, start, end, types, funcTypes, costs, limit));
      continue;
    }
    out.byte(id).u32(size).bytes(code, start, end);
  }
  return out.finish();
}

/** Add `gas` to the counter; past `limit` the call traps (so runaway loops end). */
function charge(w: ByteWriter, gas: bigint, limit: bigint): void {
  if (gas === 0n) return;
  w.byte(0x23).u32(0).byte(0x42).i64(gas).byte(0x7c).byte(0x24).u32(0);
  overLimit(w, limit);
}

function overLimit(w: ByteWriter, limit: bigint): void {
  w.byte(0x23).u32(0).byte(0x42).i64(limit).byte(0x56).byte(0x04).byte(0x40).byte(0x00).byte(0x0b);
}

/** Float results Wasmtime canonicalises: the same set as nan.ts, restated independently. */
function nanResultType(op: number): number {
  if ((op >= 0x8d && op <= 0x97) || op === 0xb6) return 0x7d;
  if ((op >= 0x9b && op <= 0xa5) || op === 0xbb) return 0x7c;
  return 0;
}

function instrumentCode(code: Uint8Array, start: number, end: number, types: number[][], funcTypes: number[], costs: ReferenceCosts, limit: bigint): ByteWriter {
  const p = new ByteReader(code, start, end);
  const count = p.varU32();
  const section = new ByteWriter().u32(count);
  for (let f = 0; f < count; f++) {
    const size = p.varU32();
    const bodyEnd = p.pos + size;
    const params = types[funcTypes[f]];
    const groups: [number, number][] = [];
    for (let g = p.varU32(); g > 0; g--) groups.push([p.varU32(), p.u8()]);
    let frame = 64;
    for (const t of params) frame += stackSizeOf(t);
    for (const [n, t] of groups) frame += n * stackSizeOf(t);
    const scratch = params.length + groups.reduce((a, [n]) => a + n, 0);
    const w = new ByteWriter(size * 8);
    w.u32(groups.length + 3);
    for (const [n, t] of groups) w.u32(n).byte(t);
    w.u32(1).byte(0x7f).u32(1).byte(0x7d).u32(1).byte(0x7c);
    charge(w, BigInt(Math.ceil(frame / 8)) * costs.regular, limit);
    const ops = new OperatorReader();
    ops.reset(code, p.pos, bodyEnd);
    while (!ops.eof()) {
      const op = ops.next();
      const bytes = code.subarray(ops.offset, ops.pos);
      if (LINEAR_OPS.has(op)) {
        // fee = base + unit · n, n being the i32 on top of the stack
        w.byte(0x22).u32(scratch).byte(0xad).byte(0x42).i64(costs.linearUnit).byte(0x7e).byte(0x42).i64(costs.linearBase).byte(0x7c);
        w.byte(0x23).u32(0).byte(0x7c).byte(0x24).u32(0);
        overLimit(w, limit);
        w.byte(0x20).u32(scratch);
        w.bytes(bytes);
      } else if (op === 0x03) {
        w.bytes(bytes);
        charge(w, costs.regular, limit);
      } else {
        if (!FREE_OPS.has(op)) charge(w, costs.regular, limit);
        w.bytes(bytes);
        const t = nanResultType(op);
        if (t !== 0) {
          // (local.tee s) (if (result t) (t.ne s s) (then canonical) (else s))
          const local = t === 0x7d ? scratch + 1 : scratch + 2;
          w.byte(0x22).u32(local).byte(0x20).u32(local).byte(t === 0x7d ? 0x5c : 0x62).byte(0x04).byte(t);
          if (t === 0x7d) w.bytes(Uint8Array.of(0x43, 0, 0, 0xc0, 0x7f));
          else w.bytes(Uint8Array.of(0x44, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f));
          w.byte(0x05).byte(0x20).u32(local).byte(0x0b);
        }
      }
    }
    section.u32(w.length).append(w);
    p.pos = bodyEnd;
  }
  return section;
}
