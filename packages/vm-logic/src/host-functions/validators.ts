/** Validator API: stakes of the current epoch, from the External. */
import type { VMLogic } from '../logic.js';

/** B, ACC, validator_stake_base, lookup (0 for a non-validator), U128W. */
export function validatorStake(logic: VMLogic, accountIdLen: bigint, accountIdPtr: bigint, stakePtr: bigint): void {
  logic.payBase();
  const accountId = logic.readAccountId(accountIdPtr, accountIdLen);
  logic.gas.payBase('validator_stake_base');
  const stake = logic.ext.validatorStake(accountId) ?? 0n;
  logic.writeU128(stakePtr, stake);
}

/** B, validator_total_stake_base, U128W. */
export function validatorTotalStake(logic: VMLogic, stakePtr: bigint): void {
  logic.payBase();
  logic.gas.payBase('validator_total_stake_base');
  logic.writeU128(stakePtr, logic.ext.validatorTotalStake());
}
