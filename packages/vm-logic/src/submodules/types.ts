/**
 * The interfaces of the submodules extension (NEP-481) inside vm-logic. vm-logic orchestrates a
 * submodule call (fees, gas frame, storage checkpoint, policy, status); what it cannot do without
 * a wasm engine — compile, link and run the submodule — it asks of a `SubmoduleEngine`, which the
 * executor (vm-runner's `WasmExecutor`) installs on the logic of the contract it runs. State comes
 * from the External's optional `submodules` part, which the runtime implements over the trie.
 */
import type { FunctionCallErrorData } from '@nearts/vm-errors';
import type { SubmodulePolicy, SubmoduleRecord } from '@nearts/primitives';
import type { StorageAccessTracker } from '../external.js';
import type { VMLogic } from '../logic.js';
import type { ReceiptIndex } from '../types.js';

/** What `submodule_call` returns to the caller (its u64 result). */
export const SubmoduleStatus = {
  /** Finished; its return value is in the register. */
  Ok: 0n,
  /** No submodule under the key. */
  NotFound: 1n,
  /** It could not be prepared, linked (an import its policy does not allow, say) or has no such method. */
  Unloadable: 2n,
  /** It trapped, panicked or a host function failed inside it. */
  Failed: 3n,
  /** It used up the gas budget the caller gave it. */
  OutOfGas: 4n,
  /** It touched storage outside its prefix, or code it called back into tried to create a receipt. */
  Forbidden: 5n,
  /** Too many submodule calls active at once (`max_submodule_call_depth`). */
  DepthExceeded: 6n,
} as const;

export type SubmoduleStatusCode = (typeof SubmoduleStatus)[keyof typeof SubmoduleStatus];

/** A stored submodule record and its size in bytes (what a read of it is charged on). */
export interface SubmoduleLookup {
  readonly record: SubmoduleRecord;
  readonly byteLength: number;
}

/**
 * The state side, as the runtime provides it. Storage writes a submodule makes go through the
 * External's ordinary storage methods; `checkpoint` / `commit` / `rollback` nest around a call so
 * that a failed call leaves no storage change behind.
 */
export interface SubmoduleExternal {
  /** The record of the current account's submodule `key`, charging trie-node fees through `tracker`. */
  record(tracker: StorageAccessTracker, key: Uint8Array): SubmoduleLookup | null;
  /** Its code; read only when the engine has nothing compiled for the record's code hash (no fees). */
  code(key: Uint8Array): Uint8Array | null;
  checkpoint(): void;
  commit(): void;
  rollback(): void;
  appendActionDeploySubmodule(receiptIndex: ReceiptIndex, key: Uint8Array, code: Uint8Array, policy: SubmodulePolicy): void;
  appendActionDeleteSubmodule(receiptIndex: ReceiptIndex, key: Uint8Array): void;
}

/** What a submodule instance may use: its policy intersected with its caller's. */
export interface SubmoduleScope {
  /** 1 for a submodule the contract called, 2 for one that submodule called, … */
  readonly depth: number;
  readonly key: Uint8Array;
  /** `env` imports it may link (already restricted to functions usable by submodules). */
  readonly hostFunctions: ReadonlySet<string>;
  /** Exports of the account's contract it may import from module `parent`. */
  readonly parentExports: ReadonlySet<string>;
  /** Every prefix its storage keys must start with (its own and those of the submodules above it). */
  readonly prefixes: readonly Uint8Array[];
}

/** One submodule run, as vm-logic hands it to the engine. */
export interface SubmoduleRun {
  readonly record: SubmoduleRecord;
  /** Called only when nothing compiled is cached for `record.codeHash`. */
  loadCode(): Uint8Array;
  readonly method: string;
  /** The submodule's logic: own registers and memory, the caller's gas counter (in a frame). */
  readonly logic: VMLogic;
  readonly scope: SubmoduleScope;
}

/**
 * Runs submodules. Returns null when the method returned, or why the call failed
 * (CompilationError / LinkError / MethodResolveError: not runnable; anything else: failed while
 * running). `SubmoduleGasExhausted`, `SubmoduleAccessDenied` and node-level errors are thrown
 * through unchanged. The engine must keep its wasm gas bookkeeping consistent across the call:
 * the caller's instance is settled before the run and refreshed after it.
 */
export interface SubmoduleEngine {
  run(run: SubmoduleRun): FunctionCallErrorData | null;
}
