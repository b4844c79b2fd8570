/** Function-call arguments: bytes as they are, text as UTF-8, anything else as JSON (bigint → string). */
import { TGAS } from '@nearts/primitives';

export type CallArgs = Uint8Array | string | object;

/** near-workspaces' default for calls: 30 Tgas. */
export const DEFAULT_CALL_GAS = 30n * TGAS;

export function encodeArgs(args: CallArgs | undefined): Uint8Array {
  if (args === undefined) return new Uint8Array(0);
  if (args instanceof Uint8Array) return args;
  if (typeof args === 'string') return new TextEncoder().encode(args);
  return new TextEncoder().encode(JSON.stringify(args, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}
