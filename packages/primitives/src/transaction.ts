/**
 * Transactions. `Transaction` V0 (what clients send today) has no version byte; V1 (protocol 85,
 * gas keys / strict nonces) is the byte 0x01 followed by the V1 struct. The decoder tells them
 * apart the way nearcore does: a V0 transaction starts with the u32 length of the signer id,
 * whose second byte is always 0 (ids are ≤ 64 bytes); a V1 starts with 0x01 and then that length,
 * so its second byte is non-zero.
 *
 * The transaction hash is sha256(borsh(Transaction)) — for V1 including the version byte — and
 * the signature signs that hash. It is not part of the hash.
 */
import { AccountIdCodec, type AccountId } from './account-id.js';
import { ActionCodec, type Action } from './action.js';
import { U64Codec, readField, vecCodec, encode, decode, type Codec } from './borsh/codec.js';
import { BorshError } from './borsh/errors.js';
import type { BorshExtensions } from './borsh/extensions.js';
import type { BorshReader } from './borsh/reader.js';
import type { BorshWriter } from './borsh/writer.js';
import { CryptoHashCodec, sha256, type CryptoHash } from './hash.js';
import { PublicKeyCodec, SignatureCodec, type PublicKey, type Signature } from './keys.js';
import {
  NonceModeCodec,
  TransactionNonceCodec,
  type NonceMode,
  type TransactionNonce,
} from './transaction-nonce.js';
import type { Nonce } from './units.js';
import { verifySignature } from './verify.js';

export interface TransactionV0 {
  version: 'V0';
  signerId: AccountId;
  publicKey: PublicKey;
  nonce: Nonce;
  receiverId: AccountId;
  blockHash: CryptoHash;
  actions: Action[];
}

export interface TransactionV1 {
  version: 'V1';
  signerId: AccountId;
  publicKey: PublicKey;
  nonce: TransactionNonce;
  receiverId: AccountId;
  blockHash: CryptoHash;
  actions: Action[];
  nonceMode: NonceMode;
}

export type Transaction = TransactionV0 | TransactionV1;

export interface SignedTransaction {
  transaction: Transaction;
  signature: Signature;
}

const ActionsCodec = vecCodec(ActionCodec);

function writeV0Body(w: BorshWriter, t: TransactionV0): void {
  AccountIdCodec.write(w, t.signerId);
  PublicKeyCodec.write(w, t.publicKey);
  w.u64(t.nonce);
  AccountIdCodec.write(w, t.receiverId);
  CryptoHashCodec.write(w, t.blockHash);
  ActionsCodec.write(w, t.actions);
}

function writeV1Body(w: BorshWriter, t: TransactionV1): void {
  AccountIdCodec.write(w, t.signerId);
  PublicKeyCodec.write(w, t.publicKey);
  TransactionNonceCodec.write(w, t.nonce);
  AccountIdCodec.write(w, t.receiverId);
  CryptoHashCodec.write(w, t.blockHash);
  ActionsCodec.write(w, t.actions);
  NonceModeCodec.write(w, t.nonceMode);
}

function readV0Body(r: BorshReader): TransactionV0 {
  return {
    version: 'V0',
    signerId: readField(r, 'signer_id', AccountIdCodec),
    publicKey: readField(r, 'public_key', PublicKeyCodec),
    nonce: readField(r, 'nonce', U64Codec),
    receiverId: readField(r, 'receiver_id', AccountIdCodec),
    blockHash: readField(r, 'block_hash', CryptoHashCodec),
    actions: readField(r, 'actions', ActionsCodec),
  };
}

function readV1Body(r: BorshReader): TransactionV1 {
  return {
    version: 'V1',
    signerId: readField(r, 'signer_id', AccountIdCodec),
    publicKey: readField(r, 'public_key', PublicKeyCodec),
    nonce: readField(r, 'nonce', TransactionNonceCodec),
    receiverId: readField(r, 'receiver_id', AccountIdCodec),
    blockHash: readField(r, 'block_hash', CryptoHashCodec),
    actions: readField(r, 'actions', ActionsCodec),
    nonceMode: readField(r, 'nonce_mode', NonceModeCodec),
  };
}

export const TransactionCodec: Codec<Transaction> = {
  name: 'Transaction',
  minSize: 4 + 33 + 8 + 4 + 32 + 4,
  write: (w, t) => {
    if (t.version === 'V0') writeV0Body(w, t);
    else {
      w.u8(1);
      writeV1Body(w, t);
    }
  },
  read: (r) => {
    const at = r.offset;
    const b0 = r.peek(0);
    const b1 = r.peek(1);
    if (b0 < 0 || b1 < 0) {
      throw new BorshError('truncated', `need 2 bytes to tell the transaction version, ${r.remaining} left`, at);
    }
    if (b1 === 0) return readV0Body(r);
    if (b0 === 1) {
      r.u8();
      try {
        return readV1Body(r);
      } catch (e) {
        if (e instanceof BorshError) e.addPath('V1');
        throw e;
      }
    }
    throw new BorshError('bad_enum_tag', `unknown Transaction version tag ${b0}`, at);
  },
};

