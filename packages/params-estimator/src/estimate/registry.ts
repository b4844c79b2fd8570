/**
 * Every cost the estimator knows, in the order it runs them, with nearcore's names (the `Cost`
 * enum of runtime-params-estimator), the protocol parameter each is compared with, and how it is
 * computed. Costs that share an experiment (a fit, an action's two experiments) compute it once.
 */
import type { ActionCosts, ExtCosts } from '@nearts/runtime-fees';
import { contractOfSize } from '../contracts/wasm-builder.js';
import type { FeePart, ParameterRef } from '../costs/parameters.js';
import {
  ADD_FULL_ACCESS_KEY,
  ADD_FUNCTION_ACCESS_KEY_BASE,
  addFunctionAccessKeyBytes,
  CREATE_ACCOUNT,
  DELEGATE,
  DELETE_ACCOUNT,
  DELETE_KEY,
  DEPLOY_CONTRACT_BASE,
  deployContract,
  FUNCTION_CALL_BASE,
  functionCallBytes,
  methodNameBytes,
  methodNamesOfSize,
  STAKE,
  TRANSFER,
  type ActionSpec,
} from './action-specs.js';
import { actionPart, delegatePart, perBytePart, receiptCreationPart, type ActionPart, type PerByteSeries } from './actions.js';
import { applyBlockCost } from './blocks.js';
import type { Estimate, EstimatorContext } from './context.js';
import { dataReceipts } from './data-receipts.js';
import { HOST_COSTS, hostCost } from './host-functions.js';
import { largeReadOverhead, storageCost, trieNodeCost, type StoragePlanName } from './storage.js';
import { contractCompile, contractLoading, estimatorContractLoading, wasmInstruction } from './vm.js';

export type CostGroup = 'block' | 'action' | 'action-part' | 'data-receipt' | 'contract' | 'host' | 'crypto' | 'storage' | 'promise';

export const GROUP_TITLES: Record<CostGroup, string> = {
  block: 'Block overhead',
  action: 'Actions (send + execution)',
  'action-part': 'Action send / execution parts',
  'data-receipt': 'Data receipts',
  contract: 'Contract runtime',
  host: 'Host functions: memory, registers, logs, hashes',
  crypto: 'Host functions: signatures and curves',
  storage: 'Storage and trie',
  promise: 'Promises, validators, yields',
};

/** Display order of the groups. */
export const GROUP_ORDER: readonly CostGroup[] = ['block', 'action', 'action-part', 'data-receipt', 'contract', 'host', 'crypto', 'storage', 'promise'];

/** Rows grouped for display (stable: run order within a group). */
export function byGroup<T extends { readonly group: CostGroup }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group));
}

export interface CostDefinition {
  /** nearcore's `Cost` name. */
  readonly name: string;
  readonly group: CostGroup;
  /** The protocol parameter it estimates, or null (estimator-only costs). */
  readonly parameter: ParameterRef | null;
  /** Relative running time when computed first, for the progress bar. */
  readonly weight: number;
  estimate(ctx: EstimatorContext): Estimate;
}

const ext = (cost: ExtCosts): ParameterRef => ({ kind: 'ext', cost });
const fee = (f: ActionCosts, part: FeePart): ParameterRef => ({ kind: 'fee', fee: f, part });

const defs: CostDefinition[] = [];
const def = (name: string, group: CostGroup, parameter: ParameterRef | null, weight: number, estimate: (ctx: EstimatorContext) => Estimate): void => {
  defs.push({ name, group, parameter, weight, estimate });
};

def('ApplyBlock', 'block', null, 0.3, (ctx) => ({ cost: applyBlockCost(ctx) }));

// ---- actions ----------------------------------------------------------------------------------
def('ActionReceiptCreation', 'action', fee('new_action_receipt', 'total'), 4, (ctx) => receiptCreationPart(ctx, 'total'));
def('ActionSirReceiptCreation', 'action', fee('new_action_receipt', 'total_sir'), 0.1, (ctx) => receiptCreationPart(ctx, 'totalSir'));
def('ActionReceiptCreationSendSir', 'action-part', fee('new_action_receipt', 'send_sir'), 0.05, (ctx) => receiptCreationPart(ctx, 'sendSir'));
def('ActionReceiptCreationSendNotSir', 'action-part', fee('new_action_receipt', 'send_not_sir'), 0.05, (ctx) => receiptCreationPart(ctx, 'sendNotSir'));
def('ActionReceiptCreationExec', 'action-part', fee('new_action_receipt', 'execution'), 0.05, (ctx) => receiptCreationPart(ctx, 'exec'));

