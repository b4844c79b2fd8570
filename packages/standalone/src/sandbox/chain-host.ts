/**
 * The runtime's `Chain` has no API to patch state, set the time, jump ahead or copy itself. The
 * sandbox gets all four by starting a new `Chain` whose genesis is a fork of the current state
 * ("rebasing"): the new genesis block sits right after the old head (height + 1, or + n when
 * jumping), carries the requested timestamp and the old chain's next gas price. Forks of
 * `MemoryState` share committed data, so a rebase costs a few hundred microseconds.
 *
 * What a rebase drops: the old chain's block list (a transaction must reference a block of the
 * current chain — the sandbox signs with the head hash) and its outcome records (the sandbox keeps
 * the outcomes of its own transactions). It needs an idle chain: receipts in flight live inside
 * the old `Chain` and cannot be carried over.
 */
import { Chain, DEFAULT_GAS_PRICE, nextGasPrice, type GenesisConfig } from '@nearts/runtime';
import { decode, TrieQueueIndicesCodec, trieKeys } from '@nearts/primitives';
import type { State } from '@nearts/store';
import { SandboxError } from './errors.js';

/** Everything a sandbox's chains share (all genesis options except what a rebase sets). */
export type ChainTemplate = Omit<GenesisConfig, 'accounts' | 'globalContracts' | 'genesisHeight' | 'genesisTimestamp' | 'stateFactory'>;

/** Where a chain stands: its shard states, head height and time, and the next block's gas price. */
export interface ChainPoint {
  readonly states: readonly State[];
  readonly height: bigint;
  readonly timestamp: bigint;
  readonly gasPrice: bigint;
}

export function pointOf(chain: Chain): ChainPoint {
  return { states: chain.allStates, height: chain.head.height, timestamp: chain.head.timestamp, gasPrice: chain.nextGasPrice };
}

/**
 * A chain whose genesis block is `point` moved to `height` (> the point's height) and `timestamp`,
 * over forks of its states (which `mutate` may change first). The point's states stay untouched.
 */
export function chainFrom(
  template: ChainTemplate,
  point: ChainPoint,
  at: { height: bigint; timestamp: bigint; gasPrice?: bigint },
  mutate?: (states: State[]) => void,
): Chain {
  const forks = point.states.map((s) => s.fork());
  mutate?.(forks);
  let next = 0;
  return Chain.create({
    ...template,
    accounts: [],
    genesisHeight: at.height,
    genesisTimestamp: at.timestamp,
    gasPrice: { ...DEFAULT_GAS_PRICE, ...template.gasPrice, initial: at.gasPrice ?? point.gasPrice },
    stateFactory: () => {
      const s = forks[next++];
      if (s === undefined) throw new SandboxError('invalid_argument', 'shard layout changed between a chain and its rebase');
      return s;
    },
  });
}

/** Requires a chain with no transaction or receipt in flight. */
export function requireIdle(chain: Chain, what: string): void {
  if (!chain.isIdle()) {
    throw new SandboxError('busy', `${what} needs an idle chain; ${chain.pendingReceiptCount()} receipt(s) are still in flight (run the chain until idle first)`);
  }
}

/** Whether any promise yield is waiting for its timeout (jumping ahead would move when it fires). */
export function hasPendingYields(chain: Chain): boolean {
  for (const s of chain.allStates) {
    const raw = s.get(trieKeys.promiseYieldIndices());
    if (raw === undefined) continue;
    const idx = decode(TrieQueueIndicesCodec, raw);
    if (idx.nextAvailableIndex > idx.firstIndex) return true;
  }
  return false;
}

/** The gas price after `blocks` empty blocks (the price only falls towards the minimum). */
export function priceAfterEmptyBlocks(chain: Chain, blocks: bigint): bigint {
  let price = chain.nextGasPrice;
  const limit = chain.gasLimit === null ? 0n : chain.gasLimit * BigInt(chain.allStates.length);
  for (let i = 0n; i < blocks; i++) {
    const next = nextGasPrice(chain.gasPriceConfig, price, 0n, limit);
    if (next === price) break;
    price = next;
  }
  return price;
}
