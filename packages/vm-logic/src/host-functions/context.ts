/** Context API: what the call knows about itself, copied into registers or returned. */
import { encodeUtf8 } from '../internal/text.js';
import type { VMLogic } from '../logic.js';

/** B, RW(n). */
export function currentAccountId(logic: VMLogic, registerId: bigint): void {
  logic.payBase();
  logic.setRegister(registerId, encodeUtf8(logic.context.currentAccountId));
}

/** B, RW(n). The chain id comes from the External (the mock says "test"). */
export function chainId(logic: VMLogic, registerId: bigint): void {
  logic.payBase();
  logic.setRegister(registerId, encodeUtf8(logic.ext.chainId()));
}

/** B, V!, RW(n). */
export function signerAccountId(logic: VMLogic, registerId: bigint): void {
  logic.payBase();
  logic.checkNotView('signer_account_id');
  logic.setRegister(registerId, encodeUtf8(logic.context.signerAccountId));
}

/** B, V!, RW(n): the borsh-serialised key as given in the context. */
export function signerAccountPk(logic: VMLogic, registerId: bigint): void {
  logic.payBase();
  logic.checkNotView('signer_account_pk');
  logic.setRegister(registerId, logic.context.signerAccountPk);
}

/** B, V!, RW(n). */
export function predecessorAccountId(logic: VMLogic, registerId: bigint): void {
  logic.payBase();
  logic.checkNotView('predecessor_account_id');
  logic.setRegister(registerId, encodeUtf8(logic.context.predecessorAccountId));
}

/** B, V!, RW(n). */
export function refundToAccountId(logic: VMLogic, registerId: bigint): void {
  logic.payBase();
  logic.checkNotView('refund_to_account_id');
  logic.setRegister(registerId, encodeUtf8(logic.context.refundToAccountId));
}

/** B, RWb: the input is shared, so no per-byte register fee. */
export function input(logic: VMLogic, registerId: bigint): void {
  logic.payBase();
  logic.registers.setShared(logic.gas, logic.config.limitConfig, registerId, logic.context.input);
}

/** B. */
export function blockIndex(logic: VMLogic): bigint {
  logic.payBase();
  return logic.context.blockHeight;
}

/** B. */
export function blockTimestamp(logic: VMLogic): bigint {
  logic.payBase();
  return logic.context.blockTimestamp;
}

/** B. */
export function epochHeight(logic: VMLogic): bigint {
  logic.payBase();
  return logic.context.epochHeight;
}

/** B. Includes the changes made by this call so far. */
export function storageUsage(logic: VMLogic): bigint {
  logic.payBase();
  return logic.currentStorageUsage;
}

/** B, RW(n). */
export function randomSeed(logic: VMLogic, registerId: bigint): void {
  logic.payBase();
  logic.setRegister(registerId, logic.context.randomSeed);
}

/** B, then RW(n) unless there is no contract: 0 none, 1 local hash, 2 global hash, 3 global by account. */
export function currentContractCode(logic: VMLogic, registerId: bigint): bigint {
  logic.payBase();
  const c = logic.context.accountContract;
  switch (c.kind) {
    case 'None':
      return 0n;
    case 'Local':
      logic.setRegister(registerId, c.codeHash);
      return 1n;
    case 'Global':
      logic.setRegister(registerId, c.codeHash);
      return 2n;
    case 'GlobalByAccount':
      logic.setRegister(registerId, encodeUtf8(c.accountId));
      return 3n;
  }
}
