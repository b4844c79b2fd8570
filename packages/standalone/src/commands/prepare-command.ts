/** `nearts prepare`: validate and prepare a contract as nearcore would at a protocol version. */
import { runtimeConfig } from '@nearts/runtime-fees';
import { PrepareError } from '@nearts/vm-errors';
import { prepareContract } from '@nearts/vm-runner';
import { callableMethods } from '../contract-methods.js';
import { readFileFor } from './run-command.js';
import { parseProtocolVersion } from './common-options.js';

export interface PrepareOptions {
  wasmFile: string;
  protocolVersion?: string;
  json?: boolean;
}

export function prepareCommand(o: PrepareOptions, out: (text: string) => void): number {
  const code = new Uint8Array(readFileFor(o.wasmFile, '--wasm-file'));
  const version = parseProtocolVersion(o.protocolVersion);
  const config = runtimeConfig(version).wasmConfig;
  try {
    const p = prepareContract(code, config);
    const stats = {
      protocol_version: version,
      original_size: p.stats.originalSize,
      instrumented_size: p.stats.instrumentedSize,
      imported_functions: p.stats.importedFunctions,
      defined_functions: p.stats.definedFunctions,
      gas_charges: p.stats.gasCharges,
      methods: callableMethods(p),
      imports: p.hostImports.map((i) => i.name),
    };
    if (o.json) out(JSON.stringify({ ok: true, ...stats }) + '\n');
    else {
      out(`✓ ${o.wasmFile} prepares at protocol ${version}\n`);
      out(`  ${stats.original_size} bytes → ${stats.instrumented_size} bytes instrumented, ${stats.defined_functions} functions\n`);
      out(`  methods: ${stats.methods.join(', ') || '(none)'}\n`);
      out(`  host functions: ${stats.imports.join(', ') || '(none)'}\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof PrepareError)) throw e;
    const error = { type: 'PrepareError', variant: e.kind, message: e.message, ...(e.detail ? { detail: e.detail } : {}) };
    if (o.json) out(JSON.stringify({ ok: false, error }) + '\n');
    else out(`✗ ${o.wasmFile} is rejected at protocol ${version}: PrepareError::${e.kind}: ${e.message}${e.detail ? ` (${e.detail})` : ''}\n`);
    return 1;
  }
}
