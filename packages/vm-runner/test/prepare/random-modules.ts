/**
 * Deterministic generation of valid modules (typed-stack driven), and of mutations of any
 * module, for the property tests.
 */
import { ByteWriter } from '../../src/wasm/index.js';
import { NUMERIC } from '../../src/wasm/opcodes.js';

/** xorshift32: reproducible test randomness. */
export class Rng {
  constructor(private state: number) {
    if (this.state === 0) this.state = 0x9e3779b9;
  }
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  int(n: number): number {
    return this.next() % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() / 0x1_0000_0000 < p;
  }
}

const I32 = 0x7f;
const I64 = 0x7e;
const F32 = 0x7d;
const F64 = 0x7c;
const NUM_TYPES = [I32, I64, F32, F64];

interface FuncSig {
  params: number[];
  result: number | undefined;
}

/** Numeric opcodes by operand type, with their arity and result. */
const NUMERIC_BY_ARG = new Map<number, { op: number; arity: number; result: number }[]>();
for (let i = 0; i < NUMERIC.length; i++) {
  const s = NUMERIC[i];
  if (!s) continue;
  const op = i >= 0x100 ? 0xfc00 | (i - 0x100) : i;
  const list = NUMERIC_BY_ARG.get(s.pops[0]) ?? [];
  list.push({ op, arity: s.pops.length, result: s.push });
  NUMERIC_BY_ARG.set(s.pops[0], list);
}

function writeOp(w: ByteWriter, op: number): void {
  if (op >= 0xfc00) w.byte(0xfc).u32(op & 0xff);
  else w.byte(op);
}

function pushConst(w: ByteWriter, rng: Rng, t: number): void {
  switch (t) {
    case I32:
      w.byte(0x41).i32(rng.chance(0.3) ? rng.int(8) : rng.next() | 0);
      break;
    case I64:
      w.byte(0x42).i64(BigInt(rng.next()) * BigInt(rng.int(3) === 0 ? 1 : rng.next()));
      break;
    case F32:
      w.byte(0x43).bytes(Uint8Array.of(rng.int(256), rng.int(256), rng.int(256), rng.pick([0x3f, 0x7f, 0xff, 0x40])));
      break;
    default:
      w.byte(0x44).bytes(Uint8Array.of(rng.int(256), 0, 0, 0, 0, rng.int(256), rng.pick([0xf0, 0xf8, 0x00]), rng.pick([0x3f, 0x7f, 0xff, 0x40])));
  }
}

/** A random function body that validates against `sig` (all blocks are `[] -> []`). */
function body(rng: Rng, sig: FuncSig, sigs: readonly FuncSig[], budget: number): ByteWriter {
  const w = new ByteWriter(256);
  const locals = [...sig.params];
  const declared: number[] = [];
  for (let i = rng.int(4); i > 0; i--) declared.push(rng.pick(NUM_TYPES));
  locals.push(...declared);
  w.u32(declared.length);
  for (const t of declared) w.u32(1).byte(t);
  let depth = 0;
  const produce = (t: number, fuel: number): void => {
    if (fuel <= 0 || rng.chance(0.35)) {
      const idx = locals.indexOf(t);
      if (idx >= 0 && rng.chance(0.5)) w.byte(0x20).u32(idx);
      else pushConst(w, rng, t);
      return;
    }
    const choice = rng.int(10);
    if (choice < 6) {
      const candidates = [...NUMERIC_BY_ARG.entries()].flatMap(([arg, ops]) => ops.filter((o) => o.result === t).map((o) => ({ ...o, arg })));
      const c = rng.pick(candidates);
      for (let i = 0; i < c.arity; i++) produce(c.arg, fuel - 1);
      writeOp(w, c.op);
    } else if (choice < 8) {
      // A load of type t from a small address.
      const op = { [I32]: 0x28, [I64]: 0x29, [F32]: 0x2a, [F64]: 0x2b }[t]!;
      produce(I32, 0);
      w.byte(op).u32(rng.int(3)).u32(rng.int(64));
    } else {
      const callee = sigs.findIndex((s) => s.result === t);
      if (callee < 0 || rng.chance(0.5)) pushConst(w, rng, t);
      else {
        for (const p of sigs[callee].params) produce(p, fuel - 2);
        w.byte(0x10).u32(callee);
      }
    }
  };
  let steps = 0;
  while (steps++ < budget) {
    const r = rng.int(20);
    if (r < 4) {
      const t = rng.pick(NUM_TYPES);
      produce(t, 3);
      if (rng.chance(0.5)) w.byte(0x1a);
      else {
        const idx = locals.lastIndexOf(t);
        if (idx >= 0) w.byte(0x21).u32(idx);
        else w.byte(0x1a);
      }
    } else if (r < 6 && depth < 6) {
      w.byte(rng.pick([0x02, 0x03])).byte(0x40);
      depth++;
    } else if (r < 7 && depth < 6) {
      produce(I32, 2);
      w.byte(0x04).byte(0x40);
      depth++;
    } else if (r < 9 && depth > 0) {
      w.byte(0x0b);
      depth--;
    } else if (r < 10 && (depth > 0 || sig.result === undefined)) {
      // A conditional branch to a block (or to the function, when it returns nothing).
      produce(I32, 1);
      w.byte(0x0d).u32(rng.int(sig.result === undefined ? depth + 1 : depth));
    } else if (r < 11) {
      produce(I32, 1);
      const t = rng.pick(NUM_TYPES);
      produce(t, 1);
      w.byte({ [I32]: 0x36, [I64]: 0x37, [F32]: 0x38, [F64]: 0x39 }[t]!).u32(rng.int(3)).u32(rng.int(64));
    } else if (r < 12) {
      produce(I32, 1);
      w.byte(0x40).byte(0x00).byte(0x1a); // memory.grow, drop
    } else if (r < 13) {
      produce(I32, 1);
      produce(I32, 1);
      produce(I32, 1);
      // memory.copy (two memory indices) or memory.fill (one)
      if (rng.chance(0.5)) w.byte(0xfc).u32(10).byte(0).byte(0);
      else w.byte(0xfc).u32(11).byte(0);
    } else if (r < 14) {
      const callee = rng.int(sigs.length);
      for (const p of sigs[callee].params) produce(p, 1);
      w.byte(0x10).u32(callee);
      if (sigs[callee].result !== undefined) w.byte(0x1a);
    } else if (r < 15 && rng.chance(0.1)) {
      w.byte(0x00); // unreachable; the rest of the frame is dead but stays valid
    } else {
      w.byte(0x01);
    }
  }
  while (depth-- > 0) w.byte(0x0b);
  if (sig.result !== undefined) produce(sig.result, 2);
  w.byte(0x0b);
  return w;
}

