/**
 * The host functions that need no storage setup: memory and registers, logs, hashes, signatures,
 * curves, promises, validators, yields. Each plan names the estimator-contract method and the
 * sizes; `HOST_COSTS` says which part of which fit each nearcore cost is.
 */
import { scale } from '../stats/gas-cost.js';
import {
  altBn128MultiexpInput,
  altBn128PairingInput,
  altBn128SumInput,
  bls12381Input,
  ecrecoverInput,
  ed25519Input,
  p256Input,
  type Bls12381Function,
} from '../contracts/crypto-inputs.js';
import { callFit, type CallPlan } from './calls.js';
import type { Estimate, EstimatorContext } from './context.js';

/** Gas attached to each yield and each data-receipt producer call. */
export const YIELD_GAS = 1_000_000_000_000n;

function sized(key: string, xs: number[], xLabel = 'bytes', extra: Partial<CallPlan> = {}): CallPlan {
  return { key, method: key, xs, xLabel, args: (n, x) => ({ n, x }), ...extra };
}

const payloads = new Map<string, Uint8Array>();
/** Inputs are deterministic and some are slow to build (curve points): build each once. */
function payload(key: string, build: () => Uint8Array): Uint8Array {
  let p = payloads.get(key);
  if (p === undefined) {
    p = build();
    payloads.set(key, p);
  }
  return p;
}

/** A plan whose method reads `bytes(x)` bytes of payload: x counts elements or message bytes. */
function withPayload(key: string, xs: number[], xLabel: string, build: (x: number) => Uint8Array, extra: Partial<CallPlan> = {}): CallPlan {
  return {
    key,
    method: key,
    xs,
    xLabel,
    args: (n, x) => {
      const p = payload(`${key}:${x}`, () => build(x));
      return { n, x: p.length, payload: p };
    },
    ...extra,
  };
}

let ecrecoverCache: ReturnType<typeof ecrecoverInput> | undefined;

const BYTES_1M = [10, 10_000, 100_000, 1_000_000];
const BYTES_10K = [10, 100, 1_000, 10_240];

export const PLANS = {
  base: sized('base', [0], 'none'),
  read_memory: sized('read_memory', BYTES_1M),
  write_memory: sized('write_memory', BYTES_1M),
  read_register: sized('read_register', BYTES_1M),
  write_register: sized('write_register', BYTES_1M),
  log_utf8: sized('log_utf8', BYTES_10K),
  log_utf16: sized('log_utf16', BYTES_10K),
  sha256: sized('sha256', BYTES_10K),
  keccak256: sized('keccak256', BYTES_10K),
  keccak512: sized('keccak512', BYTES_10K),
  ripemd160: sized('ripemd160', BYTES_10K),
  ecrecover: {
    key: 'ecrecover',
    method: 'ecrecover',
    xs: [0],
    xLabel: 'none',
    args: (n: number) => {
      const input = (ecrecoverCache ??= ecrecoverInput());
      return { n, y: input.v, payload: input.payload };
    },
  } satisfies CallPlan,
  ed25519_verify: withPayload('ed25519_verify', [32, 1_024, 4_096, 16_384], 'message bytes', ed25519Input, {
    args: (n, x) => ({ n, x, payload: payload(`ed25519:${x}`, () => ed25519Input(x)) }),
  }),
  p256_verify: withPayload('p256_verify', [32, 1_024, 4_096, 16_384], 'prehash bytes', p256Input, {
    args: (n, x) => ({ n, x, payload: payload(`p256:${x}`, () => p256Input(x)) }),
  }),
  alt_bn128_g1_multiexp: withPayload('alt_bn128_g1_multiexp', [1, 2, 5, 10], 'elements', altBn128MultiexpInput),
  alt_bn128_g1_sum: withPayload('alt_bn128_g1_sum', [1, 10, 50, 100], 'elements', altBn128SumInput),
  alt_bn128_pairing_check: withPayload('alt_bn128_pairing_check', [1, 2, 4], 'elements', altBn128PairingInput),
  validator_stake: {
    key: 'validator_stake',
    method: 'validator_stake',
    xs: [0],
    xLabel: 'none',
    args: (n: number) => {
      const id = new TextEncoder().encode('e0.estimator');
      return { n, x: id.length, payload: id };
    },
  } satisfies CallPlan,
  validator_total_stake: sized('validator_total_stake', [0], 'none'),
  // A call may create at most 1024 promises (max_promises_per_function_call_action): X + N ≤ 1024.
  promise_and: sized('promise_and', [1, 10, 50, 100], 'promises', { maxN: 900 }),
  promise_return: sized('promise_return', [0], 'none'),
  yield_create: sized('yield_create', [0, 256, 1_024, 4_096], 'argument bytes', {
    args: (n, x) => ({ n, x, y: YIELD_GAS }),
    maxN: 200,
  }),
  yield_create_with_id: sized('yield_create_with_id', [0], 'none', {
    args: (n, _x, iteration) => ({ n, y: YIELD_GAS, z: iteration }),
    maxN: 200,
  }),
  yield_resume: {
    key: 'yield_resume',
    method: 'yield_resume',
    xs: [0, 256, 512, 1_024],
    xLabel: 'payload bytes',
    maxN: 200,
    // The resumed callbacks run in later blocks and pay for themselves: measure the resume only.
    firstBlockOnly: true,
    setup: (tb, account, n) => tb.functionCall(account, 'yield_setup', encodeYieldSetup(n)),
    args: (n, x, _iteration, dataIds) => ({ n, x, payload: dataIds ?? new Uint8Array(0) }),
  } satisfies CallPlan,
} as const;

