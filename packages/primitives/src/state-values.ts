/**
 * Small values stored in the state trie next to accounts and receipts (protocol 86):
 * queue indices, received data, yield timeouts, and the state-stored receipt wrapper.
 */
import { AccountIdCodec, type AccountId } from './account-id.js';
import { BytesCodec, U64Codec, optionCodec, readField, type Codec } from './borsh/codec.js';
import { BorshError } from './borsh/errors.js';
import { CryptoHashCodec, type CryptoHash } from './hash.js';
import { ReceiptCodec, type Receipt } from './receipt.js';
import type { BlockHeight, Gas, ShardId } from './units.js';

/** `TrieQueueIndices` / `DelayedReceiptIndices` / `PromiseYieldIndices`. */
export interface TrieQueueIndices {
  firstIndex: bigint;
  nextAvailableIndex: bigint;
}

export const TrieQueueIndicesCodec: Codec<TrieQueueIndices> = {
  name: 'TrieQueueIndices',
  minSize: 16,
  write: (w, v) => {
    w.u64(v.firstIndex);
    w.u64(v.nextAvailableIndex);
  },
  read: (r) => ({
    firstIndex: readField(r, 'first_index', U64Codec),
    nextAvailableIndex: readField(r, 'next_available_index', U64Codec),
  }),
};

/** `BufferedReceiptIndices`: `BTreeMap<ShardId, TrieQueueIndices>` as entries sorted by shard. */
export type BufferedReceiptIndices = Array<[ShardId, TrieQueueIndices]>;

export const BufferedReceiptIndicesCodec: Codec<BufferedReceiptIndices> = {
  name: 'BufferedReceiptIndices',
  minSize: 4,
  write: (w, v) => {
    const sorted = [...v].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    w.u32(sorted.length);
    for (const [shard, idx] of sorted) {
      w.u64(shard);
      TrieQueueIndicesCodec.write(w, idx);
    }
  },
  read: (r) => {
    const n = r.length(24, 'BTreeMap<ShardId, TrieQueueIndices>');
    const byShard = new Map<bigint, TrieQueueIndices>();
    for (let i = 0; i < n; i++) {
      const shard = readField(r, `shard_buffers[${i}].0`, U64Codec);
      byShard.set(shard, readField(r, `shard_buffers[${i}].1`, TrieQueueIndicesCodec)); // last wins, like BTreeMap
    }
    return [...byShard.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  },
};

/** `ReceivedData` stored under `TrieKey::ReceivedData`. */
export interface ReceivedData {
  data: Uint8Array | null;
}

const OptionBytesCodec = optionCodec(BytesCodec);

export const ReceivedDataCodec: Codec<ReceivedData> = {
  name: 'ReceivedData',
  minSize: 1,
  write: (w, v) => OptionBytesCodec.write(w, v.data),
  read: (r) => ({ data: readField(r, 'data', OptionBytesCodec) }),
};

/** `PromiseYieldTimeout` stored under `TrieKey::PromiseYieldTimeout { index }`. */
export interface PromiseYieldTimeout {
  accountId: AccountId;
  dataId: CryptoHash;
  expiresAt: BlockHeight;
}

export const PromiseYieldTimeoutCodec: Codec<PromiseYieldTimeout> = {
  name: 'PromiseYieldTimeout',
  minSize: 4 + 32 + 8,
  write: (w, v) => {
    AccountIdCodec.write(w, v.accountId);
    CryptoHashCodec.write(w, v.dataId);
    w.u64(v.expiresAt);
  },
  read: (r) => ({
    accountId: readField(r, 'account_id', AccountIdCodec),
    dataId: readField(r, 'data_id', CryptoHashCodec),
    expiresAt: readField(r, 'expires_at', U64Codec),
  }),
};

export interface StateStoredReceiptMetadata {
  congestionGas: Gas;
  congestionSize: bigint;
}

/**
 * What the delayed-receipt and outgoing-buffer queues store: either a bare Receipt (old entries)
 * or `0xFF 0xFF ‖ version (0 | 1) ‖ Receipt ‖ congestion_gas u64 ‖ congestion_size u64`.
 * Writers at protocol 86 use version 1. Two 0xFF bytes can never start a bare Receipt (its first
 * bytes are an account-id length ≤ 64).
 */
export type ReceiptOrStateStoredReceipt =
  | { type: 'Receipt'; receipt: Receipt }
  | { type: 'StateStoredReceipt'; version: 0 | 1; receipt: Receipt; metadata: StateStoredReceiptMetadata };

export const STATE_STORED_RECEIPT_TAG = 0xff;

export const ReceiptOrStateStoredReceiptCodec: Codec<ReceiptOrStateStoredReceipt> = {
  name: 'ReceiptOrStateStoredReceipt',
  minSize: ReceiptCodec.minSize,
  write: (w, v) => {
    if (v.type === 'Receipt') {
      ReceiptCodec.write(w, v.receipt);
      return;
    }
    w.u8(STATE_STORED_RECEIPT_TAG);
    w.u8(STATE_STORED_RECEIPT_TAG);
    w.u8(v.version);
    ReceiptCodec.write(w, v.receipt);
    w.u64(v.metadata.congestionGas);
    w.u64(v.metadata.congestionSize);
  },
  read: (r) => {
    if (r.peek(0) !== STATE_STORED_RECEIPT_TAG || r.peek(1) !== STATE_STORED_RECEIPT_TAG) {
      return { type: 'Receipt', receipt: readField(r, 'Receipt', ReceiptCodec) };
    }
    r.u8();
    r.u8();
    const at = r.offset;
    const version = r.u8();
    if (version > 1) throw new BorshError('bad_enum_tag', `unknown StateStoredReceipt version ${version}`, at);
    const receipt = readField(r, 'StateStoredReceipt.receipt', ReceiptCodec);
    const congestionGas = readField(r, 'StateStoredReceipt.metadata.congestion_gas', U64Codec);
    const congestionSize = readField(r, 'StateStoredReceipt.metadata.congestion_size', U64Codec);
    return { type: 'StateStoredReceipt', version: version as 0 | 1, receipt, metadata: { congestionGas, congestionSize } };
  },
};
