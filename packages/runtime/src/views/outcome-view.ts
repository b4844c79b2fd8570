/**
 * nearcore's RPC JSON for outcomes (core/primitives/src/views.rs): `ExecutionOutcomeView`,
 * `ExecutionOutcomeWithIdView`, `FinalExecutionStatus`, `FinalExecutionOutcomeView`. u64 values
 * are bigint (written as exact JSON numbers by `stringifyJson`), u128 decimal strings, hashes
 * base58, values base64.
 */
import {
  hashToBase58,
  signedTransactionView,
  type AccountContract,
  type CryptoHash,
  type JsonValue,
  type SignedTransaction,
} from '@nearts/primitives';
import { gasProfileView as profileView, type ProfileDataV3 } from '@nearts/vm-logic';
import type { ExecutionMetadata, ExecutionOutcome, ExecutionOutcomeWithId, ExecutionStatus } from '../apply/types.js';
import { txExecutionErrorToJson, type TxExecutionErrorData } from '../tx-errors.js';

const base64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

export function executionStatusView(s: ExecutionStatus): JsonValue {
  switch (s.kind) {
    case 'Unknown':
      return 'Unknown';
    case 'Failure':
      return { Failure: txExecutionErrorToJson(s.error) as unknown as JsonValue };
    case 'SuccessValue':
      return { SuccessValue: base64(s.value) };
    case 'SuccessReceiptId':
      return { SuccessReceiptId: hashToBase58(s.receiptId) };
  }
}

/** Gas profile entries as the RPC shows them (vm-logic owns the profile and its view). */
export function gasProfileView(profile: ProfileDataV3): JsonValue[] {
  return profileView(profile) as unknown as JsonValue[];
}

function contractView(c: AccountContract): JsonValue {
  switch (c.type) {
    case 'None':
      return null;
    case 'Local':
      return { local: hashToBase58(c.hash) };
    case 'Global':
      return { global_hash: hashToBase58(c.hash) };
    case 'GlobalByAccount':
      return { global_account_id: c.accountId };
  }
}

export function executionMetadataView(m: ExecutionMetadata): JsonValue {
  if (m.version === 1) return { version: 1, gas_profile: null };
  if (m.version === 3) return { version: 3, gas_profile: gasProfileView(m.profile) };
  return { version: 4, gas_profile: gasProfileView(m.profile), contracts: m.contracts.map(contractView) };
}

export function executionOutcomeView(o: ExecutionOutcome): JsonValue {
  return {
    logs: o.logs,
    receipt_ids: o.receiptIds.map(hashToBase58),
    gas_burnt: o.gasBurnt,
    tokens_burnt: o.tokensBurnt.toString(),
    executor_id: o.executorId,
    status: executionStatusView(o.status),
    metadata: executionMetadataView(o.metadata),
  };
}

export function executionOutcomeWithIdView(o: ExecutionOutcomeWithId, blockHash: CryptoHash): JsonValue {
  return {
    proof: [],
    block_hash: hashToBase58(blockHash),
    id: hashToBase58(o.id),
    outcome: executionOutcomeView(o.outcome),
  };
}

export type FinalExecutionStatus =
  | { kind: 'NotStarted' }
  | { kind: 'Started' }
  | { kind: 'Failure'; error: TxExecutionErrorData }
  | { kind: 'SuccessValue'; value: Uint8Array };

export function finalExecutionStatusView(s: FinalExecutionStatus): JsonValue {
  switch (s.kind) {
    case 'NotStarted':
    case 'Started':
      return s.kind;
    case 'Failure':
      return { Failure: txExecutionErrorToJson(s.error) as unknown as JsonValue };
    case 'SuccessValue':
      return { SuccessValue: base64(s.value) };
  }
}

/**
 * nearcore `get_execution_status`: follow `SuccessReceiptId` links from the transaction through
 * the outcomes (in depth-first order) to the first value or failure.
 */
export function finalExecutionStatus(outcomes: readonly ExecutionOutcomeWithId[], txHash: CryptoHash): FinalExecutionStatus {
  if (outcomes.length === 0) return { kind: 'NotStarted' };
  let looking = hashToBase58(txHash);
  for (const o of outcomes) {
    if (hashToBase58(o.id) !== looking) continue;
    const s = o.outcome.status;
    switch (s.kind) {
      case 'Unknown':
        return outcomes.length === 1 ? { kind: 'NotStarted' } : { kind: 'Started' };
      case 'Failure':
        return { kind: 'Failure', error: s.error };
      case 'SuccessValue':
        return { kind: 'SuccessValue', value: s.value };
      case 'SuccessReceiptId':
        looking = hashToBase58(s.receiptId);
    }
  }
  return { kind: 'Started' };
}

export interface FinalExecutionOutcome {
  status: FinalExecutionStatus;
  transaction: SignedTransaction;
  transactionHash: CryptoHash;
  transactionOutcome: { outcome: ExecutionOutcomeWithId; blockHash: CryptoHash };
  receiptsOutcome: Array<{ outcome: ExecutionOutcomeWithId; blockHash: CryptoHash }>;
}

export function finalExecutionOutcomeView(f: FinalExecutionOutcome): JsonValue {
  return {
    status: finalExecutionStatusView(f.status),
    transaction: signedTransactionView(f.transaction, f.transactionHash),
    transaction_outcome: executionOutcomeWithIdView(f.transactionOutcome.outcome, f.transactionOutcome.blockHash),
    receipts_outcome: f.receiptsOutcome.map((r) => executionOutcomeWithIdView(r.outcome, r.blockHash)),
  };
}
