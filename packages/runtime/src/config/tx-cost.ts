/**
 * What actions, receipts and transactions cost in gas and tokens (nearcore runtime/src/config.rs).
 *
 * Send fees are burnt when a receipt is created; execution fees are reserved then and burnt when
 * the receipt is applied. Every amount is a bigint; u64/u128 overflow is reported as
 * `IntegerOverflowError` exactly where nearcore's checked arithmetic would fail.
 */
import {
  accountType,
  encode,
  isDelegateAction,
  SubmodulePolicyCodec,
  KeyType,
  type AccessKeyPermission,
  type AccountId,
  type Action,
  type PublicKey,
} from '@nearts/primitives';
import {
  addCosts,
  execFee,
  sendFee,
  transferExecFee,
  transferSendFee,
  type ParameterCost,
  type RuntimeConfig,
  type RuntimeFeesConfig,
} from '@nearts/runtime-fees';
import { delegateInner } from '../delegate-view.js';
import { submoduleConfig } from '../extensions/submodules.js';
import { checkedAddU128, checkedMulU128, IntegerOverflowError, U64_MAX } from '../math.js';

export const ZERO_COST: ParameterCost = { gas: 0n, compute: 0n };

/** borsh length of `GasKeyInfo` (u128 balance + u16 nonce count). */
const GAS_KEY_INFO_BORSH_LEN = 18n;
/** borsh length of `AccessKey { nonce: 0, permission: GasKeyFullAccess(..) }`. */
const MIN_GAS_KEY_BORSH_LEN = 8n + 1n + GAS_KEY_INFO_BORSH_LEN;
/** A gas-key nonce row holds a u64. */
export const NONCE_VALUE_LEN = 8n;

/** Length of a key's on-trie identifier: tag byte + key (ML-DSA-65 keys are stored as a 32-byte hash). */
export function publicKeyTrieIdLen(key: PublicKey): bigint {
  return key.keyType === KeyType.MLDSA65 ? 33n : BigInt(key.data.length + 1);
}

/** Length of `0x02 ‖ account ‖ 0x02 ‖ key id`. */
export function accessKeyKeyLen(accountIdLen: bigint, publicKeyLen: bigint): bigint {
  return 1n + accountIdLen + 1n + publicKeyLen;
}

function utf8Len(s: string): bigint {
  return BigInt(Buffer.byteLength(s, 'utf8'));
}

function mulCost(c: ParameterCost, n: bigint): ParameterCost {
  return { gas: c.gas * n, compute: c.compute * n };
}

/** Gas arithmetic stays within u64 as in nearcore (a larger sum is an overflow). */
function checkedAddCost(a: ParameterCost, b: ParameterCost): ParameterCost {
  const gas = a.gas + b.gas;
  const compute = a.compute + b.compute;
  if (gas > U64_MAX || compute > U64_MAX) throw new IntegerOverflowError();
  return { gas, compute };
}

function baseAndBytes(fees: RuntimeFeesConfig, base: keyof RuntimeFeesConfig['actionFees'], byte: keyof RuntimeFeesConfig['actionFees'], bytes: bigint, sir: boolean | null): ParameterCost {
  const b = sir === null ? execFee(fees.actionFees[base]) : sendFee(fees.actionFees[base], sir);
  const p = sir === null ? execFee(fees.actionFees[byte]) : sendFee(fees.actionFees[byte], sir);
  return addCosts(b, mulCost(p, bytes));
}

/** Method-name bytes of a function-call key, each counted with a terminating byte. */
function methodNameBytes(permission: AccessKeyPermission): bigint {
  if (permission.type !== 'FunctionCall' && permission.type !== 'GasKeyFunctionCall') return 0n;
  let n = 0n;
  for (const m of permission.functionCall.methodNames) n += utf8Len(m) + 1n;
  return n;
}

function isFunctionCallPermission(p: AccessKeyPermission): boolean {
  return p.type === 'FunctionCall' || p.type === 'GasKeyFunctionCall';
}

function permissionSendFee(fees: RuntimeFeesConfig, p: AccessKeyPermission, sir: boolean): ParameterCost {
  let cost = isFunctionCallPermission(p)
    ? baseAndBytes(fees, 'add_function_call_key_base', 'add_function_call_key_byte', methodNameBytes(p), sir)
    : sendFee(fees.actionFees.add_full_access_key, sir);
  if (p.type === 'GasKeyFullAccess' || p.type === 'GasKeyFunctionCall') {
    cost = addCosts(cost, mulCost(sendFee(fees.actionFees.gas_key_byte, sir), GAS_KEY_INFO_BORSH_LEN));
  }
  return cost;
}

