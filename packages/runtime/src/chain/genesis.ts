/**
 * Genesis: accounts with balances, keys, contracts and contract data written straight into
 * state, with storage usage computed the way nearcore's genesis `StorageComputer` does
 * (account 100 bytes + each key, code and data record).
 */
import {
  AccessKeyCodec,
  AccountCodec,
  encode,
  newAccount,
  PublicKey,
  sha256,
  trieKeys,
  type AccessKey,
  type AccountContract,
  type AccountId,
  type GlobalContractIdentifier,
} from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import type { State } from '@nearts/store';
import { publicKeyTrieIdLen } from '../config/tx-cost.js';
import { RuntimeUsageError } from '../errors.js';
import { ValueSlab } from './value-slab.js';

export interface GenesisKey {
  publicKey: PublicKey | string;
  /** Default: full access, nonce 0. */
  accessKey?: AccessKey;
}

export interface GenesisAccount {
  accountId: AccountId;
  /** yoctoNEAR. */
  amount: bigint;
  locked?: bigint;
  keys?: Array<GenesisKey | PublicKey | string>;
  /** A contract deployed locally on the account. */
  code?: Uint8Array;
  /** Points the account at a global contract (deployed through `globalContracts`). */
  globalContract?: GlobalContractIdentifier;
  /** Contract storage entries. */
  data?: Array<[Uint8Array, Uint8Array]>;
}

export interface GenesisGlobalContract {
  code: Uint8Array;
  /** 'CodeHash' (default) or an account id to deploy it by account. */
  by?: 'CodeHash' | { accountId: AccountId };
}

/** Where genesis writes: a shard's state (or a wrapper of it that watches the writes). */
export type GenesisTarget = Pick<State, 'set'>;

const FULL_ACCESS: AccessKey = { nonce: 0n, permission: { type: 'FullAccess' } };
// Encoded once: most genesis keys are default keys. Values handed to a state are never modified
// (see `State.set`), so every such key can share these bytes.
let fullAccessEncoded: Uint8Array | undefined;

function encodeAccessKey(accessKey: AccessKey): Uint8Array {
  if (accessKey !== FULL_ACCESS) return encode(AccessKeyCodec, accessKey);
  return (fullAccessEncoded ??= encode(AccessKeyCodec, FULL_ACCESS));
}

function keyOf(k: GenesisKey | PublicKey | string): { publicKey: PublicKey; accessKey: AccessKey } {
  if (typeof k === 'string') return { publicKey: PublicKey.fromString(k), accessKey: FULL_ACCESS };
  if (k instanceof PublicKey) return { publicKey: k, accessKey: FULL_ACCESS };
  const publicKey = typeof k.publicKey === 'string' ? PublicKey.fromString(k.publicKey) : k.publicKey;
  return { publicKey, accessKey: k.accessKey ?? FULL_ACCESS };
}

export function globalContractId(g: GenesisGlobalContract): GlobalContractIdentifier {
  return g.by === undefined || g.by === 'CodeHash' ? { type: 'CodeHash', hash: sha256(g.code) } : { type: 'AccountId', accountId: g.by.accountId };
}

/** Writes global contracts (on every shard state given) and accounts (each on its own shard's state). */
export function writeGenesis(
  stateOf: (accountId: AccountId) => GenesisTarget,
  allStates: readonly GenesisTarget[],
  accounts: readonly GenesisAccount[],
  globals: readonly GenesisGlobalContract[],
  config: RuntimeConfig,
): void {
  const storage = config.fees.storageUsageConfig;
  for (const g of globals) {
    for (const s of allStates) s.set(trieKeys.globalContractCode(globalContractId(g)), g.code);
  }
  const seen = new Set<string>();
  const slab = new ValueSlab();
  for (const a of accounts) {
    // One set operation per account (add, then see whether it grew): at a million accounts the
    // hashing of a fresh id is a visible part of genesis.
    const known = seen.size;
    seen.add(a.accountId);
    if (seen.size === known) throw new RuntimeUsageError(`genesis lists account ${a.accountId} twice`);
    if (a.code && a.globalContract) throw new RuntimeUsageError(`genesis account ${a.accountId} has both a local and a global contract`);
    const state = stateOf(a.accountId);
    let usage = storage.numBytesAccount;
    for (const k of a.keys ?? []) {
      const { publicKey, accessKey } = keyOf(k);
      const encoded = encodeAccessKey(accessKey);
      state.set(trieKeys.accessKey(a.accountId, publicKey), encoded);
      usage += storage.numExtraBytesRecord + publicKeyTrieIdLen(publicKey) + BigInt(encoded.length);
    }
    for (const [key, value] of a.data ?? []) {
      state.set(trieKeys.contractData(a.accountId, key), value);
      usage += storage.numExtraBytesRecord + BigInt(key.length + value.length);
    }
    let contract: AccountContract = { type: 'None' };
    if (a.code) {
      state.set(trieKeys.contractCode(a.accountId), a.code);
      usage += BigInt(a.code.length);
      contract = { type: 'Local', hash: sha256(a.code) };
    } else if (a.globalContract) {
      const id = a.globalContract;
      contract = id.type === 'CodeHash' ? { type: 'Global', hash: id.hash } : { type: 'GlobalByAccount', accountId: id.accountId };
      usage += id.type === 'CodeHash' ? 32n : BigInt(Buffer.byteLength(id.accountId));
    }
    const account = newAccount(a.amount, a.locked ?? 0n, contract, usage);
    state.set(trieKeys.account(a.accountId), slab.copy(encode(AccountCodec, account)));
  }
}
