/**
 * One view over `Delegate` (NEP-366) and `DelegateV2` actions, so fee and execution code handles
 * both alike (nearcore `VersionedDelegateActionRef`).
 */
import {
  delegateActionHash,
  delegateActionV2Hash,
  verifySignature,
  type AccountId,
  type Action,
  type PublicKey,
  type Signature,
  type TransactionNonce,
} from '@nearts/primitives';

export interface DelegateView {
  readonly senderId: AccountId;
  readonly receiverId: AccountId;
  readonly actions: readonly Action[];
  readonly nonce: TransactionNonce;
  readonly maxBlockHeight: bigint;
  readonly publicKey: PublicKey;
  readonly signature: Signature;
  /** The NEP-461 signature check. */
  verify(): boolean;
}


export function delegateInner(a: Action): DelegateView {
  if (a.type === 'Delegate') {
    const d = a.delegateAction;
    return {
      senderId: d.senderId,
      receiverId: d.receiverId,
      actions: d.actions,
      nonce: { type: 'Nonce', nonce: d.nonce },
      maxBlockHeight: d.maxBlockHeight,
      publicKey: d.publicKey,
      signature: a.signature,
      verify: () => verifySignature(delegateActionHash(d), a.signature, d.publicKey),
    };
  }
  if (a.type === 'DelegateV2') {
    const d = a.payload.delegateAction;
    return {
      senderId: d.senderId,
      receiverId: d.receiverId,
      actions: d.actions,
      nonce: d.nonce,
      maxBlockHeight: d.maxBlockHeight,
      publicKey: d.publicKey,
      signature: a.signature,
      verify: () => verifySignature(delegateActionV2Hash(a.payload), a.signature, d.publicKey),
    };
  }
  throw new Error(`not a delegate action: ${(a as { type: string }).type}`);
}
