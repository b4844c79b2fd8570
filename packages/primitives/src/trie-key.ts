/**
 * Trie keys (`core/primitives/src/trie_key.rs`, protocol 86). Account ids appear as raw UTF-8
 * with no length prefix; hashes as 32 raw bytes; integers little-endian. Ids can contain neither
 * ',' nor byte 2, which is what makes the separators below unambiguous.
 */
import { sha3_256 } from '@noble/hashes/sha3.js';
import { isValidAccountId, type AccountId } from './account-id.js';
import { BorshError } from './borsh/errors.js';
import { BorshReader } from './borsh/reader.js';
import { BorshWriter } from './borsh/writer.js';
import { GlobalContractIdentifierCodec, type GlobalContractIdentifier } from './global-contract.js';
import { hashEquals, type CryptoHash } from './hash.js';
import { KeyType, PublicKey, type PublicKeyHandle } from './keys.js';
import type { ShardId } from './units.js';

export const TrieColumn = {
  ACCOUNT: 0,
  CONTRACT_CODE: 1,
  ACCESS_KEY: 2,
  RECEIVED_DATA: 3,
  POSTPONED_RECEIPT_ID: 4,
  PENDING_DATA_COUNT: 5,
  POSTPONED_RECEIPT: 6,
  /** Both the delayed-receipt indices (1-byte key) and the receipts (9-byte keys). */
  DELAYED_RECEIPT_OR_INDICES: 7,
  CONTRACT_DATA: 9,
  PROMISE_YIELD_INDICES: 10,
  PROMISE_YIELD_TIMEOUT: 11,
  PROMISE_YIELD_RECEIPT: 12,
  BUFFERED_RECEIPT_INDICES: 13,
  BUFFERED_RECEIPT: 14,
  BANDWIDTH_SCHEDULER_STATE: 15,
  BUFFERED_RECEIPT_GROUPS_QUEUE_DATA: 16,
  BUFFERED_RECEIPT_GROUPS_QUEUE_ITEM: 17,
  GLOBAL_CONTRACT_CODE: 18,
  GLOBAL_CONTRACT_NONCE: 19,
  PROMISE_YIELD_STATUS: 20,
  YIELD_ID_TO_DATA_ID: 22,
  DATA_ID_TO_YIELD_ID: 23,
} as const;

/** Between an account id and a data key / hash. */
export const ACCOUNT_DATA_SEPARATOR = 0x2c; // ','
/** Between an account id and an access-key handle (historically equal to the column byte). */
export const ACCESS_KEY_SEPARATOR = 2;

/** Domain tag hashed in front of an ML-DSA-65 key to get its 32-byte trie handle. */
export const ML_DSA_65_PUBKEY_HASH_DOMAIN = new TextEncoder().encode('near:ml-dsa-65-pubkey-hash:v1');

/** The trie handle of a public key: the key itself, or tag 3 + sha3-256(domain ‖ key) for ML-DSA-65. */
export function publicKeyHandle(key: PublicKey): PublicKeyHandle {
  if (key.keyType === KeyType.MLDSA65) {
    const buf = new Uint8Array(ML_DSA_65_PUBKEY_HASH_DOMAIN.length + key.data.length);
    buf.set(ML_DSA_65_PUBKEY_HASH_DOMAIN);
    buf.set(key.data, ML_DSA_65_PUBKEY_HASH_DOMAIN.length);
    return { kind: 'MlDsa65Hash', hash: sha3_256(buf) };
  }
  return { kind: 'key', key };
}

function handleBytes(h: PublicKeyHandle | PublicKey): Uint8Array {
  const handle = h instanceof PublicKey ? publicKeyHandle(h) : h;
  if (handle.kind === 'MlDsa65Hash') {
    const out = new Uint8Array(33);
    out[0] = 3;
    out.set(handle.hash, 1);
    return out;
  }
  const out = new Uint8Array(1 + handle.key.data.length);
  out[0] = handle.key.keyType;
  out.set(handle.key.data, 1);
  return out;
}

