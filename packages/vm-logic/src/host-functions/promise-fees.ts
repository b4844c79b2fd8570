/** Action-fee charges shared by the promise host functions (nearcore `pay_action_*`, `pay_gas_for_new_receipt`). */
import type { ActionCosts } from '@nearts/runtime-fees';
import { costAdd, costMul, execFee, fee, sendFee } from '../fees.js';
import { checkedAddU64, checkedMulU64 } from '../internal/u64.js';
import type { VMLogic } from '../logic.js';

/** AB: burnt send(sir), used send(sir) + exec, profiled under `action`. */
export function payActionBase(logic: VMLogic, action: ActionCosts, sir: boolean): void {
  const f = fee(logic.fees, action);
  const burn = sendFee(f, sir);
  logic.gas.payActionAccumulated(burn, checkedAddU64(burn.gas, execFee(f).gas), action);
}

/** AP: like AB with both sides multiplied by `numBytes`. */
export function payActionPerByte(logic: VMLogic, action: ActionCosts, numBytes: bigint, sir: boolean): void {
  const f = fee(logic.fees, action);
  const burn = costMul(sendFee(f, sir), numBytes);
  const use = checkedAddU64(burn.gas, checkedMulU64(execFee(f).gas, numBytes));
  logic.gas.payActionAccumulated(burn, use, action);
}

/**
 * NR: new_action_receipt.send(sir) plus, per data dependency, new_data_receipt_base
 * send(dep_sir) + exec, all burnt; used adds new_action_receipt.exec. Profiled as new_action_receipt.
 */
export function payGasForNewReceipt(logic: VMLogic, sir: boolean, dataDependencies: readonly boolean[]): void {
  const receipt = fee(logic.fees, 'new_action_receipt');
  const data = fee(logic.fees, 'new_data_receipt_base');
  let burn = sendFee(receipt, sir);
  for (const depSir of dataDependencies) burn = costAdd(costAdd(burn, sendFee(data, depSir)), execFee(data));
  const use = checkedAddU64(execFee(receipt).gas, burn.gas);
  logic.gas.payActionAccumulated(burn, use, 'new_action_receipt');
}
