/**
 * Action-fee arithmetic host functions need (nearcore `Fee::send_fee/exec_fee`, `ParameterCost`
 * checked ops, `transfer_*_fee`, `gas_key_*_fee`). Overflows are HostError IntegerOverflow.
 */
import type { ActionCosts, Fee, ParameterCost, RuntimeFeesConfig } from '@nearts/runtime-fees';
import type { GasKeyAddFee } from './gas-counter.js';
import { accountType } from './internal/account-id.js';
import { checkedAddU64, checkedMulU64 } from './internal/u64.js';

export const ZERO_COST: ParameterCost = { gas: 0n, compute: 0n };

export function sendFee(fee: Fee, sir: boolean): ParameterCost {
  return sir ? { gas: fee.sendSir, compute: fee.sendSirCompute } : { gas: fee.sendNotSir, compute: fee.sendNotSirCompute };
}

export function execFee(fee: Fee): ParameterCost {
  return { gas: fee.execution, compute: fee.executionCompute };
}

export function costAdd(a: ParameterCost, b: ParameterCost): ParameterCost {
  return { gas: checkedAddU64(a.gas, b.gas), compute: checkedAddU64(a.compute, b.compute) };
}

export function costMul(a: ParameterCost, n: bigint): ParameterCost {
  return { gas: checkedMulU64(a.gas, n), compute: checkedMulU64(a.compute, n) };
}

export function fee(fees: RuntimeFeesConfig, action: ActionCosts): Fee {
  return fees.actionFees[action];
}

/** Send side of a transfer, with the implicit CreateAccount (+ AddKey) fees for implicit receivers. */
export function transferSendFee(fees: RuntimeFeesConfig, sir: boolean, ethImplicitAccounts: boolean, receiver: string): ParameterCost {
  const base = sendFee(fee(fees, 'transfer'), sir);
  switch (accountType(receiver)) {
    case 'NamedAccount':
      return base;
    case 'EthImplicitAccount':
      return ethImplicitAccounts ? costAdd(base, sendFee(fee(fees, 'create_account'), sir)) : base;
    case 'NearImplicitAccount':
      return costAdd(costAdd(base, sendFee(fee(fees, 'create_account'), sir)), sendFee(fee(fees, 'add_full_access_key'), sir));
    case 'NearDeterministicAccount':
      return costAdd(base, sendFee(fee(fees, 'create_account'), sir));
  }
}

export function transferExecFee(fees: RuntimeFeesConfig, ethImplicitAccounts: boolean, receiver: string): ParameterCost {
  const base = execFee(fee(fees, 'transfer'));
  switch (accountType(receiver)) {
    case 'NamedAccount':
      return base;
    case 'EthImplicitAccount':
      return ethImplicitAccounts ? costAdd(base, execFee(fee(fees, 'create_account'))) : base;
    case 'NearImplicitAccount':
      return costAdd(costAdd(base, execFee(fee(fees, 'create_account'))), execFee(fee(fees, 'add_full_access_key')));
    case 'NearDeterministicAccount':
      return costAdd(base, execFee(fee(fees, 'create_account')));
  }
}

/** Borsh length of `GasKeyInfo { balance: u128, num_nonces: u16 }`. */
export const GAS_KEY_INFO_BORSH_LEN = 18n;
/** Borsh length of the smallest gas-key AccessKey (nonce u64 + permission tag + GasKeyInfo). */
export const MIN_GAS_KEY_BORSH_LEN = 27n;
/** A gas-key nonce value is a u64. */
export const NONCE_VALUE_LEN = 8n;
/** A nonce index is a u16. */
export const NONCE_INDEX_LEN = 2n;

/** Trie key of an access key: column byte + account id + separator byte + public key. */
export function accessKeyKeyLen(accountIdLen: bigint, publicKeyLen: bigint): bigint {
  return checkedAddU64(checkedAddU64(1n, accountIdLen), checkedAddU64(1n, publicKeyLen));
}

export interface SplitFee {
  readonly base: ParameterCost;
  readonly perByte: ParameterCost;
}

export function gasKeyTransferSendFee(fees: RuntimeFeesConfig, sir: boolean, publicKeyLen: bigint): SplitFee {
  return {
    base: sendFee(fee(fees, 'gas_key_transfer_base'), sir),
    perByte: costMul(sendFee(fee(fees, 'gas_key_byte'), sir), publicKeyLen),
  };
}

export function gasKeyTransferExecFee(fees: RuntimeFeesConfig, accountIdLen: bigint, publicKeyLen: bigint): SplitFee {
  const bytes = checkedAddU64(accessKeyKeyLen(accountIdLen, publicKeyLen), MIN_GAS_KEY_BORSH_LEN);
  return {
    base: execFee(fee(fees, 'gas_key_transfer_base')),
    perByte: costMul(execFee(fee(fees, 'gas_key_byte')), bytes),
  };
}

export function gasKeyAddKeySendFee(fees: RuntimeFeesConfig, sir: boolean): ParameterCost {
  return costMul(sendFee(fee(fees, 'gas_key_byte'), sir), GAS_KEY_INFO_BORSH_LEN);
}

export function gasKeyAddKeyExecFee(fees: RuntimeFeesConfig, accountIdLen: bigint, publicKeyLen: bigint, numNonces: bigint): GasKeyAddFee {
  const nonceKeyLen = checkedAddU64(accessKeyKeyLen(accountIdLen, publicKeyLen), NONCE_INDEX_LEN);
  return {
    base: costMul(execFee(fee(fees, 'gas_key_nonce_write_base')), numNonces),
    perByte: costMul(costMul(execFee(fee(fees, 'gas_key_byte')), checkedAddU64(nonceKeyLen, NONCE_VALUE_LEN)), numNonces),
  };
}