export type TrieKey =
  | { type: 'Account'; accountId: AccountId }
  | { type: 'ContractCode'; accountId: AccountId }
  | { type: 'AccessKey'; accountId: AccountId; keyHandle: PublicKeyHandle }
  | { type: 'GasKeyNonce'; accountId: AccountId; keyHandle: PublicKeyHandle; index: number }
  | { type: 'ReceivedData'; receiverId: AccountId; dataId: CryptoHash }
  | { type: 'PostponedReceiptId'; receiverId: AccountId; dataId: CryptoHash }
  | { type: 'PendingDataCount'; receiverId: AccountId; receiptId: CryptoHash }
  | { type: 'PostponedReceipt'; receiverId: AccountId; receiptId: CryptoHash }
  | { type: 'DelayedReceiptIndices' }
  | { type: 'DelayedReceipt'; index: bigint }
  | { type: 'ContractData'; accountId: AccountId; key: Uint8Array }
  | { type: 'PromiseYieldIndices' }
  | { type: 'PromiseYieldTimeout'; index: bigint }
  | { type: 'PromiseYieldReceipt'; receiverId: AccountId; dataId: CryptoHash }
  | { type: 'BufferedReceiptIndices' }
  | { type: 'BufferedReceipt'; receivingShard: ShardId; index: bigint }
  | { type: 'BandwidthSchedulerState' }
  | { type: 'BufferedReceiptGroupsQueueData'; receivingShard: ShardId }
  | { type: 'BufferedReceiptGroupsQueueItem'; receivingShard: ShardId; index: bigint }
  | { type: 'GlobalContractCode'; identifier: GlobalContractIdentifier }
  | { type: 'GlobalContractNonce'; identifier: GlobalContractIdentifier }
  | { type: 'PromiseYieldStatus'; receiverId: AccountId; dataId: CryptoHash }
  | { type: 'YieldIdToDataId'; receiverId: AccountId; yieldId: CryptoHash }
  | { type: 'DataIdToYieldId'; receiverId: AccountId; dataId: CryptoHash };


function concat(parts: Array<Uint8Array | number[]>): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function u64(v: bigint): Uint8Array {
  const w = new BorshWriter(8);
  w.u64(v);
  return w.finish();
}

function u16(v: number): Uint8Array {
  const w = new BorshWriter(2);
  w.u16(v);
  return w.finish();
}

function hash32(h: CryptoHash): Uint8Array {
  if (h.length !== 32) throw new BorshError('wrong_key_length', `trie key hash must be 32 bytes, got ${h.length}`);
  return h;
}

function withSeparator(col: number, id: AccountId, tail: Uint8Array): Uint8Array {
  const out = accountKey(col, id, ACCOUNT_DATA_SEPARATOR, tail.length);
  out.set(tail, out.length - tail.length);
  return out;
}

/**
 * [col] ‖ account id ‖ [separator] ‖ `tailLength` bytes left for the caller, in one allocation
 * (`separator` < 0: none). A valid id is ASCII, so each char is its own UTF-8 byte.
 */
function accountKey(col: number, id: AccountId, separator: number, tailLength: number): Uint8Array {
  if (!isValidAccountId(id)) throw new BorshError('invalid_account_id', `invalid account id in trie key: ${JSON.stringify(id)}`);
  const n = id.length;
  const out = new Uint8Array(1 + n + (separator < 0 ? 0 : 1) + tailLength);
  out[0] = col;
  for (let i = 0; i < n; i++) out[1 + i] = id.charCodeAt(i);
  if (separator >= 0) out[1 + n] = separator;
  return out;
}

/** The access-key column's key of `key` under `accountId`, with `extra` bytes left at the end. */
function accessKeyKey(accountId: AccountId, key: PublicKey | PublicKeyHandle, extra: number): Uint8Array {
  if (key instanceof PublicKey && key.keyType !== KeyType.MLDSA65) {
    const out = accountKey(TrieColumn.ACCESS_KEY, accountId, ACCESS_KEY_SEPARATOR, 1 + key.data.length + extra);
    const at = out.length - extra - key.data.length;
    out[at - 1] = key.keyType;
    out.set(key.data, at);
    return out;
  }
  const handle = handleBytes(key);
  const out = accountKey(TrieColumn.ACCESS_KEY, accountId, ACCESS_KEY_SEPARATOR, handle.length + extra);
  out.set(handle, out.length - extra - handle.length);
  return out;
}

