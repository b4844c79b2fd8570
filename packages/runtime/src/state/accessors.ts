/**
 * Typed reads and writes of the records the runtime keeps in state (nearcore core/store/src/utils),
 * using primitives' trie-key layouts and borsh codecs. A record that is present but does not
 * decode means the state is inconsistent: `StorageInconsistentError`.
 */
import {
  AccessKeyCodec,
  AccountCodec,
  BorshReader,
  ReceiptCodec,
  ReceivedDataCodec,
  decode,
  encode,
  parseTrieKey,
  trieKeys,
  type AccessKey,
  type Account,
  type AccountId,
  type Codec,
  type CryptoHash,
  type GlobalContractIdentifier,
  type PublicKey,
  type Receipt,
  type ReceivedData,
  type BorshExtensions,
} from '@nearts/primitives';
import { StorageInconsistentError } from '../errors.js';
import { STATE_EXTENSIONS } from '../extensions/submodules.js';
import type { StateUpdate } from './state-update.js';
import { encodeStateValue } from './value-encoding.js';

interface Readable {
  get(key: Uint8Array): Uint8Array | undefined;
}

export function getValue<T>(state: Readable, key: Uint8Array, codec: Codec<T>, what: string, extensions?: BorshExtensions): T | undefined {
  const raw = state.get(key);
  if (raw === undefined) return undefined;
  try {
    return decode(codec, raw, extensions);
  } catch (e) {
    throw new StorageInconsistentError(`${what} in state does not decode: ${(e as Error).message}`);
  }
}

export function getAccount(state: Readable, accountId: AccountId): Account | undefined {
  const a = getValue(state, trieKeys.account(accountId), AccountCodec, `account ${accountId}`);
  return a;
}

export function setAccount(state: StateUpdate, accountId: AccountId, account: Account): void {
  state.set(trieKeys.account(accountId), encodeStateValue(AccountCodec, account));
}

export function getAccessKey(state: Readable, accountId: AccountId, key: PublicKey): AccessKey | undefined {
  return getValue(state, trieKeys.accessKey(accountId, key), AccessKeyCodec, `access key of ${accountId}`);
}

export function setAccessKey(state: StateUpdate, accountId: AccountId, key: PublicKey, accessKey: AccessKey): void {
  state.set(trieKeys.accessKey(accountId, key), encodeStateValue(AccessKeyCodec, accessKey));
}

export function removeAccessKey(state: StateUpdate, accountId: AccountId, key: PublicKey): void {
  state.remove(trieKeys.accessKey(accountId, key));
}

function u64Le(v: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, v, true);
  return out;
}

function readU64(raw: Uint8Array, what: string): bigint {
  if (raw.length !== 8) throw new StorageInconsistentError(`${what} should be 8 bytes, got ${raw.length}`);
  return new DataView(raw.buffer, raw.byteOffset, 8).getBigUint64(0, true);
}

export function getGasKeyNonce(state: Readable, accountId: AccountId, key: PublicKey, index: number): bigint | undefined {
  const raw = state.get(trieKeys.gasKeyNonce(accountId, key, index));
  return raw === undefined ? undefined : readU64(raw, 'gas key nonce');
}

export function setGasKeyNonce(state: StateUpdate, accountId: AccountId, key: PublicKey, index: number, nonce: bigint): void {
  state.set(trieKeys.gasKeyNonce(accountId, key, index), u64Le(nonce));
}

export function removeGasKeyNonce(state: StateUpdate, accountId: AccountId, key: PublicKey, index: number): void {
  state.remove(trieKeys.gasKeyNonce(accountId, key, index));
}

export function getCode(state: Readable, accountId: AccountId): Uint8Array | undefined {
  return state.get(trieKeys.contractCode(accountId));
}

export function setCode(state: StateUpdate, accountId: AccountId, code: Uint8Array): void {
  state.set(trieKeys.contractCode(accountId), code);
}