/** A valid module: memory, a table, some functions exported as `f0`, `f1`, … */
export function randomModule(rng: Rng, size = 40): Uint8Array {
  const nfuncs = 1 + rng.int(5);
  const sigs: FuncSig[] = [];
  for (let i = 0; i < nfuncs; i++) {
    const params = Array.from({ length: rng.int(3) }, () => rng.pick(NUM_TYPES));
    sigs.push({ params, result: rng.chance(0.5) ? rng.pick(NUM_TYPES) : undefined });
  }
  sigs[0] = { params: [], result: undefined }; // a callable method
  const out = new ByteWriter(1024);
  out.bytes(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
  const sec = (id: number, write: (w: ByteWriter) => void) => {
    const w = new ByteWriter(128);
    write(w);
    out.section(id, w);
  };
  sec(1, (w) => {
    w.u32(nfuncs);
    for (const s of sigs) {
      w.byte(0x60).u32(s.params.length);
      for (const p of s.params) w.byte(p);
      if (s.result === undefined) w.u32(0);
      else w.u32(1).byte(s.result);
    }
  });
  sec(3, (w) => {
    w.u32(nfuncs);
    for (let i = 0; i < nfuncs; i++) w.u32(i);
  });
  sec(4, (w) => w.u32(1).byte(0x70).byte(0).u32(nfuncs));
  sec(5, (w) => w.u32(1).byte(1).u32(1).u32(4));
  sec(7, (w) => {
    w.u32(nfuncs);
    for (let i = 0; i < nfuncs; i++) w.name(`f${i}`).byte(0).u32(i);
  });
  sec(9, (w) => {
    w.u32(1).u32(0).byte(0x41).i32(0).byte(0x0b).u32(nfuncs);
    for (let i = 0; i < nfuncs; i++) w.u32(i);
  });
  sec(10, (w) => {
    w.u32(nfuncs);
    for (const s of sigs) {
      const b = body(rng, s, sigs, size);
      w.u32(b.length).append(b);
    }
  });
  sec(11, (w) => w.u32(1).u32(0).byte(0x41).i32(rng.int(1000)).byte(0x0b).name('hello'));
  return out.finish();
}

/** Damage `code` in one of several ways. */
export function mutate(rng: Rng, code: Uint8Array): Uint8Array {
  const out = Uint8Array.from(code);
  switch (rng.int(6)) {
    case 0: {
      for (let i = 1 + rng.int(4); i > 0; i--) out[rng.int(out.length)] ^= 1 << rng.int(8);
      return out;
    }
    case 1:
      return out.slice(0, rng.int(out.length));
    case 2: {
      const at = rng.int(out.length);
      const junk = Uint8Array.from({ length: 1 + rng.int(16) }, () => rng.int(256));
      return Uint8Array.from([...out.slice(0, at), ...junk, ...out.slice(at)]);
    }
    case 3: {
      const at = rng.int(out.length);
      return Uint8Array.from([...out.slice(0, at), ...out.slice(at + 1 + rng.int(8))]);
    }
    case 4: {
      // A plausible-looking LEB "count" of up to 2^32 - 1 somewhere.
      const at = 8 + rng.int(Math.max(1, out.length - 8));
      const big = new ByteWriter(8).u32(rng.next()).finish();
      return Uint8Array.from([...out.slice(0, at), ...big, ...out.slice(at + 1)]);
    }
    default: {
      // A random extra section.
      const payload = Uint8Array.from({ length: rng.int(20) }, () => rng.int(256));
      const w = new ByteWriter(64).bytes(out).byte(rng.int(16)).u32(payload.length).bytes(payload);
      return w.finish();
    }
  }
}
