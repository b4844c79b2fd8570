/**
 * Overriding parameters of a config by nearcore parameter name, as a `--config-file` or test
 * would: `{ max_gas_burnt: 300_000_000_000_000n, wasm_regular_op_cost: 0 }`.
 *
 * Names are those of parameters.yaml. A fee parameter can be replaced whole (a YAML flow map
 * string `{ send_sir: 1, send_not_sir: 2, execution: 3 }`) or one component at a time with the
 * suffixes `_send_sir`, `_send_not_sir` and `_execution`. Whole-parameter overrides are applied
 * first, then component overrides, so the result never depends on the order of the keys.
 */
import { parse } from 'yaml';
import { buildRuntimeConfig, deepFreeze } from './build-config.js';
import { InvalidParameterValueError, UnknownParameterError } from './errors.js';
import { isParameterName, type ParameterName } from './parameter-names.js';
import { FEE_PARAMETERS } from './parameter-map.js';
import { U64_MAX, parseParameterValue, type FeeComponentValue, type ParameterValue } from './parameter-value.js';
import { parametersFromConfig } from './parameters-from-config.js';
import type { RuntimeConfig } from './types.js';
import {
  attachSubmodules,
  buildSubmoduleConfig,
  isSubmoduleParameterName,
  submoduleParameters,
  submoduleParametersFromConfig,
  type SubmoduleParameterName,
} from './extensions/submodules.js';

export type ParameterOverrideValue = string | number | bigint | boolean;

const FEE_COMPONENTS = ['send_sir', 'send_not_sir', 'execution'] as const;
type FeeComponentName = (typeof FEE_COMPONENTS)[number];
const COMPONENT_FIELD = {
  send_sir: 'sendSir',
  send_not_sir: 'sendNotSir',
  execution: 'execution',
} as const satisfies Record<FeeComponentName, string>;

/** `<fee parameter>_<component>` → which fee and which component. */
const FEE_COMPONENT_OVERRIDES: ReadonlyMap<string, readonly [ParameterName, FeeComponentName]> =
  new Map(
    Object.values(FEE_PARAMETERS).flatMap((fee) =>
      FEE_COMPONENTS.map((c) => [`${fee}_${c}`, [fee, c] as const] as const),
    ),
  );

/** Turns an override into the value a parameter file would have given. */
export function overrideValue(name: string, raw: ParameterOverrideValue): ParameterValue {
  if (typeof raw === 'bigint') {
    if (raw < 0n) throw new InvalidParameterValueError(name, `${raw} is negative`);
    // Larger values can only be balances, which nearcore writes with a unit.
    return raw <= U64_MAX ? { kind: 'u64', value: raw } : { kind: 'string', value: `${raw} yN` };
  }
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw) || raw < 0) {
      throw new InvalidParameterValueError(
        name,
        `${raw} is not a non-negative safe integer (pass a bigint or a string for large values)`,
      );
    }
    return { kind: 'u64', value: BigInt(raw) };
  }
  if (typeof raw === 'boolean') return { kind: 'flag', value: raw };
  if (typeof raw !== 'string') {
    throw new InvalidParameterValueError(name, `unsupported override type ${typeof raw}`);
  }
  // A string is read as the YAML a parameter file would contain, e.g. `0.007 N`, `1_000`,
  // `{ gas: 1, compute: 2 }`.
  let yaml: unknown;
  try {
    yaml = parse(raw, { intAsBigInt: true });
  } catch (err) {
    throw new InvalidParameterValueError(name, `cannot parse \`${raw}\`: ${(err as Error).message}`);
  }
  return parseParameterValue(name, yaml);
}

function overrideComponent(name: string, raw: ParameterOverrideValue): FeeComponentValue {
  const value = overrideValue(name, raw);
  if (value.kind === 'u64') return { gas: value.value };
  if (value.kind === 'cost') return { gas: value.gas, compute: value.compute };
  throw new InvalidParameterValueError(name, 'a fee component must be gas or { gas, compute }');
}

/**
 * A new config equal to `config` with the given parameters replaced. Unknown names throw
 * `UnknownParameterError`; ill-typed values throw `InvalidParameterValueError`. The protocol
 * version and chain id are kept. The result is deeply frozen.
 *
 * A config with the submodules extension keeps it, and also accepts the extension's parameter
 * names (`data/extensions/submodules.yaml`); without the extension those names are unknown.
 */
export function applyParameterOverrides(
  config: RuntimeConfig,
  overrides: Readonly<Record<string, ParameterOverrideValue>>,
): RuntimeConfig {
  const table = new Map(parametersFromConfig(config));
  const submodules = config.wasmConfig.submodules;
  const extension = submodules === undefined ? undefined : new Map(submoduleParametersFromConfig(submodules));
  const componentOverrides: Array<[string, ParameterOverrideValue]> = [];
  for (const [name, raw] of Object.entries(overrides)) {
    if (isParameterName(name)) table.set(name, overrideValue(name, raw));
    else if (extension !== undefined && isSubmoduleParameterName(name)) extension.set(name, overrideValue(name, raw));
    else if (FEE_COMPONENT_OVERRIDES.has(name)) componentOverrides.push([name, raw]);
    else throw new UnknownParameterError(name);
  }
  for (const [name, raw] of componentOverrides) {
    const [feeName, component] = FEE_COMPONENT_OVERRIDES.get(name)!;
    const fee = table.get(feeName);
    if (fee?.kind !== 'fee') {
      throw new InvalidParameterValueError(feeName, 'cannot override a component of a non-fee value');
    }
    table.set(feeName, { ...fee, [COMPONENT_FIELD[component]]: overrideComponent(name, raw) });
  }
  let rebuilt = buildRuntimeConfig(table, config.protocolVersion, config.chainId);
  if (config.wasmConfig.sandbox) rebuilt = { ...rebuilt, wasmConfig: { ...rebuilt.wasmConfig, sandbox: true } };
  if (extension === undefined) return deepFreeze(rebuilt);
  return deepFreeze(attachSubmodules(rebuilt, buildSubmoduleConfig(extension)));
}

/**
 * `config` as a nearcore node built with the `sandbox` feature sees it: contracts may import
 * `sandbox_debug_log(len, ptr)` (free; the message goes to the `nearts:vm-logic:sandbox` trace).
 * Protocol parameters are unchanged. The result is deeply frozen.
 */
export function withSandboxHostFunctions(config: RuntimeConfig): RuntimeConfig {
  return deepFreeze({ ...config, wasmConfig: { ...config.wasmConfig, sandbox: true as const } });
}

/**
 * `config` with the submodules extension on (NEP-481: DeploySubmodule / DeleteSubmodule actions,
 * `submodule_call` and the `promise_batch_action_*_submodule` host functions, two trie columns),
 * priced by `data/extensions/submodules.yaml` with `overrides` applied by parameter name.
 * A config that already has the extension gets its parameters re-derived from the file.
 * The result is deeply frozen; `config` itself is not changed.
 */
export function withSubmodules(
  config: RuntimeConfig,
  overrides: Readonly<Partial<Record<SubmoduleParameterName, ParameterOverrideValue>>> = {},
): RuntimeConfig {
  const table = new Map(submoduleParameters());
  for (const [name, raw] of Object.entries(overrides)) {
    if (!isSubmoduleParameterName(name)) throw new UnknownParameterError(name);
    if (raw !== undefined) table.set(name, overrideValue(name, raw));
  }
  return deepFreeze(attachSubmodules(config, buildSubmoduleConfig(table)));
}
