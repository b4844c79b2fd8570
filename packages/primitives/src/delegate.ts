/**
 * Meta-transactions: `DelegateAction` (NEP-366, Action tag 8) and `DelegateActionV2`
 * (NEP-611 gas keys, protocol 85, Action tag 14), and the NEP-461 signable-message hashing used
 * to sign them.
 */
import { AccountIdCodec, type AccountId } from './account-id.js';
import { BorshWriter } from './borsh/writer.js';
import { U64Codec, readField, type Codec } from './borsh/codec.js';
import { BorshError } from './borsh/errors.js';
import type { BorshReader } from './borsh/reader.js';
import { NonDelegateActionCodec, type Action } from './action.js';
import { PublicKeyCodec, SignatureCodec, type PublicKey, type Signature } from './keys.js';
import { sha256, type CryptoHash } from './hash.js';
import { TransactionNonceCodec, type TransactionNonce } from './transaction-nonce.js';
import type { BlockHeight, Nonce } from './units.js';

export interface DelegateAction {
  senderId: AccountId;
  receiverId: AccountId;
  /** Never Delegate / DelegateV2. */
  actions: Action[];
  nonce: Nonce;
  maxBlockHeight: BlockHeight;
  publicKey: PublicKey;
}

export interface SignedDelegateAction {
  delegateAction: DelegateAction;
  signature: Signature;
}

/** Like DelegateAction but the nonce can address one of a gas key's nonces. */
export interface DelegateActionV2 {
  senderId: AccountId;
  receiverId: AccountId;
  actions: Action[];
  nonce: TransactionNonce;
  maxBlockHeight: BlockHeight;
  publicKey: PublicKey;
}

/** `VersionedDelegateActionPayload` (tag 0 = V2, the only version). */
export interface VersionedDelegateActionPayload {
  version: 'V2';
  delegateAction: DelegateActionV2;
}

export interface VersionedSignedDelegateAction {
  payload: VersionedDelegateActionPayload;
  signature: Signature;
}

/** NEP-461: on-chain actionable messages are prefixed with u32 `2^30 + NEP number`. */
export const NEP461_ON_CHAIN_BASE = 1 << 30;
export const DELEGATE_ACTION_MESSAGE_DISCRIMINANT = NEP461_ON_CHAIN_BASE + 366;
export const DELEGATE_ACTION_V2_MESSAGE_DISCRIMINANT = NEP461_ON_CHAIN_BASE + 611;

function writeActions(w: BorshWriter, actions: Action[]): void {
  w.u32(actions.length);
  for (const a of actions) NonDelegateActionCodec.write(w, a);
}

function readActions(r: BorshReader): Action[] {
  try {
    const n = r.length(1, 'Vec<NonDelegateAction>');
    const out: Action[] = new Array(n);
    for (let i = 0; i < n; i++) {
      try {
        out[i] = NonDelegateActionCodec.read(r);
      } catch (e) {
        if (e instanceof BorshError) e.addPath(`[${i}]`);
        throw e;
      }
    }
    return out;
  } catch (e) {
    if (e instanceof BorshError) e.addPath('actions');
    throw e;
  }
}

export const DelegateActionCodec: Codec<DelegateAction> = {
  name: 'DelegateAction',
  minSize: 4 + 4 + 4 + 8 + 8 + 33,
  write: (w, v) => {
    AccountIdCodec.write(w, v.senderId);
    AccountIdCodec.write(w, v.receiverId);
    writeActions(w, v.actions);
    w.u64(v.nonce);
    w.u64(v.maxBlockHeight);
    PublicKeyCodec.write(w, v.publicKey);
  },
  read: (r) => ({
    senderId: readField(r, 'sender_id', AccountIdCodec),
    receiverId: readField(r, 'receiver_id', AccountIdCodec),
    actions: readActions(r),
    nonce: readField(r, 'nonce', U64Codec),
    maxBlockHeight: readField(r, 'max_block_height', U64Codec),
    publicKey: readField(r, 'public_key', PublicKeyCodec),
  }),
};

