/**
 * nearcore's `VMLogicBuilder` (logic/tests/vm_logic_builder.rs) over our API, so that nearcore's
 * logic unit tests translate one to one:
 * - config: `test_vm_config(None)` = the wasm config of PROTOCOL_VERSION (86 in the default build)
 *   with `yield_timeout_length_in_blocks` lowered to 10 (`RuntimeConfig::test`);
 * - fees: `RuntimeFeesConfig::test()` (action fees of the test config, not of any protocol);
 * - context: alice.near runs, bob.near signed, carol.near called, david.near gets refunds, balance
 *   100 + deposit 10, locked 50, storage usage 0, 100 Tgas;
 * - `free()`: every ext cost 0, max_gas_burnt u64::MAX, free fees;
 * - memory: one 64 KiB page written by `memWrite` from offset 0 on, one buffer after the other.
 * The logic counts ExtCosts units (cost-counts.ts) for `assert_costs`.
 */
import { HostError } from '@nearts/vm-errors';
import {
  EXT_COSTS,
  runtimeConfig,
  type ActionCosts,
  type ExtCosts,
  type Fee,
  type LimitConfig,
  type ParameterCost,
  type RuntimeFeesConfig,
  type VMConfig,
} from '@nearts/runtime-fees';
import { expect } from 'vitest';
import {
  MockMemory,
  MockedExternal,
  VMLogic,
  getHostFunction,
  invokeHostFunction,
  type VMContext,
  type VMOutcome,
} from '../../src/index.js';
import { feeNew, nearcoreFreeFees, nearcoreTestFees } from '../../../../tools/test-support/nearcore-test-fees.js';
import { CountingGasCounter, assertCosts, resetCosts } from './cost-counts.js';

export { feeNew };

export const U64_MAX = (1n << 64n) - 1n;
/** nearcore's PROTOCOL_VERSION: 86 in the default build, 155 with `nightly` (NEARCORE_TEST_PV=155). */
export const PROTOCOL_VERSION = Number(process.env.NEARCORE_TEST_PV ?? 86);
export const MEMORY_SIZE = 64 * 1024;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type MutableConfig = Mutable<Omit<VMConfig, 'limitConfig' | 'extCosts'>> & {
  limitConfig: Mutable<LimitConfig>;
  extCosts: Record<ExtCosts, ParameterCost>;
};
export type MutableFees = Mutable<Omit<RuntimeFeesConfig, 'actionFees'>> & { actionFees: Record<ActionCosts, Fee> };

/** `RuntimeFeesConfig::test()` at PROTOCOL_VERSION (86: AccountCostIncrease is on). */
export function testFees(): MutableFees {
  return nearcoreTestFees(runtimeConfig(PROTOCOL_VERSION).fees);
}

/** `RuntimeFeesConfig::free()`. */
export function freeFees(): MutableFees {
  return nearcoreFreeFees(runtimeConfig(PROTOCOL_VERSION).fees);
}

const ZERO: ParameterCost = { gas: 0n, compute: 0n };

/** `test_vm_config(None)`. */
export function testVmConfig(): MutableConfig {
  const base = runtimeConfig(PROTOCOL_VERSION).wasmConfig;
  return {
    ...base,
    extCosts: { ...base.extCosts },
    limitConfig: { ...base.limitConfig, yieldTimeoutLengthInBlocks: 10n },
  };
}

/** `Config::make_free`. */
export function makeFree(config: MutableConfig): void {
  for (const c of EXT_COSTS) config.extCosts[c] = ZERO;
  config.growMemCost = 0n;
  config.regularOpCost = 0n;
  config.linearOpBaseCost = 0n;
  config.linearOpUnitCost = 0n;
  config.limitConfig.maxGasBurnt = U64_MAX;
}

export function testLogicContext(): Mutable<VMContext> {
  return {
    currentAccountId: 'alice.near',
    signerAccountId: 'bob.near',
    signerAccountPk: new Uint8Array([0, 1, 2, 3, 4]),
    predecessorAccountId: 'carol.near',
    refundToAccountId: 'david.near',
    input: new Uint8Array([0, 1, 2, 3, 4]),
    promiseResults: [],
    blockHeight: 10n,
    blockTimestamp: 42n,
    epochHeight: 1n,
    accountBalance: 100n,
    storageUsage: 0n,
    accountLockedBalance: 50n,
    accountContract: { kind: 'None' },
    attachedDeposit: 10n,
    prepaidGas: 100_000_000_000_000n,
    randomSeed: new Uint8Array([0, 1, 2]),
    viewConfig: null,
    outputDataReceivers: [],
  };
}

