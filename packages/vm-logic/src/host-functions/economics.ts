/** Economics API: balances and gas. */
import type { VMLogic } from '../logic.js';

/** B, U128W: the current balance (balance + deposit − deposits attached so far). */
export function accountBalance(logic: VMLogic, balancePtr: bigint): void {
  logic.payBase();
  logic.writeU128(balancePtr, logic.currentAccountBalance);
}

/** B, U128W. */
export function accountLockedBalance(logic: VMLogic, balancePtr: bigint): void {
  logic.payBase();
  logic.writeU128(balancePtr, logic.currentAccountLockedBalance);
}

/** B, U128W. */
export function attachedDeposit(logic: VMLogic, balancePtr: bigint): void {
  logic.payBase();
  logic.writeU128(balancePtr, logic.context.attachedDeposit);
}

/** B, V!. */
export function prepaidGas(logic: VMLogic): bigint {
  logic.payBase();
  logic.checkNotView('prepaid_gas');
  return logic.context.prepaidGas;
}

/** B, V!. Burnt + prepaid for promises, wasm gas included up to this host call. */
export function usedGas(logic: VMLogic): bigint {
  logic.payBase();
  logic.checkNotView('used_gas');
  return logic.gas.usedGas();
}
