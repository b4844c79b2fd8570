/**
 * Delegate actions (NEP-366 meta transactions, DelegateV2; nearcore actions.rs
 * `apply_delegate_action`): the relayer's receipt carries an action signed by the sender; it is
 * checked against the sender's access key and turned into a receipt from the sender.
 */
import {
  ACCESS_KEY_NONCE_RANGE_MULTIPLIER,
  ZERO_HASH,
  type AccessKey,
  type Receipt,
} from '@nearts/primitives';
import { execFee } from '@nearts/runtime-fees';
import { totalPrepaidExecFees, totalPrepaidGas, totalPrepaidSendFees } from '../config/tx-cost.js';
import { delegateInner, type DelegateView } from '../delegate-view.js';
import { StorageInconsistentError } from '../errors.js';
import { featureEnabled } from '../protocol.js';
import { getAccessKey, getGasKeyNonce, setAccessKey, setGasKeyNonce } from '../state/accessors.js';
import type { InvalidAccessKeyErrorData } from '../tx-errors.js';
import type { ActionContext } from './context.js';
import { actionError, type ActionResult } from './result.js';

function keyError(result: ActionResult, error: InvalidAccessKeyErrorData): void {
  result.result = actionError({ kind: 'DelegateActionAccessKeyError', error });
}

function gasKeyInfo(k: AccessKey): { numNonces: number } | null {
  const p = k.permission;
  return p.type === 'GasKeyFullAccess' || p.type === 'GasKeyFunctionCall' ? p.gasKeyInfo : null;
}

/** nearcore `validate_delegate_action_key`: key exists, nonce fresh and in range, permission allows. */
function validateDelegateKey(ctx: ActionContext, d: DelegateView, result: ActionResult): void {
  const rc = ctx.rc;
  const senderId = d.senderId;
  const accessKey = getAccessKey(rc.state, senderId, d.publicKey);
  if (accessKey === undefined) {
    keyError(result, { kind: 'AccessKeyNotFound', account_id: senderId, public_key: d.publicKey.toString() });
    return;
  }
  let current: bigint;
  let gasKeyIndex: number | null = null;
  const info = gasKeyInfo(accessKey);
  if (d.nonce.type === 'Nonce') {
    if (info) {
      keyError(result, { kind: 'DelegateActionRequiresNonGasKey' });
      return;
    }
    current = accessKey.nonce;
  } else {
    if (!info) {
      keyError(result, { kind: 'DelegateActionRequiresGasKey' });
      return;
    }
    if (d.nonce.nonceIndex >= info.numNonces) {
      result.result = actionError({ kind: 'DelegateActionInvalidNonceIndex', nonce_index: d.nonce.nonceIndex, num_nonces: info.numNonces });
      return;
    }
    const row = getGasKeyNonce(rc.state, senderId, d.publicKey, d.nonce.nonceIndex);
    if (row === undefined) throw new StorageInconsistentError(`gas key nonce row missing for ${senderId} at index ${d.nonce.nonceIndex}`);
    current = row;
    gasKeyIndex = d.nonce.nonceIndex;
  }
  const nonce = d.nonce.nonce;
  if (nonce <= current) {
    result.result = actionError({ kind: 'DelegateActionInvalidNonce', delegate_nonce: nonce, ak_nonce: current });
    return;
  }
  const upperBound = rc.apply.blockHeight * ACCESS_KEY_NONCE_RANGE_MULTIPLIER;
  if (nonce >= upperBound) {
    result.result = actionError({ kind: 'DelegateActionNonceTooLarge', delegate_nonce: nonce, upper_bound: upperBound });
    return;
  }
  const p = accessKey.permission;
  if (p.type === 'FunctionCall' || p.type === 'GasKeyFunctionCall') {
    const fc = p.functionCall;
    const only = d.actions.length === 1 ? d.actions[0] : undefined;
    if (only === undefined || only.type !== 'FunctionCall') {
      keyError(result, { kind: 'RequiresFullAccess' });
      return;
    }
    if (only.deposit > 0n) {
      keyError(result, { kind: 'DepositWithFunctionCall' });
      // Before the fix the later checks could overwrite this error.
      if (featureEnabled('FixDelegateActionDepositWithFunctionCallError', rc.apply.protocolVersion)) return;
    }
    if (d.receiverId !== fc.receiverId) {
      keyError(result, { kind: 'ReceiverMismatch', tx_receiver: d.receiverId, ak_receiver: fc.receiverId });
      return;
    }
    if (fc.methodNames.length > 0 && !fc.methodNames.includes(only.methodName)) {
      keyError(result, { kind: 'MethodNameMismatch', method_name: only.methodName });
      return;
    }
  }
  if (gasKeyIndex === null) setAccessKey(rc.state, senderId, d.publicKey, { ...accessKey, nonce });
  else setGasKeyNonce(rc.state, senderId, d.publicKey, gasKeyIndex, nonce);
}

export function actionDelegate(ctx: ActionContext, result: ActionResult): void {
  const rc = ctx.rc;
  const d = delegateInner(ctx.action);
  const receiverId = rc.receipt.receiverId;
  if (!d.verify()) {
    result.result = actionError({ kind: 'DelegateActionInvalidSignature' });
    return;
  }
  if (rc.apply.blockHeight > d.maxBlockHeight) {
    result.result = actionError({ kind: 'DelegateActionExpired' });
    return;
  }
  if (d.senderId !== receiverId) {
    result.result = actionError({ kind: 'DelegateActionSenderDoesNotMatchTxReceiver', sender_id: d.senderId, receiver_id: receiverId });
    return;
  }
  validateDelegateKey(ctx, d, result);
  if (!result.result.ok) return;

  const ar = rc.actionReceipt;
  const inner: Receipt = {
    predecessorId: receiverId,
    receiverId: d.receiverId,
    receiptId: ZERO_HASH,
    receipt: {
      type: 'Action',
      receipt: {
        signerId: ar.signerId,
        signerPublicKey: ar.signerPublicKey,
        gasPrice: ar.gasPrice,
        outputDataReceivers: [],
        inputDataIds: [],
        actions: [...d.actions],
      },
    },
  };
  const config = rc.apply.config;
  // The relayer prepaid the inner send fees: burn them now. The inner receipt's execution is
  // reserved (used, not burnt) so it is not refunded.
  const prepaidSend = totalPrepaidSendFees(config, ar.actions);
  const required =
    totalPrepaidExecFees(config, d.actions, d.receiverId).gas + totalPrepaidGas(d.actions) + execFee(config.fees.actionFees.new_action_receipt).gas;
  result.gasUsed += required + prepaidSend.gas;
  result.gasBurnt += prepaidSend.gas;
  result.computeUsage += prepaidSend.compute;
  result.newReceipts.push(inner);
}