type PartFn = (ctx: EstimatorContext, part: ActionPart) => Estimate;

function actionFamily(name: string, f: ActionCosts, sirOnly: boolean, weight: number, part: PartFn): void {
  def(name, 'action', fee(f, sirOnly ? 'total_sir' : 'total'), weight, (ctx) => part(ctx, 'total'));
  def(`${name}SendSir`, 'action-part', fee(f, 'send_sir'), 0.05, (ctx) => part(ctx, 'sendSir'));
  def(`${name}SendNotSir`, 'action-part', fee(f, 'send_not_sir'), 0.05, (ctx) => part(ctx, 'sendNotSir'));
  def(`${name}Exec`, 'action-part', fee(f, 'execution'), 0.05, (ctx) => part(ctx, 'exec'));
}

const plain = (spec: ActionSpec): PartFn => (ctx, part) => actionPart(ctx, spec, part);

actionFamily('ActionTransfer', 'transfer', false, 4, plain(TRANSFER));
actionFamily('ActionCreateAccount', 'create_account', false, 4, plain(CREATE_ACCOUNT));
actionFamily('ActionDeleteAccount', 'delete_account', true, 4, plain(DELETE_ACCOUNT));
actionFamily('ActionAddFullAccessKey', 'add_full_access_key', true, 4, plain(ADD_FULL_ACCESS_KEY));
actionFamily('ActionAddFunctionAccessKeyBase', 'add_function_call_key_base', true, 4, plain(ADD_FUNCTION_ACCESS_KEY_BASE));

const ADD_KEY_BYTES: PerByteSeries = {
  key: 'add-key-bytes',
  sizes: () => [9, 500, 1_000, 2_000].map((b) => ({ bytes: methodNameBytes(methodNamesOfSize(b)), spec: addFunctionAccessKeyBytes(b) })),
};
actionFamily('ActionAddFunctionAccessKeyPerByte', 'add_function_call_key_byte', true, 12, (ctx, part) => perBytePart(ctx, ADD_KEY_BYTES, true, part));
actionFamily('ActionDeleteKey', 'delete_key', true, 5, plain(DELETE_KEY));
actionFamily('ActionStake', 'stake', true, 4, plain(STAKE));
actionFamily('ActionDeployContractBase', 'deploy_contract_base', true, 1, plain(DEPLOY_CONTRACT_BASE));

const DEPLOY_BYTES: PerByteSeries = {
  key: 'deploy-bytes',
  sizes: () => [200, 100_000, 300_000, 600_000].map((b) => ({ bytes: contractOfSize(b, 0).length, spec: deployContract(b) })),
};
actionFamily('ActionDeployContractPerByte', 'deploy_contract_byte', true, 10, (ctx, part) => perBytePart(ctx, DEPLOY_BYTES, true, part));

// Each call of the function-call estimations loads the contract: that is a separate fee
// (`wasm_contract_loading_*`), so it is subtracted like nearcore does.
actionFamily('ActionFunctionCallBase', 'function_call_base', false, 6, (ctx, part) =>
  actionPart(ctx, FUNCTION_CALL_BASE, part, { execOverhead: estimatorContractLoading(ctx).cost }),
);
const CALL_BYTES: PerByteSeries = {
  key: 'call-bytes',
  sizes: () => [1, 300_000, 600_000, 1_000_000].map((b) => ({ bytes: b + 'noop'.length, spec: functionCallBytes(b) })),
};
actionFamily('ActionFunctionCallPerByte', 'function_call_byte', false, 10, (ctx, part) => perBytePart(ctx, CALL_BYTES, false, part));
actionFamily('ActionDelegate', 'delegate', false, 5, (ctx, part) => delegatePart(ctx, DELEGATE, part));

def('DataReceiptCreationBase', 'data-receipt', fee('new_data_receipt_base', 'total'), 12, (ctx) => dataReceipts(ctx).base);
def('DataReceiptCreationPerByte', 'data-receipt', fee('new_data_receipt_byte', 'total'), 0.05, (ctx) => dataReceipts(ctx).perByte);

