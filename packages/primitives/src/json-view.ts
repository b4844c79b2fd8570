/**
 * nearcore's RPC JSON shapes for transactions and actions (`views.rs`): u128 amounts as decimal
 * strings, byte strings (code, args) as base64, keys/signatures as `ed25519:<base58>`, hashes
 * as base58. u64 fields (nonce, gas, heights) stay bigint in the view objects and
 * `stringifyJson` writes them as exact JSON numbers, which is what nearcore emits.
 *
 * The ActionView shapes of protocol ≤ 77 actions follow nearcore exactly; the JSON of the gas-key
 * permission views and of DeterministicStateInit's code identifier is best effort.
 */
import type { AccessKey, AccessKeyPermission, FunctionCallPermission } from './access-key.js';
import { localCodeHash, type Account } from './account.js';
import type { Action } from './action.js';
import type { DelegateAction, DelegateActionV2 } from './delegate.js';
import type { GlobalContractIdentifier } from './global-contract.js';
import { hashToBase58, type CryptoHash } from './hash.js';
import type { SignedTransaction } from './transaction.js';
import type { SubmodulePolicy } from './submodule.js';
import type { TransactionNonce } from './transaction-nonce.js';

export type JsonValue = string | number | bigint | boolean | null | JsonValue[] | { [k: string]: JsonValue };

const base64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

/** JSON.stringify where bigint values are written as exact number literals. */
export function stringifyJson(value: JsonValue, space?: number): string {
  const marker = '\u0000bigint:';
  const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? marker + v.toString() : v), space);
  return text.replace(/"\\u0000bigint:(\d+)"/g, '$1');
}

function functionCallPermissionJson(p: FunctionCallPermission): JsonValue {
  return {
    allowance: p.allowance === null ? null : p.allowance.toString(),
    receiver_id: p.receiverId,
    method_names: p.methodNames,
  };
}

/** `AccessKeyPermission` as serde writes it (inside `Action` JSON). */
function permissionJson(p: AccessKeyPermission): JsonValue {
  switch (p.type) {
    case 'FullAccess':
      return 'FullAccess';
    case 'FunctionCall':
      return { FunctionCall: functionCallPermissionJson(p.functionCall) };
    case 'GasKeyFunctionCall':
      return {
        GasKeyFunctionCall: [
          { balance: p.gasKeyInfo.balance.toString(), num_nonces: p.gasKeyInfo.numNonces },
          functionCallPermissionJson(p.functionCall),
        ],
      };
    case 'GasKeyFullAccess':
      return { GasKeyFullAccess: { balance: p.gasKeyInfo.balance.toString(), num_nonces: p.gasKeyInfo.numNonces } };
  }
}

/** `AccessKeyView` (RPC `view_access_key`, ActionView::AddKey). */
export function accessKeyView(k: AccessKey): JsonValue {
  const p = k.permission;
  let permission: JsonValue;
  switch (p.type) {
    case 'FullAccess':
      permission = 'FullAccess';
      break;
    case 'FunctionCall':
      permission = { FunctionCall: functionCallPermissionJson(p.functionCall) };
      break;
    case 'GasKeyFunctionCall':
      permission = {
        GasKeyFunctionCall: {
          balance: p.gasKeyInfo.balance.toString(),
          num_nonces: p.gasKeyInfo.numNonces,
          ...(functionCallPermissionJson(p.functionCall) as Record<string, JsonValue>),
        },
      };
      break;
    case 'GasKeyFullAccess':
      permission = { GasKeyFullAccess: { balance: p.gasKeyInfo.balance.toString(), num_nonces: p.gasKeyInfo.numNonces } };
      break;
  }
  return { nonce: k.nonce, permission };
}

function identifierJson(id: GlobalContractIdentifier): JsonValue {
  return id.type === 'CodeHash' ? { CodeHash: hashToBase58(id.hash) } : { AccountId: id.accountId };
}

function stateInitDataJson(data: Array<[Uint8Array, Uint8Array]>): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of data) out[base64(k)] = base64(v);
  return out;
}

function nonceJson(n: TransactionNonce): JsonValue {
  return n.type === 'Nonce' ? { Nonce: { nonce: n.nonce } } : { GasKeyNonce: { nonce: n.nonce, nonce_index: n.nonceIndex } };
}

function delegateActionJson(d: DelegateAction | DelegateActionV2, v2: boolean): JsonValue {
  return {
    sender_id: d.senderId,
    receiver_id: d.receiverId,
    actions: d.actions.map(actionJson),
    nonce: v2 ? nonceJson(d.nonce as TransactionNonce) : (d.nonce as bigint),
    max_block_height: d.maxBlockHeight,
    public_key: d.publicKey.toString(),
  };
}

