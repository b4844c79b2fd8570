/** The shape of one host-function table entry and the signature helpers. */
import type { VMConfig } from '@nearts/runtime-fees';
import type { VMLogic } from '../logic.js';

export type WasmValueType = 'i32' | 'i64';

export type HostFunctionCategory =
  | 'metering'
  | 'registers'
  | 'context'
  | 'economics'
  | 'math'
  | 'misc'
  | 'promises'
  | 'promise-actions'
  | 'yield'
  | 'storage'
  | 'validators'
  | 'submodules';

/**
 * An implementation: `logic` first, then the wasm arguments. A wasm i64 arrives as an unsigned
 * bigint (u64), an i32 as an unsigned number (u32). Returns a bigint for an i64 result, a number
 * for an i32 result, nothing otherwise. Throws HostError (guest-visible) or VMRunnerError.
 */
export type HostFunctionImpl = (logic: VMLogic, ...args: never[]) => bigint | number | void;

export interface HostParam {
  readonly name: string;
  readonly type: WasmValueType;
}

export interface HostFunctionEntry {
  /** `env` for contract imports; `internal` for finite-wasm instrumentation imports. */
  readonly module: 'env' | 'internal';
  readonly name: string;
  readonly params: readonly HostParam[];
  readonly results: readonly WasmValueType[];
  /** The vm::Config flag that must be on for the import to link, or null (always linked). */
  readonly gate: ((config: VMConfig) => boolean) | null;
  /** The flag's nearcore name, for documentation. */
  readonly gateName: string | null;
  /** Whether a view call may call it (otherwise ProhibitedInView after `base`). */
  readonly allowedInView: boolean;
  readonly category: HostFunctionCategory;
  readonly summary: string;
  readonly impl: HostFunctionImpl;
}

/** A wasm function signature as the linker compares it. */
export interface HostFunctionSignature {
  readonly params: readonly WasmValueType[];
  readonly results: readonly WasmValueType[];
}

/** Parses nearcore's `imports.rs` notation, e.g. `register_id: u64, ptr: u64`. */
export function parseParams(spec: string): HostParam[] {
  if (spec.trim() === '') return [];
  return spec.split(',').map((p) => {
    const [name, ty] = p.split(':').map((s) => s.trim());
    if (ty !== 'u64' && ty !== 'u32') throw new TypeError(`bad host param type in "${p}"`);
    return { name, type: ty === 'u64' ? 'i64' : 'i32' };
  });
}

export function signatureText(e: HostFunctionEntry): string {
  const params = e.params.map((p) => `${p.type} ${p.name}`).join(', ');
  return `(${params}) → ${e.results.length === 0 ? '()' : e.results.join(', ')}`;
}
