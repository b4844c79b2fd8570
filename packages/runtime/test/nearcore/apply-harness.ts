/**
 * A state written record by record and one chunk applied to it with `apply`: what nearcore's
 * runtime tests build with `TestTriesBuilder` + `set_account`/`set_access_key` and
 * `Runtime::apply`, or with the action functions on a `TrieUpdate` (here the action runs inside
 * an action receipt, which is how it runs on chain).
 */
import {
  AccessKeyCodec,
  AccountCodec,
  PublicKey,
  decode,
  encode,
  sha256,
  trieKeys,
  type AccessKey,
  type Account,
  type AccountContract,
  type Action,
  type CryptoHash,
  type Receipt,
} from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import { MemoryState } from '@nearts/store';
import { NO_VALIDATORS, apply, type ApplyResult, type ApplyState, type ChunkTransaction } from '../../src/index.js';
import { PROTOCOL_VERSION, ZERO_HASH, testConfig } from './setup.js';

export function newState(): MemoryState {
  return new MemoryState();
}

export function setAccount(state: MemoryState, id: string, account: Account): void {
  state.set(trieKeys.account(id), encode(AccountCodec, account));
}

export function account(amount: bigint, locked: bigint, contract: AccountContract, storageUsage: bigint): Account {
  const version = contract.type === 'None' || contract.type === 'Local' ? 'V1' : 'V2';
  return { version, amount, locked, contract, storageUsage };
}

export function setAccessKey(state: MemoryState, id: string, publicKey: PublicKey, key: AccessKey): void {
  state.set(trieKeys.accessKey(id, publicKey), encode(AccessKeyCodec, key));
}

export function setGasKeyNonce(state: MemoryState, id: string, publicKey: PublicKey, index: number, nonce: bigint): void {
  const v = new Uint8Array(8);
  new DataView(v.buffer).setBigUint64(0, nonce, true);
  state.set(trieKeys.gasKeyNonce(id, publicKey, index), v);
}

export function getGasKeyNonce(state: MemoryState, id: string, publicKey: PublicKey, index: number): bigint | undefined {
  const v = state.get(trieKeys.gasKeyNonce(id, publicKey, index));
  return v === undefined ? undefined : new DataView(v.buffer, v.byteOffset, 8).getBigUint64(0, true);
}

/** Stores `code` as the account's local contract. */
export function setCode(state: MemoryState, id: string, code: Uint8Array): CryptoHash {
  state.set(trieKeys.contractCode(id), code);
  return sha256(code);
}

export function getAccessKey(state: MemoryState, id: string, publicKey: PublicKey): AccessKey | undefined {
  const v = state.get(trieKeys.accessKey(id, publicKey));
  return v === undefined ? undefined : decode(AccessKeyCodec, v);
}

export function getAccount(state: MemoryState, id: string): Account | undefined {
  const v = state.get(trieKeys.account(id));
  return v === undefined ? undefined : decode(AccountCodec, v);
}

export const EMPTY_ED25519 = PublicKey.ed25519(new Uint8Array(32));

let receiptCounter = 0;
/** An action receipt; each gets a distinct id. */
export function actionReceipt(
  predecessorId: string,
  receiverId: string,
  actions: Action[],
  opts: { signerId?: string; signerPublicKey?: PublicKey; gasPrice?: bigint; id?: CryptoHash } = {},
): Receipt {
  const id = opts.id ?? sha256(new TextEncoder().encode(`receipt ${++receiptCounter}`));
  return {
    predecessorId,
    receiverId,
    receiptId: id,
    receipt: {
      type: 'Action',
      receipt: {
        signerId: opts.signerId ?? predecessorId,
        signerPublicKey: opts.signerPublicKey ?? EMPTY_ED25519,
        gasPrice: opts.gasPrice ?? 1n,
        outputDataReceivers: [],
        inputDataIds: [],
        actions,
      },
    },
  };
}

export interface ApplyOptions {
  config?: RuntimeConfig;
  protocolVersion?: number;
  blockHeight?: bigint;
  gasPrice?: bigint;
  gasLimit?: bigint | null;
  randomSeed?: CryptoHash;
  blockTimestamp?: bigint;
}

/** nearcore's test `ApplyState` over our fields. */
export function applyState(o: ApplyOptions = {}): ApplyState {
  const protocolVersion = o.protocolVersion ?? PROTOCOL_VERSION;
  return {
    blockHeight: o.blockHeight ?? 1n,
    prevBlockHash: ZERO_HASH,
    shardId: 0n,
    epochId: ZERO_HASH,
    epochHeight: 3n,
    gasPrice: o.gasPrice ?? 2n,
    blockTimestamp: o.blockTimestamp ?? 1n,
    gasLimit: o.gasLimit === undefined ? null : o.gasLimit,
    randomSeed: o.randomSeed ?? ZERO_HASH,
    protocolVersion,
    config: o.config ?? testConfig(protocolVersion),
    chainId: 'localnet',
    isNewChunk: true,
    epochInfo: NO_VALIDATORS,
  };
}

export function applyChunk(state: MemoryState, receipts: Receipt[], o: ApplyOptions = {}, transactions: ChunkTransaction[] = []): ApplyResult {
  return apply(state, applyState(o), receipts, transactions);
}

/** The outcome of `id` in a chunk's result. */
export function outcomeOf(result: ApplyResult, id: CryptoHash) {
  const o = result.outcomes.find((x) => x.id.every((b, i) => b === id[i]));
  if (!o) throw new Error('no outcome for this id');
  return o.outcome;
}