// ---- contract runtime ---------------------------------------------------------------------------
def('HostFunctionCall', 'contract', ext('base'), 2, (ctx) => hostCost(ctx, HOST_COSTS.HostFunctionCall));
def('WasmInstruction', 'contract', { kind: 'regular_op' }, 2, wasmInstruction);
def('ContractLoadingBase', 'contract', ext('contract_loading_base'), 3, (ctx) => contractLoading(ctx).base);
def('ContractLoadingPerByte', 'contract', ext('contract_loading_bytes'), 0.05, (ctx) => contractLoading(ctx).perByte);
const compileRef = (part: 'deploy_contract_base' | 'deploy_contract_byte'): ParameterRef => ({
  kind: 'reference',
  of: fee(part, 'execution'),
  why: 'nearcore compiles at deploy and charges it there; nearts prepares and compiles on the first call',
});
def('ContractCompileBase', 'contract', compileRef('deploy_contract_base'), 4, (ctx) => contractCompile(ctx).base);
def('ContractCompileBytes', 'contract', compileRef('deploy_contract_byte'), 0.05, (ctx) => contractCompile(ctx).perByte);

// ---- host functions -------------------------------------------------------------------------------
const hostParam: Record<string, ExtCosts> = {
  ReadMemoryBase: 'read_memory_base',
  ReadMemoryByte: 'read_memory_byte',
  WriteMemoryBase: 'write_memory_base',
  WriteMemoryByte: 'write_memory_byte',
  ReadRegisterBase: 'read_register_base',
  ReadRegisterByte: 'read_register_byte',
  WriteRegisterBase: 'write_register_base',
  WriteRegisterByte: 'write_register_byte',
  LogBase: 'log_base',
  LogByte: 'log_byte',
  Utf8DecodingBase: 'utf8_decoding_base',
  Utf8DecodingByte: 'utf8_decoding_byte',
  Utf16DecodingBase: 'utf16_decoding_base',
  Utf16DecodingByte: 'utf16_decoding_byte',
  Sha256Base: 'sha256_base',
  Sha256Byte: 'sha256_byte',
  Keccak256Base: 'keccak256_base',
  Keccak256Byte: 'keccak256_byte',
  Keccak512Base: 'keccak512_base',
  Keccak512Byte: 'keccak512_byte',
  Ripemd160Base: 'ripemd160_base',
  Ripemd160Block: 'ripemd160_block',
};
for (const [name, param] of Object.entries(hostParam)) {
  def(name, 'host', ext(param), name.endsWith('Base') ? 3 : 0.05, (ctx) => hostCost(ctx, HOST_COSTS[name]));
}

const cryptoParam: Record<string, ExtCosts> = {
  EcrecoverBase: 'ecrecover_base',
  Ed25519VerifyBase: 'ed25519_verify_base',
  Ed25519VerifyByte: 'ed25519_verify_byte',
  P256VerifyBase: 'p256_verify_base',
  P256VerifyByte: 'p256_verify_byte',
  AltBn128G1MultiexpBase: 'alt_bn128_g1_multiexp_base',
  AltBn128G1MultiexpElement: 'alt_bn128_g1_multiexp_element',
  AltBn128G1SumBase: 'alt_bn128_g1_sum_base',
  AltBn128G1SumElement: 'alt_bn128_g1_sum_element',
  AltBn128PairingCheckBase: 'alt_bn128_pairing_check_base',
  AltBn128PairingCheckElement: 'alt_bn128_pairing_check_element',
  Bls12381P1SumBase: 'bls12381_p1_sum_base',
  Bls12381P1SumElement: 'bls12381_p1_sum_element',
  Bls12381P2SumBase: 'bls12381_p2_sum_base',
  Bls12381P2SumElement: 'bls12381_p2_sum_element',
  Bls12381G1MultiexpBase: 'bls12381_g1_multiexp_base',
  Bls12381G1MultiexpElement: 'bls12381_g1_multiexp_element',
  Bls12381G2MultiexpBase: 'bls12381_g2_multiexp_base',
  Bls12381G2MultiexpElement: 'bls12381_g2_multiexp_element',
  Bls12381MapFpToG1Base: 'bls12381_map_fp_to_g1_base',
  Bls12381MapFpToG1Element: 'bls12381_map_fp_to_g1_element',
  Bls12381MapFp2ToG2Base: 'bls12381_map_fp2_to_g2_base',
  Bls12381MapFp2ToG2Element: 'bls12381_map_fp2_to_g2_element',
  Bls12381PairingBase: 'bls12381_pairing_base',
  Bls12381PairingElement: 'bls12381_pairing_element',
  Bls12381P1DecompressBase: 'bls12381_p1_decompress_base',
  Bls12381P1DecompressElement: 'bls12381_p1_decompress_element',
  Bls12381P2DecompressBase: 'bls12381_p2_decompress_base',
  Bls12381P2DecompressElement: 'bls12381_p2_decompress_element',
};
for (const [name, param] of Object.entries(cryptoParam)) {
  def(name, 'crypto', ext(param), name.endsWith('Base') ? 4 : 0.05, (ctx) => hostCost(ctx, HOST_COSTS[name]));
}

