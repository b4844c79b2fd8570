/**
 * State patches (what nearcore's `sandbox_patch_state` does, with storage usage kept right):
 * write an account's balance, keys, code and contract data straight into state. Storage usage
 * follows the same per-record formula as genesis and the runtime's actions (record overhead + key +
 * value), unless the patch sets `storageUsage` itself.
 */
import {
  AccessKeyCodec,
  AccountCodec,
  decode,
  encode,
  KeyPair,
  newAccount,
  PublicKey,
  sha256,
  trieKeys,
  withContract,
  type AccessKey,
  type AccessKeyPermission,
  type Account,
} from '@nearts/primitives';
import { publicKeyTrieIdLen } from '@nearts/runtime';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import type { State } from '@nearts/store';
import { toYocto, type Amount } from './amounts.js';
import { SandboxError } from './errors.js';
import { parseKeyText } from './keys.js';

/** A key: a key pair (the sandbox then holds it), a public key, or key text (`seed:…`, `ed25519:…`). */
export type KeyInput =
  | KeyPair
  | PublicKey
  | string
  | { publicKey: KeyPair | PublicKey | string; permission?: AccessKeyPermission; nonce?: bigint };

/** Contract data: text keys/values are UTF-8; a null value deletes the entry. */
export type DataInput = Record<string, Uint8Array | string | null> | Array<[Uint8Array | string, Uint8Array | string | null]>;

export interface AccountPatch {
  /** Creates the account when missing (with the fields given, zero otherwise). */
  balance?: Amount;
  locked?: Amount;
  /** Overrides the computed storage usage. */
  storageUsage?: bigint | number;
  /** Deploys this code (null removes the contract). */
  code?: Uint8Array | null;
  /** Adds (or replaces) access keys; full access with nonce 0 unless stated. */
  keys?: KeyInput[];
  removeKeys?: Array<PublicKey | string>;
  /** Removes every contract data entry before applying `data`. */
  clearData?: boolean;
  data?: DataInput;
  /** Deletes the account with its keys, code and data. */
  delete?: boolean;
}

/** Account id → patch. */
export type StatePatch = Record<string, AccountPatch>;

const utf8 = (s: Uint8Array | string): Uint8Array => (typeof s === 'string' ? new TextEncoder().encode(s) : s);

export function resolveKey(k: KeyInput): { publicKey: PublicKey; keyPair?: KeyPair; accessKey: AccessKey } {
  const full: AccessKeyPermission = { type: 'FullAccess' };
  const one = (x: KeyPair | PublicKey | string): { publicKey: PublicKey; keyPair?: KeyPair } => {
    if (x instanceof KeyPair) return { publicKey: x.publicKey, keyPair: x };
    if (x instanceof PublicKey) return { publicKey: x };
    if (typeof x === 'string') return parseKeyText(x);
    throw new SandboxError('invalid_argument', 'a key must be a KeyPair, a PublicKey or key text');
  };
  if (k instanceof KeyPair || k instanceof PublicKey || typeof k === 'string') return { ...one(k), accessKey: { nonce: 0n, permission: full } };
  return { ...one(k.publicKey), accessKey: { nonce: k.nonce ?? 0n, permission: k.permission ?? full } };
}

function dataEntries(d: DataInput): Array<[Uint8Array, Uint8Array | null]> {
  const list = Array.isArray(d) ? d : Object.entries(d);
  return list.map(([k, v]) => [utf8(k), v === null ? null : utf8(v)]);
}

function removePrefix(state: State, prefix: Uint8Array): void {
  for (const [k] of [...state.iter(prefix)]) state.remove(k);
}

/** Deletes an account and everything stored under it. */
export function deleteAccountRecords(state: State, accountId: string): void {
  state.remove(trieKeys.account(accountId));
  state.remove(trieKeys.contractCode(accountId));
  removePrefix(state, trieKeys.accessKeysPrefix(accountId));
  removePrefix(state, trieKeys.contractDataPrefix(accountId));
}