export const trieKeys = {
  account: (accountId: AccountId) => accountKey(TrieColumn.ACCOUNT, accountId, -1, 0),
  contractCode: (accountId: AccountId) => accountKey(TrieColumn.CONTRACT_CODE, accountId, -1, 0),
  accessKey: (accountId: AccountId, key: PublicKey | PublicKeyHandle) => accessKeyKey(accountId, key, 0),
  /** Same column as access keys, with a u16 nonce index appended. */
  gasKeyNonce: (accountId: AccountId, key: PublicKey | PublicKeyHandle, index: number) => {
    const out = accessKeyKey(accountId, key, 2);
    out.set(u16(index), out.length - 2);
    return out;
  },
  /** Prefix of every access key and gas-key nonce of an account. */
  accessKeysPrefix: (accountId: AccountId) => accountKey(TrieColumn.ACCESS_KEY, accountId, ACCESS_KEY_SEPARATOR, 0),
  receivedData: (receiverId: AccountId, dataId: CryptoHash) => withSeparator(TrieColumn.RECEIVED_DATA, receiverId, hash32(dataId)),
  postponedReceiptId: (receiverId: AccountId, dataId: CryptoHash) =>
    withSeparator(TrieColumn.POSTPONED_RECEIPT_ID, receiverId, hash32(dataId)),
  pendingDataCount: (receiverId: AccountId, receiptId: CryptoHash) =>
    withSeparator(TrieColumn.PENDING_DATA_COUNT, receiverId, hash32(receiptId)),
  postponedReceipt: (receiverId: AccountId, receiptId: CryptoHash) =>
    withSeparator(TrieColumn.POSTPONED_RECEIPT, receiverId, hash32(receiptId)),
  delayedReceiptIndices: () => Uint8Array.of(TrieColumn.DELAYED_RECEIPT_OR_INDICES),
  delayedReceipt: (index: bigint) => concat([[TrieColumn.DELAYED_RECEIPT_OR_INDICES], u64(index)]),
  contractData: (accountId: AccountId, key: Uint8Array) => withSeparator(TrieColumn.CONTRACT_DATA, accountId, key),
  /** Prefix of all contract data of an account (optionally narrowed by a key prefix). */
  contractDataPrefix: (accountId: AccountId, keyPrefix: Uint8Array = new Uint8Array(0)) =>
    withSeparator(TrieColumn.CONTRACT_DATA, accountId, keyPrefix),
  promiseYieldIndices: () => Uint8Array.of(TrieColumn.PROMISE_YIELD_INDICES),
  promiseYieldTimeout: (index: bigint) => concat([[TrieColumn.PROMISE_YIELD_TIMEOUT], u64(index)]),
  promiseYieldReceipt: (receiverId: AccountId, dataId: CryptoHash) =>
    withSeparator(TrieColumn.PROMISE_YIELD_RECEIPT, receiverId, hash32(dataId)),
  bufferedReceiptIndices: () => Uint8Array.of(TrieColumn.BUFFERED_RECEIPT_INDICES),
  /** Note the shard is a u16 here (u64 in the receipt-group keys). */
  bufferedReceipt: (receivingShard: ShardId, index: bigint) => {
    if (receivingShard < 0n || receivingShard > 0xffffn) throw new BorshError('unencodable', `shard id ${receivingShard} does not fit u16`);
    return concat([[TrieColumn.BUFFERED_RECEIPT], u16(Number(receivingShard)), u64(index)]);
  },
  bandwidthSchedulerState: () => Uint8Array.of(TrieColumn.BANDWIDTH_SCHEDULER_STATE),
  bufferedReceiptGroupsQueueData: (receivingShard: ShardId) =>
    concat([[TrieColumn.BUFFERED_RECEIPT_GROUPS_QUEUE_DATA], u64(receivingShard)]),
  bufferedReceiptGroupsQueueItem: (receivingShard: ShardId, index: bigint) =>
    concat([[TrieColumn.BUFFERED_RECEIPT_GROUPS_QUEUE_ITEM], u64(receivingShard), u64(index)]),
  globalContractCode: (identifier: GlobalContractIdentifier) => globalKey(TrieColumn.GLOBAL_CONTRACT_CODE, identifier),
  globalContractNonce: (identifier: GlobalContractIdentifier) => globalKey(TrieColumn.GLOBAL_CONTRACT_NONCE, identifier),
  promiseYieldStatus: (receiverId: AccountId, dataId: CryptoHash) =>
    withSeparator(TrieColumn.PROMISE_YIELD_STATUS, receiverId, hash32(dataId)),
  yieldIdToDataId: (receiverId: AccountId, yieldId: CryptoHash) =>
    withSeparator(TrieColumn.YIELD_ID_TO_DATA_ID, receiverId, hash32(yieldId)),
  dataIdToYieldId: (receiverId: AccountId, dataId: CryptoHash) =>
    withSeparator(TrieColumn.DATA_ID_TO_YIELD_ID, receiverId, hash32(dataId)),
};

