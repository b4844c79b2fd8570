/** Plain data types shared by VMLogic, External and the outcome (nearcore `logic/types.rs`). */

export type AccountId = string;

/** Position of a receipt in the list the External keeps for this call. */
export type ReceiptIndex = number;
/** Position of an action inside one receipt. */
export type ActionIndex = number;
/** Position in VMLogic's per-call promise list. */
export type PromiseIndex = number;

/** Public keys, global-contract identifiers and deploy modes are @nearts/primitives' types. */
export type { GlobalContractDeployMode, GlobalContractIdentifier, PublicKey } from '@nearts/primitives';
import type { GlobalContractIdentifier } from '@nearts/primitives';

/** What the call returns: nothing, bytes, or the result of a receipt it created. */
export type ReturnData =
  | { readonly kind: 'None' }
  | { readonly kind: 'Value'; readonly value: Uint8Array }
  | { readonly kind: 'ReceiptIndex'; readonly receiptIndex: ReceiptIndex };

/** Result of a receipt this callback waited on. `NotReady` is never produced by current protocol. */
export type PromiseResult =
  | { readonly kind: 'NotReady' }
  | { readonly kind: 'Successful'; readonly data: Uint8Array }
  | { readonly kind: 'Failed' };

/** The account's contract (nearcore `AccountContract`). */
export type AccountContract =
  | { readonly kind: 'None' }
  | { readonly kind: 'Local'; readonly codeHash: Uint8Array }
  | { readonly kind: 'Global'; readonly codeHash: Uint8Array }
  | { readonly kind: 'GlobalByAccount'; readonly accountId: AccountId };

/** Byte length nearcore charges `use_global_contract_byte` on (32 for a hash, the id length otherwise). */
export function globalContractIdentifierLen(id: GlobalContractIdentifier): number {
  return id.type === 'CodeHash' ? 32 : new TextEncoder().encode(id.accountId).length;
}
