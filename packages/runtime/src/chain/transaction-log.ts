/**
 * Every submitted transaction, for `finalOutcome`. One submitted as bytes is kept as those bytes
 * (a record of a byte log, indexed by its hash: no heap object per transaction) and decoded again
 * when asked for; one submitted as an object is kept as that object.
 */
import type { CryptoHash } from '@nearts/primitives';
import type { VerifiableTransaction } from '../verifier/transaction.js';
import { ByteLog } from './byte-log.js';
import { IdIndex } from './id-index.js';

const NO_BYTES = new Uint8Array(0);

export class TransactionLog {
  private readonly ids = new IdIndex();
  private readonly bytes = new ByteLog();
  private readonly objects = new Map<number, VerifiableTransaction>();

  /** Keeps `tx`: as `bytes` when it was submitted as bytes. */
  add(tx: VerifiableTransaction, bytes?: Uint8Array): void {
    const n = this.ids.add(tx.hash);
    this.bytes.append(bytes ?? NO_BYTES);
    if (bytes === undefined) this.objects.set(n, tx);
  }

  /** The transaction kept under `hash` (the newest if submitted twice): its object or its bytes. */
  get(hash: CryptoHash): VerifiableTransaction | Uint8Array | undefined {
    const n = this.ids.find(hash);
    if (n < 0) return undefined;
    return this.objects.get(n) ?? this.bytes.get(n);
  }
}