function globalKey(col: number, identifier: GlobalContractIdentifier): Uint8Array {
  const w = new BorshWriter(64);
  w.u8(col);
  GlobalContractIdentifierCodec.write(w, identifier);
  return w.finish();
}

/** Encodes any TrieKey. */
export function encodeTrieKey(k: TrieKey): Uint8Array {
  switch (k.type) {
    case 'Account':
      return trieKeys.account(k.accountId);
    case 'ContractCode':
      return trieKeys.contractCode(k.accountId);
    case 'AccessKey':
      return trieKeys.accessKey(k.accountId, k.keyHandle);
    case 'GasKeyNonce':
      return trieKeys.gasKeyNonce(k.accountId, k.keyHandle, k.index);
    case 'ReceivedData':
      return trieKeys.receivedData(k.receiverId, k.dataId);
    case 'PostponedReceiptId':
      return trieKeys.postponedReceiptId(k.receiverId, k.dataId);
    case 'PendingDataCount':
      return trieKeys.pendingDataCount(k.receiverId, k.receiptId);
    case 'PostponedReceipt':
      return trieKeys.postponedReceipt(k.receiverId, k.receiptId);
    case 'DelayedReceiptIndices':
      return trieKeys.delayedReceiptIndices();
    case 'DelayedReceipt':
      return trieKeys.delayedReceipt(k.index);
    case 'ContractData':
      return trieKeys.contractData(k.accountId, k.key);
    case 'PromiseYieldIndices':
      return trieKeys.promiseYieldIndices();
    case 'PromiseYieldTimeout':
      return trieKeys.promiseYieldTimeout(k.index);
    case 'PromiseYieldReceipt':
      return trieKeys.promiseYieldReceipt(k.receiverId, k.dataId);
    case 'BufferedReceiptIndices':
      return trieKeys.bufferedReceiptIndices();
    case 'BufferedReceipt':
      return trieKeys.bufferedReceipt(k.receivingShard, k.index);
    case 'BandwidthSchedulerState':
      return trieKeys.bandwidthSchedulerState();
    case 'BufferedReceiptGroupsQueueData':
      return trieKeys.bufferedReceiptGroupsQueueData(k.receivingShard);
    case 'BufferedReceiptGroupsQueueItem':
      return trieKeys.bufferedReceiptGroupsQueueItem(k.receivingShard, k.index);
    case 'GlobalContractCode':
      return trieKeys.globalContractCode(k.identifier);
    case 'GlobalContractNonce':
      return trieKeys.globalContractNonce(k.identifier);
    case 'PromiseYieldStatus':
      return trieKeys.promiseYieldStatus(k.receiverId, k.dataId);
    case 'YieldIdToDataId':
      return trieKeys.yieldIdToDataId(k.receiverId, k.yieldId);
    case 'DataIdToYieldId':
      return trieKeys.dataIdToYieldId(k.receiverId, k.dataId);
  }
}

// ---- parsing (for state dumps and debugging) ----

function bad(detail: string, offset: number): BorshError {
  return new BorshError('invalid_value', detail, offset);
}

const latin1 = new TextDecoder('latin1');

function parseAccount(raw: Uint8Array, from: number, to: number): AccountId {
  // Valid ids are ASCII, so a byte-wise decode is exact; anything else fails validation.
  for (let i = from; i < to; i++) {
    if (raw[i] > 0x7f) throw new BorshError('invalid_account_id', 'non-ASCII byte in trie-key account id', i);
  }
  const id = latin1.decode(raw.subarray(from, to));
  if (!isValidAccountId(id)) throw new BorshError('invalid_account_id', `invalid account id ${JSON.stringify(id)} in trie key`, from);
  return id;
}

