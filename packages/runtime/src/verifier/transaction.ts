/**
 * Transaction verification (nearcore runtime/src/verifier.rs and `ValidatedTransaction::new`):
 * the stateless checks every node can do, then the checks against the signer's account and
 * access key that decide what the signer is charged. Nothing here writes state.
 */
import {
  ACCESS_KEY_NONCE_RANGE_MULTIPLIER,
  KeyType,
  transactionNonce,
  transactionNonceMode,
  type AccessKey,
  type Account,
  type FunctionCallPermission,
  type NonceMode,
  type SignedTransaction,
  type Transaction,
} from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import type { TransactionCost } from '../config/tx-cost.js';
import { featureEnabled } from '../protocol.js';
import type { InvalidAccessKeyErrorData, InvalidTxErrorData } from '../tx-errors.js';
import { validateActions } from './action-validation.js';
import { TRANSACTION_SIGNATURE_VERDICTS } from './signature-verdicts.js';
import { storageStakeShortfall } from './storage-stake.js';

/** A decoded transaction with its hash and borsh size (body only), as nearcore keeps them. */
export interface VerifiableTransaction {
  readonly signed: SignedTransaction;
  readonly hash: Uint8Array;
  /** borsh length of the Transaction body. */
  readonly size: number;
}

function postQuantumInTx(s: SignedTransaction): boolean {
  return s.transaction.publicKey.keyType === KeyType.MLDSA65 || s.signature.keyType === KeyType.MLDSA65;
}

/**
 * nearcore `validate_transaction`: actions, version gates, size, signature. Returns the first
 * failure or null.
 */
export function validateTransaction(config: RuntimeConfig, tx: VerifiableTransaction, protocolVersion: number): InvalidTxErrorData | null {
  const t = tx.signed.transaction;
  const actionsError = validateActions(config.wasmConfig.limitConfig, t.actions, t.receiverId, protocolVersion, 'NewReceipt', config.wasmConfig.submodules);
  if (actionsError) return { kind: 'ActionsValidation', error: actionsError };
  if (t.version === 'V1' && !featureEnabled('GasKeys', protocolVersion)) return { kind: 'InvalidTransactionVersion' };
  if (transactionNonceMode(t) === 'Strict' && !featureEnabled('StrictNonce', protocolVersion)) return { kind: 'InvalidTransactionVersion' };
  if (!featureEnabled('PostQuantumSignatures', protocolVersion) && postQuantumInTx(tx.signed)) return { kind: 'InvalidTransactionVersion' };
  // borsh(Signature) is the key-type byte and the signature bytes (their length fixed by the type).
  const size = BigInt(featureEnabled('PostQuantumSignatures', protocolVersion) ? tx.size + 1 + tx.signed.signature.data.length : tx.size);
  const limit = config.wasmConfig.limitConfig.maxTransactionSize;
  if (size > limit) return { kind: 'TransactionSizeExceeded', size, limit };
  if (!TRANSACTION_SIGNATURE_VERDICTS.verify(tx.hash, tx.signed.signature, t.publicKey)) return { kind: 'InvalidSignature' };
  return null;
}

function functionCallPermission(key: AccessKey): FunctionCallPermission | null {
  const p = key.permission;
  return p.type === 'FunctionCall' || p.type === 'GasKeyFunctionCall' ? p.functionCall : null;
}

function gasKeyInfo(key: AccessKey): { balance: bigint; numNonces: number } | null {
  const p = key.permission;
  return p.type === 'GasKeyFullAccess' || p.type === 'GasKeyFunctionCall' ? p.gasKeyInfo : null;
}

function accessKeyError(error: InvalidAccessKeyErrorData): InvalidTxErrorData {
  return { kind: 'InvalidAccessKeyError', error };
}

