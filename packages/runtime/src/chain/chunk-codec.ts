/**
 * A finished block's chunk summaries in the chain's private history format. The outcomes are not
 * in these bytes: they are records of the outcome log (so `outcome(id)` can decode one alone),
 * and a chunk keeps the range of record numbers its outcomes occupy.
 */
import { BorshReader, BorshWriter, PublicKeyCodec, type BorshExtensions, type Receipt } from '@nearts/primitives';
import type { ExecutionOutcomeWithId, PromiseYieldTimeoutEntry, ValidatorStake } from '../apply/types.js';
import type { ChunkSummary } from './block.js';
import { readReceiptRecord, writeReceiptRecord } from './receipt-record.js';
import { readText, readVarBig, readVarNum, writeText, writeVarBig, writeVarNum } from './wire.js';

/** `firstOutcome[i]`: the outcome record number of chunk i's first outcome. */
export function encodeChunks(chunks: readonly ChunkSummary[], firstOutcome: readonly number[], extensions: BorshExtensions | undefined): Uint8Array {
  const w = new BorshWriter(1024, extensions);
  writeVarNum(w, chunks.length);
  chunks.forEach((c, i) => {
    const r = c.result;
    writeVarBig(w, c.shardId);
    w.bytes(c.stateRoot);
    w.bytes(r.stateRoot);
    writeVarNum(w, firstOutcome[i]);
    writeVarNum(w, r.outcomes.length);
    writeVarNum(w, r.outgoingReceipts.length);
    for (const receipt of r.outgoingReceipts) writeReceiptRecord(w, receipt);
    writeVarNum(w, r.validatorProposals.length);
    for (const v of r.validatorProposals) {
      writeText(w, v.accountId);
      PublicKeyCodec.write(w, v.publicKey);
      writeVarBig(w, v.stake);
    }
    const s = r.stats;
    writeVarBig(w, s.txBurntAmount);
    writeVarBig(w, s.otherBurntAmount);
    writeVarBig(w, s.gasDeficitAmount);
    writeVarBig(w, s.subsidizedAmount);
    writeVarBig(w, s.slashedBurntAmount);
    writeVarBig(w, r.delayedReceiptsCount);
    writeVarNum(w, r.processedYieldTimeouts.length);
    for (const t of r.processedYieldTimeouts) {
      writeText(w, t.accountId);
      w.fixedBytes(t.dataId, 32);
      writeVarBig(w, t.expiresAt);
    }
    writeVarBig(w, r.totalGasBurnt);
    writeVarBig(w, r.totalCompute);
    writeVarNum(w, r.touchedKeys.length);
    for (const k of r.touchedKeys) w.bytes(k);
  });
  return w.finish();
}

export function decodeChunks(bytes: Uint8Array, extensions: BorshExtensions | undefined, outcomeAt: (n: number) => ExecutionOutcomeWithId): ChunkSummary[] {
  const r = new BorshReader(bytes, extensions);
  const chunks: ChunkSummary[] = [];
  for (let count = readVarNum(r); count > 0; count--) {
    const shardId = readVarBig(r);
    const stateRoot = r.bytesVec();
    const resultRoot = r.bytesVec();
    const first = readVarNum(r);
    const outcomes: ExecutionOutcomeWithId[] = [];
    for (let i = 0, n = readVarNum(r); i < n; i++) outcomes.push(outcomeAt(first + i));
    const outgoingReceipts: Receipt[] = [];
    for (let n = readVarNum(r); n > 0; n--) outgoingReceipts.push(readReceiptRecord(r));
    const validatorProposals: ValidatorStake[] = [];
    for (let n = readVarNum(r); n > 0; n--) {
      const accountId = readText(r);
      const publicKey = PublicKeyCodec.read(r);
      validatorProposals.push({ accountId, publicKey, stake: readVarBig(r) });
    }
    const txBurntAmount = readVarBig(r);
    const otherBurntAmount = readVarBig(r);
    const gasDeficitAmount = readVarBig(r);
    const subsidizedAmount = readVarBig(r);
    const slashedBurntAmount = readVarBig(r);
    const delayedReceiptsCount = readVarBig(r);
    const processedYieldTimeouts: PromiseYieldTimeoutEntry[] = [];
    for (let n = readVarNum(r); n > 0; n--) {
      const accountId = readText(r);
      const dataId = r.fixedBytes(32);
      processedYieldTimeouts.push({ accountId, dataId, expiresAt: readVarBig(r) });
    }
    const totalGasBurnt = readVarBig(r);
    const totalCompute = readVarBig(r);
    const touchedKeys: Uint8Array[] = [];
    for (let n = readVarNum(r); n > 0; n--) touchedKeys.push(r.bytesVec());
    chunks.push({
      shardId,
      stateRoot,
      result: {
        stateRoot: resultRoot,
        outgoingReceipts,
        outcomes,
        validatorProposals,
        stats: { txBurntAmount, otherBurntAmount, gasDeficitAmount, subsidizedAmount, slashedBurntAmount },
        delayedReceiptsCount,
        processedYieldTimeouts,
        totalGasBurnt,
        totalCompute,
        touchedKeys,
      },
    });
  }
  r.expectEnd();
  return chunks;
}