function readU64(raw: Uint8Array, at: number): bigint {
  return new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getBigUint64(at, true);
}

function expectLength(raw: Uint8Array, n: number, what: string): void {
  if (raw.length !== n) throw bad(`${what} key must be ${n} bytes, got ${raw.length}`, 0);
}

/** `<col> account ',' <32-byte hash>` */
function parseAccountHash(raw: Uint8Array, what: string): { id: AccountId; hash: CryptoHash } {
  const sep = raw.indexOf(ACCOUNT_DATA_SEPARATOR, 1);
  if (sep < 0) throw bad(`${what} key has no ',' separator`, 1);
  if (raw.length - sep - 1 !== 32) throw bad(`${what} key must end with a 32-byte hash`, sep + 1);
  return { id: parseAccount(raw, 1, sep), hash: raw.slice(sep + 1) };
}

function parseHandle(raw: Uint8Array, at: number): { handle: PublicKeyHandle; end: number } {
  const tag = raw[at];
  const size = tag === 0 ? 32 : tag === 1 ? 64 : tag === 3 ? 32 : -1;
  if (size < 0) throw new BorshError('bad_enum_tag', `unknown PublicKeyHandle tag ${tag}`, at);
  if (raw.length < at + 1 + size) throw new BorshError('truncated', 'access-key handle is cut short', at);
  const data = raw.slice(at + 1, at + 1 + size);
  const handle: PublicKeyHandle =
    tag === 3 ? { kind: 'MlDsa65Hash', hash: data } : { kind: 'key', key: new PublicKey(tag as KeyType, data) };
  return { handle, end: at + 1 + size };
}

function parseGlobal(raw: Uint8Array): GlobalContractIdentifier {
  const r = new BorshReader(raw.subarray(1));
  const id = GlobalContractIdentifierCodec.read(r);
  r.expectEnd();
  return id;
}

