/**
 * Costs of the contract runtime itself, measured on vm-runner directly (no transactions), as
 * nearcore does: one wasm instruction, loading a prepared contract for a call, and preparing +
 * compiling a contract (which nearcore pays at deploy time and nearts on a contract's first call).
 */
import { sha256 } from '@nearts/primitives';
import { MockedExternal, testContext, type VMOutcome } from '@nearts/vm-logic';
import { defaultExecutor, LruContractCache, runContract, type LoadResult } from '@nearts/vm-runner';
import { averageOf } from '../stats/samples.js';
import { divide, PER_MILLE, saturatingSub } from '../stats/gas-cost.js';
import { leastSquares } from '../stats/least-squares.js';
import { encodeArgs, estimatorContract } from '../contracts/estimator-contract.js';
import { contractOfSize, syntheticContract } from '../contracts/wasm-builder.js';
import type { Estimate, EstimatorContext, FitReport } from './context.js';
import { EstimationError } from '../testbed/testbed.js';

const PREPAID = 1_000_000_000_000_000n;

function wallNs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start);
}

interface DirectCall {
  readonly code: Uint8Array;
  readonly codeHash: Uint8Array;
  readonly cache: LruContractCache<LoadResult<unknown>>;
}

function directCall(code: Uint8Array): DirectCall {
  return { code, codeHash: sha256(code), cache: new LruContractCache<LoadResult<unknown>>() };
}

/** One call through vm-runner with a mocked External (nearcore's `MockedExternal`). */
function call(ctx: EstimatorContext, target: DirectCall, method: string, input: Uint8Array): VMOutcome {
  return runContract({
    code: target.code,
    codeHash: target.codeHash,
    method,
    context: testContext({ input, prepaidGas: PREPAID }),
    config: ctx.genesis.config,
    external: new MockedExternal(),
    cache: target.cache,
  });
}

function checked(outcome: VMOutcome, what: string): VMOutcome {
  if (outcome.aborted !== null) throw new EstimationError(`${what} aborted: ${JSON.stringify(outcome.aborted)}`);
  return outcome;
}

/**
 * `WasmInstruction`: the estimator contract's `cpu` loop (arithmetic, a load and a store per
 * iteration) run with N iterations versus none; the instructions are the difference in gas
 * burnt divided by `regular_op_cost`.
 */
export function wasmInstruction(ctx: EstimatorContext): Estimate {
  const target = directCall(estimatorContract());
  const run = (n: number): VMOutcome => checked(call(ctx, target, 'cpu', encodeArgs({ n })), 'cpu loop');
  run(1000);
  // About blockTargetMs per measured run.
  const probe = 100_000;
  const t = wallNs(() => run(probe));
  const n = Math.max(1000, Math.floor((probe * ctx.settings.blockTargetMs * 1e6) / Math.max(t, 1)));
  const ops = Number(run(n).burntGas - run(0).burntGas) / Number(ctx.genesis.config.wasmConfig.regularOpCost);
  const m = ctx.metric;
  const full = averageOf(ctx.repeat(() => m.measure(() => run(n))), ctx.settings.statistic);
  const empty = averageOf(ctx.repeat(() => m.measure(() => run(0))), ctx.settings.statistic);
  return { cost: divide(saturatingSub(full, empty, PER_MILLE), ops), note: `${Math.round(ops)} instrumented wasm operations per run` };
}

/** Method counts of the loading contracts (nearcore: 5 … 1000 tiny methods). */
const LOADING_METHODS = [5, 20, 50, 100, 200, 1000];

/**
 * `ContractLoadingBase`/`PerByte`: calling a method of an already prepared (cached) contract
 * with many tiny methods, per byte of original code; nearcore's `contract_loading_cost`.
 */
