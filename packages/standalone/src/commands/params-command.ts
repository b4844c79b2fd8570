/** `nearts params`: nearcore's RuntimeConfigView JSON, or a readable table of fees in Tgas. */
import { ACTION_COSTS, EXT_COSTS, runtimeConfig, runtimeConfigViewJson } from '@nearts/runtime-fees';
import { formatTgas } from '../output/gas-format.js';
import { parseChainId, parseProtocolVersion } from './common-options.js';

export interface ParamsOptions {
  protocolVersion?: string;
  chainId?: string;
  json?: boolean;
}

export function paramsCommand(o: ParamsOptions, out: (text: string) => void): number {
  const version = parseProtocolVersion(o.protocolVersion);
  const config = runtimeConfig(version, parseChainId(o.chainId));
  if (o.json) {
    out(runtimeConfigViewJson(config) + '\n');
    return 0;
  }
  const lines = [`Runtime parameters at protocol ${version} (${config.chainId})`, '', 'Action fees (send sir / send not sir / execution):'];
  const w = Math.max(...ACTION_COSTS.map((c) => c.length));
  for (const c of ACTION_COSTS) {
    const f = config.fees.actionFees[c];
    lines.push(`  ${c.padEnd(w)}  ${formatTgas(f.sendSir, 6).padStart(16)}  ${formatTgas(f.sendNotSir, 6).padStart(16)}  ${formatTgas(f.execution, 6).padStart(16)}`);
  }
  lines.push('', 'Host-function costs (ExtCosts):');
  const we = Math.max(...EXT_COSTS.map((c) => c.length));
  for (const c of EXT_COSTS) lines.push(`  ${c.padEnd(we)}  ${formatTgas(config.wasmConfig.extCosts[c].gas, 9).padStart(18)}`);
  const vm = config.wasmConfig;
  lines.push('', `Wasm: regular op ${vm.regularOpCost} gas, linear op ${vm.linearOpBaseCost} + ${vm.linearOpUnitCost}/unit`);
  lines.push(`Limits: max gas burnt ${formatTgas(vm.limitConfig.maxGasBurnt, 0)}, contract size ${vm.limitConfig.maxContractSize} bytes`);
  lines.push(`Storage: ${config.storageAmountPerByte} yocto per byte`);
  out(lines.join('\n') + '\n');
  return 0;
}
