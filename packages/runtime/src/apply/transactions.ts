/**
 * Transactions of a chunk (nearcore lib.rs `process_transactions`): each is validated, charged
 * and turned into one action receipt, or gets a failure outcome and changes nothing. A receipt
 * to the signer itself is executed in this chunk (local receipt); any other is outgoing.
 */
import {
  createReceiptIdFromTransaction,
  latin1,
  transactionNonce,
  type Account,
  type AccessKey,
} from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import { transactionCost, type TransactionCost } from '../config/tx-cost.js';
import { IntegerOverflowError } from '../math.js';
import { featureEnabled } from '../protocol.js';
import { receiptFromTransaction } from '../receipts.js';
import { getAccessKey, getAccount, getGasKeyNonce, setAccessKey, setAccount, setGasKeyNonce } from '../state/accessors.js';
import type { InvalidTxErrorData } from '../tx-errors.js';
import {
  applyVerification,
  validateTransaction,
  verifyAndChargeGasKey,
  verifyAndChargeRegular,
  type TxVerdict,
  type VerifiableTransaction,
} from '../verifier/transaction.js';
import type { Processing } from './processing.js';
import type { ExecutionOutcomeWithId } from './types.js';

/** A transaction of the chunk and whether it is still inside its validity period. */
export interface ChunkTransaction {
  readonly tx: VerifiableTransaction;
  /** False: the block hash it references is unknown or too old → `Expired`. */
  readonly withinValidityPeriod: boolean;
  /**
   * Set when `validateTransaction(config, tx, protocolVersion)` already returned null for this
   * very object, which nothing can have changed since (the chain sets it for a transaction it
   * decoded from bytes and checked on submission): if they are this chunk's config (the same
   * object) and protocol version, the chunk does not validate it statelessly again.
   */
  readonly validatedWith?: StatelessValidation;
}

/** The config and protocol version a transaction was validated with (see `ChunkTransaction`). */
export interface StatelessValidation {
  readonly config: RuntimeConfig;
  readonly protocolVersion: number;
}

export function failedTxOutcome(tx: VerifiableTransaction, error: InvalidTxErrorData, gasBurnt = 0n, tokensBurnt = 0n): ExecutionOutcomeWithId {
  return {
    id: tx.hash,
    outcome: {
      logs: [],
      receiptIds: [],
      gasBurnt,
      computeUsage: gasBurnt,
      tokensBurnt,
      executorId: tx.signed.transaction.signerId,
      status: { kind: 'Failure', error: { kind: 'InvalidTxError', error } },
      metadata: { version: 1 },
    },
  };
}


