/** The in-process sandbox test API. */
export { Sandbox, SandboxSnapshot, DEFAULT_ROOT_ACCOUNT, DEFAULT_ROOT_BALANCE, FAST_FORWARD_REAL_BLOCKS, type SandboxOptions } from './sandbox.js';
export { DEFAULT_ACCOUNT_BALANCE, type SandboxAccountInit } from './genesis.js';
export { SandboxAccount, type CallOptions, type CreateAccountOptions, type AccountBalance } from './account.js';
export { BatchBuilder } from './batch.js';
export { ContractState } from './contract-state.js';
export { TransactionResult, failureKind, failureMessage, parseReturnValue, type OutcomeSummary } from './transaction-result.js';
export { SandboxError, TransactionFailedError, type SandboxErrorCode } from './errors.js';
export { KeyStore, testKeyOf, parseKeyText } from './keys.js';
export { toYocto, toGas, type Amount, type GasAmount } from './amounts.js';
export { encodeArgs, DEFAULT_CALL_GAS, type CallArgs } from './args.js';
export type { AccountPatch, StatePatch, KeyInput, DataInput } from './patch.js';
export type { ChainTemplate } from './chain-host.js';