/** A function-call key may sign exactly one FunctionCall, without deposit, to its receiver and methods. */
export function checkFunctionCallPermission(permission: FunctionCallPermission, t: Transaction): InvalidTxErrorData | null {
  const action = t.actions.length === 1 ? t.actions[0] : undefined;
  if (action === undefined || action.type !== 'FunctionCall') return accessKeyError({ kind: 'RequiresFullAccess' });
  if (action.deposit > 0n) return accessKeyError({ kind: 'DepositWithFunctionCall' });
  if (t.receiverId !== permission.receiverId) {
    return accessKeyError({ kind: 'ReceiverMismatch', tx_receiver: t.receiverId, ak_receiver: permission.receiverId });
  }
  if (permission.methodNames.length > 0 && !permission.methodNames.includes(action.methodName)) {
    return accessKeyError({ kind: 'MethodNameMismatch', method_name: action.methodName });
  }
  return null;
}

/** nearcore `verify_nonce`: monotonic or strict, then the height-derived upper bound. */
export function checkNonce(txNonce: bigint, current: bigint, blockHeight: bigint | null, mode: NonceMode): InvalidTxErrorData | null {
  if (mode === 'Monotonic' ? txNonce <= current : txNonce !== current + 1n) {
    return { kind: 'InvalidNonce', tx_nonce: txNonce, ak_nonce: current };
  }
  if (blockHeight !== null) {
    const upperBound = blockHeight * ACCESS_KEY_NONCE_RANGE_MULTIPLIER;
    if (txNonce >= upperBound) return { kind: 'NonceTooLarge', tx_nonce: txNonce, upper_bound: upperBound };
  }
  return null;
}

/** What a verified transaction changes: the signer's amount and the key's nonce/allowance/balance. */
export interface VerificationResult {
  newAccountAmount: bigint;
  /** Regular keys: new nonce and allowance; gas keys: new balance and the nonce row to bump. */
  accessKeyUpdate:
    | { kind: 'Regular'; nonce: bigint; newAllowance: bigint | null }
    | { kind: 'GasKey'; newBalance: bigint; nonceIndex: number; nonce: bigint };
}

export type TxVerdict =
  | { kind: 'Success'; result: VerificationResult }
  /** Gas-key transaction whose deposit cannot be paid: the conversion gas is still burnt. */
  | { kind: 'DepositFailed'; result: VerificationResult; error: InvalidTxErrorData }
  | { kind: 'Failed'; error: InvalidTxErrorData };

/** nearcore `verify_and_charge_tx_ephemeral` (regular access keys). */
export function verifyAndChargeRegular(
  config: RuntimeConfig,
  account: Account,
  accessKey: AccessKey,
  t: Transaction,
  cost: TransactionCost,
  blockHeight: bigint | null,
): TxVerdict {
  const gk = gasKeyInfo(accessKey);
  if (gk) return { kind: 'Failed', error: { kind: 'InvalidNonceIndex', tx_nonce_index: null, num_nonces: gk.numNonces } };
  const txNonce = transactionNonce(t).nonce;
  const nonceError = checkNonce(txNonce, accessKey.nonce, blockHeight, transactionNonceMode(t));
  if (nonceError) return { kind: 'Failed', error: nonceError };
  if (account.amount < cost.totalCost) {
    return { kind: 'Failed', error: { kind: 'NotEnoughBalance', signer_id: t.signerId, balance: account.amount, cost: cost.totalCost } };
  }
  const newAmount = account.amount - cost.totalCost;
  let newAllowance: bigint | null = null;
  const fc = functionCallPermission(accessKey);
  if (fc && fc.allowance !== null) {
    if (fc.allowance < cost.totalCost) {
      return {
        kind: 'Failed',
        error: accessKeyError({
          kind: 'NotEnoughAllowance',
          account_id: t.signerId,
          public_key: t.publicKey.toString(),
          allowance: fc.allowance,
          cost: cost.totalCost,
        }),
      };
    }
    newAllowance = fc.allowance - cost.totalCost;
  }
  const shortfall = storageStakeShortfall(account, newAmount, config);
  if (shortfall !== null) return { kind: 'Failed', error: { kind: 'LackBalanceForState', signer_id: t.signerId, amount: shortfall } };
  if (fc) {
    const e = checkFunctionCallPermission(fc, t);
    if (e) return { kind: 'Failed', error: e };
  }
  return { kind: 'Success', result: { newAccountAmount: newAmount, accessKeyUpdate: { kind: 'Regular', nonce: txNonce, newAllowance } } };
}