function permissionExecFee(fees: RuntimeFeesConfig, p: AccessKeyPermission, accountId: AccountId, key: PublicKey): ParameterCost {
  let cost = isFunctionCallPermission(p)
    ? baseAndBytes(fees, 'add_function_call_key_base', 'add_function_call_key_byte', methodNameBytes(p), null)
    : execFee(fees.actionFees.add_full_access_key);
  if (p.type === 'GasKeyFullAccess' || p.type === 'GasKeyFunctionCall') {
    const n = BigInt(p.gasKeyInfo.numNonces);
    const nonceKeyLen = accessKeyKeyLen(utf8Len(accountId), publicKeyTrieIdLen(key)) + 2n;
    const base = mulCost(execFee(fees.actionFees.gas_key_nonce_write_base), n);
    const perByte = mulCost(execFee(fees.actionFees.gas_key_byte), (nonceKeyLen + NONCE_VALUE_LEN) * n);
    cost = addCosts(cost, addCosts(base, perByte));
  }
  return cost;
}

function gasKeyTransferSendFee(fees: RuntimeFeesConfig, sir: boolean, key: PublicKey): ParameterCost {
  return addCosts(
    sendFee(fees.actionFees.gas_key_transfer_base, sir),
    mulCost(sendFee(fees.actionFees.gas_key_byte, sir), publicKeyTrieIdLen(key)),
  );
}

function gasKeyTransferExecFee(fees: RuntimeFeesConfig, receiverId: AccountId, key: PublicKey): ParameterCost {
  const keyLen = accessKeyKeyLen(utf8Len(receiverId), publicKeyTrieIdLen(key));
  return addCosts(
    execFee(fees.actionFees.gas_key_transfer_base),
    mulCost(execFee(fees.actionFees.gas_key_byte), keyLen + MIN_GAS_KEY_BORSH_LEN),
  );
}

function stateInitBytes(a: Extract<Action, { type: 'DeterministicStateInit' }>): bigint {
  let n = 0n;
  for (const [k, v] of a.stateInit.data) n += BigInt(k.length + v.length);
  return n;
}

/** Bytes a DeploySubmodule is charged per: key + code + borsh(policy). */
function deploySubmoduleBytes(a: Extract<Action, { type: 'DeploySubmodule' }>): bigint {
  return BigInt(a.key.length + a.code.length + encode(SubmodulePolicyCodec, a.policy).length);
}

/** Fee of a submodule action (extension): base + per byte, send (sir) or execution (sir = null). */
function submoduleActionFee(config: RuntimeConfig, a: Extract<Action, { type: 'DeploySubmodule' | 'DeleteSubmodule' }>, sir: boolean | null): ParameterCost {
  const s = submoduleConfig(config);
  const [base, perByte, bytes] =
    a.type === 'DeploySubmodule' ? [s.deployFee, s.deployPerByteFee, deploySubmoduleBytes(a)] : [s.deleteFee, s.deletePerByteFee, BigInt(a.key.length)];
  const pick = (f: typeof base) => (sir === null ? execFee(f) : sendFee(f, sir));
  return addCosts(pick(base), mulCost(pick(perByte), bytes));
}

function globalIdLen(a: Extract<Action, { type: 'UseGlobalContract' }>): bigint {
  const id = a.contractIdentifier;
  return id.type === 'CodeHash' ? 32n : utf8Len(id.accountId);
}

