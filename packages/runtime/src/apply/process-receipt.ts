/**
 * Dispatch of one receipt by kind (nearcore lib.rs `process_receipt`): data receipts fill in
 * postponed receipts, action receipts wait for missing input data or run, yields wait for their
 * resume, global contract code is stored and forwarded to the next shard.
 */
import {
  createReceiptIdFromReceipt,
  encode,
  ReceiptCodec,
  trieKeys,
  type Receipt,
} from '@nearts/primitives';
import { applyGlobalContractDistribution } from '../actions/contract.js';
import { borshExtensions } from '../extensions/submodules.js';
import { StorageInconsistentError } from '../errors.js';
import { featureEnabled } from '../protocol.js';
import { YIELD_STATUS_RESUME_INITIATED } from '../ext/runtime-ext.js';
import { getReceipt, getU32, setReceivedData, setU32 } from '../state/accessors.js';
import { applyActionReceipt } from './action-receipt.js';
import type { Processing } from './processing.js';
import type { ExecutionOutcomeWithId } from './types.js';

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.compare(a, b) === 0;
}

export function processReceipt(p: Processing, receipt: Receipt): ExecutionOutcomeWithId | null {
  const state = p.state;
  const accountId = receipt.receiverId;
  const e = receipt.receipt;
  switch (e.type) {
    case 'Data': {
      const { dataId, data } = e.receipt;
      setReceivedData(state, accountId, dataId, { data });
      const idKey = trieKeys.postponedReceiptId(accountId, dataId);
      const waiting = state.get(idKey);
      if (waiting !== undefined) {
        const receiptId = waiting.slice();
        state.remove(idKey);
        const countKey = trieKeys.pendingDataCount(accountId, receiptId);
        const pending = getU32(state, countKey, 'pending data count');
        if (pending === undefined) throw new StorageInconsistentError('pending data count should be in the state');
        if (pending === 1) {
          state.remove(countKey);
          const postponedKey = trieKeys.postponedReceipt(accountId, receiptId);
          const ready = getReceipt(state, postponedKey, 'postponed receipt');
          if (ready === undefined) throw new StorageInconsistentError('pending receipt should be in the state');
          state.remove(postponedKey);
          return applyActionReceipt(p, ready);
        }
        if (pending === 0) throw new StorageInconsistentError('pending data count is 0, but there is a new DataReceipt');
        setU32(state, countKey, pending - 1);
      }
      break;
    }
    case 'Action':
    case 'ActionV2': {
      let pending = 0;
      for (const dataId of e.receipt.inputDataIds) {
        if (!state.has(trieKeys.receivedData(accountId, dataId))) {
          pending++;
          state.set(trieKeys.postponedReceiptId(accountId, dataId), receipt.receiptId);
        }
      }
      if (pending === 0) return applyActionReceipt(p, receipt);
      setU32(state, trieKeys.pendingDataCount(accountId, receipt.receiptId), pending);
      state.set(trieKeys.postponedReceipt(accountId, receipt.receiptId), encode(ReceiptCodec, receipt, borshExtensions(p.apply.config)));
      break;
    }
    case 'PromiseYield':
    case 'PromiseYieldV2':
      state.set(trieKeys.promiseYieldReceipt(accountId, e.receipt.inputDataIds[0]), encode(ReceiptCodec, receipt, borshExtensions(p.apply.config)));
      break;
    case 'PromiseResume': {
      const { dataId, data } = e.receipt;
      const statusKey = trieKeys.promiseYieldStatus(accountId, dataId);
      // A timeout after the contract already resumed the yield is void.
      if (data === null && sameBytes(state.get(statusKey), YIELD_STATUS_RESUME_INITIATED)) return null;
      const yieldKey = trieKeys.promiseYieldReceipt(accountId, dataId);
      const yielded = getReceipt(state, yieldKey, 'promise yield receipt');
      // A second resume of the same yield finds nothing and is ignored.
      if (yielded === undefined) return null;
      state.remove(yieldKey);
      state.remove(statusKey);
      if (featureEnabled('YieldWithId', p.apply.protocolVersion)) {
        const yieldId = state.get(trieKeys.dataIdToYieldId(accountId, dataId));
        if (yieldId !== undefined) {
          state.remove(trieKeys.yieldIdToDataId(accountId, yieldId.slice()));
          state.remove(trieKeys.dataIdToYieldId(accountId, dataId));
        }
      }
      setReceivedData(state, accountId, dataId, { data });
      return applyActionReceipt(p, yielded);
    }
    case 'GlobalContractDistribution': {
      const compute = applyGlobalContractDistribution(state, e.receipt, p.apply.config);
      forwardDistribution(p, receipt);
      p.total.compute += compute;
      return null;
    }
  }
  // Nothing ran: keep what was stored for later.
  state.commit();
  return null;
}

/** Sends a global contract on to the next shard that has not stored it yet. */
function forwardDistribution(p: Processing, receipt: Receipt): void {
  if (receipt.receipt.type !== 'GlobalContractDistribution') return;
  const r = receipt.receipt.receipt;
  const shards = p.apply.shardIds ?? [p.apply.shardId];
  const delivered = new Set([...r.alreadyDeliveredShards, p.apply.shardId].map(String));
  const next = shards.find((s) => !delivered.has(String(s)));
  if (next === undefined) return;
  const alreadyDeliveredShards = [...new Set([...r.alreadyDeliveredShards, p.apply.shardId])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  p.outgoing.push({
    predecessorId: receipt.predecessorId,
    receiverId: receipt.receiverId,
    receiptId: createReceiptIdFromReceipt(receipt.receiptId, p.apply.blockHeight, 0),
    receipt: { type: 'GlobalContractDistribution', receipt: { ...r, targetShard: next, alreadyDeliveredShards } },
  });
}
