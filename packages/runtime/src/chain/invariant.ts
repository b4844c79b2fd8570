/**
 * The supply invariant: tokens are never created or lost except by burning (gas, global contract
 * storage, gas keys, failed refunds) and the `one_yocto_on_promise` subsidy. Value in flight is
 * counted the way nearcore's removed balance checker did: an action receipt holds its deposits
 * plus its prepaid gas (execution fees, attached gas, delegate send fees) at its gas price.
 */
import {
  AccessKeyCodec,
  AccountCodec,
  decode,
  ReceiptCodec,
  ReceiptOrStateStoredReceiptCodec,
  SYSTEM_ACCOUNT_ID,
  TrieColumn,
  type Receipt,
} from '@nearts/primitives';
import { execFee, type RuntimeConfig } from '@nearts/runtime-fees';
import type { State } from '@nearts/store';
import { totalDeposit, totalPrepaidExecFees, totalPrepaidGas, totalPrepaidSendFees } from '../config/tx-cost.js';
import { actionReceiptOfReceipt } from '../receipts.js';
import { STATE_EXTENSIONS } from '../extensions/submodules.js';

/** Tokens a receipt carries: deposits, plus the gas it bought (none for refunds from `system`). */
export function receiptValue(r: Receipt, config: RuntimeConfig): bigint {
  const a = actionReceiptOfReceipt(r);
  if (a === undefined) return 0n;
  const deposits = totalDeposit(a.actions);
  if (r.predecessorId === SYSTEM_ACCOUNT_ID) return deposits;
  const gas =
    execFee(config.fees.actionFees.new_action_receipt).gas +
    totalPrepaidExecFees(config, a.actions, r.receiverId).gas +
    totalPrepaidGas(a.actions) +
    totalPrepaidSendFees(config, a.actions).gas;
  return deposits + a.gasPrice * gas;
}

export interface SupplyBreakdown {
  /** Σ amount + locked of every account. */
  accounts: bigint;
  /** Σ balances held by gas keys. */
  gasKeys: bigint;
  /** Σ value of delayed, postponed and yielded receipts stored in state. */
  storedReceipts: bigint;
}

/** What one shard state holds. */
export function stateSupply(state: State, config: RuntimeConfig): SupplyBreakdown {
  let accounts = 0n;
  for (const [, v] of state.iter(Uint8Array.of(TrieColumn.ACCOUNT))) {
    const a = decode(AccountCodec, v);
    accounts += a.amount + a.locked;
  }
  let gasKeys = 0n;
  for (const [k, v] of state.iter(Uint8Array.of(TrieColumn.ACCESS_KEY))) {
    if (v.length === 8) continue; // a gas-key nonce row
    const ak = decode(AccessKeyCodec, v);
    const p = ak.permission;
    if (p.type === 'GasKeyFullAccess' || p.type === 'GasKeyFunctionCall') gasKeys += p.gasKeyInfo.balance;
    void k;
  }
  let storedReceipts = 0n;
  for (const [k, v] of state.iter(Uint8Array.of(TrieColumn.DELAYED_RECEIPT_OR_INDICES))) {
    if (k.length !== 9) continue;
    storedReceipts += receiptValue(decode(ReceiptOrStateStoredReceiptCodec, v, STATE_EXTENSIONS).receipt, config);
  }
  for (const col of [TrieColumn.POSTPONED_RECEIPT, TrieColumn.PROMISE_YIELD_RECEIPT]) {
    for (const [, v] of state.iter(Uint8Array.of(col))) storedReceipts += receiptValue(decode(ReceiptCodec, v, STATE_EXTENSIONS), config);
  }
  return { accounts, gasKeys, storedReceipts };
}

export interface SupplyView {
  readonly config: RuntimeConfig;
  readonly allStates: readonly State[];
  readonly genesisSupply: bigint;
  readonly totals: { txBurntAmount: bigint; otherBurntAmount: bigint; slashedBurntAmount: bigint; subsidizedAmount: bigint };
  pendingIncoming(): readonly Receipt[];
}

export interface SupplyCheck {
  ok: boolean;
  /** genesis supply − burnt + subsidized. */
  expected: bigint;
  /** accounts + gas keys + receipts in flight or stored. */
  actual: bigint;
  burnt: bigint;
  breakdown: SupplyBreakdown & { inFlight: bigint };
}

/** Error thrown by `checkSupplyInvariant` when supply changed by more than what was burnt. */
export class SupplyInvariantError extends Error {
  override readonly name = 'SupplyInvariantError';
  constructor(readonly check: SupplyCheck) {
    super(`total supply ${check.actual} differs from expected ${check.expected} by ${check.actual - check.expected}`);
  }
}

export function measureSupply(chain: SupplyView): SupplyCheck {
  const b: SupplyBreakdown & { inFlight: bigint } = { accounts: 0n, gasKeys: 0n, storedReceipts: 0n, inFlight: 0n };
  for (const s of chain.allStates) {
    const x = stateSupply(s, chain.config);
    b.accounts += x.accounts;
    b.gasKeys += x.gasKeys;
    b.storedReceipts += x.storedReceipts;
  }
  for (const r of chain.pendingIncoming()) b.inFlight += receiptValue(r, chain.config);
  const t = chain.totals;
  const burnt = t.txBurntAmount + t.otherBurntAmount + t.slashedBurntAmount;
  const expected = chain.genesisSupply - burnt + t.subsidizedAmount;
  const actual = b.accounts + b.gasKeys + b.storedReceipts + b.inFlight;
  return { ok: actual === expected, expected, actual, burnt, breakdown: b };
}

/** Throws `SupplyInvariantError` unless total supply changed exactly by what was burnt (and subsidized). */
export function checkSupplyInvariant(chain: SupplyView): SupplyCheck {
  const c = measureSupply(chain);
  if (!c.ok) throw new SupplyInvariantError(c);
  return c;
}
