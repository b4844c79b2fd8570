/**
 * Test harness: WAT compilation, a protocol-86 preparation config, and a tiny host that runs
 * prepared modules on Node's WebAssembly with nearcore's gas-counter semantics (enough for
 * contracts whose only host interaction is gas).
 */
import wabtInit from 'wabt';
import { runtimeConfig } from '@nearts/runtime-fees';
import type { PrepareConfig } from '../../src/prepare/index.js';
import { PREPARED_ABI, type PreparedContract } from '../../src/prepare/index.js';
import { refineIndirectCallTrap } from '../../src/executor/traps.js';
import { FunctionCallError } from '@nearts/vm-errors';

// @types/node does not declare the WebAssembly namespace; the harness needs only this much.
interface WasmGlobal {
  value: bigint;
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
  RuntimeError: new (...a: unknown[]) => Error;
}
export const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let wabt: Awaited<ReturnType<typeof wabtInit>> | undefined;

/** Compile WAT to wasm bytes (wabt 1.0.39, all features the vectors use). */
export async function wat(text: string): Promise<Uint8Array> {
  wabt ??= await wabtInit();
  // Every proposal wabt knows, so that tests can also build modules preparation must reject.
  const mod = wabt.parseWat('test.wat', text, {
    bulk_memory: true,
    reference_types: true,
    sat_float_to_int: true,
    sign_extension: true,
    mutable_globals: true,
    multi_value: true,
    tail_call: true,
    threads: true,
    simd: true,
    exceptions: true,
    memory64: true,
    extended_const: true,
  });
  try {
    const { buffer } = mod.toBinary({});
    // wabt's Buffer shares a pool (non-zero byteOffset): copy out the bytes.
    return new Uint8Array(buffer);
  } finally {
    mod.destroy();
  }
}

export function hex(s: string): Uint8Array {
  return Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16));
}

/** nearcore's limit config and wasm costs at protocol 86, from runtime-fees' parameter files. */
export function pv86Config(overrides: Partial<PrepareConfig['limitConfig']> = {}): PrepareConfig {
  const wasm = runtimeConfig(86).wasmConfig;
  return { ...wasm, limitConfig: { ...wasm.limitConfig, ...overrides } };
}

export const REGULAR_OP_COST = runtimeConfig(86).wasmConfig.regularOpCost;

/** nearcore's gas counter (`logic/gas_counter.rs`) for burns only (no promises). */
export class GasCounter {
  burnt = 0n;
  constructor(
    readonly prepaid: bigint,
    readonly maxGasBurnt = 1_000_000_000_000_000n,
  ) {}
  get limit(): bigint {
    return this.prepaid < this.maxGasBurnt ? this.prepaid : this.maxGasBurnt;
  }
  remaining(): bigint {
    return this.prepaid - this.burnt;
  }
  /** Burn `g`; returns the error kind when the limit is crossed. */
  burn(g: bigint): 'GasExceeded' | 'GasLimitExceeded' | null {
    const next = this.burnt + g;
    if (next <= this.limit) {
      this.burnt = next;
      return null;
    }
    const cap = this.prepaid < this.maxGasBurnt ? this.prepaid : this.maxGasBurnt;
    this.burnt = next < cap ? next : cap;
    return next > this.maxGasBurnt ? 'GasLimitExceeded' : 'GasExceeded';
  }
}

export class HostFailure extends Error {
  constructor(readonly kind: string) {
    super(kind);
  }
}

export interface RunResult {
  /** Gas burnt by wasm execution (frame fees and instructions), through the gas counter. */
  readonly burnt: bigint;
  /** `null`, a host error kind (GasExceeded, MemoryAccessViolation, IntegerOverflow…), or `trap: <message>`. */
  readonly error: string | null;
}

/**
 * Instantiate a prepared module and run `method` (after `start`), with the ABI's gas
 * synchronisation: set the gas global before entering wasm, settle it on every host call and
 * on return. `counter` may already hold the loading fee.
 */
export function runPrepared(prepared: PreparedContract, method: string, counter: GasCounter, env: Record<string, (...a: never[]) => unknown> = {}): RunResult {
  const abi = PREPARED_ABI;
  const memory = new WA.Memory({ initial: prepared.memory.initialPages, maximum: prepared.memory.maximumPages, shared: true });
  let global: WasmGlobal | undefined;
  let written = 0n;
  const enter = () => {
    if (!global) return;
    written = counter.remaining();
    global.value = BigInt.asIntN(64, written);
  };
  const leave = () => {
    if (!global) return;
    const now = BigInt.asUintN(64, global.value);
    const burned = written > now ? written - now : 0n;
    if (burned > 0n) {
      const err = counter.burn(burned);
      if (err) throw new HostFailure(err);
    }
    written = now;
  };
  const hostEnv: Record<string, unknown> = { memory };
  for (const [name, fn] of Object.entries(env)) {
    hostEnv[name] = (...args: never[]) => {
      leave();
      const result = fn(...args);
      enter();
      return result;
    };
  }
  const internal = {
    [abi.chargeGasImport]: (gas: bigint) => {
      leave();
      const err = counter.burn(BigInt.asUintN(64, gas));
      if (err) throw new HostFailure(err);
      enter();
    },
    [abi.gasExhaustedImport]: () => {
      leave();
      counter.burn(counter.remaining());
      throw new HostFailure('IntegerOverflow');
    },
    [abi.stackExhaustedImport]: () => {
      leave();
      throw new HostFailure('MemoryAccessViolation');
    },
  };
  const module = new WA.Module(prepared.code);
  const instance = new WA.Instance(module, { env: hostEnv, [abi.internalModule]: internal });
  global = instance.exports[abi.gasGlobalExport] as WasmGlobal;
  const before = counter.burnt;
  try {
    if (prepared.startExport !== null) {
      enter();
      (instance.exports[prepared.startExport] as () => void)();
      leave();
    }
    const fn = prepared.exportedFunctions.get(method);
    if (!fn) throw new Error(`no method ${method}`);
    enter();
    (instance.exports[fn.exportName] as () => void)();
    leave();
    return { burnt: counter.burnt - before, error: null };
  } catch (e) {
    let error: string;
    if (e instanceof HostFailure) error = e.kind;
    else if (e instanceof WA.RuntimeError) {
      // V8 names a null slot and a signature mismatch alike; the executor tells them apart.
      const refined = refineIndirectCallTrap(e, instance as never);
      error = refined instanceof FunctionCallError ? refined.message : `trap: ${(e as Error).message}`;
      try {
        leave();
      } catch (inner) {
        if (inner instanceof HostFailure) error = inner.kind;
      }
    } else throw e;
    return { burnt: counter.burnt - before, error };
  }
}