export function getGlobalCode(state: Readable, id: GlobalContractIdentifier): Uint8Array | undefined {
  return state.get(trieKeys.globalContractCode(id));
}

export function getReceivedData(state: Readable, receiverId: AccountId, dataId: CryptoHash): ReceivedData | undefined {
  return getValue(state, trieKeys.receivedData(receiverId, dataId), ReceivedDataCodec, 'received data');
}

export function setReceivedData(state: StateUpdate, receiverId: AccountId, dataId: CryptoHash, data: ReceivedData): void {
  state.set(trieKeys.receivedData(receiverId, dataId), encode(ReceivedDataCodec, data));
}

export function getReceipt(state: Readable, key: Uint8Array, what: string): Receipt | undefined {
  // Receipts this shard stored itself: they hold extension actions only if those were accepted.
  return getValue(state, key, ReceiptCodec, what, STATE_EXTENSIONS);
}

export function setU32(state: StateUpdate, key: Uint8Array, v: number): void {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, v, true);
  state.set(key, out);
}

export function getU32(state: Readable, key: Uint8Array, what: string): number | undefined {
  const raw = state.get(key);
  if (raw === undefined) return undefined;
  if (raw.length !== 4) throw new StorageInconsistentError(`${what} should be 4 bytes, got ${raw.length}`);
  return new DataView(raw.buffer, raw.byteOffset, 4).getUint32(0, true);
}

export function setU64(state: StateUpdate, key: Uint8Array, v: bigint): void {
  state.set(key, u64Le(v));
}

export function getU64(state: Readable, key: Uint8Array, what: string): bigint | undefined {
  const raw = state.get(key);
  return raw === undefined ? undefined : readU64(raw, what);
}

/** Every access key of an account (gas-key nonce rows skipped), in trie order. */
export function listAccessKeys(state: StateUpdate, accountId: AccountId): Array<{ publicKey: PublicKey; accessKey: AccessKey }> {
  const out: Array<{ publicKey: PublicKey; accessKey: AccessKey }> = [];
  for (const [rawKey, value] of state.iter(trieKeys.accessKeysPrefix(accountId))) {
    const k = parseTrieKey(rawKey);
    if (k.type !== 'AccessKey' || k.keyHandle.kind !== 'key') continue;
    const accessKey = AccessKeyCodec.read(new BorshReader(value));
    out.push({ publicKey: k.keyHandle.key, accessKey });
  }
  return out;
}

export interface RemoveAccountResult {
  gasKeyNonceCount: bigint;
  gasKeyNonceKeyBytes: bigint;
}

/** Removes the account record, its code, every access key and nonce row and all contract data. */
export function removeAccount(state: StateUpdate, accountId: AccountId): RemoveAccountResult {
  state.remove(trieKeys.account(accountId));
  state.remove(trieKeys.contractCode(accountId));
  let gasKeyNonceCount = 0n;
  let gasKeyNonceKeyBytes = 0n;
  const keys: Uint8Array[] = [];
  for (const [rawKey] of state.iter(trieKeys.accessKeysPrefix(accountId))) {
    const k = parseTrieKey(rawKey);
    if (k.type === 'GasKeyNonce') {
      gasKeyNonceCount++;
      gasKeyNonceKeyBytes += BigInt(rawKey.length);
    }
    keys.push(rawKey);
  }
  for (const [rawKey] of state.iter(trieKeys.contractDataPrefix(accountId))) keys.push(rawKey);
  for (const k of keys) state.remove(k);
  return { gasKeyNonceCount, gasKeyNonceKeyBytes };
}

/** Σ balances of the account's gas keys (burnt when the account is deleted). */
export function gasKeyBalanceSum(state: StateUpdate, accountId: AccountId): bigint {
  let total = 0n;
  for (const { accessKey } of listAccessKeys(state, accountId)) {
    const p = accessKey.permission;
    if (p.type === 'GasKeyFullAccess' || p.type === 'GasKeyFunctionCall') total += p.gasKeyInfo.balance;
  }
  return total;
}