export const SignedDelegateActionCodec: Codec<SignedDelegateAction> = {
  name: 'SignedDelegateAction',
  minSize: DelegateActionCodec.minSize + 65,
  write: (w, v) => {
    DelegateActionCodec.write(w, v.delegateAction);
    SignatureCodec.write(w, v.signature);
  },
  read: (r) => ({
    delegateAction: readField(r, 'delegate_action', DelegateActionCodec),
    signature: readField(r, 'signature', SignatureCodec),
  }),
};

export const DelegateActionV2Codec: Codec<DelegateActionV2> = {
  name: 'DelegateActionV2',
  minSize: 4 + 4 + 4 + 9 + 8 + 33,
  write: (w, v) => {
    AccountIdCodec.write(w, v.senderId);
    AccountIdCodec.write(w, v.receiverId);
    writeActions(w, v.actions);
    TransactionNonceCodec.write(w, v.nonce);
    w.u64(v.maxBlockHeight);
    PublicKeyCodec.write(w, v.publicKey);
  },
  read: (r) => ({
    senderId: readField(r, 'sender_id', AccountIdCodec),
    receiverId: readField(r, 'receiver_id', AccountIdCodec),
    actions: readActions(r),
    nonce: readField(r, 'nonce', TransactionNonceCodec),
    maxBlockHeight: readField(r, 'max_block_height', U64Codec),
    publicKey: readField(r, 'public_key', PublicKeyCodec),
  }),
};

export const VersionedDelegateActionPayloadCodec: Codec<VersionedDelegateActionPayload> = {
  name: 'VersionedDelegateActionPayload',
  minSize: 1 + DelegateActionV2Codec.minSize,
  write: (w, v) => {
    w.u8(0);
    DelegateActionV2Codec.write(w, v.delegateAction);
  },
  read: (r) => {
    r.tag('VersionedDelegateActionPayload', 1);
    return { version: 'V2', delegateAction: readField(r, 'V2', DelegateActionV2Codec) };
  },
};

export const VersionedSignedDelegateActionCodec: Codec<VersionedSignedDelegateAction> = {
  name: 'VersionedSignedDelegateAction',
  minSize: VersionedDelegateActionPayloadCodec.minSize + 65,
  write: (w, v) => {
    VersionedDelegateActionPayloadCodec.write(w, v.payload);
    SignatureCodec.write(w, v.signature);
  },
  read: (r) => ({
    payload: readField(r, 'delegate_action', VersionedDelegateActionPayloadCodec),
    signature: readField(r, 'signature', SignatureCodec),
  }),
};

/** The bytes that are hashed and signed: u32 LE discriminant ‖ borsh(message). */
function signable<T>(discriminant: number, codec: Codec<T>, value: T): Uint8Array {
  const w = new BorshWriter();
  w.u32(discriminant);
  codec.write(w, value);
  return w.finish();
}

/** NEP-461 message bytes of a DelegateAction (what @near-js `encodeDelegateAction` returns). */
export function delegateActionSignableBytes(d: DelegateAction): Uint8Array {
  return signable(DELEGATE_ACTION_MESSAGE_DISCRIMINANT, DelegateActionCodec, d);
}

/** `DelegateAction::get_nep461_hash`: sha256(u32 LE (2^30 + 366) ‖ borsh(DelegateAction)). */
export function delegateActionHash(d: DelegateAction): CryptoHash {
  return sha256(delegateActionSignableBytes(d));
}

/** sha256(u32 LE (2^30 + 611) ‖ borsh(VersionedDelegateActionPayload)). */
export function delegateActionV2Hash(p: VersionedDelegateActionPayload): CryptoHash {
  return sha256(signable(DELEGATE_ACTION_V2_MESSAGE_DISCRIMINANT, VersionedDelegateActionPayloadCodec, p));
}
