/**
 * Transaction signatures are checked twice in a node's life: when the transaction is submitted
 * (Chain.submit) and again when the chunk holding it is applied. ed25519 verification is the
 * largest single cost of a native transfer, so successful verdicts are remembered per process
 * and the second check is a map lookup.
 *
 * A verdict is keyed by the exact bytes it was computed from — the signed data (transaction
 * hash), the public key's type and bytes, the signature's type and bytes — so a remembered
 * verdict is only ever reused for the very same inputs of the pure function `verifySignature`.
 * Only successes are stored: invalid signatures cannot fill the table, and a transaction never
 * seen before (apply called directly) is simply verified. The table is bounded; when full, the
 * oldest verdict is dropped, which only costs a re-verification later, never a different result.
 */
import { verifySignature, type PublicKey, type Signature } from '@nearts/primitives';

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** The lengths up front make the concatenation unambiguous for any byte lengths. */
function verdictKey(data: Uint8Array, signature: Signature, publicKey: PublicKey): string {
  return (
    `${publicKey.keyType}:${signature.keyType}:${data.length}:${publicKey.data.length}:${signature.data.length}:` +
    latin1(data) +
    latin1(publicKey.data) +
    latin1(signature.data)
  );
}

/** A bounded set of (data, public key, signature) triples known to verify. */
export class SignatureVerdicts {
  private readonly valid = new Set<string>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.valid.size;
  }

  /** Same result as `verifySignature(data, signature, publicKey)`. */
  verify(data: Uint8Array, signature: Signature, publicKey: PublicKey): boolean {
    const key = verdictKey(data, signature, publicKey);
    if (this.valid.has(key)) return true;
    if (!verifySignature(data, signature, publicKey)) return false;
    if (this.capacity <= 0) return true;
    if (this.valid.size >= this.capacity) {
      const oldest = this.valid.values().next().value;
      if (oldest !== undefined) this.valid.delete(oldest);
    }
    this.valid.add(key);
    return true;
  }
}

/** Enough for a full mempool's worth of transactions between submit and apply. */
export const TRANSACTION_SIGNATURE_VERDICTS = new SignatureVerdicts(16_384);
