/**
 * Synthetic contracts whose size is the variable of an estimation (contract loading, compilation,
 * deployment), written straight to the wasm binary format: a handful of sections is all they
 * need, and generating megabytes of WAT text to parse would cost more than the estimation.
 * test/contract.test.ts checks the output against wabt's for the same WAT.
 */

import { EstimatorInputError } from '../errors.js';

function uleb(n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new EstimatorInputError(`uleb128 needs a non-negative integer, got ${n}`);
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  if (!Number.isInteger(n)) throw new EstimatorInputError(`sleb128 needs an integer, got ${n}`);
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n = Math.floor(n / 128);
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function name(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

const I32 = 0x7f;
const OP = { end: 0x0b, drop: 0x1a, localGet: 0x20, localSet: 0x21, i32Const: 0x41, i32Xor: 0x73, i32Add: 0x6a, return: 0x0f } as const;

export interface SyntheticContract {
  /** Exported methods `hello0` … `hello{n-1}`, each `() → ()`. */
  readonly methods: number;
  /** Straight-line `local.get; i32.const; i32.xor; local.set` groups in each method body. */
  readonly opsPerMethod: number;
  /** Bytes of a passive-free active data segment at offset 0 (memory-only payload). */
  readonly dataBytes?: number;
  /** Changes the code (and its hash) without changing what it does: a distinct export name. */
  readonly salt?: number;
}

/**
 * A valid contract of roughly predictable size: `methods` functions of
 * `opsPerMethod` arithmetic groups (≈ 6 bytes each), one page of memory, optional data.
 */
export function syntheticContract(spec: SyntheticContract): Uint8Array {
  const { methods, opsPerMethod } = spec;
  if (methods < 1) throw new EstimatorInputError('a contract needs at least one method');
  const types = section(1, vec([[0x60, 0, 0]]));
  const funcs = section(3, vec(Array.from({ length: methods }, () => [0])));
  const memory = section(5, vec([[0x00, 1]]));
  const exportsList = Array.from({ length: methods }, (_, i) => [...name(`hello${i}`), 0x00, ...uleb(i)]);
  if (spec.salt !== undefined) exportsList.push([...name(`salt${spec.salt}`), 0x00, 0]);
  const exportsSection = section(7, vec(exportsList));
  const bodies: number[][] = [];
  for (let m = 0; m < methods; m++) {
    const code: number[] = [...vec([[1, I32]])];
    for (let k = 0; k < opsPerMethod; k++) {
      code.push(OP.localGet, 0, OP.i32Const, ...sleb((m * 7919 + k * 104729) % 1_000_000), OP.i32Xor, OP.localSet, 0);
    }
    code.push(OP.end);
    bodies.push([...uleb(code.length), ...code]);
  }
  const codeSection = section(10, vec(bodies));
  const parts = [types, funcs, memory, exportsSection, codeSection];
  if (spec.dataBytes !== undefined && spec.dataBytes > 0) {
    const payload = new Array<number>(spec.dataBytes).fill(0x61);
    parts.push(section(11, vec([[0x00, OP.i32Const, 0, OP.end, ...uleb(payload.length), ...payload]])));
  }
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...parts.flat()]);
}

/** A synthetic contract within about 1% of `bytes` long (methods of 64 groups). */
let bytesPerMethod: number | undefined;

export function contractOfSize(bytes: number, salt?: number): Uint8Array {
  const perMethod = (bytesPerMethod ??= syntheticContract({ methods: 2, opsPerMethod: 64 }).length - syntheticContract({ methods: 1, opsPerMethod: 64 }).length);
  const methods = Math.max(1, Math.round(bytes / perMethod));
  return syntheticContract({ methods, opsPerMethod: 64, salt });
}