function encodeYieldSetup(n: number): Uint8Array {
  const out = new Uint8Array(32);
  const v = new DataView(out.buffer);
  v.setBigUint64(0, BigInt(n), true);
  v.setBigUint64(16, YIELD_GAS, true);
  return out;
}

const BLS_SIZES: Record<Bls12381Function, number[]> = {
  p1_sum: [1, 5, 20, 50],
  p2_sum: [1, 5, 20, 50],
  g1_multiexp: [1, 4, 16],
  g2_multiexp: [1, 4, 16],
  map_fp_to_g1: [1, 5, 20],
  map_fp2_to_g2: [1, 4, 10],
  pairing_check: [1, 2, 4],
  p1_decompress: [1, 10, 50],
  p2_decompress: [1, 10, 50],
};

export function blsPlan(fn: Bls12381Function): CallPlan {
  return withPayload(`bls12381_${fn}`, BLS_SIZES[fn], 'elements', (x) => bls12381Input(fn, x));
}

type PlanName = keyof typeof PLANS;

/** A cost read off a fit: its base or its per-unit part, times a unit conversion. */
export interface HostCostSource {
  readonly plan: CallPlan;
  readonly part: 'base' | 'perUnit';
  /** Converts the fit's unit into the parameter's (e.g. input bytes → output bytes). */
  readonly factor?: number;
  readonly note?: string;
}

const from = (name: PlanName, part: 'base' | 'perUnit', factor?: number, note?: string): HostCostSource => ({ plan: PLANS[name], part, factor, note });