/** Σ send fees of `actions` (nearcore `total_send_fees`); delegate actions include their inner actions. */
export function totalSendFees(config: RuntimeConfig, sir: boolean, actions: readonly Action[], receiverId: AccountId): ParameterCost {
  const fees = config.fees;
  let total = ZERO_COST;
  for (const a of actions) {
    let delta: ParameterCost;
    switch (a.type) {
      case 'CreateAccount':
        delta = sendFee(fees.actionFees.create_account, sir);
        break;
      case 'DeployContract':
        delta = baseAndBytes(fees, 'deploy_contract_base', 'deploy_contract_byte', BigInt(a.code.length), sir);
        break;
      case 'FunctionCall':
        delta = baseAndBytes(fees, 'function_call_base', 'function_call_byte', utf8Len(a.methodName) + BigInt(a.args.length), sir);
        break;
      case 'Transfer':
        delta = transferSendFee(fees, sir, config.wasmConfig.ethImplicitAccounts, accountType(receiverId));
        break;
      case 'TransferToGasKey':
      case 'WithdrawFromGasKey':
        delta = gasKeyTransferSendFee(fees, sir, a.publicKey);
        break;
      case 'Stake':
        delta = sendFee(fees.actionFees.stake, sir);
        break;
      case 'AddKey':
        delta = permissionSendFee(fees, a.accessKey.permission, sir);
        break;
      case 'DeleteKey':
        delta = sendFee(fees.actionFees.delete_key, sir);
        break;
      case 'DeleteAccount':
        delta = sendFee(fees.actionFees.delete_account, sir);
        break;
      case 'Delegate':
      case 'DelegateV2': {
        const inner = delegateInner(a);
        delta = addCosts(sendFee(fees.actionFees.delegate, sir), totalSendFees(config, sir, inner.actions, inner.receiverId));
        break;
      }
      case 'DeployGlobalContract':
        delta = baseAndBytes(fees, 'deploy_global_contract_base', 'deploy_global_contract_byte', BigInt(a.code.length), sir);
        break;
      case 'UseGlobalContract':
        delta = baseAndBytes(fees, 'use_global_contract_base', 'use_global_contract_byte', globalIdLen(a), sir);
        break;
      case 'DeterministicStateInit':
        delta = addCosts(
          baseAndBytes(fees, 'deterministic_state_init_base', 'deterministic_state_init_byte', stateInitBytes(a), sir),
          mulCost(sendFee(fees.actionFees.deterministic_state_init_entry, sir), BigInt(a.stateInit.data.length)),
        );
        break;
      case 'DeploySubmodule':
      case 'DeleteSubmodule':
        delta = submoduleActionFee(config, a, sir);
        break;
    }
    total = checkedAddCost(total, delta);
  }
  return total;
}

/** Send fees of delegate actions' inner actions, which the relayer prepays (nearcore `total_prepaid_send_fees`). */
export function totalPrepaidSendFees(config: RuntimeConfig, actions: readonly Action[]): ParameterCost {
  let total = ZERO_COST;
  for (const a of actions) {
    if (!isDelegateAction(a)) continue;
    const inner = delegateInner(a);
    total = checkedAddCost(total, totalSendFees(config, inner.senderId === inner.receiverId, inner.actions, inner.receiverId));
  }
  return total;
}

/** Execution fee of one action (nearcore `exec_fee`). */
export function actionExecFee(config: RuntimeConfig, a: Action, receiverId: AccountId): ParameterCost {
  const fees = config.fees;
  switch (a.type) {
    case 'CreateAccount':
      return execFee(fees.actionFees.create_account);
    case 'DeployContract':
      return baseAndBytes(fees, 'deploy_contract_base', 'deploy_contract_byte', BigInt(a.code.length), null);
    case 'FunctionCall':
      return baseAndBytes(fees, 'function_call_base', 'function_call_byte', utf8Len(a.methodName) + BigInt(a.args.length), null);
    case 'Transfer':
      return transferExecFee(fees, config.wasmConfig.ethImplicitAccounts, accountType(receiverId));
    case 'Stake':
      return execFee(fees.actionFees.stake);
    case 'AddKey':
      return permissionExecFee(fees, a.accessKey.permission, receiverId, a.publicKey);
    case 'DeleteKey':
      return execFee(fees.actionFees.delete_key);
    case 'DeleteAccount':
      return execFee(fees.actionFees.delete_account);
    case 'Delegate':
    case 'DelegateV2':
      return execFee(fees.actionFees.delegate);
    case 'DeployGlobalContract':
      return baseAndBytes(fees, 'deploy_global_contract_base', 'deploy_global_contract_byte', BigInt(a.code.length), null);
    case 'UseGlobalContract':
      return baseAndBytes(fees, 'use_global_contract_base', 'use_global_contract_byte', globalIdLen(a), null);
    case 'DeterministicStateInit':
      return addCosts(
        baseAndBytes(fees, 'deterministic_state_init_base', 'deterministic_state_init_byte', stateInitBytes(a), null),
        mulCost(execFee(fees.actionFees.deterministic_state_init_entry), BigInt(a.stateInit.data.length)),
      );
    case 'TransferToGasKey':
    case 'WithdrawFromGasKey':
      return gasKeyTransferExecFee(fees, receiverId, a.publicKey);
    case 'DeploySubmodule':
    case 'DeleteSubmodule':
      return submoduleActionFee(config, a, null);
  }
}

/**
 * Σ execution fees reserved for `actions` (nearcore `total_prepaid_exec_fees`). A delegate action
 * also reserves its inner actions' execution and the inner receipt's creation.
 */
