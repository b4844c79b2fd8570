/**
 * Test fixtures: a VMLogic over MockMemory + MockedExternal with the protocol-86 parameters, and
 * the protocol-86 ext costs written out (from nearcore's parameters.snap) so that every expected
 * gas number in the tests is a visible sum of named costs.
 */
import { HostError, VMRunnerError, type HostErrorData } from '@nearts/vm-errors';
import { runtimeConfig, type LimitConfig, type VMConfig } from '@nearts/runtime-fees';
import { expect } from 'vitest';
import {
  MockMemory,
  MockedExternal,
  VMLogic,
  getHostFunction,
  invokeHostFunction,
  testContext,
  type VMContext,
} from '../src/index.js';

export const RC86 = runtimeConfig(86);
export const U64_MAX = (1n << 64n) - 1n;

/** Protocol-86 ext costs (gas). */
export const C = {
  base: 264_768_111n,
  contract_loading_base: 35_445_963n,
  contract_loading_bytes: 1_089_295n,
  read_memory_base: 2_609_863_200n,
  read_memory_byte: 3_801_333n,
  write_memory_base: 2_803_794_861n,
  write_memory_byte: 2_723_772n,
  read_register_base: 2_517_165_186n,
  read_register_byte: 98_562n,
  write_register_base: 2_865_522_486n,
  write_register_byte: 3_801_564n,
  utf8_decoding_base: 3_111_779_061n,
  utf8_decoding_byte: 291_580_479n,
  utf16_decoding_base: 3_543_313_050n,
  utf16_decoding_byte: 163_577_493n,
  sha256_base: 4_540_970_250n,
  sha256_byte: 24_117_351n,
  log_base: 3_543_313_050n,
  log_byte: 13_198_791n,
  storage_write_base: 64_196_736_000n,
  storage_write_key_byte: 70_482_867n,
  storage_write_value_byte: 31_018_539n,
  storage_write_evicted_byte: 32_117_307n,
  storage_read_base: 56_356_845_749n,
  storage_read_key_byte: 30_952_533n,
  storage_read_value_byte: 5_611_004n,
  storage_large_read_overhead_base: 1n,
  storage_large_read_overhead_byte: 1n,
  storage_remove_base: 53_473_030_500n,
  storage_remove_key_byte: 38_220_384n,
  storage_remove_ret_value_byte: 11_531_556n,
  storage_has_key_base: 54_039_896_625n,
  storage_has_key_byte: 30_790_845n,
  promise_and_base: 1_465_013_400n,
  promise_and_per_promise: 5_452_176n,
  promise_return: 560_152_386n,
  validator_stake_base: 911_834_726_400n,
  validator_total_stake_base: 911_834_726_400n,
  yield_create_base: 153_411_779_276n,
  yield_create_byte: 15_643_988n,
  yield_resume_base: 1_195_627_285_210n,
  yield_resume_byte: 47_683_715n,
  regular_op_cost: 822_756n,
} as const;

/** Protocol-86 action fees: [send_sir, send_not_sir, execution]. */
export const F = {
  new_action_receipt: [108_059_500_000n, 108_059_500_000n, 108_059_500_000n],
  new_data_receipt_base: [36_486_732_312n, 36_486_732_312n, 36_486_732_312n],
  new_data_receipt_byte: [17_212_011n, 47_683_715n, 17_212_011n],
  create_account: [500_000_000_000n, 500_000_000_000n, 7_200_000_000_000n],
  function_call_base: [200_000_000_000n, 200_000_000_000n, 780_000_000_000n],
  function_call_byte: [2_235_934n, 47_683_715n, 2_235_934n],
  transfer: [115_123_062_500n, 115_123_062_500n, 115_123_062_500n],
  add_full_access_key: [101_765_125_000n, 101_765_125_000n, 101_765_125_000n],
  delete_account: [147_489_000_000n, 147_489_000_000n, 147_489_000_000n],
} as const;

/** Writes: mem(0) MR(n) for a read of n bytes. */
export const MR = (n: bigint): bigint => C.read_memory_base + n * C.read_memory_byte;
export const MW = (n: bigint): bigint => C.write_memory_base + n * C.write_memory_byte;
export const RR = (n: bigint): bigint => C.read_register_base + n * C.read_register_byte;
export const RW = (n: bigint): bigint => C.write_register_base + n * C.write_register_byte;

export interface SetupOptions {
  context?: Partial<VMContext>;
  limits?: Partial<LimitConfig>;
  config?: Partial<VMConfig>;
  ext?: MockedExternal;
  memorySize?: number;
}

export interface Harness {
  logic: VMLogic;
  mem: MockMemory;
  ext: MockedExternal;
  config: VMConfig;
  /** Calls a host function through the table with raw wasm arguments. */
  call(name: string, ...args: (bigint | number)[]): bigint | number | undefined;
  /** Writes bytes at `ptr` (free; test setup). */
  put(ptr: number, data: Uint8Array | string): bigint;
  burnt(): bigint;
  used(): bigint;
}

export function configWith(limits: Partial<LimitConfig> = {}, config: Partial<VMConfig> = {}): VMConfig {
  const base = RC86.wasmConfig;
  return { ...base, ...config, limitConfig: { ...base.limitConfig, ...(config.limitConfig ?? {}), ...limits } };
}

export function setup(opts: SetupOptions = {}): Harness {
  const config = configWith(opts.limits, opts.config);
  const mem = new MockMemory(opts.memorySize);
  const ext = opts.ext ?? new MockedExternal();
  const logic = new VMLogic({ ext, context: testContext(opts.context), config, fees: RC86.fees, memory: mem });
  return {
    logic,
    mem,
    ext,
    config,
    call(name, ...args) {
      const entry = getHostFunction(name) ?? getHostFunction(name, 'internal');
      if (entry === undefined) throw new Error(`no host function ${name}`);
      return invokeHostFunction(logic, entry, args);
    },
    put(ptr, data) {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      mem.write(BigInt(ptr), bytes);
      return BigInt(bytes.length);
    },
    burnt: () => logic.gas.burntGas(),
    used: () => logic.gas.usedGas(),
  };
}

/** Asserts `f` throws a HostError equal to `want`. */
export function expectHostError(f: () => unknown, want: HostErrorData): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected HostError ${want.kind}`).toBeInstanceOf(HostError);
  expect((caught as HostError).data).toEqual(want);
}

export function expectRunnerError(f: () => unknown, kind: string): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(VMRunnerError);
  expect((caught as VMRunnerError).data.kind).toBe(kind);
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}
