/** `nearts run`: options → runMethod → JSON or a readable report, with the exit code. */
import { readFileSync, writeFileSync } from 'node:fs';
import { setTraceSpec } from '@nearts/primitives';
import { parseJsonExact, RuntimeFeesError } from '@nearts/runtime-fees';
import type { VMContext } from '@nearts/vm-logic';
import { VMRunnerError } from '@nearts/vm-errors';
import { UsageError } from '../usage-error.js';
import { parseContextJson, DEFAULT_CONTEXT, storageUsageOfState } from '../input/context-file.js';
import { decodeBase64, parseJsonText, readObject } from '../input/json-fields.js';
import { parsePromiseResultsFlags } from '../input/promise-results.js';
import { parseStateJson, stateToJson } from '../input/state-file.js';
import { runMethod } from '../run-method.js';
import { runResultJson } from '../output/run-json.js';
import { formatReport, methodHint } from '../output/report.js';
import { callableMethodsOf } from '../contract-methods.js';
import { executorByName } from '../executors.js';
import { parseProtocolVersion, parseChainId } from './common-options.js';

export interface RunOptions {
  wasmFile: string;
  methodName: string;
  args?: string;
  argsBase64?: string;
  argsFile?: string;
  contextFile?: string;
  stateFile?: string;
  stateOut?: string;
  promiseResults: string[];
  protocolVersion?: string;
  chainId?: string;
  configFile?: string;
  view?: boolean;
  executor?: string;
  sandbox?: boolean;
  json?: boolean;
}

export function readFileFor(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new UsageError(`cannot read ${path}: ${why}`, flag);
  }
}

function readJsonFile(path: string, flag: string): unknown {
  return parseJsonText(readFileFor(path, flag).toString('utf8'), `${flag} ${path}`);
}

function inputBytes(o: RunOptions): Uint8Array | undefined {
  const given = [o.args !== undefined, o.argsBase64 !== undefined, o.argsFile !== undefined].filter(Boolean).length;
  if (given > 1) throw new UsageError('give at most one of --args, --args-base64 and --args-file', '--args');
  if (o.args !== undefined) return new TextEncoder().encode(o.args);
  if (o.argsBase64 !== undefined) return decodeBase64(o.argsBase64, '--args-base64');
  if (o.argsFile !== undefined) return new Uint8Array(readFileFor(o.argsFile, '--args-file'));
  return undefined;
}

function configOverrides(path: string | undefined): Record<string, string | number | bigint | boolean> {
  if (path === undefined) return {};
  let json: unknown;
  try {
    json = parseJsonExact(readFileFor(path, '--config-file').toString('utf8'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`not valid JSON (${(e as Error).message})`, `--config-file ${path}`);
  }
  const obj = readObject(json, `--config-file ${path}`);
  const out: Record<string, string | number | bigint | boolean> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean')
      throw new UsageError('expected a number, string or boolean parameter value', `--config-file ${path}: ${k}`);
    out[k] = v;
  }
  return out;
}

/**
 * Runs the command; returns the process exit code (0 ok, 1 contract failed). Bad input throws a
 * UsageError before anything is printed (also when --state-out cannot be written).
 */
export function runCommand(
  o: RunOptions,
  out: (text: string) => void,
  err: (text: string) => void = (text) => process.stderr.write(text),
): number {
  const code = new Uint8Array(readFileFor(o.wasmFile, '--wasm-file'));
  const contextJson = o.contextFile ? readJsonFile(o.contextFile, '--context-file') : {};
  let context: VMContext = o.contextFile ? parseContextJson(contextJson, 'context') : DEFAULT_CONTEXT;
  const input = inputBytes(o);
  if (input !== undefined) context = { ...context, input };
  if (o.view && context.viewConfig === null) context = { ...context, viewConfig: { maxGasBurnt: context.prepaidGas } };
  const state = o.stateFile ? parseStateJson(readJsonFile(o.stateFile, '--state-file'), `--state-file ${o.stateFile}`) : [];
  if (state.length > 0 && (contextJson as Record<string, unknown>).storage_usage === undefined)
    context = { ...context, storageUsage: storageUsageOfState(state) };
  const protocolVersion = parseProtocolVersion(o.protocolVersion);
  const chainId = parseChainId(o.chainId);
  let result;
  const restoreTrace = o.sandbox ? printSandboxDebugLog(err) : () => {};
  try {
    result = runMethod({
      code,
      method: o.methodName,
      context,
      state,
      promiseResults: parsePromiseResultsFlags(o.promiseResults),
      protocolVersion,
      chainId,
      configOverrides: configOverrides(o.configFile),
      executor: executorByName(o.executor),
      sandbox: o.sandbox === true,
    });
  } catch (e) {
    if (e instanceof VMRunnerError && e.data.kind === 'InconsistentStateError')
      throw new UsageError(
        `the context and state disagree (${e.message}); check storage_usage against the state file`,
        '--context-file',
      );
    if (e instanceof RuntimeFeesError) throw new UsageError(e.message, o.configFile ? '--config-file' : '--protocol-version');
    throw e;
  } finally {
    restoreTrace();
  }
  if (o.stateOut) writeStateOut(o.stateOut, result.state);
  const aborted = result.outcome.aborted;
  // A method-resolution failure names the methods the contract does export (one more prepare,
  // only on this path): in the report, or on stderr next to the JSON.
  const exportedMethods = aborted?.kind === 'MethodResolveError' ? callableMethodsOf(code, result.config.wasmConfig) : undefined;
  if (o.json) {
    out(JSON.stringify(runResultJson(result)) + '\n');
    const hint = methodHint(aborted, o.methodName, exportedMethods);
    if (hint) err(`nearts: ${hint}\n`);
  } else {
    out(formatReport(result, o.methodName, { exportedMethods }));
  }
  return aborted === null ? 0 : 1;
}

const SANDBOX_TRACE = 'nearts:vm-logic:sandbox';

/**
 * `--sandbox`: `sandbox_debug_log` messages are printed on stderr as they happen (near-sandbox
 * prints them in the node's log), next to whatever the NEARTS_DEBUG/DEBUG spec already enables.
 * Returns the function that puts the environment's spec back.
 */
function printSandboxDebugLog(err: (text: string) => void): () => void {
  const envSpec = process.env['NEARTS_DEBUG'] ?? process.env['DEBUG'] ?? '';
  const toStderr = (line: string) => process.stderr.write(line + '\n');
  setTraceSpec(`${envSpec},${SANDBOX_TRACE}`, (line) => (line.startsWith(SANDBOX_TRACE + ' ') ? err(line + '\n') : toStderr(line)));
  return () => setTraceSpec(envSpec, toStderr);
}

function writeStateOut(path: string, state: Iterable<[Uint8Array, Uint8Array]>): void {
  try {
    writeFileSync(path, JSON.stringify(stateToJson(state), null, 2) + '\n');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such directory' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UsageError(`cannot write ${path}: ${why}`, '--state-out');
  }
}