/** nearcore `verify_and_charge_gas_key_tx_ephemeral`: gas from the key, deposits from the account. */
export function verifyAndChargeGasKey(
  config: RuntimeConfig,
  account: Account,
  accessKey: AccessKey,
  currentNonce: bigint,
  t: Transaction,
  cost: TransactionCost,
  blockHeight: bigint | null,
): TxVerdict {
  const nonce = transactionNonce(t);
  if (nonce.type !== 'GasKeyNonce') throw new Error('verifyAndChargeGasKey needs a gas-key nonce');
  const gk = gasKeyInfo(accessKey);
  if (!gk) {
    return { kind: 'Failed', error: accessKeyError({ kind: 'AccessKeyNotFound', account_id: t.signerId, public_key: t.publicKey.toString() }) };
  }
  if (nonce.nonceIndex >= gk.numNonces) {
    return { kind: 'Failed', error: { kind: 'InvalidNonceIndex', tx_nonce_index: nonce.nonceIndex, num_nonces: gk.numNonces } };
  }
  const nonceError = checkNonce(nonce.nonce, currentNonce, blockHeight, transactionNonceMode(t));
  if (nonceError) return { kind: 'Failed', error: nonceError };
  if (gk.balance < cost.gasCost) {
    return { kind: 'Failed', error: { kind: 'NotEnoughGasKeyBalance', signer_id: t.signerId, balance: gk.balance, cost: cost.gasCost } };
  }
  const newKeyBalance = gk.balance - cost.gasCost;
  if (gk.balance < cost.burntAmount) {
    return { kind: 'Failed', error: { kind: 'NotEnoughGasKeyBalance', signer_id: t.signerId, balance: gk.balance, cost: cost.burntAmount } };
  }
  const onDepositFailure = gk.balance - cost.burntAmount;
  const fc = functionCallPermission(accessKey);
  if (fc) {
    const e = checkFunctionCallPermission(fc, t);
    if (e) return { kind: 'Failed', error: e };
  }
  const make = (amount: bigint, keyBalance: bigint): VerificationResult => ({
    newAccountAmount: amount,
    accessKeyUpdate: { kind: 'GasKey', newBalance: keyBalance, nonceIndex: nonce.nonceIndex, nonce: nonce.nonce },
  });
  if (account.amount < cost.depositCost) {
    return {
      kind: 'DepositFailed',
      result: make(account.amount, onDepositFailure),
      error: {
        kind: 'NotEnoughBalanceForDeposit',
        signer_id: t.signerId,
        balance: account.amount,
        cost: cost.depositCost,
        reason: 'NotEnoughBalance',
      },
    };
  }
  const newAmount = account.amount - cost.depositCost;
  const shortfall = storageStakeShortfall(account, newAmount, config);
  if (shortfall !== null) {
    return {
      kind: 'DepositFailed',
      result: make(account.amount, onDepositFailure),
      error: { kind: 'NotEnoughBalanceForDeposit', signer_id: t.signerId, balance: newAmount, cost: shortfall, reason: 'LackBalanceForState' },
    };
  }
  return { kind: 'Success', result: make(newAmount, newKeyBalance) };
}

/** Writes a verification result into the (copied) account and access key. */
export function applyVerification(result: VerificationResult, account: Account, accessKey: AccessKey): void {
  account.amount = result.newAccountAmount;
  const u = result.accessKeyUpdate;
  if (u.kind === 'Regular') {
    accessKey.nonce = u.nonce;
    const p = accessKey.permission;
    if (u.newAllowance !== null && (p.type === 'FunctionCall' || p.type === 'GasKeyFunctionCall')) {
      accessKey.permission = { ...p, functionCall: { ...p.functionCall, allowance: u.newAllowance } };
    }
  } else {
    const p = accessKey.permission;
    if (p.type === 'GasKeyFullAccess' || p.type === 'GasKeyFunctionCall') {
      accessKey.permission = { ...p, gasKeyInfo: { ...p.gasKeyInfo, balance: u.newBalance } };
    }
  }
}
