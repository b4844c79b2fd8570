/**
 * A contract's import object, built once per compiled contract instead of once per call: its host
 * functions read the call they serve from a slot the executor fills before instantiating and
 * clears after the call. Per call only the memory import changes.
 */
import type {} from '../webassembly-types.js';
import { getHostFunction, invokeHostFunction, type HostFunctionEntry, type VMLogic } from '@nearts/vm-logic';
import type { PreparedContract } from '../prepare/index.js';
import type { GasSync } from './gas-sync.js';

/** The table entries a prepared module imports, looked up once per module rather than per call. */
const entriesOf = new WeakMap<PreparedContract, { env: HostFunctionEntry[]; internal: HostFunctionEntry[] }>();

export function importEntries(prepared: PreparedContract): { env: HostFunctionEntry[]; internal: HostFunctionEntry[] } {
  let entries = entriesOf.get(prepared);
  if (entries === undefined) {
    const { abi } = prepared;
    entries = {
      env: prepared.hostImports.filter((imp) => imp.module === abi.memoryModule).map((imp) => getHostFunction(imp.name)!),
      internal: [abi.chargeGasImport, abi.gasExhaustedImport, abi.stackExhaustedImport].map((name) => getHostFunction(name, 'internal')!),
    };
    entriesOf.set(prepared, entries);
  }
  return entries;
}

/** The call an import object serves; `logic === null` while no call uses it. */
export class CallSlot {
  logic: VMLogic | null = null;
  sync: GasSync | null = null;
  /** The instance's gas global, once the instance exists. */
  global: WebAssembly.Global | null = null;
}

/**
 * A host import bound to a slot: settles the instance's wasm gas, runs the host function,
 * refreshes the gas global (nearcore's Wasmtime call hook).
 */
function slotHostCall(slot: CallSlot, entry: HostFunctionEntry): (...args: unknown[]) => bigint | number | undefined {
  return (...args: unknown[]) => {
    const global = slot.global;
    if (global !== null) slot.sync!.leave(global);
    const result = invokeHostFunction(slot.logic!, entry, args);
    if (global !== null) slot.sync!.enter(global);
    return result;
  };
}

export class BoundImports {
  readonly slot = new CallSlot();
  private readonly env: Record<string, unknown>;
  private readonly object: Record<string, Record<string, unknown>>;
  private readonly memoryImport: string;

  constructor(prepared: PreparedContract) {
    const { abi } = prepared;
    const entries = importEntries(prepared);
    this.memoryImport = abi.memoryImport;
    this.env = { [abi.memoryImport]: null };
    for (const entry of entries.env) this.env[entry.name] = slotHostCall(this.slot, entry);
    const internal: Record<string, unknown> = {};
    for (const entry of entries.internal) internal[entry.name] = slotHostCall(this.slot, entry);
    this.object = { [abi.memoryModule]: this.env, [abi.internalModule]: internal };
  }

  /** The import object for one call, with that call's memory. */
  withMemory(memory: WebAssembly.Memory): Record<string, Record<string, unknown>> {
    this.env[this.memoryImport] = memory;
    return this.object;
  }

  /** After the call: nothing of it stays reachable from the cached contract. */
  release(): void {
    this.slot.logic = null;
    this.slot.sync = null;
    this.slot.global = null;
    this.env[this.memoryImport] = null;
  }
}
