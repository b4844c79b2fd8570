/**
 * The delayed-receipt queue (nearcore `DelayedReceiptQueue` over `TrieQueue`): receipts that did
 * not fit into a chunk's gas budget, stored FIFO under `DelayedReceipt{index}` with the indices
 * under `DelayedReceiptIndices`. Receipts are written as `StateStoredReceipt` with their
 * congestion gas and size.
 */
import {
  decode,
  encode,
  ReceiptCodec,
  ReceiptOrStateStoredReceiptCodec,
  TrieQueueIndicesCodec,
  trieKeys,
  type Receipt,
  type TrieQueueIndices,
} from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import { execFee } from '@nearts/runtime-fees';
import { totalPrepaidExecFees, totalPrepaidGas, totalPrepaidSendFees } from '../config/tx-cost.js';
import { borshExtensions, STATE_EXTENSIONS } from '../extensions/submodules.js';
import { StorageInconsistentError } from '../errors.js';
import { actionReceiptOfReceipt } from '../receipts.js';
import { getValue } from '../state/accessors.js';
import type { StateUpdate } from '../state/state-update.js';

/** Gas an action receipt is guaranteed to need (nearcore `compute_receipt_congestion_gas`); 0 for the rest. */
export function receiptCongestionGas(receipt: Receipt, config: RuntimeConfig): bigint {
  if (receipt.receipt.type !== 'Action' && receipt.receipt.type !== 'ActionV2') return 0n;
  const a = actionReceiptOfReceipt(receipt)!;
  return (
    totalPrepaidExecFees(config, a.actions, receipt.receiverId).gas +
    execFee(config.fees.actionFees.new_action_receipt).gas +
    totalPrepaidSendFees(config, a.actions).gas +
    totalPrepaidGas(a.actions)
  );
}

export class DelayedReceiptQueue {
  private indices: TrieQueueIndices;

  constructor(private readonly state: StateUpdate) {
    this.indices = getValue(state, trieKeys.delayedReceiptIndices(), TrieQueueIndicesCodec, 'delayed receipt indices') ?? {
      firstIndex: 0n,
      nextAvailableIndex: 0n,
    };
  }

  get length(): bigint {
    return this.indices.nextAvailableIndex - this.indices.firstIndex;
  }

  private writeIndices(): void {
    this.state.set(trieKeys.delayedReceiptIndices(), encode(TrieQueueIndicesCodec, this.indices));
  }

  push(receipt: Receipt, config: RuntimeConfig): void {
    const congestionGas = receiptCongestionGas(receipt, config);
    const ext = borshExtensions(config);
    const congestionSize = BigInt(encode(ReceiptCodec, receipt, ext).length);
    const stored = config.useStateStoredReceipt
      ? encode(ReceiptOrStateStoredReceiptCodec, { type: 'StateStoredReceipt', version: 1, receipt, metadata: { congestionGas, congestionSize } }, ext)
      : encode(ReceiptCodec, receipt, ext);
    this.state.set(trieKeys.delayedReceipt(this.indices.nextAvailableIndex), stored);
    this.indices = { ...this.indices, nextAvailableIndex: this.indices.nextAvailableIndex + 1n };
    this.writeIndices();
  }

  pop(): Receipt | undefined {
    if (this.indices.firstIndex >= this.indices.nextAvailableIndex) return undefined;
    const key = trieKeys.delayedReceipt(this.indices.firstIndex);
    const raw = this.state.get(key);
    if (raw === undefined) throw new StorageInconsistentError(`TrieQueue::Item #${this.indices.firstIndex} should be in the state`);
    let receipt: Receipt;
    try {
      receipt = decode(ReceiptOrStateStoredReceiptCodec, raw, STATE_EXTENSIONS).receipt;
    } catch (e) {
      throw new StorageInconsistentError(`delayed receipt does not decode: ${(e as Error).message}`);
    }
    this.state.remove(key);
    this.indices = { ...this.indices, firstIndex: this.indices.firstIndex + 1n };
    this.writeIndices();
    return receipt;
  }

  /** The queued receipts, oldest first, without removing them. */
  peekAll(): Receipt[] {
    const out: Receipt[] = [];
    for (let i = this.indices.firstIndex; i < this.indices.nextAvailableIndex; i++) {
      const raw = this.state.get(trieKeys.delayedReceipt(i));
      if (raw !== undefined) out.push(decode(ReceiptOrStateStoredReceiptCodec, raw, STATE_EXTENSIONS).receipt);
    }
    return out;
  }
}
