/**
 * Stand-ins for nearcore's Rust test contracts (no wasm32 Rust target here): a method is a
 * TypeScript function making the same host calls in the same order through vm-logic, installed
 * as the runtime's contract runner for accounts holding one marker module. Receipts, promises,
 * refunds and host-function gas are the runtime's and vm-logic's own; wasm instruction gas is not
 * charged (the nearcore assertions these serve do not depend on it).
 */
import { sha256 } from '@nearts/primitives';
import { HostError } from '@nearts/vm-errors';
import { MockMemory, VMLogic, getHostFunction, invokeHostFunction } from '@nearts/vm-logic';
import { runContract as vmRunContract } from '@nearts/vm-runner';
import { useContractRunner, type RunInput } from '../../src/index.js';

/** The contract's side of host calls: its memory, and the calls made with pointers into it. */
export class Guest {
  private readonly mem = new MockMemory(1 << 20);
  private next = 0n;
  constructor(private readonly logic: VMLogic) {
    logic.setMemory(this.mem);
  }
  call(name: string, ...args: bigint[]): bigint {
    const entry = getHostFunction(name);
    if (!entry) throw new Error(`no host function ${name}`);
    return BigInt(invokeHostFunction(this.logic, entry, args) ?? 0);
  }
  /** Places bytes in guest memory (the contract's own memory writes are wasm, not host calls). */
  put(bytes: Uint8Array): [bigint, bigint] {
    const ptr = this.next;
    this.mem.write(ptr, bytes);
    this.next += BigInt(bytes.length + 16 - (bytes.length % 16));
    return [BigInt(bytes.length), ptr];
  }
  str(s: string): [bigint, bigint] {
    return this.put(new TextEncoder().encode(s));
  }
  u128(v: bigint): bigint {
    const b = new Uint8Array(16);
    for (let i = 0; i < 16; i++) b[i] = Number((v >> BigInt(8 * i)) & 0xffn);
    return this.put(b)[1];
  }
  register(id: bigint): Uint8Array {
    const len = this.call('register_len', id);
    const ptr = this.next;
    this.next += len + 16n;
    this.call('read_register', id, ptr);
    return this.mem.read(ptr, len);
  }
  input(): Uint8Array {
    this.call('input', 0n);
    return this.register(0n);
  }
  /** A Rust `assert!` failing: the wasm traps, which the runtime reports as unreachable. */
  assert(ok: boolean): void {
    if (!ok) throw new HostError({ kind: 'GuestPanic', panic_msg: 'assertion failed' });
  }
}

export type StandInMethods = Record<string, (g: Guest) => void>;

/** A contract runner: `methods` for accounts whose code is `code`, vm-runner for every other. */
function standInRunner(code: Uint8Array, methods: StandInMethods) {
  const marker = Buffer.from(sha256(code)).toString('hex');
  return (input: RunInput) => {
    const { method, context, config, external } = input;
    if (input.code === null || Buffer.from(sha256(input.code)).toString('hex') !== marker) return vmRunContract(input);
    const logic = new VMLogic({ ext: external, context, config: config.wasmConfig, fees: config.fees });
    const codeLen = BigInt(input.code.length);
    const early = logic.beforeLoadingExecutable(method, codeLen) ?? logic.afterLoadingExecutable(codeLen);
    if (early) return logic.abortOutcome(early);
    const impl = methods[method];
    if (!impl) return logic.abortOutcome({ kind: 'MethodResolveError', error: 'MethodNotFound' });
    try {
      impl(new Guest(logic));
    } catch (e) {
      if (e instanceof HostError) return logic.abortOutcome({ kind: 'HostError', error: e.data });
      throw e;
    }
    return logic.okOutcome();
  };
}

/** Runs `f` with the stand-in installed for accounts holding `code`. */
export function withStandIn<T>(code: Uint8Array, methods: StandInMethods, f: () => T): T {
  useContractRunner(standInRunner(code, methods));
  try {
    const result = f();
    if (result instanceof Promise) return result.finally(() => useContractRunner(undefined)) as T;
    useContractRunner(undefined);
    return result;
  } catch (e) {
    useContractRunner(undefined);
    throw e;
  }
}
