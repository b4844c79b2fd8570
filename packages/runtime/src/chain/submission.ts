/**
 * What the RPC does with a transaction before it enters a block: decode it (reporting bad account
 * ids as InvalidTxError), then validate it statelessly and against the signer's current account
 * and access key. Nothing is written.
 */
import { decodeSignedTransaction, type BorshExtensions, type DecodedSignedTransaction } from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import type { State } from '@nearts/store';
import { transactionCost, type TransactionCost } from '../config/tx-cost.js';
import { IntegerOverflowError } from '../math.js';
import { getAccessKey, getAccount, getGasKeyNonce } from '../state/accessors.js';
import { InvalidTxError, type InvalidTxErrorData } from '../tx-errors.js';
import {
  validateTransaction,
  verifyAndChargeGasKey,
  verifyAndChargeRegular,
  type TxVerdict,
  type VerifiableTransaction,
} from '../verifier/transaction.js';

/** `extensions`: the protocol extensions the chain runs with (none: exactly protocol behaviour). */
export function decodeTransaction(bytes: Uint8Array, extensions?: BorshExtensions): VerifiableTransaction {
  let decoded: DecodedSignedTransaction;
  try {
    decoded = decodeSignedTransaction(bytes, extensions);
  } catch (e) {
    const err = e as { reason?: string; path?: string[]; cause?: { accountId?: string } };
    if (err.reason === 'invalid_account_id') {
      const id = err.cause?.accountId ?? '';
      const path = err.path ?? [];
      if (path.includes('receiver_id')) throw new InvalidTxError({ kind: 'InvalidReceiverId', receiver_id: id });
      if (path.includes('signer_id')) throw new InvalidTxError({ kind: 'InvalidSignerId', signer_id: id });
    }
    throw e;
  }
  return { signed: decoded.signedTransaction, hash: decoded.hash, size: decoded.size };
}

export interface CheckContext {
  config: RuntimeConfig;
  protocolVersion: number;
  /** The state of the signer's shard. */
  state: State;
  /** Price of the block the transaction would enter. */
  gasPrice: bigint;
  /** Height of the block the transaction would enter (bounds the nonce). */
  blockHeight: bigint;
}

/** Throws `InvalidTxError` unless the transaction would be accepted against `ctx.state`. */
export function checkTransactionAgainstState(tx: VerifiableTransaction, ctx: CheckContext): void {
  const t = tx.signed.transaction;
  const fail = (e: InvalidTxErrorData): never => {
    throw new InvalidTxError(e);
  };
  const stateless = validateTransaction(ctx.config, tx, ctx.protocolVersion);
  if (stateless) fail(stateless);
  const account = getAccount(ctx.state, t.signerId);
  if (account === undefined) return fail({ kind: 'SignerDoesNotExist', signer_id: t.signerId });
  const accessKey = getAccessKey(ctx.state, t.signerId, t.publicKey);
  if (accessKey === undefined) {
    return fail({ kind: 'InvalidAccessKeyError', error: { kind: 'AccessKeyNotFound', account_id: t.signerId, public_key: t.publicKey.toString() } });
  }
  let cost: TransactionCost;
  try {
    cost = transactionCost(ctx.config, t.signerId, t.receiverId, t.publicKey, t.actions, ctx.gasPrice);
  } catch (e) {
    if (e instanceof IntegerOverflowError) return fail({ kind: 'CostOverflow' });
    throw e;
  }
  let verdict: TxVerdict;
  if (t.version === 'V1' && t.nonce.type === 'GasKeyNonce') {
    const current = getGasKeyNonce(ctx.state, t.signerId, t.publicKey, t.nonce.nonceIndex);
    if (current === undefined) {
      const p = accessKey.permission;
      const numNonces = p.type === 'GasKeyFullAccess' || p.type === 'GasKeyFunctionCall' ? p.gasKeyInfo.numNonces : 0;
      return fail({ kind: 'InvalidNonceIndex', tx_nonce_index: t.nonce.nonceIndex, num_nonces: numNonces });
    }
    verdict = verifyAndChargeGasKey(ctx.config, account, accessKey, current, t, cost, ctx.blockHeight);
  } else {
    verdict = verifyAndChargeRegular(ctx.config, account, accessKey, t, cost, ctx.blockHeight);
  }
  if (verdict.kind !== 'Success') fail(verdict.error);
}