export function processTransactions(p: Processing, txs: readonly ChunkTransaction[]): void {
  const apply = p.apply;
  const config = apply.config;
  const seen = new Set<string>();
  // Like nearcore's prefetched maps: a signer's account/key as updated by earlier txs of the chunk.
  const accounts = new Map<string, Account | undefined>();
  const keys = new Map<string, AccessKey | undefined>();
  const nonces = new Map<string, bigint | undefined>();

  for (const { tx, withinValidityPeriod, validatedWith } of txs) {
    const id = latin1(tx.hash);
    // UniqueChunkTransactions: a repeated hash gets no second outcome.
    if (featureEnabled('UniqueChunkTransactions', apply.protocolVersion) && seen.has(id)) continue;
    seen.add(id);
    const t = tx.signed.transaction;
    const validated = validatedWith !== undefined && validatedWith.config === config && validatedWith.protocolVersion === apply.protocolVersion;
    const validation = !withinValidityPeriod ? { kind: 'Expired' as const } : validated ? null : validateTransaction(config, tx, apply.protocolVersion);
    if (validation) {
      p.outcomes.push(failedTxOutcome(tx, validation));
      continue;
    }
    let cost: TransactionCost;
    try {
      cost = transactionCost(config, t.signerId, t.receiverId, t.publicKey, t.actions, apply.gasPrice);
    } catch (e) {
      if (!(e instanceof IntegerOverflowError)) throw e;
      p.outcomes.push(failedTxOutcome(tx, { kind: 'CostOverflow' }));
      continue;
    }
    if (!accounts.has(t.signerId)) accounts.set(t.signerId, getAccount(p.state, t.signerId));
    const account = accounts.get(t.signerId);
    if (account === undefined) {
      p.outcomes.push(failedTxOutcome(tx, { kind: 'InvalidSignerId', signer_id: t.signerId }));
      continue;
    }
    // Account ids hold no space; the key bytes' length is fixed by the key type.
    const keyId = `${t.signerId} ${t.publicKey.keyType} ${latin1(t.publicKey.data)}`;
    if (!keys.has(keyId)) keys.set(keyId, getAccessKey(p.state, t.signerId, t.publicKey));
    const accessKey = keys.get(keyId);
    if (accessKey === undefined) {
      p.outcomes.push(
        failedTxOutcome(tx, {
          kind: 'InvalidAccessKeyError',
          error: { kind: 'AccessKeyNotFound', account_id: t.signerId, public_key: t.publicKey.toString() },
        }),
      );
      continue;
    }
    const nonce = transactionNonce(t);
    let verdict: TxVerdict;
    if (nonce.type === 'GasKeyNonce') {
      const nonceId = `${keyId} ${nonce.nonceIndex}`;
      if (!nonces.has(nonceId)) nonces.set(nonceId, getGasKeyNonce(p.state, t.signerId, t.publicKey, nonce.nonceIndex));
      const current = nonces.get(nonceId);
      if (current === undefined) {
        const p2 = accessKey.permission;
        const numNonces = p2.type === 'GasKeyFullAccess' || p2.type === 'GasKeyFunctionCall' ? p2.gasKeyInfo.numNonces : 0;
        p.outcomes.push(failedTxOutcome(tx, { kind: 'InvalidNonceIndex', tx_nonce_index: nonce.nonceIndex, num_nonces: numNonces }));
        continue;
      }
      verdict = verifyAndChargeGasKey(config, account, accessKey, current, t, cost, apply.blockHeight);
    } else {
      verdict = verifyAndChargeRegular(config, account, accessKey, t, cost, apply.blockHeight);
    }
    if (verdict.kind === 'Failed') {
      p.outcomes.push(failedTxOutcome(tx, verdict.error));
      continue;
    }
    let outcome: ExecutionOutcomeWithId;
    if (verdict.kind === 'DepositFailed') {
      outcome = failedTxOutcome(tx, verdict.error, cost.gasBurnt, cost.burntAmount);
    } else {
      const receiptId = createReceiptIdFromTransaction(tx.hash, apply.blockHeight);
      const receipt = receiptFromTransaction(receiptId, t.signerId, t.receiverId, t.publicKey, cost.receiptGasPrice, [...t.actions]);
      outcome = {
        id: tx.hash,
        outcome: {
          logs: [],
          receiptIds: [receiptId],
          gasBurnt: cost.gasBurnt,
          computeUsage: cost.computeBurnt,
          tokensBurnt: cost.burntAmount,
          executorId: t.signerId,
          status: { kind: 'SuccessReceiptId', receiptId },
          metadata: { version: 1 },
        },
      };
      if (t.receiverId === t.signerId) p.local.push(receipt);
      else p.outgoing.push(receipt);
    }
    p.stats.txBurntAmount += outcome.outcome.tokensBurnt;
    p.total.gas += outcome.outcome.gasBurnt;
    p.total.compute += outcome.outcome.computeUsage;
    p.outcomes.push(outcome);

    applyVerification(verdict.result, account, accessKey);
    setAccount(p.state, t.signerId, account);
    const u = verdict.result.accessKeyUpdate;
    if (u.kind === 'GasKey') {
      setGasKeyNonce(p.state, t.signerId, t.publicKey, u.nonceIndex, u.nonce);
      nonces.set(`${keyId} ${u.nonceIndex}`, u.nonce);
    }
    setAccessKey(p.state, t.signerId, t.publicKey, accessKey);
    p.state.commit();
  }
}