export function contractLoading(ctx: EstimatorContext): { base: Estimate; perByte: Estimate } {
  return ctx.cached('contract-loading', () => {
    const m = ctx.metric;
    const xs: number[] = [];
    const ys = LOADING_METHODS.map((methods) => {
      const target = directCall(syntheticContract({ methods, opsPerMethod: 1 }));
      xs.push(target.code.length);
      const input = new Uint8Array(0);
      for (let i = 0; i < 3; i++) checked(call(ctx, target, 'hello0', input), 'loading');
      const repeats = Math.max(1, Math.floor((ctx.settings.blockTargetMs * 1e6) / Math.max(1, wallNs(() => call(ctx, target, 'hello0', input)))));
      return averageOf(ctx.repeat(() => m.measure(() => {
        for (let i = 0; i < repeats; i++) call(ctx, target, 'hello0', input);
      }) / repeats), ctx.settings.statistic);
    });
    const fit = leastSquares(xs, ys, undefined, { relative: true });
    const report: FitReport = { xLabel: 'code bytes', yLabel: 'per call', points: xs.map((x, i) => ({ x, y: ys[i].value })), intercept: fit.intercept, slope: fit.slope };
    return { base: { cost: fit.base, fit: report }, perByte: { cost: fit.perUnit, fit: report } };
  });
}

const COMPILE_SIZES = [10_000, 100_000, 300_000, 600_000];
let compileSalt = 1_000_000;

/**
 * `ContractCompileBase`/`Bytes`: vm-runner's preparation (validation, instrumentation) plus
 * WebAssembly compilation of contracts of growing size, each with new code (no cache).
 */
export function contractCompile(ctx: EstimatorContext): { base: Estimate; perByte: Estimate } {
  return ctx.cached('contract-compile', () => {
    const executor = defaultExecutor();
    const config = ctx.genesis.config.wasmConfig;
    const m = ctx.metric;
    const xs: number[] = [];
    const ys = COMPILE_SIZES.map((size) => {
      xs.push(contractOfSize(size).length);
      return averageOf(
        ctx.repeat(() => {
          const code = contractOfSize(size, compileSalt++);
          let result: LoadResult<unknown> | undefined;
          const v = m.measure(() => {
            result = executor.load(code, config);
          });
          if (!result!.ok) throw new EstimationError(`synthetic contract failed to prepare: ${JSON.stringify(result!.error)}`);
          return v;
        }),
        ctx.settings.statistic,
      );
    });
    const fit = leastSquares(xs, ys, { base: { kind: 'relative', factor: 0.1 }, perUnit: { kind: 'strict' } }, { relative: true });
    const report: FitReport = { xLabel: 'code bytes', yLabel: 'per contract', points: xs.map((x, i) => ({ x, y: ys[i].value })), intercept: fit.intercept, slope: fit.slope };
    return { base: { cost: fit.base, fit: report }, perByte: { cost: fit.perUnit, fit: report } };
  });
}

/**
 * Loading the (prepared, cached) estimator contract and calling its `noop`, measured like
 * `ContractLoading*`: what each function-call action of the estimator contract spends in the
 * contract runtime, subtracted from the function-call action costs (the protocol charges it as
 * `wasm_contract_loading_*`, not as `action_function_call`).
 */
export function estimatorContractLoading(ctx: EstimatorContext): Estimate {
  return ctx.cached('estimator-contract-loading', () => {
    const target = directCall(estimatorContract());
    const input = new Uint8Array(0);
    for (let i = 0; i < 3; i++) checked(call(ctx, target, 'noop', input), 'noop');
    const repeats = Math.max(1, Math.floor((ctx.settings.blockTargetMs * 1e6) / Math.max(1, wallNs(() => call(ctx, target, 'noop', input)))));
    const m = ctx.metric;
    return { cost: averageOf(ctx.repeat(() => m.measure(() => {
      for (let i = 0; i < repeats; i++) call(ctx, target, 'noop', input);
    }) / repeats), ctx.settings.statistic) };
  });
}