export const HOST_COSTS: Record<string, HostCostSource> = {
  HostFunctionCall: from('base', 'base'),
  ReadMemoryBase: from('read_memory', 'base'),
  ReadMemoryByte: from('read_memory', 'perUnit'),
  WriteMemoryBase: from('write_memory', 'base'),
  WriteMemoryByte: from('write_memory', 'perUnit'),
  ReadRegisterBase: from('read_register', 'base'),
  ReadRegisterByte: from('read_register', 'perUnit'),
  WriteRegisterBase: from('write_register', 'base'),
  WriteRegisterByte: from('write_register', 'perUnit'),
  Utf8DecodingBase: from('log_utf8', 'base'),
  Utf8DecodingByte: from('log_utf8', 'perUnit'),
  Utf16DecodingBase: from('log_utf16', 'base'),
  Utf16DecodingByte: from('log_utf16', 'perUnit'),
  // nearcore: log costs come from UTF-16 logs; each 2 input bytes of 'aa' become 3 output bytes.
  LogBase: from('log_utf16', 'base'),
  LogByte: from('log_utf16', 'perUnit', 2 / 3, 'per output byte: the UTF-16 fit per input byte × 2/3'),
  Sha256Base: from('sha256', 'base'),
  Sha256Byte: from('sha256', 'perUnit'),
  Keccak256Base: from('keccak256', 'base'),
  Keccak256Byte: from('keccak256', 'perUnit'),
  Keccak512Base: from('keccak512', 'base'),
  Keccak512Byte: from('keccak512', 'perUnit'),
  Ripemd160Base: from('ripemd160', 'base'),
  Ripemd160Block: from('ripemd160', 'perUnit', 64, 'per 64-byte block: the fit per byte × 64'),
  EcrecoverBase: from('ecrecover', 'base'),
  Ed25519VerifyBase: from('ed25519_verify', 'base'),
  Ed25519VerifyByte: from('ed25519_verify', 'perUnit'),
  P256VerifyBase: from('p256_verify', 'base'),
  P256VerifyByte: from('p256_verify', 'perUnit'),
  AltBn128G1MultiexpBase: from('alt_bn128_g1_multiexp', 'base'),
  AltBn128G1MultiexpElement: from('alt_bn128_g1_multiexp', 'perUnit'),
  AltBn128G1SumBase: from('alt_bn128_g1_sum', 'base'),
  AltBn128G1SumElement: from('alt_bn128_g1_sum', 'perUnit'),
  AltBn128PairingCheckBase: from('alt_bn128_pairing_check', 'base'),
  AltBn128PairingCheckElement: from('alt_bn128_pairing_check', 'perUnit'),
  ValidatorStakeBase: from('validator_stake', 'base'),
  ValidatorTotalStakeBase: from('validator_total_stake', 'base'),
  PromiseAndBase: from('promise_and', 'base'),
  // The protocol charges promise_and_per_promise per byte of the index list: 8 per promise.
  PromiseAndPerPromise: from('promise_and', 'perUnit', 1 / 8, 'per byte of promise indices: the fit per promise ÷ 8'),
  PromiseReturn: from('promise_return', 'base'),
  YieldCreateBase: from('yield_create', 'base'),
  YieldCreateByte: from('yield_create', 'perUnit'),
  YieldCreateWithIdBase: from('yield_create_with_id', 'base'),
  YieldResumeBase: from('yield_resume', 'base'),
  YieldResumeByte: from('yield_resume', 'perUnit'),
};

const BLS_COSTS: Array<[string, Bls12381Function]> = [
  ['Bls12381P1Sum', 'p1_sum'],
  ['Bls12381P2Sum', 'p2_sum'],
  ['Bls12381G1Multiexp', 'g1_multiexp'],
  ['Bls12381G2Multiexp', 'g2_multiexp'],
  ['Bls12381MapFpToG1', 'map_fp_to_g1'],
  ['Bls12381MapFp2ToG2', 'map_fp2_to_g2'],
  ['Bls12381Pairing', 'pairing_check'],
  ['Bls12381P1Decompress', 'p1_decompress'],
  ['Bls12381P2Decompress', 'p2_decompress'],
];
for (const [name, fn] of BLS_COSTS) {
  HOST_COSTS[`${name}Base`] = { plan: blsPlan(fn), part: 'base' };
  HOST_COSTS[`${name}Element`] = { plan: blsPlan(fn), part: 'perUnit' };
}

export function hostCost(ctx: EstimatorContext, source: HostCostSource): Estimate {
  const fit = callFit(ctx, source.plan);
  const e = source.part === 'base' ? fit.base : fit.perUnit;
  const cost = source.factor === undefined ? e.cost : scale(e.cost, source.factor);
  return { cost, fit: fit.report, note: source.note };
}
