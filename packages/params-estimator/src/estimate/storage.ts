/**
 * Storage host functions (nearcore `fn_cost_with_setup`): keys that a call reads, checks or
 * removes are written by a setup call in an earlier block, so they come from committed state, not
 * from the chunk's own writes. Key-length fits give the base and per-key-byte costs, value-length
 * fits the per-value-byte costs. Values above 4000 bytes are read with the protocol's large-read
 * overhead, measured as the difference between a fit above and one below that threshold.
 *
 * Trie nodes: keys 'k', 'kk', … form a chain about 2 nodes per byte deep; accessing the deepest one
 * against an equally long key outside the chain, per node of depth, is the cost of a trie node
 * (written: touched on commit; read: served from nearts' flat index, so expected near zero).
 */
import type { SignedTransaction } from '@nearts/primitives';
import { divide, PER_MILLE, saturatingSub, cost, combine } from '../stats/gas-cost.js';
import { encodeArgs } from '../contracts/estimator-contract.js';
import type { EstimatorAccount } from '../testbed/genesis.js';
import { CALL_GAS, type Testbed } from '../testbed/testbed.js';
import { callFit, loopCount, pairedCallCost, type CallPlan } from './calls.js';
import type { Estimate, EstimatorContext } from './context.js';

const KEY_LENGTHS = [10, 256, 1_024, 2_048];
const SMALL = 10;
/** Per call, the setup writes N values: keep N·value ≤ 4 MB. */
const maxNForValues = (largest: number): number => Math.max(1, Math.floor(4_000_000 / largest));

function write(tb: Testbed, account: EstimatorAccount, n: number, keyLen: number, valueLen: number, seed: number): SignedTransaction {
  return tb.functionCall(account, 'storage_write', encodeArgs({ n, x: keyLen, y: valueLen, z: seed }));
}

function keyPlan(key: string, method: string): CallPlan {
  return {
    key,
    method,
    xs: KEY_LENGTHS,
    xLabel: 'key bytes',
    setup: (tb, a, n, x, iteration) => write(tb, a, n, x, SMALL, iteration),
    args: (n, x, iteration) => ({ n, x, z: iteration }),
  };
}

function valuePlan(key: string, method: string, xs: number[], measuredValue?: number): CallPlan {
  return {
    key,
    method,
    xs,
    xLabel: 'value bytes',
    maxN: maxNForValues(Math.max(...xs)),
    setup: (tb, a, n, x, iteration) => write(tb, a, n, SMALL, x, iteration),
    args: (n, x, iteration) => ({ n, x: SMALL, y: measuredValue ?? x, z: iteration }),
  };
}

export const STORAGE_PLANS = {
  writeKey: { key: 'storage_write:key', method: 'storage_write', xs: KEY_LENGTHS, xLabel: 'key bytes', args: (n, x, iteration) => ({ n, x, y: SMALL, z: iteration }) } satisfies CallPlan,
  writeValue: {
    key: 'storage_write:value',
    method: 'storage_write',
    xs: [SMALL, 1_000, 10_000, 100_000],
    xLabel: 'value bytes',
    maxN: maxNForValues(100_000),
    args: (n, x, iteration) => ({ n, x: SMALL, y: x, z: iteration }),
  } satisfies CallPlan,
  // Overwrites values of x bytes with 10-byte values: x evicted bytes per call.
  writeEvicted: valuePlan('storage_write:evicted', 'storage_write', [SMALL, 1_000, 10_000, 100_000], SMALL),
  readKey: keyPlan('storage_read:key', 'storage_read'),
  readValue: valuePlan('storage_read:value', 'storage_read', [SMALL, 1_000, 2_000, 4_000]),
  readLarge: valuePlan('storage_read:large', 'storage_read', [5_000, 20_000, 50_000, 100_000]),
  hasKey: keyPlan('storage_has_key:key', 'storage_has_key'),
  removeKey: keyPlan('storage_remove:key', 'storage_remove'),
  removeValue: valuePlan('storage_remove:value', 'storage_remove', [SMALL, 1_000, 10_000, 100_000]),
} as const;

export type StoragePlanName = keyof typeof STORAGE_PLANS;

export function storageCost(ctx: EstimatorContext, plan: StoragePlanName, part: 'base' | 'perUnit'): Estimate {
  const fit = callFit(ctx, STORAGE_PLANS[plan]);
  return part === 'base' ? fit.base : fit.perUnit;
}

/** The extra base and per-byte cost of reading values above the inline threshold. */
export function largeReadOverhead(ctx: EstimatorContext, part: 'base' | 'perUnit'): Estimate {
  const small = callFit(ctx, STORAGE_PLANS.readValue);
  const large = callFit(ctx, STORAGE_PLANS.readLarge);
  const flags = combine(large.base.cost.uncertain, small.base.cost.uncertain);
  const [above, below] = part === 'base' ? [large.report.intercept, small.report.intercept] : [large.report.slope, small.report.slope];
  const sub = saturatingSub(cost(Math.max(0, above), flags), cost(Math.max(0, below)), PER_MILLE);
  return { cost: sub, fit: large.report, note: 'fit above 4000 bytes minus the fit below it' };
}

/** Depth of the chain of prefix keys: the deepest key is about twice as many nodes down. */
export const CHAIN_BYTES = 400;
const DEEP_KEY = new Uint8Array(CHAIN_BYTES).fill(0x6b);
const SHALLOW_KEY = new Uint8Array(CHAIN_BYTES).fill(0x71);

function trieSetup(tb: Testbed, account: EstimatorAccount): SignedTransaction {
  const call = (method: string, args: Uint8Array) => ({ type: 'FunctionCall' as const, methodName: method, args, gas: CALL_GAS / 2n, deposit: 0n });
  return tb.transaction(account, account.id, [
    call('storage_write_chain', encodeArgs({ n: 0, x: CHAIN_BYTES })),
    call('storage_key_access', encodeArgs({ n: 1, x: 1, y: CHAIN_BYTES, payload: SHALLOW_KEY })),
  ]);
}

function triePlan(key: string, deep: boolean, writes: boolean): CallPlan {
  return {
    key,
    method: 'storage_key_access',
    xs: [CHAIN_BYTES],
    xLabel: 'key bytes',
    // Only the first write of a key in a transaction touches the trie; reads repeat.
    maxN: writes ? 1 : undefined,
    blockSize: writes ? 16 : undefined,
    setup: (tb, a) => trieSetup(tb, a),
    args: (n) => ({ n, x: writes ? 1 : 0, y: CHAIN_BYTES, payload: deep ? DEEP_KEY : SHALLOW_KEY }),
  };
}

/** Per trie node on the path: (deep − shallow) / (2 × chain bytes). */
export function trieNodeCost(ctx: EstimatorContext, writes: boolean): Estimate {
  const deep = triePlan(`trie:${writes ? 'write' : 'read'}:deep`, true, writes);
  const shallow = triePlan(`trie:${writes ? 'write' : 'read'}:shallow`, false, writes);
  const n = writes ? 1 : loopCount(ctx, deep, CHAIN_BYTES);
  const diff = pairedCallCost(ctx, deep, n, CHAIN_BYTES, shallow, n);
  const perNode = divide(diff, n * 2 * CHAIN_BYTES);
  return {
    cost: perNode,
    note: writes
      ? `one overwrite of a key ${2 * CHAIN_BYTES} nodes deep vs a shallow one, block commit included`
      : `${n} reads of a key ${2 * CHAIN_BYTES} nodes deep vs a shallow one`,
  };
}
