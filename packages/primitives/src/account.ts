/**
 * `Account` as stored under `TrieKey::Account` (primitives-core `account.rs`, protocol 86).
 *
 * - V1 (no tag): `amount u128, locked u128, code_hash [32] (all-zero = no contract),
 *   storage_usage u64` — 72 bytes. Used for accounts with no contract or a local one.
 * - V2: the sentinel u128::MAX (16 × 0xFF), tag 0, then `amount, locked, storage_usage,
 *   contract: AccountContract`. Used once an account points at a global contract; it then
 *   stays V2.
 *
 * The decoder reads the first u128: the sentinel means a versioned account follows, anything
 * else is V1's amount. (Later nearcore versions add tag 1 = uninitialized universal account;
 * that is not part of protocol 86 and is rejected here.)
 */
import { AccountIdCodec, type AccountId } from './account-id.js';
import { U128Codec, U64Codec, readField, type Codec } from './borsh/codec.js';
import { BorshError } from './borsh/errors.js';
import { CryptoHashCodec, ZERO_HASH, hashEquals, type CryptoHash } from './hash.js';
import type { Balance, StorageUsage } from './units.js';

/** Borsh tags: 0 None, 1 Local(hash), 2 Global(hash), 3 GlobalByAccount(account id). */
export type AccountContract =
  | { type: 'None' }
  | { type: 'Local'; hash: CryptoHash }
  | { type: 'Global'; hash: CryptoHash }
  | { type: 'GlobalByAccount'; accountId: AccountId };

export interface Account {
  version: 'V1' | 'V2';
  amount: Balance;
  locked: Balance;
  contract: AccountContract;
  storageUsage: StorageUsage;
}

/** Max storage (excluding contract code) an account may have and still be deleted. */
export const MAX_ACCOUNT_DELETION_STORAGE_USAGE = 10_000n;

const SENTINEL = (1n << 128n) - 1n;

/** `AccountContract::from_local_code_hash`: the zero hash means no contract. */
export function contractFromLocalCodeHash(hash: CryptoHash): AccountContract {
  return hashEquals(hash, ZERO_HASH) ? { type: 'None' } : { type: 'Local', hash };
}

/** `Account::new`: V1 for no contract / a local contract, V2 for a global one. */
export function newAccount(amount: Balance, locked: Balance, contract: AccountContract, storageUsage: StorageUsage): Account {
  const version = contract.type === 'None' || contract.type === 'Local' ? 'V1' : 'V2';
  return { version, amount, locked, contract, storageUsage };
}

/** `Account::set_contract`: a V1 account becomes V2 when it switches to a global contract. */
export function withContract(account: Account, contract: AccountContract): Account {
  const needsV2 = contract.type === 'Global' || contract.type === 'GlobalByAccount';
  return { ...account, contract, version: account.version === 'V2' || needsV2 ? 'V2' : 'V1' };
}

/** The code hash of a local contract, or the zero hash (what V1 stores and RPC shows). */
export function localCodeHash(account: Account): CryptoHash {
  return account.contract.type === 'Local' ? account.contract.hash : ZERO_HASH;
}

/** Extra storage usage of a contract reference: 32 for Global, the id length for GlobalByAccount. */
export function contractIdentifierStorageUsage(contract: AccountContract): bigint {
  if (contract.type === 'Global') return 32n;
  if (contract.type === 'GlobalByAccount') return BigInt(new TextEncoder().encode(contract.accountId).length);
  return 0n;
}

export const AccountContractCodec: Codec<AccountContract> = {
  name: 'AccountContract',
  minSize: 1,
  write: (w, v) => {
    switch (v.type) {
      case 'None':
        w.u8(0);
        return;
      case 'Local':
        w.u8(1);
        CryptoHashCodec.write(w, v.hash);
        return;
      case 'Global':
        w.u8(2);
        CryptoHashCodec.write(w, v.hash);
        return;
      case 'GlobalByAccount':
        w.u8(3);
        AccountIdCodec.write(w, v.accountId);
        return;
    }
  },
  read: (r) => {
    switch (r.tag('AccountContract', 4)) {
      case 0:
        return { type: 'None' };
      case 1:
        return { type: 'Local', hash: readField(r, 'Local', CryptoHashCodec) };
      case 2:
        return { type: 'Global', hash: readField(r, 'Global', CryptoHashCodec) };
      default:
        return { type: 'GlobalByAccount', accountId: readField(r, 'GlobalByAccount', AccountIdCodec) };
    }
  },
};

export const AccountCodec: Codec<Account> = {
  name: 'Account',
  minSize: 72,
  write: (w, v) => {
    if (v.version === 'V1') {
      if (v.contract.type !== 'None' && v.contract.type !== 'Local') {
        throw new BorshError('unencodable', `a V1 account cannot hold a ${v.contract.type} contract`);
      }
      if (v.amount === SENTINEL) throw new BorshError('unencodable', 'a V1 account amount of u128::MAX collides with the V2 sentinel');
      w.u128(v.amount);
      w.u128(v.locked);
      CryptoHashCodec.write(w, v.contract.type === 'Local' ? v.contract.hash : ZERO_HASH);
      w.u64(v.storageUsage);
      return;
    }
    w.u128(SENTINEL);
    w.u8(0);
    w.u128(v.amount);
    w.u128(v.locked);
    w.u64(v.storageUsage);
    AccountContractCodec.write(w, v.contract);
  },
  read: (r) => {
    const first = readField(r, 'amount', U128Codec);
    if (first !== SENTINEL) {
      const locked = readField(r, 'locked', U128Codec);
      const codeHash = readField(r, 'code_hash', CryptoHashCodec);
      const storageUsage = readField(r, 'storage_usage', U64Codec);
      return { version: 'V1', amount: first, locked, contract: contractFromLocalCodeHash(codeHash), storageUsage };
    }
    r.tag('BorshVersionedAccount', 1);
    return {
      version: 'V2',
      amount: readField(r, 'V2.amount', U128Codec),
      locked: readField(r, 'V2.locked', U128Codec),
      storageUsage: readField(r, 'V2.storage_usage', U64Codec),
      contract: readField(r, 'V2.contract', AccountContractCodec),
    };
  },
};
