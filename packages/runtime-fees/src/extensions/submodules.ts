/**
 * The submodules extension (NEP-481, synchronous wasm submodules): its parameters and the switch
 * that turns it on. It is not part of any nearcore protocol version, so it is off in every config
 * `runtimeConfig` returns; `withSubmodules(config)` returns a copy with `wasmConfig.submodules`
 * set. Everything the extension adds (actions, host functions, trie columns) checks that field,
 * so a config without it behaves exactly as the protocol version it was built for.
 *
 * The parameters come from `data/extensions/submodules.yaml` and can be overridden by name here
 * or, on a config that has the extension, through `applyParameterOverrides`.
 */
import { parse } from 'yaml';
import { readParameterFile } from '../data.js';
import { InvalidParameterValueError, ParameterFileError, UnknownParameterError } from '../errors.js';
import { parseParameterValue, type ParameterValue } from '../parameter-value.js';
import type { Fee, ParameterCost, RuntimeConfig } from '../types.js';
import { toCost, toFee, toSmallUInt, toUInt } from '../value-conversion.js';

/** Everything the submodules extension prices or limits. */
export interface SubmoduleConfig {
  /** DeploySubmodule: base fee, and per byte of key + code + borsh(policy). */
  readonly deployFee: Fee;
  readonly deployPerByteFee: Fee;
  /** DeleteSubmodule: base fee, and per byte of key. */
  readonly deleteFee: Fee;
  readonly deletePerByteFee: Fee;
  /** Charged to the caller of `submodule_call` for setting up the call. */
  readonly callBase: ParameterCost;
  /** Per byte of input copied in and of result copied out. */
  readonly callByte: ParameterCost;
  readonly maxKeyLength: bigint;
  /** Submodule calls that may be active at once. */
  readonly maxCallDepth: number;
  /** Pages a submodule instance's memory starts with. */
  readonly initialMemoryPages: number;
  /** Parent exports + host functions one policy may list. */
  readonly maxPolicyEntries: bigint;
}

export const SUBMODULE_PARAMETER_NAMES = [
  'action_deploy_submodule',
  'action_deploy_submodule_per_byte',
  'action_delete_submodule',
  'action_delete_submodule_per_byte',
  'wasm_submodule_call_base',
  'wasm_submodule_call_byte',
  'max_submodule_key_length',
  'max_submodule_call_depth',
  'submodule_initial_memory_pages',
  'max_submodule_policy_entries',
] as const;

export type SubmoduleParameterName = (typeof SUBMODULE_PARAMETER_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(SUBMODULE_PARAMETER_NAMES);

export function isSubmoduleParameterName(name: string): name is SubmoduleParameterName {
  return NAMES.has(name);
}

export type SubmoduleParameterTable = ReadonlyMap<SubmoduleParameterName, ParameterValue>;

const FILE = 'extensions/submodules.yaml';
let defaults: SubmoduleParameterTable | undefined;

/** The extension's parameters as shipped (parsed once). */
export function submoduleParameters(): SubmoduleParameterTable {
  if (defaults === undefined) {
    let doc: unknown;
    try {
      doc = parse(readParameterFile(FILE), { intAsBigInt: true });
    } catch (err) {
      if (err instanceof ParameterFileError) throw err;
      throw new ParameterFileError(FILE, `could not parse YAML: ${(err as Error).message}`);
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new ParameterFileError(FILE, 'the document must be a YAML mapping');
    const table = new Map<SubmoduleParameterName, ParameterValue>();
    for (const [name, raw] of Object.entries(doc)) {
      if (!isSubmoduleParameterName(name)) throw new UnknownParameterError(name);
      table.set(name, parseParameterValue(name, raw as never));
    }
    defaults = table;
  }
  return defaults;
}

function read(table: SubmoduleParameterTable, name: SubmoduleParameterName): ParameterValue {
  const v = table.get(name);
  if (v === undefined) throw new ParameterFileError(FILE, `missing parameter ${name}`);
  return v;
}

/** The typed config of a complete extension table. */
export function buildSubmoduleConfig(table: SubmoduleParameterTable): SubmoduleConfig {
  const maxCallDepth = toSmallUInt('max_submodule_call_depth', read(table, 'max_submodule_call_depth'), 'u8');
  if (maxCallDepth === 0) throw new InvalidParameterValueError('max_submodule_call_depth', 'must be at least 1');
  return {
    deployFee: toFee('action_deploy_submodule', read(table, 'action_deploy_submodule')),
    deployPerByteFee: toFee('action_deploy_submodule_per_byte', read(table, 'action_deploy_submodule_per_byte')),
    deleteFee: toFee('action_delete_submodule', read(table, 'action_delete_submodule')),
    deletePerByteFee: toFee('action_delete_submodule_per_byte', read(table, 'action_delete_submodule_per_byte')),
    callBase: toCost('wasm_submodule_call_base', read(table, 'wasm_submodule_call_base')),
    callByte: toCost('wasm_submodule_call_byte', read(table, 'wasm_submodule_call_byte')),
    maxKeyLength: toUInt('max_submodule_key_length', read(table, 'max_submodule_key_length'), 'u64'),
    maxCallDepth,
    initialMemoryPages: toSmallUInt('submodule_initial_memory_pages', read(table, 'submodule_initial_memory_pages'), 'u32'),
    maxPolicyEntries: toUInt('max_submodule_policy_entries', read(table, 'max_submodule_policy_entries'), 'u64'),
  };
}

function fee(f: Fee): ParameterValue {
  const c = (gas: bigint, compute: bigint) => (gas === compute ? { gas } : { gas, compute });
  return { kind: 'fee', sendSir: c(f.sendSir, f.sendSirCompute), sendNotSir: c(f.sendNotSir, f.sendNotSirCompute), execution: c(f.execution, f.executionCompute) };
}

function cost(c: ParameterCost): ParameterValue {
  return c.gas === c.compute ? { kind: 'u64', value: c.gas } : { kind: 'cost', gas: c.gas, compute: c.compute };
}

/** The inverse of `buildSubmoduleConfig` (so overrides work on an already built config). */
export function submoduleParametersFromConfig(s: SubmoduleConfig): SubmoduleParameterTable {
  const u64 = (value: bigint | number): ParameterValue => ({ kind: 'u64', value: BigInt(value) });
  return new Map<SubmoduleParameterName, ParameterValue>([
    ['action_deploy_submodule', fee(s.deployFee)],
    ['action_deploy_submodule_per_byte', fee(s.deployPerByteFee)],
    ['action_delete_submodule', fee(s.deleteFee)],
    ['action_delete_submodule_per_byte', fee(s.deletePerByteFee)],
    ['wasm_submodule_call_base', cost(s.callBase)],
    ['wasm_submodule_call_byte', cost(s.callByte)],
    ['max_submodule_key_length', u64(s.maxKeyLength)],
    ['max_submodule_call_depth', u64(s.maxCallDepth)],
    ['submodule_initial_memory_pages', u64(s.initialMemoryPages)],
    ['max_submodule_policy_entries', u64(s.maxPolicyEntries)],
  ]);
}

/** The extension's config, or undefined when it is off. */
export function submoduleConfigOf(config: RuntimeConfig): SubmoduleConfig | undefined {
  return config.wasmConfig.submodules;
}

/**
 * Attaches an already built extension config to `config` (replacing one it had). Not frozen:
 * the callers freeze the whole config.
 */
export function attachSubmodules(config: RuntimeConfig, submodules: SubmoduleConfig): RuntimeConfig {
  return { ...config, wasmConfig: { ...config.wasmConfig, submodules } };
}
