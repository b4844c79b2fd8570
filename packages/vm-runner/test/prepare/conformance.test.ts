/**
 * nearcore's own near-vm-runner expectations (the public conformance vectors), checked at the
 * level preparation decides: PrepareError kinds, method resolution, and — for contracts that
 * import nothing — the exact wasm gas (burnt gas − contract-loading fee) and the error.
 */
import { createHash } from 'node:crypto';
import { PrepareError } from '@nearts/vm-errors';
import { describe, expect, it } from 'vitest';
import { prepareContract, resolveMethod, type PrepareConfig } from '../../src/prepare/index.js';
import { coreInstanceSizeError } from '../../src/prepare/wasmtime-instance-size.js';
import { loadVectors } from '../conformance/vectors.js';
import { generatedContract } from './generators.js';
import { GasCounter, hex, pv86Config, runPrepared, wat } from './harness.js';

interface Expectation {
  readonly effective_param_version: number;
  readonly expected: string;
  readonly config_flags: { readonly regular_op_cost: number; readonly linear_op_base_cost: number; readonly linear_op_unit_cost: number; readonly reftypes_bulk_memory: boolean };
}
interface Case {
  readonly id: string;
  readonly method: string;
  readonly wat?: string;
  readonly wasm_hex?: string;
  readonly generator?: string;
  readonly wasm_sha256: string;
  readonly opaque_error: boolean;
  readonly opaque_outcome: boolean;
  readonly expectations: readonly Expectation[];
  readonly context_overrides?: { prepaid_gas?: string };
  readonly config_overrides?: { max_gas_burnt?: string };
  /** Why nearts cannot match this case yet: skipped (and listed), never passed. */
  readonly known_divergence?: string;
}
interface PrepareCase {
  readonly id: string;
  readonly wat?: string;
  readonly wasm_hex?: string;
  readonly wat_generator?: string;
  readonly config_overrides?: Record<string, number | null>;
  readonly expected_prepare_result: string;
}

const vectors = loadVectors<Case, PrepareCase>();
const params = vectors.param_values_used;
const LOADING_BASE = BigInt(params.wasm_contract_loading_base);
const LOADING_BYTES = BigInt(params.wasm_contract_loading_bytes);
const DEFAULT_PREPAID = 100_000_000_000_000n;

const HOST_ERRORS: Record<string, string> = {
  GasExceeded: 'Exceeded the prepaid gas.',
  GasLimitExceeded: 'Exceeded the maximum amount of gas allowed to burn per contract.',
  MemoryAccessViolation: 'Accessed memory outside the bounds.',
  IntegerOverflow: 'Integer overflow.',
};

/** V8's trap messages → nearcore's WasmTrap Display (Wasmtime classification). */
function trapText(v8Message: string): string {
  if (/unreachable/.test(v8Message)) return 'WebAssembly trap: An `unreachable` opcode was executed.';
  if (/divide by zero|remainder by zero|integer overflow|unrepresentable/.test(v8Message)) {
    return 'WebAssembly trap: An arithmetic exception, e.g. divided by zero.';
  }
  if (/memory access out of bounds|table index is out of bounds/.test(v8Message)) return 'WebAssembly trap: Memory out of bounds trap.';
  if (/function signature mismatch/.test(v8Message)) return 'WebAssembly trap: Call indirect incorrect signature trap.';
  return `WebAssembly trap: ${v8Message}`;
}

function parseExpected(text: string): { burnt: bigint | undefined; error: string | undefined } {
  const burnt = /burnt gas (\d+)/.exec(text)?.[1];
  const error = /Err: (.*)\n/.exec(text)?.[1];
  return { burnt: burnt === undefined ? undefined : BigInt(burnt), error };
}

async function codeOf(c: Case): Promise<Uint8Array> {
  // an empty wasm_hex is a real contract (nearcore tests empty code), not a missing one
  if (c.wasm_hex !== undefined) return hex(c.wasm_hex);
  return generatedContract(c.generator ?? '') ?? wat(c.wat!);
}

type Outcome = { burnt: bigint; error: string | undefined };

/**
 * The outcome of a call as nearcore's runner decides it for `version` (86: loading fee after a
 * successful compile, nop outcome for resolution errors; 155: `fix_contract_loading_cost`).
 */
