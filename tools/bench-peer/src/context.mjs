// Maps our call context (camelCase, bigint for u64/u128, bytes as Uint8Array) onto the
// VMContext near-mock-vm deserialises (near-vm-logic 4.0.0-pre.1 field names, serde formats).
import { base58Encode } from './base58.mjs';
import { PeerInputError } from './errors.mjs';

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

/** Defaults used when a field is omitted: a plain function call on `contract.test.near`. */
export const DEFAULT_CONTEXT = Object.freeze({
  currentAccountId: 'contract.test.near',
  signerAccountId: 'alice.test.near',
  // borsh(PublicKey): key type 0 (ed25519) followed by 32 key bytes.
  signerAccountPk: new Uint8Array(33),
  predecessorAccountId: 'alice.test.near',
  blockIndex: 1n,
  blockTimestamp: 1_600_000_000_000_000_000n,
  epochHeight: 1n,
  accountBalance: 10n ** 25n,
  accountLockedBalance: 0n,
  storageUsage: 0n,
  attachedDeposit: 0n,
  prepaidGas: 300_000_000_000_000n,
  randomSeed: new Uint8Array(32),
  isView: false,
});

const U64_FIELDS = ['blockIndex', 'blockTimestamp', 'epochHeight', 'storageUsage', 'prepaidGas'];
const U128_FIELDS = ['accountBalance', 'accountLockedBalance', 'attachedDeposit'];
const ACCOUNT_FIELDS = ['currentAccountId', 'signerAccountId', 'predecessorAccountId'];
const KNOWN = new Set([...Object.keys(DEFAULT_CONTEXT)]);

function toBigInt(name, value, max) {
  if (typeof value === 'number' && Number.isSafeInteger(value)) value = BigInt(value);
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) value = BigInt(value);
  if (typeof value !== 'bigint') throw new PeerInputError(`context.${name} must be a bigint, got ${typeof value}`);
  if (value < 0n || value > max) throw new PeerInputError(`context.${name} out of range: ${value}`);
  return value;
}

function toBytes(name, value) {
  if (value instanceof Uint8Array) return value;
  throw new PeerInputError(`context.${name} must be a Uint8Array`);
}

/** Fills defaults and validates; returns a frozen normalised context. */
export function normalizeContext(context = {}) {
  for (const key of Object.keys(context)) {
    if (!KNOWN.has(key)) throw new PeerInputError(`unknown context field "${key}"`);
  }
  const c = { ...DEFAULT_CONTEXT, ...context };
  for (const f of ACCOUNT_FIELDS) {
    if (typeof c[f] !== 'string' || c[f].length === 0) throw new PeerInputError(`context.${f} must be a non-empty string`);
  }
  for (const f of U64_FIELDS) c[f] = toBigInt(f, c[f], U64_MAX);
  for (const f of U128_FIELDS) c[f] = toBigInt(f, c[f], U128_MAX);
  c.signerAccountPk = toBytes('signerAccountPk', c.signerAccountPk);
  c.randomSeed = toBytes('randomSeed', c.randomSeed);
  if (typeof c.isView !== 'boolean') throw new PeerInputError('context.isView must be a boolean');
  return Object.freeze(c);
}

/**
 * The object handed to `new VM(context, memory)`. serde-wasm-bindgen 0.1 only accepts u64 values
 * that are safe JS integers, so u64 fields start at 0 here and are set afterwards through the
 * VM's BigInt setters (see applyU64Setters). `is_view` starts false so that the driver can
 * pre-load storage with storage_write before the view flag is switched on.
 */
export function initialVmContext(c) {
  return {
    current_account_id: c.currentAccountId,
    signer_account_id: c.signerAccountId,
    signer_account_pk: base58Encode(c.signerAccountPk),
    predecessor_account_id: c.predecessorAccountId,
    input: '',
    block_index: 0,
    block_timestamp: 0,
    epoch_height: 0,
    account_balance: c.accountBalance.toString(),
    account_locked_balance: c.accountLockedBalance.toString(),
    storage_usage: 0,
    attached_deposit: c.attachedDeposit.toString(),
    prepaid_gas: 0,
    random_seed: base58Encode(c.randomSeed),
    is_view: false,
    output_data_receivers: [],
  };
}

/**
 * Applies the remaining fields through near-mock-vm's setters. Every setter rebuilds the VM's
 * logic object around the stored state ("switch_context"), which also clears registers and
 * recomputes storage_usage (see README: storage_usage is the sum of key and value lengths).
 */
export function applySetters(vm, c, inputBytes) {
  vm.set_block_index(c.blockIndex);
  vm.set_block_timestamp(c.blockTimestamp);
  vm.set_epoch_height(c.epochHeight);
  vm.set_prepaid_gas(c.prepaidGas);
  vm.set_storage_usage(c.storageUsage);
  vm.set_input(Buffer.from(inputBytes.buffer, inputBytes.byteOffset, inputBytes.byteLength).toString('base64'));
  vm.set_is_view(c.isView);
}
