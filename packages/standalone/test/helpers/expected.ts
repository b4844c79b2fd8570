/**
 * The independent expectation for cli.test.ts: the documented context defaults written out
 * here, an in-process `runContract` call, and the outcome fields and profile read straight from
 * the VMOutcome — nothing from standalone's own sources.
 */
import { createHash } from 'node:crypto';
import { ACTION_COSTS, EXT_COSTS, runtimeConfig, type RuntimeConfig } from '@nearts/runtime-fees';
import { FREE_STORAGE_TRACKER, MockedExternal, type VMContext, type VMOutcome } from '@nearts/vm-logic';
import { runContract } from '@nearts/vm-runner';

/** The documented defaults of the context file, written out here rather than imported. */
export const DEFAULTS: VMContext = {
  currentAccountId: 'alice',
  signerAccountId: 'bob',
  signerAccountPk: new Uint8Array([0, ...createHash('sha256').update('nearts default signer').digest()]),
  predecessorAccountId: 'carol',
  refundToAccountId: 'carol',
  input: new Uint8Array(0),
  promiseResults: [],
  blockHeight: 1n,
  blockTimestamp: 1_586_796_191_203_000_000n,
  epochHeight: 1n,
  accountBalance: 10n ** 25n,
  accountLockedBalance: 0n,
  storageUsage: 100n,
  accountContract: { kind: 'None' },
  attachedDeposit: 0n,
  prepaidGas: 300n * 10n ** 12n,
  randomSeed: new Uint8Array(32),
  viewConfig: null,
  outputDataReceivers: [],
};

export interface InProcess {
  outcome: VMOutcome;
  external: MockedExternal;
}

export function inProcess(
  code: Uint8Array,
  method: string,
  context: Partial<VMContext> = {},
  options: { version?: number; state?: Array<[string, Uint8Array]>; config?: RuntimeConfig } = {},
): InProcess {
  const external = new MockedExternal({ chainId: 'mainnet' });
  for (const [k, v] of options.state ?? []) external.storageSet(FREE_STORAGE_TRACKER, Buffer.from(k), v);
  const config = options.config ?? runtimeConfig(options.version ?? 86);
  const outcome = runContract({ code, method, context: { ...DEFAULTS, ...context }, config, external });
  return { outcome, external };
}

export const b64 = (b: Uint8Array | string) => Buffer.from(b).toString('base64');

/** The profile as {COST: gas} with nonzero entries only, from ProfileDataV3's arrays. */
export function profileMap(o: VMOutcome): Record<string, string> {
  const out: Record<string, string> = {};
  ACTION_COSTS.forEach((c, i) => {
    if (o.profile.actionsProfile[i]! > 0n) out[c.toUpperCase()] = o.profile.actionsProfile[i]!.toString();
  });
  EXT_COSTS.forEach((c, i) => {
    if (o.profile.wasmExtProfile[i]! > 0n) out[c.toUpperCase()] = o.profile.wasmExtProfile[i]!.toString();
  });
  if (o.profile.wasmGas > 0n) out.WASM_INSTRUCTION = o.profile.wasmGas.toString();
  return out;
}

export function cliProfileMap(profile: Array<{ cost: string; gas_used: string }>): Record<string, string> {
  return Object.fromEntries(profile.map((p) => [p.cost, p.gas_used]));
}

/** The fields of the JSON outcome that do not need a view function to predict. */
export function expectedOutcome(o: VMOutcome) {
  return {
    balance: o.balance.toString(),
    storage_usage: o.storageUsage.toString(),
    burnt_gas: o.burntGas.toString(),
    used_gas: o.usedGas.toString(),
    compute_usage: o.computeUsage.toString(),
    logs: [...o.logs],
  };
}

/** e.g. 151707758960n → "0.1517 Tgas (151_707_758_960)", written independently of gas-format.ts. */
export function tgasLine(gas: bigint): string {
  const s = gas.toString().padStart(13, '0');
  const whole = s.slice(0, -12).replace(/^0+(?=\d)/, '');
  const grouped = gas.toLocaleString('en-US').replaceAll(',', '_');
  return `${whole}.${s.slice(-12, -8)} Tgas (${grouped})`;
}

export const loadingFee = (config: RuntimeConfig, code: Uint8Array) =>
  config.wasmConfig.extCosts.contract_loading_base.gas + config.wasmConfig.extCosts.contract_loading_bytes.gas * BigInt(code.length);

