/**
 * Everything an executor or the contract preparation derives from the table: which imports link
 * under a config, their signatures, and plain JS functions to put in an import object.
 */
import { tracer } from '@nearts/primitives';
import type { VMConfig } from '@nearts/runtime-fees';
import type { VMLogic } from '../logic.js';
import type { HostFunctionEntry, HostFunctionSignature } from './entry.js';
import { HOST_FUNCTIONS } from './table.js';
import { EXTENSION_HOST_FUNCTIONS } from './extension-table.js';
import { SubmoduleAccessDenied } from '../submodules/errors.js';
import { touchesReceipts } from '../submodules/capabilities.js';

const trace = tracer('nearts:vm-logic:host');

const BY_KEY = new Map([...HOST_FUNCTIONS, ...EXTENSION_HOST_FUNCTIONS].map((e) => [`${e.module}.${e.name}`, e]));

/** The entry for `module.name` (module defaults to `env`), or undefined. */
export function getHostFunction(name: string, module: 'env' | 'internal' = 'env'): HostFunctionEntry | undefined {
  return BY_KEY.get(`${module}.${name}`);
}

/**
 * Entries linked under `config` (gate on or absent), in table order; the host functions of
 * protocol extensions follow nearcore's, only when the config has the extension.
 */
export function availableHostFunctions(config: VMConfig): HostFunctionEntry[] {
  const out = HOST_FUNCTIONS.filter((e) => e.gate === null || e.gate(config));
  // Every extension entry is gated by its own extension's presence in the config.
  out.push(...EXTENSION_HOST_FUNCTIONS.filter((e) => e.gate !== null && e.gate(config)));
  return out;
}

/**
 * The `env` imports a contract may have under `config`, with their wasm signatures. Preparation
 * rejects any other import, and any import whose type differs (nearcore: a link error).
 */
export function linkableHostFunctions(config: VMConfig): Map<string, HostFunctionSignature> {
  const out = new Map<string, HostFunctionSignature>();
  for (const e of availableHostFunctions(config)) {
    if (e.module === 'env') out.set(e.name, { params: e.params.map((p) => p.type), results: e.results });
  }
  return out;
}

/**
 * Calls an entry's implementation with raw wasm values: an i64 may come as a signed or unsigned
 * bigint (JS gives signed), an i32 as any number; they are reinterpreted as u64 / u32 first.
 * Inside a submodule call (submodules extension), functions that touch receipts are refused
 * with `SubmoduleAccessDenied`, which fails that submodule call.
 * The result is a bigint (i64) or number (i32) that a wasm engine accepts as-is, or undefined.
 */
export function invokeHostFunction(logic: VMLogic, entry: HostFunctionEntry, args: readonly unknown[]): bigint | number | undefined {
  // While a submodule call is active nothing may touch receipts: a failed call could not take it back.
  if (logic.gas.frameDepth !== 0 && touchesReceipts(entry)) {
    throw new SubmoduleAccessDenied(`${entry.name} cannot be called while a submodule call is active`);
  }
  if (trace.enabled) return tracedCall(logic, entry, convertArgs(entry, args));
  const impl = entry.impl as HostImpl;
  const p = entry.params;
  // Fixed-arity calls for the common shapes: no argument array, no spread.
  let r: bigint | number | void;
  switch (p.length) {
    case 0:
      r = impl(logic);
      break;
    case 1:
      r = impl(logic, wasmArg(p[0].type, args[0]));
      break;
    case 2:
      r = impl(logic, wasmArg(p[0].type, args[0]), wasmArg(p[1].type, args[1]));
      break;
    case 3:
      r = impl(logic, wasmArg(p[0].type, args[0]), wasmArg(p[1].type, args[1]), wasmArg(p[2].type, args[2]));
      break;
    case 4:
      r = impl(logic, wasmArg(p[0].type, args[0]), wasmArg(p[1].type, args[1]), wasmArg(p[2].type, args[2]), wasmArg(p[3].type, args[3]));
      break;
    default:
      r = impl(logic, ...convertArgs(entry, args));
  }
  return r === undefined ? undefined : r;
}

type HostImpl = (logic: VMLogic, ...a: (bigint | number)[]) => bigint | number | void;

/** A raw wasm value as the implementation takes it: i64 → u64 bigint, i32 → u32 number. */
function wasmArg(type: 'i32' | 'i64', a: unknown): bigint | number {
  if (type === 'i64') return BigInt.asUintN(64, typeof a === 'bigint' ? a : toIntegerBigint(a));
  return (typeof a === 'bigint' ? Number(BigInt.asUintN(32, a)) : Number(a ?? 0)) >>> 0;
}

function convertArgs(entry: HostFunctionEntry, args: readonly unknown[]): (bigint | number)[] {
  const n = entry.params.length;
  const converted: (bigint | number)[] = new Array(n);
  for (let i = 0; i < n; i++) converted[i] = wasmArg(entry.params[i].type, args[i]);
  return converted;
}

function tracedCall(logic: VMLogic, entry: HostFunctionEntry, converted: (bigint | number)[]): bigint | number | undefined {
  const impl = entry.impl as HostImpl;
  const before = logic.gas.burntGas();
  try {
    const r = impl(logic, ...converted);
    trace(`${entry.name}(${converted.join(', ')}) -> ${r === undefined ? '()' : String(r)}, burnt +${logic.gas.burntGas() - before}`);
    return r === undefined ? undefined : r;
  } catch (e) {
    trace(`${entry.name}(${converted.join(', ')}) failed: ${e instanceof Error ? e.message : String(e)}, burnt +${logic.gas.burntGas() - before}`);
    throw e;
  }
}

function toIntegerBigint(a: unknown): bigint {
  const n = Number(a ?? 0);
  return Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n;
}

export type HostCall = (...args: unknown[]) => bigint | number | undefined;

/**
 * Hook around every host call, where an executor syncs wasm gas before the call and resets the
 * gas global after it (and maps errors). `call` runs the host function.
 */
export type HostCallWrapper = (entry: HostFunctionEntry, call: () => bigint | number | undefined) => bigint | number | undefined;

/**
 * Plain JS import functions for every entry linked under `config`, grouped by module
 * (`{ env: {...}, internal: {...} }`). No wasm engine involved: an executor puts them in its
 * import object as they are.
 */
export function buildHostImports(logic: VMLogic, config: VMConfig, wrap?: HostCallWrapper): Record<'env' | 'internal', Record<string, HostCall>> {
  const out: Record<'env' | 'internal', Record<string, HostCall>> = { env: {}, internal: {} };
  for (const entry of availableHostFunctions(config)) {
    out[entry.module][entry.name] =
      wrap === undefined
        ? (...args: unknown[]) => invokeHostFunction(logic, entry, args)
        : (...args: unknown[]) => wrap(entry, () => invokeHostFunction(logic, entry, args));
  }
  return out;
}
