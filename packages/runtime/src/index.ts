/** @nearts/runtime: applies transactions and receipts to state exactly as nearcore's runtime does; a chain driver on top. */
export const PACKAGE_NAME = '@nearts/runtime';
export { apply } from './apply/apply.js';
export type { ChunkTransaction, StatelessValidation } from './apply/transactions.js';
export type {
  ApplyResult,
  ApplyState,
  BalanceStats,
  ExecutionMetadata,
  ExecutionOutcome,
  ExecutionOutcomeWithId,
  ExecutionStatus,
  PromiseYieldTimeoutEntry,
  ValidatorStake,
} from './apply/types.js';
export * from './config/tx-cost.js';
export * from './tx-errors.js';
export { RuntimeError, StorageInconsistentError, ReceiptValidationRuntimeError, RuntimeUsageError } from './errors.js';
export { IntegerOverflowError } from './math.js';
export { PROTOCOL_FEATURES, featureEnabled, DEFAULT_PROTOCOL_VERSION, type ProtocolFeature } from './protocol.js';
export { validateActions, isValidStakingKey } from './verifier/action-validation.js';
export { validateReceipt } from './verifier/receipt-validation.js';
export { storageStakeShortfall, ZERO_BALANCE_ACCOUNT_STORAGE_LIMIT } from './verifier/storage-stake.js';
export {
  validateTransaction,
  verifyAndChargeRegular,
  verifyAndChargeGasKey,
  checkNonce,
  type VerifiableTransaction,
  type TxVerdict,
  type VerificationResult,
} from './verifier/transaction.js';
export { StateUpdate } from './state/state-update.js';
export { RuntimeExt, NO_VALIDATORS, type EpochInfo } from './ext/runtime-ext.js';
export type { TrieShapeSource, TrieAccessPath } from './ext/trie-accounting.js';
export { TrieShape } from './ext/trie-shape.js';
export { ethWalletGlobalContractHash } from './actions/eth-wallet.js';
export { Chain, type GenesisConfig, type Block, type ChunkSummary } from './chain/chain.js';
export type { GenesisAccount, GenesisGlobalContract, GenesisKey } from './chain/genesis.js';
export { DEFAULT_GAS_PRICE, nextGasPrice, type GasPriceConfig } from './chain/gas-price.js';
export { ShardLayout } from './chain/shard-layout.js';
export { viewCall, ViewCallError, type ViewCallInput, type ViewCallResult } from './chain/view-call.js';
export { checkSupplyInvariant, measureSupply, receiptValue, SupplyInvariantError, type SupplyCheck, type SupplyView } from './chain/invariant.js';
export {
  executionOutcomeView,
  executionOutcomeWithIdView,
  executionStatusView,
  finalExecutionOutcomeView,
  finalExecutionStatus,
  gasProfileView,
  type FinalExecutionOutcome,
  type FinalExecutionStatus,
} from './views/outcome-view.js';
export { executeFunctionCall, resolveContractCode } from './actions/function-call.js';
export { useContractRunner, type RunContract, type RunInput } from './ext/vm-bridge.js';
export { storeSubmodule, removeSubmodule, type SubmoduleState } from './actions/submodule.js';
export { borshExtensions, submoduleStorageUsage } from './extensions/submodules.js';