// ---- storage --------------------------------------------------------------------------------------
const storage: Array<[string, ExtCosts, StoragePlanName, 'base' | 'perUnit']> = [
  ['StorageWriteBase', 'storage_write_base', 'writeKey', 'base'],
  ['StorageWriteKeyByte', 'storage_write_key_byte', 'writeKey', 'perUnit'],
  ['StorageWriteValueByte', 'storage_write_value_byte', 'writeValue', 'perUnit'],
  ['StorageWriteEvictedByte', 'storage_write_evicted_byte', 'writeEvicted', 'perUnit'],
  ['StorageReadBase', 'storage_read_base', 'readKey', 'base'],
  ['StorageReadKeyByte', 'storage_read_key_byte', 'readKey', 'perUnit'],
  ['StorageReadValueByte', 'storage_read_value_byte', 'readValue', 'perUnit'],
  ['StorageRemoveBase', 'storage_remove_base', 'removeKey', 'base'],
  ['StorageRemoveKeyByte', 'storage_remove_key_byte', 'removeKey', 'perUnit'],
  ['StorageRemoveRetValueByte', 'storage_remove_ret_value_byte', 'removeValue', 'perUnit'],
  ['StorageHasKeyBase', 'storage_has_key_base', 'hasKey', 'base'],
  ['StorageHasKeyByte', 'storage_has_key_byte', 'hasKey', 'perUnit'],
];
const firstOfPlan = new Set<StoragePlanName>();
for (const [name, param, plan, part] of storage) {
  const weight = firstOfPlan.has(plan) ? 0.05 : 3;
  firstOfPlan.add(plan);
  def(name, 'storage', ext(param), weight, (ctx) => storageCost(ctx, plan, part));
}
def('StorageLargeReadOverheadBase', 'storage', ext('storage_large_read_overhead_base'), 3, (ctx) => largeReadOverhead(ctx, 'base'));
def('StorageLargeReadOverheadByte', 'storage', ext('storage_large_read_overhead_byte'), 0.05, (ctx) => largeReadOverhead(ctx, 'perUnit'));
def('TouchingTrieNode', 'storage', ext('touching_trie_node'), 2, (ctx) => trieNodeCost(ctx, true));
def('ReadCachedTrieNode', 'storage', ext('read_cached_trie_node'), 2, (ctx) => trieNodeCost(ctx, false));

// ---- promises, validators, yields --------------------------------------------------------------------
const promise: Record<string, ExtCosts> = {
  PromiseAndBase: 'promise_and_base',
  PromiseAndPerPromise: 'promise_and_per_promise',
  PromiseReturn: 'promise_return',
  ValidatorStakeBase: 'validator_stake_base',
  ValidatorTotalStakeBase: 'validator_total_stake_base',
  YieldCreateBase: 'yield_create_base',
  YieldCreateByte: 'yield_create_byte',
  YieldCreateWithIdBase: 'yield_create_with_id_base',
  YieldResumeBase: 'yield_resume_base',
  YieldResumeByte: 'yield_resume_byte',
};
for (const [name, param] of Object.entries(promise)) {
  def(name, 'promise', ext(param), name.endsWith('Byte') || name.endsWith('PerPromise') ? 0.05 : 3, (ctx) => hostCost(ctx, HOST_COSTS[name]));
}

export const ALL_COSTS: readonly CostDefinition[] = defs;

export function costByName(name: string): CostDefinition | undefined {
  return defs.find((d) => d.name === name);
}

/**
 * Host-function costs with no estimation: the `storage_iter_*` functions were removed from the
 * protocol (they always fail and charge nothing), so nothing can be measured — nearcore does not
 * estimate them either.
 */
export const NOT_ESTIMATED: readonly ExtCosts[] = [
  'storage_iter_create_prefix_base',
  'storage_iter_create_prefix_byte',
  'storage_iter_create_range_base',
  'storage_iter_create_from_byte',
  'storage_iter_create_to_byte',
  'storage_iter_next_base',
  'storage_iter_next_key_byte',
  'storage_iter_next_value_byte',
];
