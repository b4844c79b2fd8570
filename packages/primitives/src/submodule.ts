/**
 * Synchronous wasm submodules (NEP-481, a nearts protocol extension — not part of nearcore):
 * the access policy fixed at deployment, the record stored per submodule and its trie keys.
 *
 * A submodule lives under an account and a binary key. Two trie columns hold it, outside the range
 * nearcore uses (0–23), keyed like contract data (`<col> account ',' key`):
 * - `SUBMODULE_CODE` (200): the wasm code, read only when the compiled cache misses;
 * - `SUBMODULE_RECORD` (201): borsh `SubmoduleRecord` — code hash, code length and policy — which
 *   every call reads (it is small, and the code hash is the compiled-cache key).
 * These keys are not part of `TrieKey` (nearcore's enum); `parseSubmoduleTrieKey` parses them.
 */
import { isValidAccountId, type AccountId } from './account-id.js';
import { BytesCodec, StringCodec, U64Codec, readField, vecCodec, type Codec } from './borsh/codec.js';
import { BorshError } from './borsh/errors.js';
import { CryptoHashCodec, type CryptoHash } from './hash.js';

/** Which storage keys a submodule may touch: the whole account's, or those under a prefix. */
export type SubmoduleStorageScope = { type: 'WholeAccount' } | { type: 'Prefix'; prefix: Uint8Array };

/**
 * What a submodule may use, chosen by the account when it deploys it: its storage scope, the main
 * contract's exports it may import (module `parent`) and the host functions it may import
 * (module `env`). Anything not listed fails to link.
 */
export interface SubmodulePolicy {
  storage: SubmoduleStorageScope;
  parentExports: string[];
  hostFunctions: string[];
}

/** The value under `SUBMODULE_RECORD`: enough to find the compiled code and charge its loading. */
export interface SubmoduleRecord {
  codeHash: CryptoHash;
  codeLength: bigint;
  policy: SubmodulePolicy;
}

const StringsCodec = vecCodec(StringCodec);

export const SubmoduleStorageScopeCodec: Codec<SubmoduleStorageScope> = {
  name: 'SubmoduleStorageScope',
  minSize: 1,
  write: (w, v) => {
    if (v.type === 'WholeAccount') w.u8(0);
    else {
      w.u8(1);
      w.bytes(v.prefix);
    }
  },
  read: (r) => (r.tag('SubmoduleStorageScope', 2) === 0 ? { type: 'WholeAccount' } : { type: 'Prefix', prefix: readField(r, 'prefix', BytesCodec) }),
};

export const SubmodulePolicyCodec: Codec<SubmodulePolicy> = {
  name: 'SubmodulePolicy',
  minSize: 1 + 4 + 4,
  write: (w, p) => {
    SubmoduleStorageScopeCodec.write(w, p.storage);
    StringsCodec.write(w, p.parentExports);
    StringsCodec.write(w, p.hostFunctions);
  },
  read: (r) => ({
    storage: readField(r, 'storage', SubmoduleStorageScopeCodec),
    parentExports: readField(r, 'parent_exports', StringsCodec),
    hostFunctions: readField(r, 'host_functions', StringsCodec),
  }),
};

export const SubmoduleRecordCodec: Codec<SubmoduleRecord> = {
  name: 'SubmoduleRecord',
  minSize: 32 + 8 + SubmodulePolicyCodec.minSize,
  write: (w, v) => {
    CryptoHashCodec.write(w, v.codeHash);
    w.u64(v.codeLength);
    SubmodulePolicyCodec.write(w, v.policy);
  },
  read: (r) => ({
    codeHash: readField(r, 'code_hash', CryptoHashCodec),
    codeLength: readField(r, 'code_length', U64Codec),
    policy: readField(r, 'policy', SubmodulePolicyCodec),
  }),
};

/** Policy entries: parent exports + host functions (+1 for a prefix), as limited by the config. */
export function submodulePolicyEntries(p: SubmodulePolicy): number {
  return p.parentExports.length + p.hostFunctions.length + (p.storage.type === 'Prefix' ? 1 : 0);
}

export const SubmoduleTrieColumn = {
  SUBMODULE_CODE: 200,
  SUBMODULE_RECORD: 201,
} as const;

const SEPARATOR = 0x2c; // ',' as in contract data keys
const encoder = new TextEncoder();

function submoduleKey(col: number, accountId: AccountId, key: Uint8Array): Uint8Array {
  if (!isValidAccountId(accountId)) throw new BorshError('invalid_account_id', `invalid account id in trie key: ${JSON.stringify(accountId)}`);
  const id = encoder.encode(accountId);
  const out = new Uint8Array(2 + id.length + key.length);
  out[0] = col;
  out.set(id, 1);
  out[1 + id.length] = SEPARATOR;
  out.set(key, 2 + id.length);
  return out;
}

export const submoduleTrieKeys = {
  code: (accountId: AccountId, key: Uint8Array) => submoduleKey(SubmoduleTrieColumn.SUBMODULE_CODE, accountId, key),
  record: (accountId: AccountId, key: Uint8Array) => submoduleKey(SubmoduleTrieColumn.SUBMODULE_RECORD, accountId, key),
  /** Prefix of every submodule code / record of an account. */
  codePrefix: (accountId: AccountId) => submoduleKey(SubmoduleTrieColumn.SUBMODULE_CODE, accountId, new Uint8Array(0)),
  recordPrefix: (accountId: AccountId) => submoduleKey(SubmoduleTrieColumn.SUBMODULE_RECORD, accountId, new Uint8Array(0)),
};

export type SubmoduleTrieKey =
  | { type: 'SubmoduleCode'; accountId: AccountId; key: Uint8Array }
  | { type: 'SubmoduleRecord'; accountId: AccountId; key: Uint8Array };

/** Parses a key of one of the two submodule columns; anything else is a BorshError. */
export function parseSubmoduleTrieKey(raw: Uint8Array): SubmoduleTrieKey {
  const col = raw[0];
  if (col !== SubmoduleTrieColumn.SUBMODULE_CODE && col !== SubmoduleTrieColumn.SUBMODULE_RECORD) {
    throw new BorshError('bad_enum_tag', `not a submodule trie column: ${col}`, 0);
  }
  const sep = raw.indexOf(SEPARATOR, 1);
  if (sep < 0) throw new BorshError('invalid_value', "submodule key has no ',' separator", 1);
  let accountId = '';
  for (let i = 1; i < sep; i++) {
    if (raw[i] > 0x7f) throw new BorshError('invalid_account_id', 'non-ASCII byte in trie-key account id', i);
    accountId += String.fromCharCode(raw[i]);
  }
  if (!isValidAccountId(accountId)) throw new BorshError('invalid_account_id', `invalid account id ${JSON.stringify(accountId)} in trie key`, 1);
  const key = raw.slice(sep + 1);
  return col === SubmoduleTrieColumn.SUBMODULE_CODE ? { type: 'SubmoduleCode', accountId, key } : { type: 'SubmoduleRecord', accountId, key };
}
