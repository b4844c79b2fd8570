/**
 * Receipt validation (nearcore verifier.rs `validate_receipt`): new receipts a contract creates
 * (size limit, ids, actions) and receipts arriving from elsewhere (same checks minus size).
 */
import { encodedLength, isValidAccountId, ReceiptCodec, type Receipt } from '@nearts/primitives';
import type { LimitConfig, SubmoduleConfig } from '@nearts/runtime-fees';
import type { ReceiptValidationErrorData } from '../tx-errors.js';
import { validateActions, type ValidateMode } from './action-validation.js';
import { STATE_EXTENSIONS } from '../extensions/submodules.js';

/** `submodules`: the submodules extension's parameters when it is on. */
export function validateReceipt(
  limits: LimitConfig,
  receipt: Receipt,
  protocolVersion: number,
  mode: ValidateMode,
  submodules?: SubmoduleConfig,
): ReceiptValidationErrorData | null {
  if (mode === 'NewReceipt') {
    const size = BigInt(encodedLength(ReceiptCodec, receipt, submodules === undefined ? undefined : STATE_EXTENSIONS));
    if (size > limits.maxReceiptSize) return { kind: 'ReceiptSizeExceeded', size, limit: limits.maxReceiptSize };
  }
  if (!isValidAccountId(receipt.predecessorId)) return { kind: 'InvalidPredecessorId', account_id: receipt.predecessorId };
  if (!isValidAccountId(receipt.receiverId)) return { kind: 'InvalidReceiverId', account_id: receipt.receiverId };
  const e = receipt.receipt;
  switch (e.type) {
    case 'Action':
    case 'PromiseYield':
    case 'ActionV2':
    case 'PromiseYieldV2': {
      const r = e.receipt;
      // A number and a bigint compare exactly: no BigInt unless it goes into the error.
      if (r.inputDataIds.length > limits.maxNumberInputDataDependencies) {
        return { kind: 'NumberInputDataDependenciesExceeded', number_of_input_data_dependencies: BigInt(r.inputDataIds.length), limit: limits.maxNumberInputDataDependencies };
      }
      if ('refundTo' in r && r.refundTo !== null && !isValidAccountId(r.refundTo)) return { kind: 'InvalidRefundTo', account_id: r.refundTo };
      const a = validateActions(limits, r.actions, receipt.receiverId, protocolVersion, mode, submodules);
      return a ? { kind: 'ActionsValidation', error: a } : null;
    }
    case 'Data':
    case 'PromiseResume': {
      const length = BigInt(e.receipt.data?.length ?? 0);
      return length > limits.maxLengthReturnedData ? { kind: 'ReturnedValueLengthExceeded', length, limit: limits.maxLengthReturnedData } : null;
    }
    case 'GlobalContractDistribution':
      return null;
  }
}