function outcome(c: Case, code: Uint8Array, version: number, config: PrepareConfig): Outcome | 'needs-host' {
  const prepaid = BigInt(c.context_overrides?.prepaid_gas ?? DEFAULT_PREPAID);
  const counter = new GasCounter(prepaid, c.config_overrides?.max_gas_burnt ? BigInt(c.config_overrides.max_gas_burnt) : undefined);
  if (c.method === '') return { burnt: 0n, error: 'MethodEmptyName' };
  const loadingFee = LOADING_BASE + LOADING_BYTES * BigInt(code.length);
  const chargeLoading = (): Outcome | undefined => {
    const err = counter.burn(loadingFee);
    return err ? { burnt: counter.burnt, error: HOST_ERRORS[err] } : undefined;
  };
  if (version >= 129) {
    const failed = chargeLoading();
    if (failed) return failed;
  }
  let prepared;
  try {
    prepared = prepareContract(code, config);
  } catch (e) {
    if (!(e instanceof PrepareError)) throw e;
    return { burnt: counter.burnt, error: `PrepareError: ${e.message}` };
  }
  if (prepared.hostImports.length > 0) return 'needs-host';
  if (version < 129) {
    const failed = chargeLoading();
    if (failed) return failed;
  }
  const loadingError = coreInstanceSizeError(prepared.coreInstanceBytes);
  if (loadingError !== null) return { burnt: counter.burnt, error: `Loading error: ${loadingError}` };
  const resolution = resolveMethod(prepared, c.method);
  if (resolution !== null) return { burnt: version < 129 ? 0n : counter.burnt, error: resolution };
  let run;
  try {
    run = runPrepared(prepared, c.method, counter);
  } catch (e) {
    // The engine refusing the prepared module is nearcore's WasmtimeCompileError: a compilation
    // error, which before fix_contract_loading_cost aborts ahead of the loading fee.
    if (!(e instanceof Error) || e.name !== 'CompileError') throw e;
    return { burnt: version < 129 ? 0n : counter.burnt, error: `Wasmtime compilation error: ${e.message}` };
  }
  const error = run.error === null ? undefined : run.error.startsWith('trap: ') ? trapText(run.error.slice(6)) : HOST_ERRORS[run.error] ?? run.error;
  return { burnt: counter.burnt, error };
}

describe('conformance cases (wasm-level)', () => {
  for (const c of vectors.cases) {
    const divergence = c.known_divergence === undefined ? '' : ` [known divergence: ${c.known_divergence}]`;
    (divergence ? it.skip : it)(c.id + divergence, async () => {
      const code = await codeOf(c);
      expect(createHash('sha256').update(code).digest('hex')).toBe(c.wasm_sha256);
      for (const e of c.expectations) {
        const expected = parseExpected(e.expected);
        const flags = e.config_flags;
        const config: PrepareConfig = {
          ...pv86Config(),
          regularOpCost: BigInt(flags.regular_op_cost),
          linearOpBaseCost: BigInt(flags.linear_op_base_cost),
          linearOpUnitCost: BigInt(flags.linear_op_unit_cost),
          reftypesBulkMemory: flags.reftypes_bulk_memory,
        };
        const got = outcome(c, code, e.effective_param_version, config);
        if (got === 'needs-host') {
          // Host functions are vm-logic's; preparation must at least accept the contract.
          expect(expected.error ?? '').not.toMatch(/^PrepareError/);
          continue;
        }
        if (!c.opaque_outcome) expect(got.burnt).toBe(expected.burnt);
        if (expected.error === undefined) expect(got.error).toBeUndefined();
        else if (expected.error === '...') expect(got.error).toBeDefined();
        else expect(got.error).toBe(expected.error);
      }
    });
  }
});

function prepareCaseConfig(p: PrepareCase): PrepareConfig {
  const overrides: Record<string, bigint | undefined> = {};
  for (const [key, value] of Object.entries(p.config_overrides ?? {})) {
    const camel = key.replace(/_(\w)/g, (_, ch: string) => ch.toUpperCase());
    overrides[camel] = value === null ? undefined : BigInt(value);
  }
  return pv86Config(overrides);
}

async function prepareCaseCode(p: PrepareCase): Promise<Uint8Array> {
  if (p.wasm_hex) return hex(p.wasm_hex);
  if (p.wat) return wat(p.wat);
  const params = /\["i32"\]\*(\d+)/.exec(p.wat_generator!)![1];
  const count = /\) \* (\d+) \+/.exec(p.wat_generator!)![1];
  const fn = `(func (param ${Array(+params).fill('i32').join(' ')}))\n`;
  return wat(`(module\n  ${fn.repeat(+count)}\n)`);
}

describe('conformance prepare_cases', () => {
  for (const p of vectors.prepare_cases) {
    it(p.id, async () => {
      const code = await prepareCaseCode(p);
      let result: string;
      try {
        prepareContract(code, prepareCaseConfig(p));
        result = 'Ok';
      } catch (e) {
        if (!(e instanceof PrepareError)) throw e;
        result = `Err(PrepareError::${e.kind})`;
      }
      if (p.expected_prepare_result === 'Err(_)') expect(result).toMatch(/^Err/);
      else expect(result).toBe(p.expected_prepare_result);
    });
  }
});