export interface MemSlice {
  ptr: bigint;
  len: bigint;
}

export class VMLogicBuilder {
  ext = new MockedExternal();
  context = testLogicContext();

  constructor(
    public config: MutableConfig = testVmConfig(),
    public fees: MutableFees = testFees(),
  ) {}

  static default(): VMLogicBuilder {
    return new VMLogicBuilder();
  }

  static view(): VMLogicBuilder {
    const b = new VMLogicBuilder();
    b.context.viewConfig = { maxGasBurnt: b.config.limitConfig.maxGasBurnt };
    return b;
  }

  static free(): VMLogicBuilder {
    const config = testVmConfig();
    makeFree(config);
    return new VMLogicBuilder(config, freeFees());
  }

  build(): TestVMLogic {
    return new TestVMLogic(this);
  }
}

/** The logic under test plus nearcore's `TestVMLogic` helpers. */
export class TestVMLogic {
  readonly logic: VMLogic;
  readonly mem = new MockMemory(MEMORY_SIZE);
  readonly gas: CountingGasCounter;
  private memWriteOffset = 0n;

  constructor(builder: VMLogicBuilder) {
    // Snapshots, as nearcore's build() clones config and context.
    const config = structuredClone(builder.config) as VMConfig;
    const context = { ...builder.context };
    const view = context.viewConfig !== null;
    const maxGasBurnt = view ? context.viewConfig!.maxGasBurnt : config.limitConfig.maxGasBurnt;
    this.gas = new CountingGasCounter(config.extCosts, maxGasBurnt, config.regularOpCost, context.prepaidGas, view);
    this.logic = new VMLogic({ ext: builder.ext, context, config, fees: structuredClone(builder.fees), memory: this.mem, gasCounter: this.gas });
  }

  /** Calls a host function as a contract would (charged), with raw wasm arguments. */
  call(name: string, ...args: (bigint | number)[]): bigint | number | undefined {
    const entry = getHostFunction(name) ?? getHostFunction(name, 'internal');
    if (entry === undefined) throw new Error(`no host function ${name}`);
    return invokeHostFunction(this.logic, entry, args);
  }

  /** `internal_mem_write`: free write after the previous one. */
  memWrite(data: Uint8Array | string): MemSlice {
    const slice = this.memWriteAt(this.memWriteOffset, data);
    this.memWriteOffset += slice.len;
    return slice;
  }

  memWriteAt(ptr: bigint, data: Uint8Array | string): MemSlice {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    this.mem.write(ptr, bytes);
    return { ptr, len: BigInt(bytes.length) };
  }

  memRead(ptr: bigint, len: bigint): Uint8Array {
    return this.mem.read(ptr, len);
  }

  /** `wrapped_internal_write_register`: a charged register write with the limit checks. */
  writeRegister(registerId: bigint, data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    this.logic.setRegister(registerId, bytes);
  }

  /** `assert_read_register`: `read_register` (charged) onto the end of memory, then compare. */
  assertReadRegister(want: Uint8Array | string, registerId: bigint): void {
    const len = this.logic.registers.getLen(registerId);
    if (len === undefined) throw new Error(`register ${registerId} is not set`);
    const ptr = BigInt(MEMORY_SIZE) - len;
    this.call('read_register', registerId, ptr);
    const bytes = typeof want === 'string' ? new TextEncoder().encode(want) : want;
    expect(this.memRead(ptr, len)).toEqual(bytes);
  }

  assertCosts(want: Record<string, bigint | number>): void {
    assertCosts(this.gas, want);
  }

  resetCosts(): void {
    resetCosts(this.gas);
  }

  computeOutcome(): VMOutcome {
    return this.logic.okOutcome();
  }
}

/** What `f` throws: the HostError data, or fails the test. */
export function hostErrorOf(f: () => unknown): HostError['data'] {
  try {
    f();
  } catch (e) {
    if (e instanceof HostError) return e.data;
    throw e;
  }
  throw new Error('expected a HostError, got a result');
}

export const le64 = (v: bigint): Uint8Array => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
  return out;
};

export const le128 = (v: bigint): Uint8Array => {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  return out;
};

export const be128 = (v: bigint): Uint8Array => le128(v).reverse();

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
