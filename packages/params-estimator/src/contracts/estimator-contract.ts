/**
 * The estimator test contract (contracts/estimator.wat) and the argument layout its methods read:
 * N, X, Y, Z as u64 little-endian, then a payload (see the comment at the top of the WAT file).
 */
import { ESTIMATOR_WASM_BASE64 } from './estimator-wasm.js';

let wasm: Uint8Array | undefined;

export function estimatorContract(): Uint8Array {
  wasm ??= new Uint8Array(Buffer.from(ESTIMATOR_WASM_BASE64, 'base64'));
  return wasm;
}

export interface MethodArgs {
  /** Host-function calls in the loop. */
  readonly n: number;
  readonly x?: number;
  readonly y?: bigint | number;
  readonly z?: number;
  readonly payload?: Uint8Array;
}

export const PAYLOAD_OFFSET = 32;

export function encodeArgs(a: MethodArgs): Uint8Array {
  const payload = a.payload ?? new Uint8Array(0);
  const out = new Uint8Array(PAYLOAD_OFFSET + payload.length);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(a.n), true);
  view.setBigUint64(8, BigInt(a.x ?? 0), true);
  view.setBigUint64(16, BigInt(a.y ?? 0), true);
  view.setBigUint64(24, BigInt(a.z ?? 0), true);
  out.set(payload, PAYLOAD_OFFSET);
  return out;
}