/** Applies one account's patch; returns the key pairs it introduced (for the sandbox to hold). */
export function applyAccountPatch(state: State, config: RuntimeConfig, accountId: string, patch: AccountPatch): KeyPair[] {
  if (patch.delete) {
    deleteAccountRecords(state, accountId);
    return [];
  }
  const storage = config.fees.storageUsageConfig;
  const record = storage.numExtraBytesRecord;
  const raw = state.get(trieKeys.account(accountId));
  let account: Account = raw === undefined ? newAccount(0n, 0n, { type: 'None' }, storage.numBytesAccount) : decode(AccountCodec, raw);
  let usage = account.storageUsage;
  const learned: KeyPair[] = [];

  if (patch.clearData) {
    for (const [k, v] of [...state.iter(trieKeys.contractDataPrefix(accountId))]) {
      const key = k.subarray(trieKeys.contractDataPrefix(accountId).length);
      usage -= record + BigInt(key.length + v.length);
      state.remove(k);
    }
  }
  for (const [key, value] of patch.data ? dataEntries(patch.data) : []) {
    const tk = trieKeys.contractData(accountId, key);
    const old = state.get(tk);
    if (old !== undefined) usage -= record + BigInt(key.length + old.length);
    if (value === null) {
      state.remove(tk);
    } else {
      state.set(tk, value.slice());
      usage += record + BigInt(key.length + value.length);
    }
  }
  for (const k of patch.keys ?? []) {
    const { publicKey, keyPair, accessKey } = resolveKey(k);
    const tk = trieKeys.accessKey(accountId, publicKey);
    const old = state.get(tk);
    if (old !== undefined) usage -= record + publicKeyTrieIdLen(publicKey) + BigInt(old.length);
    const bytes = encode(AccessKeyCodec, accessKey);
    state.set(tk, bytes);
    usage += record + publicKeyTrieIdLen(publicKey) + BigInt(bytes.length);
    if (keyPair) learned.push(keyPair);
  }
  for (const k of patch.removeKeys ?? []) {
    const publicKey = k instanceof PublicKey ? k : parseKeyText(k).publicKey;
    const tk = trieKeys.accessKey(accountId, publicKey);
    const old = state.get(tk);
    if (old === undefined) continue;
    usage -= record + publicKeyTrieIdLen(publicKey) + BigInt(old.length);
    state.remove(tk);
  }
  if (patch.code !== undefined) {
    const old = state.get(trieKeys.contractCode(accountId));
    if (old !== undefined) usage -= BigInt(old.length);
    if (patch.code === null) {
      state.remove(trieKeys.contractCode(accountId));
      account = withContract(account, { type: 'None' });
    } else {
      state.set(trieKeys.contractCode(accountId), patch.code.slice());
      usage += BigInt(patch.code.length);
      account = withContract(account, { type: 'Local', hash: sha256(patch.code) });
    }
  }
  if (patch.balance !== undefined) account = { ...account, amount: toYocto(patch.balance, `balance of ${accountId}`) };
  if (patch.locked !== undefined) account = { ...account, locked: toYocto(patch.locked, `locked balance of ${accountId}`) };
  if (patch.storageUsage !== undefined) usage = BigInt(patch.storageUsage);
  if (usage < 0n) throw new SandboxError('invalid_argument', `storage usage of ${accountId} would become negative`);
  account = { ...account, storageUsage: usage };
  state.set(trieKeys.account(accountId), encode(AccountCodec, account));
  return learned;
}

/** Decoded access keys of an account (gas-key nonce records skipped). */
export function accessKeysOf(state: State, accountId: string): Array<{ publicKey: PublicKey; accessKey: AccessKey }> {
  const prefix = trieKeys.accessKeysPrefix(accountId);
  const out: Array<{ publicKey: PublicKey; accessKey: AccessKey }> = [];
  for (const [k, v] of state.iter(prefix)) {
    const handle = k.subarray(prefix.length);
    // ed25519 (1 + 32) and secp256k1 (1 + 64) handles are the key itself; longer = gas-key nonce.
    const type = handle[0];
    const len = type === 0 ? 33 : type === 1 ? 65 : -1;
    if (handle.length !== len) continue;
    const publicKey = type === 0 ? PublicKey.ed25519(handle.slice(1)) : PublicKey.secp256k1(handle.slice(1));
    out.push({ publicKey, accessKey: decode(AccessKeyCodec, v) });
  }
  return out;
}
