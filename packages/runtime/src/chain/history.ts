/**
 * What the chain keeps of its finished blocks, compactly: a block's header fields as they are, its
 * chunk summaries as bytes, and every outcome as a record of one outcome log indexed by id. All of
 * it is decoded again when asked for, so a long chain holds a few heap objects per block instead
 * of ~170 per function-call transaction (outcomes with gas profiles, receipts, touched keys), which
 * every major garbage collection would otherwise walk. The head block stays as it was produced.
 */
import { BorshReader, BorshWriter, latin1, type BorshExtensions, type CryptoHash } from '@nearts/primitives';
import type { ExecutionOutcomeWithId } from '../apply/types.js';
import type { Block, OutcomeRecord } from './block.js';
import { ByteLog } from './byte-log.js';
import { decodeChunks, encodeChunks } from './chunk-codec.js';
import { IdIndex } from './id-index.js';
import { IntColumn } from './int-column.js';
import { readOutcome, readOutcomeReceiptIds, writeOutcome } from './outcome-codec.js';

interface KeptBlock {
  readonly height: bigint;
  readonly hash: CryptoHash;
  readonly prevHash: CryptoHash;
  readonly timestamp: bigint;
  readonly gasPrice: bigint;
  readonly randomSeed: CryptoHash;
  /** The encoded chunk summaries (genesis: none). */
  readonly chunks: Uint8Array | null;
}

export class History {
  private readonly kept: KeptBlock[] = [];
  private readonly byHash = new Map<string, number>();
  /** The newest block, as `produceBlock` returned it. */
  private headBlock: Block | undefined;
  private readonly outcomeIds = new IdIndex();
  private readonly outcomeBytes = new ByteLog();
  /** Per outcome record: the index of its block in `kept`. */
  private readonly outcomeBlock = new IntColumn();
  private readonly writer = new BorshWriter(4096);

  constructor(private readonly extensions: BorshExtensions | undefined) {}

  get length(): number {
    return this.kept.length;
  }

  get head(): Block {
    if (this.headBlock === undefined) throw new RangeError('the chain has no block');
    return this.headBlock;
  }

  /** Records a finished block; it becomes the head. */
  push(block: Block): void {
    const index = this.kept.length;
    const firstOutcome: number[] = [];
    const w = this.writer;
    for (const c of block.chunks) {
      firstOutcome.push(this.outcomeBytes.length);
      for (const o of c.result.outcomes) {
        w.reset();
        writeOutcome(w, o);
        this.outcomeBytes.append(w.written());
        this.outcomeIds.add(o.id);
        this.outcomeBlock.push(index);
      }
    }
    const { height, hash, prevHash, timestamp, gasPrice, randomSeed } = block;
    const chunks = block.chunks.length === 0 ? null : encodeChunks(block.chunks, firstOutcome, this.extensions);
    this.kept.push({ height, hash, prevHash, timestamp, gasPrice, randomSeed, chunks });
    this.byHash.set(latin1(hash), index);
    this.headBlock = block;
  }

  /** The block at `index` (0 = genesis): the head itself, an older one decoded afresh. */
  at(index: number): Block | undefined {
    const k = this.kept[index];
    if (k === undefined) return undefined;
    if (index === this.kept.length - 1 && this.headBlock !== undefined) return this.headBlock;
    const chunks = k.chunks === null ? [] : decodeChunks(k.chunks, this.extensions, (n) => this.outcomeAt(n));
    return { height: k.height, hash: k.hash, prevHash: k.prevHash, timestamp: k.timestamp, gasPrice: k.gasPrice, randomSeed: k.randomSeed, chunks };
  }

  /** Height and hash of the block at `index`, without decoding it. */
  header(index: number): Pick<Block, 'height' | 'hash'> | undefined {
    return this.kept[index];
  }

  indexOfHash(hash: CryptoHash): number {
    return this.byHash.get(latin1(hash)) ?? -1;
  }

  /** The outcome of a transaction or receipt, with its block; the newest if the id came twice. */
  outcome(id: CryptoHash): OutcomeRecord | undefined {
    const n = this.outcomeIds.find(id);
    if (n < 0) return undefined;
    const block = this.kept[this.outcomeBlock.get(n)];
    return { outcome: this.outcomeAt(n), blockHash: block.hash, blockHeight: block.height };
  }

  /** The receipt ids an outcome created, or undefined for an unknown id (no full decode). */
  outcomeReceiptIds(id: CryptoHash): Uint8Array[] | undefined {
    const n = this.outcomeIds.find(id);
    return n < 0 ? undefined : readOutcomeReceiptIds(new BorshReader(this.outcomeBytes.get(n)));
  }

  private outcomeAt(n: number): ExecutionOutcomeWithId {
    const r = new BorshReader(this.outcomeBytes.get(n));
    const o = readOutcome(r, this.outcomeIds.idAt(n));
    r.expectEnd();
    return o;
  }
}