/** `Action` as serde writes it (e.g. the inner actions of a delegate action). */
export function actionJson(a: Action): JsonValue {
  switch (a.type) {
    case 'CreateAccount':
      return { CreateAccount: {} };
    case 'DeployContract':
      return { DeployContract: { code: base64(a.code) } };
    case 'FunctionCall':
      return { FunctionCall: { method_name: a.methodName, args: base64(a.args), gas: a.gas, deposit: a.deposit.toString() } };
    case 'Transfer':
      return { Transfer: { deposit: a.deposit.toString() } };
    case 'Stake':
      return { Stake: { stake: a.stake.toString(), public_key: a.publicKey.toString() } };
    case 'AddKey':
      return { AddKey: { public_key: a.publicKey.toString(), access_key: { nonce: a.accessKey.nonce, permission: permissionJson(a.accessKey.permission) } } };
    case 'DeleteKey':
      return { DeleteKey: { public_key: a.publicKey.toString() } };
    case 'DeleteAccount':
      return { DeleteAccount: { beneficiary_id: a.beneficiaryId } };
    case 'Delegate':
      return { Delegate: { delegate_action: delegateActionJson(a.delegateAction, false), signature: a.signature.toString() } };
    case 'DeployGlobalContract':
      return { DeployGlobalContract: { code: base64(a.code), deploy_mode: a.deployMode } };
    case 'UseGlobalContract':
      return { UseGlobalContract: { contract_identifier: identifierJson(a.contractIdentifier) } };
    case 'DeterministicStateInit':
      return {
        DeterministicStateInit: {
          state_init: { V1: { code: identifierJson(a.stateInit.code), data: stateInitDataJson(a.stateInit.data) } },
          deposit: a.deposit.toString(),
        },
      };
    case 'TransferToGasKey':
      return { TransferToGasKey: { public_key: a.publicKey.toString(), deposit: a.deposit.toString() } };
    case 'WithdrawFromGasKey':
      return { WithdrawFromGasKey: { public_key: a.publicKey.toString(), amount: a.amount.toString() } };
    case 'DelegateV2':
      return {
        DelegateV2: {
          delegate_action: { V2: delegateActionJson(a.payload.delegateAction, true) },
          signature: a.signature.toString(),
        },
      };
    // The submodules extension (nearts only; nearcore has no such views).
    case 'DeploySubmodule':
      return { DeploySubmodule: { key: base64(a.key), code: base64(a.code), policy: submodulePolicyJson(a.policy) } };
    case 'DeleteSubmodule':
      return { DeleteSubmodule: { key: base64(a.key) } };
  }
}

function submodulePolicyJson(p: SubmodulePolicy): JsonValue {
  return {
    storage: p.storage.type === 'WholeAccount' ? 'WholeAccount' : { Prefix: base64(p.storage.prefix) },
    parent_exports: [...p.parentExports],
    host_functions: [...p.hostFunctions],
  };
}

/** `ActionView` (RPC transaction / receipt views). */
export function actionView(a: Action): JsonValue {
  switch (a.type) {
    case 'CreateAccount':
      return 'CreateAccount';
    case 'DeployContract':
      return { DeployContract: { code: base64(a.code) } };
    case 'FunctionCall':
      return { FunctionCall: { method_name: a.methodName, args: base64(a.args), gas: a.gas, deposit: a.deposit.toString() } };
    case 'AddKey':
      return { AddKey: { public_key: a.publicKey.toString(), access_key: accessKeyView(a.accessKey) } };
    case 'DeployGlobalContract':
      return a.deployMode === 'CodeHash'
        ? { DeployGlobalContract: { code: base64(a.code) } }
        : { DeployGlobalContractByAccountId: { code: base64(a.code) } };
    case 'UseGlobalContract':
      return a.contractIdentifier.type === 'CodeHash'
        ? { UseGlobalContract: { code_hash: hashToBase58(a.contractIdentifier.hash) } }
        : { UseGlobalContractByAccountId: { account_id: a.contractIdentifier.accountId } };
    case 'DeterministicStateInit':
      return {
        DeterministicStateInit: {
          code: identifierJson(a.stateInit.code),
          data: stateInitDataJson(a.stateInit.data),
          deposit: a.deposit.toString(),
        },
      };
    default:
      return actionJson(a);
  }
}

/** `SignedTransactionView` (e.g. the `transaction` field of an RPC tx status result). */
export function signedTransactionView(s: SignedTransaction, hash: CryptoHash): JsonValue {
  const t = s.transaction;
  const view: Record<string, JsonValue> = {
    signer_id: t.signerId,
    public_key: t.publicKey.toString(),
    nonce: t.version === 'V0' ? t.nonce : t.nonce.nonce,
    receiver_id: t.receiverId,
    actions: t.actions.map(actionView),
    priority_fee: 0,
    signature: s.signature.toString(),
    hash: hashToBase58(hash),
  };
  if (t.version === 'V1') {
    if (t.nonce.type === 'GasKeyNonce') view.nonce_index = t.nonce.nonceIndex;
    view.nonce_mode = t.nonceMode === 'Monotonic' ? 'monotonic' : 'strict';
  }
  return view;
}

/**
 * `AccountView` (RPC `view_account`): balances as strings, the local code hash (all-zero
 * "111…1" when there is none), and the global contract reference when there is one.
 */
export function accountView(a: Account): JsonValue {
  const view: Record<string, JsonValue> = {
    amount: a.amount.toString(),
    locked: a.locked.toString(),
    code_hash: hashToBase58(localCodeHash(a)),
    storage_usage: a.storageUsage,
    storage_paid_at: 0,
  };
  if (a.contract.type === 'Global') view.global_contract_hash = hashToBase58(a.contract.hash);
  if (a.contract.type === 'GlobalByAccount') view.global_contract_account_id = a.contract.accountId;
  return view;
}
