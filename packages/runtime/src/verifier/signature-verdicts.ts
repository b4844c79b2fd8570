/**
 * Transaction signatures are checked twice in a node's life: when the transaction is submitted
 * (Chain.submit) and again when the chunk holding it is applied. ed25519 verification is the
 * largest single cost of a native transfer, so successful verdicts are remembered per process
 * and the second check is a map lookup.
 *
 * A verdict is reused only for the exact bytes it was computed from — the signed data
 * (transaction hash), the public key's type and bytes, the signature's type and bytes — so it
 * stands for the very same inputs of the pure function `verifySignature`.
 * Only successes are stored: invalid signatures cannot fill the table, and a transaction never
 * seen before (apply called directly) is simply verified. The table is bounded; when full, its
 * older half is dropped (`BoundedCache`), which only costs a re-verification later, never a
 * different result.
 */
import { BoundedCache, verifySignature, type PublicKey, type Signature, latin1 } from '@nearts/primitives';


function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A verified triple; the key and signature bytes are copies, so later changes to the caller's arrays cannot match. */
interface Verdict {
  readonly keyType: number;
  readonly key: Uint8Array;
  readonly signatureType: number;
  readonly signature: Uint8Array;
}

/**
 * A bounded set of (data, public key, signature) triples known to verify, keyed by the data
 * (one triple per data: a transaction hash is signed once; another valid triple replaces it).
 */
export class SignatureVerdicts {
  private readonly valid: BoundedCache<string, Verdict>;

  constructor(readonly capacity: number) {
    this.valid = new BoundedCache(capacity);
  }

  get size(): number {
    return this.valid.size;
  }

  /** Same result as `verifySignature(data, signature, publicKey)`. */
  verify(data: Uint8Array, signature: Signature, publicKey: PublicKey): boolean {
    const key = latin1(data);
    const known = this.valid.get(key);
    if (
      known !== undefined &&
      known.keyType === publicKey.keyType &&
      known.signatureType === signature.keyType &&
      sameBytes(known.key, publicKey.data) &&
      sameBytes(known.signature, signature.data)
    ) {
      return true;
    }
    if (!verifySignature(data, signature, publicKey)) return false;
    if (this.capacity <= 0) return true;
    this.valid.set(key, { keyType: publicKey.keyType, key: publicKey.data.slice(), signatureType: signature.keyType, signature: signature.data.slice() });
    return true;
  }
}

/** Enough for a full mempool's worth of transactions between submit and apply. */
export const TRANSACTION_SIGNATURE_VERDICTS = new SignatureVerdicts(16_384);
