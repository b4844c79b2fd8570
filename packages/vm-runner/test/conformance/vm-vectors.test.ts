/**
 * nearcore's own near-vm-runner test cases (shared/conformance, copied into the prepare tests'
 * vectors) run through the whole path — preparation, instrumentation, the Node executor and
 * vm-logic — and compared with nearcore's exact outcome text.
 */
import { describe, expect, it } from 'vitest';
import { applyParameterOverrides, runtimeConfig } from '@nearts/runtime-fees';
import { formatOutcome, MockedExternal, testContext, type VMContext } from '@nearts/vm-logic';
import { LruContractCache, runContract } from '../../src/index.js';
import { generatedContract } from '../prepare/generators.js';
import { loadVectors } from './vectors.js';

interface Expectation {
  effective_param_version: number;
  expected: string;
}
interface Case {
  id: string;
  method: string;
  input_hex: string;
  wasm_hex?: string;
  generator?: string;
  opaque_error: boolean;
  opaque_outcome: boolean;
  context_overrides?: Record<string, string> | null;
  config_overrides?: Record<string, string> | null;
  expectations: Expectation[];
  derived_pv86_expectation?: { expected: string };
  /** Why nearts cannot match this case yet: the case is listed as skipped, never passed. */
  known_divergence?: string;
}

const vectors = loadVectors<Case, { id: string }>();

const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

function contextFor(c: Case): VMContext {
  const o = c.context_overrides ?? {};
  return testContext({
    input: bytes(c.input_hex),
    ...(o.prepaid_gas !== undefined ? { prepaidGas: BigInt(o.prepaid_gas) } : {}),
  });
}

/** What nearcore's harness compares: the outcome line unless opaque, then the error line. */
function observed(c: Case, text: string): string {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const out: string[] = [];
  if (!c.opaque_outcome) out.push(lines[0]!);
  if (lines[1] !== undefined) out.push(c.opaque_error ? 'Err: ...' : lines[1]);
  return out.map((l) => l + '\n').join('');
}

/** The contract bytes: given, or regenerated like nearcore's near-test-contracts for big ones. */
function codeOf(c: Case): Uint8Array {
  // an empty wasm_hex is a real contract (nearcore tests empty code), not a missing one
  if (c.wasm_hex !== undefined) return bytes(c.wasm_hex);
  const code = generatedContract(c.generator ?? '');
  if (!code) throw new Error(`${c.id}: no wasm and no known generator`);
  return code;
}

function run(c: Case, version: number): string {
  let config = runtimeConfig(version);
  if (c.config_overrides) config = applyParameterOverrides(config, c.config_overrides);
  const outcome = runContract({
    code: codeOf(c),
    method: c.method,
    context: contextFor(c),
    config,
    external: new MockedExternal(),
    cache: new LruContractCache(),
  });
  return observed(c, formatOutcome(outcome));
}

const divergenceNote = (c: Case) => (c.known_divergence === undefined ? '' : ` [known divergence: ${c.known_divergence}]`);

describe('nearcore vm-runner conformance vectors', () => {
  for (const c of vectors.cases) {
    for (const e of c.expectations) {
      // nearts supports protocol 83 and later; nearcore's tests also pin a few pre-83 outcomes.
      const supported = e.effective_param_version >= 83 && c.known_divergence === undefined;
      (supported ? it : it.skip)(`${c.id} @${e.effective_param_version}${divergenceNote(c)}`, () => {
        expect(run(c, e.effective_param_version)).toBe(e.expected);
      });
    }
    const pv86 = c.derived_pv86_expectation?.expected;
    if (pv86 && pv86 !== 'same as listed' && !c.expectations.some((e) => e.effective_param_version === 86)) {
      (c.known_divergence === undefined ? it : it.skip)(`${c.id} @86 (derived)${divergenceNote(c)}`, () => {
        expect(run(c, 86)).toBe(pv86);
      });
    }
  }
});
