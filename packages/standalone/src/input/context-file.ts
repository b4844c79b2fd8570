/**
 * The context file: a JSON object with nearcore's VMContext field names. Every field is
 * optional; a missing one takes the default below. u64/u128 are decimal strings (numbers are
 * accepted when they are safe integers); byte fields are base64.
 */
import { createHash } from 'node:crypto';
import { accountIdError } from '@nearts/primitives';
import type { VMContext } from '@nearts/vm-logic';
import { UsageError } from '../usage-error.js';
import { describeJson, readBase64, readBoolean, readObject, readString, readUnsigned, rejectUnknownKeys } from './json-fields.js';

/** The documented default signer key: ed25519, key bytes = sha256("nearts default signer"). */
export const DEFAULT_SIGNER_PK: Uint8Array = new Uint8Array([
  0,
  ...createHash('sha256').update('nearts default signer').digest(),
]);

/**
 * Defaults follow nearcore's old standalone runner where they were sensible (alice runs the
 * contract, bob signed, carol called, 10 NEAR balance, storage usage 100) and the protocol's
 * limits elsewhere (300 Tgas prepaid — the most a transaction may attach).
 */
export const DEFAULT_CONTEXT: VMContext = {
  currentAccountId: 'alice',
  signerAccountId: 'bob',
  signerAccountPk: DEFAULT_SIGNER_PK,
  predecessorAccountId: 'carol',
  refundToAccountId: 'carol',
  input: new Uint8Array(0),
  promiseResults: [],
  blockHeight: 1n,
  blockTimestamp: 1_586_796_191_203_000_000n,
  epochHeight: 1n,
  accountBalance: 10n ** 25n,
  accountLockedBalance: 0n,
  storageUsage: 100n,
  accountContract: { kind: 'None' },
  attachedDeposit: 0n,
  prepaidGas: 300_000_000_000_000n,
  randomSeed: new Uint8Array(32),
  viewConfig: null,
  outputDataReceivers: [],
};

const FIELDS = [
  'current_account_id', 'signer_account_id', 'signer_account_pk', 'predecessor_account_id',
  'refund_to_account_id', 'input', 'block_height', 'block_index', 'block_timestamp',
  'epoch_height', 'account_balance', 'account_locked_balance', 'storage_usage',
  'attached_deposit', 'prepaid_gas', 'random_seed', 'view_config', 'is_view',
  'output_data_receivers',
] as const;

function accountId(value: unknown, path: string): string {
  const id = readString(value, path);
  const problem = accountIdError(id);
  if (problem) throw new UsageError(`invalid account id ${JSON.stringify(id)} (${problem.message})`, path);
  return id;
}

/**
 * The storage usage implied by a state: the default 100 bytes for the account itself plus, per
 * entry, key and value lengths and nearcore's 40-byte per-record overhead. Used when a state
 * file is given and the context does not say `storage_usage`, so that overwriting or removing an
 * existing entry cannot take the usage below zero.
 */
export function storageUsageOfState(entries: Iterable<[Uint8Array, Uint8Array]>, perRecordOverhead = 40n): bigint {
  let usage = DEFAULT_CONTEXT.storageUsage;
  for (const [k, v] of entries) usage += BigInt(k.length + v.length) + perRecordOverhead;
  return usage;
}

/** Builds a VMContext from a parsed context-file object (`source` names it in errors). */
export function parseContextJson(json: unknown, source = 'context'): VMContext {
  const obj = readObject(json, source);
  rejectUnknownKeys(obj, FIELDS, source);
  const at = (f: string) => `${source}.${f}`;
  const has = (f: string) => obj[f] !== undefined;
  const ctx: { -readonly [K in keyof VMContext]: VMContext[K] } = { ...DEFAULT_CONTEXT };

  if (has('current_account_id')) ctx.currentAccountId = accountId(obj.current_account_id, at('current_account_id'));
  if (has('signer_account_id')) ctx.signerAccountId = accountId(obj.signer_account_id, at('signer_account_id'));
  if (has('predecessor_account_id')) ctx.predecessorAccountId = accountId(obj.predecessor_account_id, at('predecessor_account_id'));
  ctx.refundToAccountId = has('refund_to_account_id')
    ? accountId(obj.refund_to_account_id, at('refund_to_account_id'))
    : ctx.predecessorAccountId;
  if (has('signer_account_pk')) ctx.signerAccountPk = readBase64(obj.signer_account_pk, at('signer_account_pk'));
  if (has('input')) ctx.input = readBase64(obj.input, at('input'));
  if (has('block_height') && has('block_index'))
    throw new UsageError('give block_height or its old name block_index, not both', at('block_index'));
  if (has('block_height')) ctx.blockHeight = readUnsigned(obj.block_height, at('block_height'), 64);
  if (has('block_index')) ctx.blockHeight = readUnsigned(obj.block_index, at('block_index'), 64);
  if (has('block_timestamp')) ctx.blockTimestamp = readUnsigned(obj.block_timestamp, at('block_timestamp'), 64);
  if (has('epoch_height')) ctx.epochHeight = readUnsigned(obj.epoch_height, at('epoch_height'), 64);
  if (has('account_balance')) ctx.accountBalance = readUnsigned(obj.account_balance, at('account_balance'), 128);
  if (has('account_locked_balance'))
    ctx.accountLockedBalance = readUnsigned(obj.account_locked_balance, at('account_locked_balance'), 128);
  if (has('storage_usage')) ctx.storageUsage = readUnsigned(obj.storage_usage, at('storage_usage'), 64);
  if (has('attached_deposit')) ctx.attachedDeposit = readUnsigned(obj.attached_deposit, at('attached_deposit'), 128);
  if (has('prepaid_gas')) ctx.prepaidGas = readUnsigned(obj.prepaid_gas, at('prepaid_gas'), 64);
  if (has('random_seed')) ctx.randomSeed = readBase64(obj.random_seed, at('random_seed'));
  if (has('is_view') && readBoolean(obj.is_view, at('is_view')))
    ctx.viewConfig = { maxGasBurnt: ctx.prepaidGas };
  if (has('view_config') && obj.view_config !== null) {
    const view = readObject(obj.view_config, at('view_config'));
    rejectUnknownKeys(view, ['max_gas_burnt'], at('view_config'));
    ctx.viewConfig = { maxGasBurnt: readUnsigned(view.max_gas_burnt, at('view_config.max_gas_burnt'), 64) };
  }
  if (has('output_data_receivers')) {
    const list = obj.output_data_receivers;
    if (!Array.isArray(list))
      throw new UsageError(`expected an array of account ids, got ${describeJson(list)}`, at('output_data_receivers'));
    ctx.outputDataReceivers = list.map((v, i) => accountId(v, `${at('output_data_receivers')}[${i}]`));
  }
  return ctx;
}