export function totalPrepaidExecFees(config: RuntimeConfig, actions: readonly Action[], receiverId: AccountId): ParameterCost {
  let total = ZERO_COST;
  for (const a of actions) {
    let delta: ParameterCost;
    if (isDelegateAction(a)) {
      const inner = delegateInner(a);
      delta = totalPrepaidExecFees(config, inner.actions, inner.receiverId);
      delta = checkedAddCost(delta, actionExecFee(config, a, inner.receiverId));
      delta = checkedAddCost(delta, execFee(config.fees.actionFees.new_action_receipt));
    } else {
      delta = actionExecFee(config, a, receiverId);
    }
    total = checkedAddCost(total, delta);
  }
  return total;
}

/** Σ deposits; a delegate action counts its inner deposits (the relayer pays them). */
export function totalDeposit(actions: readonly Action[]): bigint {
  let total = 0n;
  for (const a of actions) {
    let d = 0n;
    if (isDelegateAction(a)) d = totalDeposit(delegateInner(a).actions);
    else if (a.type === 'Transfer' || a.type === 'FunctionCall' || a.type === 'DeterministicStateInit' || a.type === 'TransferToGasKey') d = a.deposit;
    total = checkedAddU128(total, d);
  }
  return total;
}

/** Σ gas attached to function calls (including those inside delegate actions). */
export function totalPrepaidGas(actions: readonly Action[]): bigint {
  let total = 0n;
  for (const a of actions) {
    let g = 0n;
    if (isDelegateAction(a)) g = totalPrepaidGas(delegateInner(a).actions);
    else if (a.type === 'FunctionCall') g = a.gas;
    total += g;
    if (total > U64_MAX) throw new IntegerOverflowError();
  }
  return total;
}

/** nearcore `TransactionCost`. */
export interface TransactionCost {
  /** Gas burnt converting the transaction into a receipt. */
  gasBurnt: bigint;
  computeBurnt: bigint;
  /** Gas bought for later: attached gas, reserved execution fees, delegate send fees. */
  gasRemaining: bigint;
  /** max(gas price, min_gas_purchase_price): the price the receipt's gas is bought at. */
  receiptGasPrice: bigint;
  burntAmount: bigint;
  gasCost: bigint;
  depositCost: bigint;
  totalCost: bigint;
}

function signatureCost(fees: RuntimeFeesConfig, key: PublicKey): ParameterCost {
  const kind = key.keyType === KeyType.ED25519 ? 'Ed25519' : key.keyType === KeyType.SECP256K1 ? 'Secp256k1' : 'MlDsa65';
  return fees.signatureVerificationCosts[kind];
}

/** nearcore `calculate_tx_cost`: throws IntegerOverflowError (→ InvalidTxError::CostOverflow). */
export function transactionCost(
  config: RuntimeConfig,
  signerId: AccountId,
  receiverId: AccountId,
  signerKey: PublicKey,
  actions: readonly Action[],
  gasPrice: bigint,
): TransactionCost {
  const sir = signerId === receiverId;
  const fees = config.fees;
  let burnt = sendFee(fees.actionFees.new_action_receipt, sir);
  burnt = checkedAddCost(burnt, totalSendFees(config, sir, actions, receiverId));
  let sig = signatureCost(fees, signerKey);
  for (const a of actions) if (isDelegateAction(a)) sig = checkedAddCost(sig, signatureCost(fees, delegateInner(a).publicKey));
  burnt = checkedAddCost(burnt, sig);

  let gasRemaining = totalPrepaidGas(actions);
  gasRemaining += totalPrepaidSendFees(config, actions).gas;
  gasRemaining += execFee(fees.actionFees.new_action_receipt).gas;
  gasRemaining += totalPrepaidExecFees(config, actions, receiverId).gas;
  if (gasRemaining > U64_MAX) throw new IntegerOverflowError();

  const burntAmount = checkedMulU128(gasPrice, burnt.gas);
  const receiptGasPrice = gasPrice > config.minGasPurchasePrice ? gasPrice : config.minGasPurchasePrice;
  const gasCost = checkedAddU128(burntAmount, checkedMulU128(receiptGasPrice, gasRemaining));
  const depositCost = totalDeposit(actions);
  const totalCost = checkedAddU128(gasCost, depositCost);
  return {
    gasBurnt: burnt.gas,
    computeBurnt: burnt.compute,
    gasRemaining,
    receiptGasPrice,
    burntAmount,
    gasCost,
    depositCost,
    totalCost,
  };
}
