/**
 * `apply`: one chunk, in nearcore's order (runtime/src/lib.rs `Runtime::apply`):
 *
 * 1. transactions → receipts (receipts to the signer itself become local receipts);
 * 2. local receipts, then the delayed-receipt queue, then incoming receipts — before each, if the
 *    chunk's gas (compute) limit is already reached, the receipt is appended to the delayed queue
 *    instead; instant receipts a receipt creates run right after it;
 * 3. yield timeouts that expired by this height become PromiseResume receipts;
 * 4. everything else a receipt created is returned as outgoing receipts for the next block.
 *
 * A `RuntimeError` (inconsistent state, invalid incoming receipt) leaves the state untouched.
 */
import {
  createReceiptIdFromDataId,
  decode,
  encode,
  PromiseYieldTimeoutCodec,
  tracer,
  TrieQueueIndicesCodec,
  trieKeys,
  type Receipt,
} from '@nearts/primitives';
import type { State } from '@nearts/store';
import { ReceiptValidationRuntimeError, RuntimeError, StorageInconsistentError } from '../errors.js';
import { TrieAccounting } from '../ext/trie-accounting.js';
import { getPromiseYieldIndices } from '../actions/function-call.js';
import { IntegerOverflowError, U64_MAX } from '../math.js';
import { StateUpdate } from '../state/state-update.js';
import { validateReceipt } from '../verifier/receipt-validation.js';
import { DelayedReceiptQueue } from './delayed-queue.js';
import { newBalanceStats, type Processing } from './processing.js';
import { processReceipt } from './process-receipt.js';
import { processTransactions, type ChunkTransaction } from './transactions.js';
import type { ApplyResult, ApplyState, PromiseYieldTimeoutEntry } from './types.js';

const trace = tracer('nearts:runtime:apply');

function processWithInstant(p: Processing, receipt: Receipt): void {
  const run = (r: Receipt): void => {
    const outcome = processReceipt(p, r);
    if (outcome) {
      p.total.gas += outcome.outcome.gasBurnt;
      p.total.compute += outcome.outcome.computeUsage;
      p.outcomes.push(outcome);
    }
  };
  run(receipt);
  while (p.instant.length > 0) run(p.instant.shift()!);
}

function resolveYieldTimeouts(p: Processing, limit: bigint): PromiseYieldTimeoutEntry[] {
  const state = p.state;
  const indices = getPromiseYieldIndices(state);
  const initialFirst = indices.firstIndex;
  const processed: PromiseYieldTimeoutEntry[] = [];
  let k = 0n;
  while (indices.firstIndex < indices.nextAvailableIndex) {
    if (p.total.compute >= limit) break;
    const key = trieKeys.promiseYieldTimeout(indices.firstIndex);
    const raw = state.get(key);
    if (raw === undefined) throw new StorageInconsistentError(`PromiseYield timeout queue entry #${indices.firstIndex} should be in the state`);
    const entry = decode(PromiseYieldTimeoutCodec, raw);
    if (entry.expiresAt > p.apply.blockHeight) break;
    if (state.has(trieKeys.promiseYieldReceipt(entry.accountId, entry.dataId))) {
      p.outgoing.push({
        predecessorId: entry.accountId,
        receiverId: entry.accountId,
        receiptId: createReceiptIdFromDataId(entry.dataId, p.apply.blockHeight, k),
        receipt: { type: 'PromiseResume', receipt: { dataId: entry.dataId, data: null } },
      });
      k++;
    }
    processed.push(entry);
    state.remove(key);
    indices.firstIndex++;
  }
  if (indices.firstIndex !== initialFirst) state.set(trieKeys.promiseYieldIndices(), encode(TrieQueueIndicesCodec, indices));
  return processed;
}

export function apply(state: State, applyState: ApplyState, incomingReceipts: readonly Receipt[], transactions: readonly ChunkTransaction[]): ApplyResult {
  if (!applyState.isNewChunk) {
    const view = new StateUpdate(state);
    const count = new DelayedReceiptQueue(view).length;
    view.abort();
    return {
      stateRoot: state.stateRoot(),
      outgoingReceipts: [],
      outcomes: [],
      validatorProposals: [],
      stats: newBalanceStats(),
      delayedReceiptsCount: count,
      processedYieldTimeouts: [],
      totalGasBurnt: 0n,
      totalCompute: 0n,
      touchedKeys: [],
    };
  }
  const su = new StateUpdate(state);
  try {
    const p: Processing = {
      state: su,
      apply: applyState,
      accounting: new TrieAccounting(applyState.trieShape),
      stats: newBalanceStats(),
      outcomes: [],
      outgoing: [],
      instant: [],
      local: [],
      validatorProposals: [],
      delayed: new DelayedReceiptQueue(su),
      total: { gas: 0n, compute: 0n },
    };
    const config = applyState.config;
    const limits = config.wasmConfig.limitConfig;
    const limit = applyState.gasLimit ?? U64_MAX;

    processTransactions(p, transactions);

    for (const r of p.local.splice(0)) {
      if (p.total.compute >= limit) p.delayed.push(r, config);
      else processWithInstant(p, r);
    }

    while (p.total.compute < limit) {
      const r = p.delayed.pop();
      if (r === undefined) break;
      const invalid = validateReceipt(limits, r, applyState.protocolVersion, 'ExistingReceipt', config.wasmConfig.submodules);
      if (invalid) throw new StorageInconsistentError(`Delayed receipt in the state is invalid: ${invalid.kind}`);
      processWithInstant(p, r);
    }

    for (const r of incomingReceipts) {
      const invalid = validateReceipt(limits, r, applyState.protocolVersion, 'ExistingReceipt', config.wasmConfig.submodules);
      if (invalid) throw new ReceiptValidationRuntimeError(invalid);
      if (p.total.compute >= limit) p.delayed.push(r, config);
      else processWithInstant(p, r);
    }

    const processedYieldTimeouts = resolveYieldTimeouts(p, limit);
    const delayedReceiptsCount = p.delayed.length;
    su.finish();

    // Proposals from the same account: the last one wins (nearcore dedups in reverse order).
    const seen = new Set<string>();
    const proposals = [];
    for (let i = p.validatorProposals.length - 1; i >= 0; i--) {
      const v = p.validatorProposals[i];
      if (seen.has(v.accountId)) continue;
      seen.add(v.accountId);
      proposals.push(v);
    }
    if (trace.enabled) {
      trace(`height ${applyState.blockHeight} shard ${applyState.shardId}`, `txs ${transactions.length}`, `incoming ${incomingReceipts.length}`,
        `outcomes ${p.outcomes.length}`, `outgoing ${p.outgoing.length}`, `delayed ${delayedReceiptsCount}`, `gas ${p.total.gas}`);
    }
    return {
      stateRoot: state.stateRoot(),
      outgoingReceipts: p.outgoing,
      outcomes: p.outcomes,
      validatorProposals: proposals,
      stats: p.stats,
      delayedReceiptsCount,
      processedYieldTimeouts,
      totalGasBurnt: p.total.gas,
      totalCompute: p.total.compute,
      touchedKeys: su.touchedKeys(),
    };
  } catch (e) {
    su.abort();
    if (e instanceof IntegerOverflowError) throw new RuntimeError({ kind: 'UnexpectedIntegerOverflow', msg: e.message });
    throw e;
  }
}
