/**
 * Access-key actions (nearcore runtime/src/access_keys.rs): AddKey and DeleteKey for regular keys
 * and gas keys (with their nonce rows), TransferToGasKey and WithdrawFromGasKey.
 */
import { AccessKeyCodec, encode, type AccessKey, type PublicKey } from '@nearts/primitives';
import type { RuntimeConfig } from '@nearts/runtime-fees';
import { accessKeyKeyLen, publicKeyTrieIdLen, NONCE_VALUE_LEN } from '../config/tx-cost.js';
import { StorageInconsistentError } from '../errors.js';
import { U128_MAX } from '../math.js';
import { getAccessKey, removeAccessKey, removeGasKeyNonce, setAccessKey, setGasKeyNonce } from '../state/accessors.js';
import type { ActionContext } from './context.js';
import { actionError, type ActionResult } from './result.js';
import { GAS_KEY_MAX_BALANCE_TO_BURN, initialNonceValue } from './account.js';

/** Compute of removing `count` storage entries (nearcore `storage_removes_compute`). */
export function storageRemovesCompute(config: RuntimeConfig, count: bigint, keyBytes: bigint, valueBytes: bigint): bigint {
  const ext = config.wasmConfig.extCosts;
  return (
    ext.storage_remove_base.compute * count +
    ext.storage_remove_key_byte.compute * keyBytes +
    ext.storage_remove_ret_value_byte.compute * valueBytes
  );
}

function accessKeyStorageUsage(config: RuntimeConfig, publicKey: PublicKey, accessKey: AccessKey): bigint {
  return publicKeyTrieIdLen(publicKey) + BigInt(encode(AccessKeyCodec, accessKey).length) + config.fees.storageUsageConfig.numExtraBytesRecord;
}

function gasKeyStorageUsage(config: RuntimeConfig, publicKey: PublicKey, accessKey: AccessKey, numNonces: number): bigint {
  const perNonce = publicKeyTrieIdLen(publicKey) + 2n + NONCE_VALUE_LEN + config.fees.storageUsageConfig.numExtraBytesRecord;
  return BigInt(numNonces) * perNonce + accessKeyStorageUsage(config, publicKey, accessKey);
}

function gasKeyInfoOf(k: AccessKey): { balance: bigint; numNonces: number } | null {
  const p = k.permission;
  return p.type === 'GasKeyFullAccess' || p.type === 'GasKeyFunctionCall' ? p.gasKeyInfo : null;
}

function withGasKeyBalance(k: AccessKey, balance: bigint): AccessKey {
  const p = k.permission;
  if (p.type !== 'GasKeyFullAccess' && p.type !== 'GasKeyFunctionCall') return k;
  return { ...k, permission: { ...p, gasKeyInfo: { ...p.gasKeyInfo, balance } } };
}

export function actionAddKey(ctx: ActionContext, result: ActionResult, publicKey: PublicKey, accessKey: AccessKey): void {
  const rc = ctx.rc;
  const accountId = rc.receipt.receiverId;
  const account = rc.account!;
  const config = rc.apply.config;
  if (getAccessKey(rc.state, accountId, publicKey) !== undefined) {
    result.result = actionError({ kind: 'AddKeyAlreadyExists', account_id: accountId, public_key: publicKey.toString() });
    return;
  }
  const info = gasKeyInfoOf(accessKey);
  if (info) {
    // A gas key's own nonce is unused; each nonce index gets a row.
    const stored: AccessKey = { ...accessKey, nonce: 0n };
    setAccessKey(rc.state, accountId, publicKey, stored);
    const nonce = initialNonceValue(rc.apply.blockHeight);
    for (let i = 0; i < info.numNonces; i++) setGasKeyNonce(rc.state, accountId, publicKey, i, nonce);
    account.storageUsage += gasKeyStorageUsage(config, publicKey, stored, info.numNonces);
    return;
  }
  const stored: AccessKey = { ...accessKey, nonce: initialNonceValue(rc.apply.blockHeight) };
  setAccessKey(rc.state, accountId, publicKey, stored);
  account.storageUsage += accessKeyStorageUsage(config, publicKey, stored);
}

export function actionDeleteKey(ctx: ActionContext, result: ActionResult, publicKey: PublicKey): void {
  const rc = ctx.rc;
  const accountId = rc.receipt.receiverId;
  const account = rc.account!;
  const config = rc.apply.config;
  const accessKey = getAccessKey(rc.state, accountId, publicKey);
  if (accessKey === undefined) {
    result.result = actionError({ kind: 'DeleteKeyDoesNotExist', account_id: accountId, public_key: publicKey.toString() });
    return;
  }
  const info = gasKeyInfoOf(accessKey);
  let usage: bigint;
  if (info) {
    if (info.balance > GAS_KEY_MAX_BALANCE_TO_BURN) {
      result.result = actionError({ kind: 'GasKeyBalanceTooHigh', account_id: accountId, public_key: publicKey.toString(), balance: info.balance });
      return;
    }
    result.tokensBurnt += info.balance;
    for (let i = 0; i < info.numNonces; i++) removeGasKeyNonce(rc.state, accountId, publicKey, i);
    const n = BigInt(info.numNonces);
    const nonceKeyLen = accessKeyKeyLen(BigInt(Buffer.byteLength(accountId)), publicKeyTrieIdLen(publicKey)) + 2n;
    result.computeUsage += storageRemovesCompute(config, n, nonceKeyLen * n, NONCE_VALUE_LEN * n);
    usage = gasKeyStorageUsage(config, publicKey, accessKey, info.numNonces);
  } else {
    usage = accessKeyStorageUsage(config, publicKey, accessKey);
  }
  removeAccessKey(rc.state, accountId, publicKey);
  account.storageUsage = account.storageUsage > usage ? account.storageUsage - usage : 0n;
}

export function actionTransferToGasKey(ctx: ActionContext, result: ActionResult, publicKey: PublicKey, deposit: bigint): void {
  const rc = ctx.rc;
  const accountId = rc.receipt.receiverId;
  const ak = getAccessKey(rc.state, accountId, publicKey);
  const info = ak ? gasKeyInfoOf(ak) : null;
  if (!ak || !info) {
    result.result = actionError({ kind: 'GasKeyDoesNotExist', account_id: accountId, public_key: publicKey.toString() });
    return;
  }
  const balance = info.balance + deposit;
  if (balance > U128_MAX) throw new StorageInconsistentError('gas key balance integer overflow');
  setAccessKey(rc.state, accountId, publicKey, withGasKeyBalance(ak, balance));
}

export function actionWithdrawFromGasKey(ctx: ActionContext, result: ActionResult, publicKey: PublicKey, amount: bigint): void {
  const rc = ctx.rc;
  const accountId = rc.receipt.receiverId;
  const account = rc.account!;
  const ak = getAccessKey(rc.state, accountId, publicKey);
  const info = ak ? gasKeyInfoOf(ak) : null;
  if (!ak || !info) {
    result.result = actionError({ kind: 'GasKeyDoesNotExist', account_id: accountId, public_key: publicKey.toString() });
    return;
  }
  if (info.balance < amount) {
    result.result = actionError({
      kind: 'InsufficientGasKeyBalance',
      account_id: accountId,
      public_key: publicKey.toString(),
      balance: info.balance,
      required: amount,
    });
    return;
  }
  setAccessKey(rc.state, accountId, publicKey, withGasKeyBalance(ak, info.balance - amount));
  const newAmount = account.amount + amount;
  if (newAmount > U128_MAX) throw new StorageInconsistentError('Account balance integer overflow');
  account.amount = newAmount;
}