export const SignedTransactionCodec: Codec<SignedTransaction> = {
  name: 'SignedTransaction',
  minSize: TransactionCodec.minSize + 65,
  write: (w, s) => {
    TransactionCodec.write(w, s.transaction);
    SignatureCodec.write(w, s.signature);
  },
  read: (r) => ({
    transaction: readField(r, 'transaction', TransactionCodec),
    signature: readField(r, 'signature', SignatureCodec),
  }),
};

/** The nonce as a TransactionNonce whatever the version. */
export function transactionNonce(t: Transaction): TransactionNonce {
  return t.version === 'V0' ? { type: 'Nonce', nonce: t.nonce } : t.nonce;
}

export function transactionNonceMode(t: Transaction): NonceMode {
  return t.version === 'V0' ? 'Monotonic' : t.nonceMode;
}

/** sha256(borsh(Transaction)); `extensions`: protocol extensions whose actions may appear. */
export function transactionHash(t: Transaction, extensions?: BorshExtensions): CryptoHash {
  return sha256(encode(TransactionCodec, t, extensions));
}

/** Hash and borsh size of the transaction body (nearcore `get_hash_and_size`). */
export function transactionHashAndSize(t: Transaction, extensions?: BorshExtensions): { hash: CryptoHash; size: number } {
  const bytes = encode(TransactionCodec, t, extensions);
  return { hash: sha256(bytes), size: bytes.length };
}

/**
 * A decoded signed transaction together with the facts nearcore caches on it (`init`): the hash
 * and borsh size of the transaction. Like nearcore, these come from re-encoding the decoded
 * value, so a non-canonical input (e.g. an unsorted state-init map) hashes as its canonical form.
 */
export interface DecodedSignedTransaction {
  signedTransaction: SignedTransaction;
  hash: CryptoHash;
  /** borsh length of the Transaction (nearcore `get_size`). */
  size: number;
  /** borsh length of Transaction + Signature (nearcore `wire_size`). */
  wireSize: number;
}

/**
 * Decodes a SignedTransaction (all bytes must be consumed) and computes its hash and sizes.
 * `extensions`: protocol extensions whose actions may appear (none by default).
 */
export function decodeSignedTransaction(bytes: Uint8Array, extensions?: BorshExtensions): DecodedSignedTransaction {
  const signedTransaction = decode(SignedTransactionCodec, bytes, extensions);
  const signatureSize = 1 + signedTransaction.signature.data.length;
  // The input's body bytes are the re-encoding whenever every part of the transaction decodes
  // canonically (one encoding per value); then re-encoding it again would only cost time.
  const txBytes = canonicalBody(signedTransaction.transaction)
    ? bytes.subarray(0, bytes.length - signatureSize)
    : encode(TransactionCodec, signedTransaction.transaction, extensions);
  return {
    signedTransaction,
    hash: sha256(txBytes),
    size: txBytes.length,
    wireSize: txBytes.length + signatureSize,
  };
}

/**
 * Actions whose fields are all canonical in borsh: integers, fixed-size keys, account ids,
 * strings (strict UTF-8, BOM kept) and byte vectors. Not listed, so always re-encoded: access
 * keys, delegate actions (nested transactions), global contracts, state-init maps (decoding
 * sorts them) and extension actions.
 */
const CANONICAL_ACTIONS: ReadonlySet<Action['type']> = new Set<Action['type']>([
  'CreateAccount',
  'DeployContract',
  'FunctionCall',
  'Transfer',
  'Stake',
  'DeleteKey',
  'DeleteAccount',
  'TransferToGasKey',
  'WithdrawFromGasKey',
]);

/** A V0 transaction of canonical actions: its decoded bytes are exactly its encoding. */
function canonicalBody(t: Transaction): boolean {
  if (t.version !== 'V0') return false;
  for (const a of t.actions) if (!CANONICAL_ACTIONS.has(a.type)) return false;
  return true;
}

/** True when the signature signs sha256(borsh(transaction)) under the transaction's key. */
export function verifySignedTransaction(s: SignedTransaction, hash: CryptoHash = transactionHash(s.transaction)): boolean {
  return verifySignature(hash, s.signature, s.transaction.publicKey);
}