/** Parses raw trie-key bytes back into a TrieKey; malformed keys are a BorshError. */
export function parseTrieKey(raw: Uint8Array): TrieKey {
  if (raw.length === 0) throw new BorshError('truncated', 'empty trie key', 0);
  const col = raw[0];
  try {
    switch (col) {
      case TrieColumn.ACCOUNT:
        return { type: 'Account', accountId: parseAccount(raw, 1, raw.length) };
      case TrieColumn.CONTRACT_CODE:
        return { type: 'ContractCode', accountId: parseAccount(raw, 1, raw.length) };
      case TrieColumn.ACCESS_KEY: {
        const sep = raw.indexOf(ACCESS_KEY_SEPARATOR, 1);
        if (sep < 0 || sep + 1 >= raw.length) throw bad('access-key key has no key handle', 1);
        const accountId = parseAccount(raw, 1, sep);
        const { handle, end } = parseHandle(raw, sep + 1);
        if (end === raw.length) return { type: 'AccessKey', accountId, keyHandle: handle };
        if (end + 2 === raw.length) {
          return { type: 'GasKeyNonce', accountId, keyHandle: handle, index: raw[end] | (raw[end + 1] << 8) };
        }
        throw bad(`access-key key has ${raw.length - end} trailing byte(s) (a gas-key nonce index is 2)`, end);
      }
      case TrieColumn.RECEIVED_DATA: {
        const { id, hash } = parseAccountHash(raw, 'ReceivedData');
        return { type: 'ReceivedData', receiverId: id, dataId: hash };
      }
      case TrieColumn.POSTPONED_RECEIPT_ID: {
        const { id, hash } = parseAccountHash(raw, 'PostponedReceiptId');
        return { type: 'PostponedReceiptId', receiverId: id, dataId: hash };
      }
      case TrieColumn.PENDING_DATA_COUNT: {
        const { id, hash } = parseAccountHash(raw, 'PendingDataCount');
        return { type: 'PendingDataCount', receiverId: id, receiptId: hash };
      }
      case TrieColumn.POSTPONED_RECEIPT: {
        const { id, hash } = parseAccountHash(raw, 'PostponedReceipt');
        return { type: 'PostponedReceipt', receiverId: id, receiptId: hash };
      }
      case TrieColumn.DELAYED_RECEIPT_OR_INDICES:
        if (raw.length === 1) return { type: 'DelayedReceiptIndices' };
        expectLength(raw, 9, 'DelayedReceipt');
        return { type: 'DelayedReceipt', index: readU64(raw, 1) };
      case TrieColumn.CONTRACT_DATA: {
        const sep = raw.indexOf(ACCOUNT_DATA_SEPARATOR, 1);
        if (sep < 0) throw bad("ContractData key has no ',' separator", 1);
        return { type: 'ContractData', accountId: parseAccount(raw, 1, sep), key: raw.slice(sep + 1) };
      }
      case TrieColumn.PROMISE_YIELD_INDICES:
        expectLength(raw, 1, 'PromiseYieldIndices');
        return { type: 'PromiseYieldIndices' };
      case TrieColumn.PROMISE_YIELD_TIMEOUT:
        expectLength(raw, 9, 'PromiseYieldTimeout');
        return { type: 'PromiseYieldTimeout', index: readU64(raw, 1) };
      case TrieColumn.PROMISE_YIELD_RECEIPT: {
        const { id, hash } = parseAccountHash(raw, 'PromiseYieldReceipt');
        return { type: 'PromiseYieldReceipt', receiverId: id, dataId: hash };
      }
      case TrieColumn.BUFFERED_RECEIPT_INDICES:
        expectLength(raw, 1, 'BufferedReceiptIndices');
        return { type: 'BufferedReceiptIndices' };
      case TrieColumn.BUFFERED_RECEIPT:
        expectLength(raw, 11, 'BufferedReceipt');
        return { type: 'BufferedReceipt', receivingShard: BigInt(raw[1] | (raw[2] << 8)), index: readU64(raw, 3) };
      case TrieColumn.BANDWIDTH_SCHEDULER_STATE:
        expectLength(raw, 1, 'BandwidthSchedulerState');
        return { type: 'BandwidthSchedulerState' };
      case TrieColumn.BUFFERED_RECEIPT_GROUPS_QUEUE_DATA:
        expectLength(raw, 9, 'BufferedReceiptGroupsQueueData');
        return { type: 'BufferedReceiptGroupsQueueData', receivingShard: readU64(raw, 1) };
      case TrieColumn.BUFFERED_RECEIPT_GROUPS_QUEUE_ITEM:
        expectLength(raw, 17, 'BufferedReceiptGroupsQueueItem');
        return { type: 'BufferedReceiptGroupsQueueItem', receivingShard: readU64(raw, 1), index: readU64(raw, 9) };
      case TrieColumn.GLOBAL_CONTRACT_CODE:
        return { type: 'GlobalContractCode', identifier: parseGlobal(raw) };
      case TrieColumn.GLOBAL_CONTRACT_NONCE:
        return { type: 'GlobalContractNonce', identifier: parseGlobal(raw) };
      case TrieColumn.PROMISE_YIELD_STATUS: {
        const { id, hash } = parseAccountHash(raw, 'PromiseYieldStatus');
        return { type: 'PromiseYieldStatus', receiverId: id, dataId: hash };
      }
      case TrieColumn.YIELD_ID_TO_DATA_ID: {
        const { id, hash } = parseAccountHash(raw, 'YieldIdToDataId');
        return { type: 'YieldIdToDataId', receiverId: id, yieldId: hash };
      }
      case TrieColumn.DATA_ID_TO_YIELD_ID: {
        const { id, hash } = parseAccountHash(raw, 'DataIdToYieldId');
        return { type: 'DataIdToYieldId', receiverId: id, dataId: hash };
      }
      default:
        throw new BorshError('bad_enum_tag', `unknown trie column ${col}`, 0);
    }
  } catch (e) {
    if (e instanceof BorshError) e.addPath('TrieKey');
    throw e;
  }
}

/** True when two handles name the same key. */
export function keyHandlesEqual(a: PublicKeyHandle, b: PublicKeyHandle): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'MlDsa65Hash') return hashEquals(a.hash, (b as { hash: Uint8Array }).hash);
  return a.key.equals((b as { key: PublicKey }).key);
}
