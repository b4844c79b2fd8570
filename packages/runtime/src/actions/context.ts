/**
 * What every action handler gets: the state, the block, the receipt being applied and the
 * mutable account / actor of that receipt (nearcore passes them as `&mut` parameters).
 */
import type { Account, AccountId, Action, CryptoHash, Receipt } from '@nearts/primitives';
import type { PromiseResult } from '@nearts/vm-logic';
import type { ApplyState } from '../apply/types.js';
import type { TrieAccounting } from '../ext/trie-accounting.js';
import type { AnyActionReceipt } from '../receipts.js';
import type { StateUpdate } from '../state/state-update.js';

export interface ReceiptContext {
  readonly state: StateUpdate;
  readonly apply: ApplyState;
  readonly receipt: Receipt;
  readonly actionReceipt: AnyActionReceipt;
  readonly promiseResults: readonly PromiseResult[];
  readonly accounting: TrieAccounting;
  /** The receiver account as the actions see it (undefined: does not exist / was deleted). */
  account: Account | undefined;
  /** Who is allowed owner-only actions: the predecessor, or the receiver once it created the account. */
  actorId: AccountId;
}

export interface ActionContext {
  readonly rc: ReceiptContext;
  readonly action: Action;
  readonly actionHash: CryptoHash;
  readonly actionIndex: number;
}
