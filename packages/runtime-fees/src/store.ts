/**
 * The runtime configs of every protocol version, built like nearcore's `RuntimeConfigStore`
 * (core/parameters/src/config_store.rs): the base file is the config of version 0, each diff
 * file `<N>.yaml` is applied in order and gives the config of version N, and a protocol version
 * uses the config of the greatest diff version ≤ it. For chain id `testnet` nearcore replaces
 * only the version-0 config with one built from `parameters_testnet.yaml`; diffs are still
 * applied to the mainnet base, so from version 46 on testnet and mainnet have equal parameters.
 */
import { tracer } from '@nearts/primitives';
import { buildRuntimeConfig, deepFreeze } from './build-config.js';
import { readParameterFile } from './data.js';
import { UnsupportedProtocolVersionError } from './errors.js';
import {
  applyParameterDiff,
  parseParameterTable,
  parseParameterTableDiff,
  type ParameterTable,
} from './parameter-table.js';
import type { RuntimeConfig } from './types.js';

const trace = tracer('nearts:runtime-fees:store');

/** Versions with a diff file, in application order (nightly ones last). */
export const PARAMETER_DIFF_VERSIONS = [
  46, 48, 49, 50, 52, 53, 55, 57, 59, 61, 62, 63, 64, 66, 67, 68, 69, 70, 72, 73, 74, 77, 78, 79,
  82, 83, 84, 85, 86, 129, 155,
] as const;

/** Versions whose parameters this package serves, each a diff version. */
export const SUPPORTED_PROTOCOL_VERSIONS = [83, 84, 85, 86, 129, 155] as const;
/** nearcore's `MIN_SUPPORTED_PROTOCOL_VERSION`. */
export const MIN_SUPPORTED_PROTOCOL_VERSION = 83;
/** nearcore's `STABLE_PROTOCOL_VERSION` (mainnet release). */
export const STABLE_PROTOCOL_VERSION = 86;
/** nearcore's `NIGHTLY_PROTOCOL_VERSION`; also the greatest version accepted here. */
export const NIGHTLY_PROTOCOL_VERSION = 155;

export const MAINNET = 'mainnet';
export const TESTNET = 'testnet';

let mainnetTables: ReadonlyMap<number, ParameterTable> | undefined;
let testnetBase: ParameterTable | undefined;

/** Base + every diff, once; key 0 is the base. */
function allMainnetTables(): ReadonlyMap<number, ParameterTable> {
  if (mainnetTables === undefined) {
    let table = parseParameterTable(readParameterFile('parameters.yaml'), 'parameters.yaml');
    const tables = new Map<number, ParameterTable>([[0, table]]);
    for (const version of PARAMETER_DIFF_VERSIONS) {
      const file = `${version}.yaml`;
      table = applyParameterDiff(table, parseParameterTableDiff(readParameterFile(file), file), version);
      tables.set(version, table);
    }
    if (trace.enabled) trace('built parameter tables for versions', [...tables.keys()].join(','));
    mainnetTables = tables;
  }
  return mainnetTables;
}

function testnetBaseTable(): ParameterTable {
  testnetBase ??= parseParameterTable(
    readParameterFile('parameters_testnet.yaml'),
    'parameters_testnet.yaml',
  );
  return testnetBase;
}

/** The greatest version ≤ `protocolVersion` that has a table (0 = base). */
function resolveTableVersion(protocolVersion: number): number {
  let resolved = 0;
  for (const version of allMainnetTables().keys()) {
    if (version <= protocolVersion && version > resolved) resolved = version;
  }
  return resolved;
}

function checkVersion(protocolVersion: number): void {
  if (
    !Number.isInteger(protocolVersion) ||
    protocolVersion < MIN_SUPPORTED_PROTOCOL_VERSION ||
    protocolVersion > NIGHTLY_PROTOCOL_VERSION
  ) {
    throw new UnsupportedProtocolVersionError(
      protocolVersion,
      MIN_SUPPORTED_PROTOCOL_VERSION,
      NIGHTLY_PROTOCOL_VERSION,
      SUPPORTED_PROTOCOL_VERSIONS,
    );
  }
}

/** The diff version whose parameters `protocolVersion` uses (e.g. 100 → 86). */
export function parameterVersionFor(protocolVersion: number): number {
  checkVersion(protocolVersion);
  return resolveTableVersion(protocolVersion);
}

/** Table lookup for any version ≥ 0, without the supported-range check. */
export function parameterTableAt(protocolVersion: number, chainId: string): ParameterTable {
  const version = resolveTableVersion(protocolVersion);
  if (version === 0 && chainId === TESTNET) return testnetBaseTable();
  return allMainnetTables().get(version)!;
}

/** The raw parameter table (name → value, nearcore's order) of a supported version. */
export function runtimeParameters(protocolVersion: number, chainId: string = MAINNET): ParameterTable {
  checkVersion(protocolVersion);
  return parameterTableAt(protocolVersion, chainId);
}

const configCache = new Map<string, RuntimeConfig>();

/**
 * The runtime config of `protocolVersion` (an integer in 83..=155) on `chainId` (default
 * mainnet; any chain other than testnet is configured like mainnet). Cached and deeply frozen.
 */
export function runtimeConfig(protocolVersion: number, chainId: string = MAINNET): RuntimeConfig {
  checkVersion(protocolVersion);
  const key = `${chainId}\u0000${protocolVersion}`;
  let config = configCache.get(key);
  if (config === undefined) {
    config = deepFreeze(
      buildRuntimeConfig(parameterTableAt(protocolVersion, chainId), protocolVersion, chainId),
    );
    configCache.set(key, config);
  }
  return config;
}

/** Config built from any table version, for checks of the full history (tests). */
export function runtimeConfigAtAnyVersion(protocolVersion: number, chainId: string): RuntimeConfig {
  return buildRuntimeConfig(parameterTableAt(protocolVersion, chainId), protocolVersion, chainId);
}
