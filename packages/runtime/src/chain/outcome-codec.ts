/**
 * ExecutionOutcomeWithId in the chain's private history format: every field the runtime sets,
 * `computeUsage` and the gas profile included (nearcore's borsh leaves both out), so an outcome
 * decodes deep-equal to the one `apply` produced. Profiles are kept sparse: most of their 114
 * entries are zero; the shared empty profile of every outcome that ran no function call (all of a
 * native transfer's) is one byte, and decodes to that same shared object.
 */
import { AccountContractCodec, BorshReader, BorshWriter } from '@nearts/primitives';
import { ProfileDataV3 } from '@nearts/vm-logic';
import { EMPTY_PROFILE } from '../actions/result.js';
import type { ExecutionMetadata, ExecutionOutcomeWithId, ExecutionStatus } from '../apply/types.js';
import type { TxExecutionErrorData } from '../tx-errors.js';
import { readTaggedValue, writeTaggedValue } from './tagged-value.js';
import { readText, readVarBig, readVarNum, writeText, writeVarBig, writeVarNum } from './wire.js';

const enum ProfileTag {
  /** `EMPTY_PROFILE` itself: no entries follow. */
  SharedEmpty = 0,
  Own = 1,
}

const enum StatusTag {
  Unknown = 0,
  Failure = 1,
  SuccessValue = 2,
  SuccessReceiptId = 3,
}

/**
 * Everything but the id, which the history's id index holds already (record n of the outcome log
 * is id n of the index): no second copy of it, and no copy made per outcome.
 */
export function writeOutcome(w: BorshWriter, o: ExecutionOutcomeWithId): void {
  const x = o.outcome;
  writeVarNum(w, x.logs.length);
  for (const log of x.logs) writeText(w, log);
  writeVarNum(w, x.receiptIds.length);
  for (const id of x.receiptIds) w.fixedBytes(id, 32);
  writeVarBig(w, x.gasBurnt);
  writeVarBig(w, x.computeUsage);
  writeVarBig(w, x.tokensBurnt);
  writeText(w, x.executorId);
  writeStatus(w, x.status);
  writeMetadata(w, x.metadata);
}

/** The outcome `writeOutcome` wrote, with its `id` (kept elsewhere). */
export function readOutcome(r: BorshReader, id: Uint8Array): ExecutionOutcomeWithId {
  const logs: string[] = [];
  for (let n = readVarNum(r); n > 0; n--) logs.push(readText(r));
  const receiptIds: Uint8Array[] = [];
  for (let n = readVarNum(r); n > 0; n--) receiptIds.push(r.fixedBytes(32));
  const gasBurnt = readVarBig(r);
  const computeUsage = readVarBig(r);
  const tokensBurnt = readVarBig(r);
  const executorId = readText(r);
  const status = readStatus(r);
  const metadata = readMetadata(r);
  // Property order as `apply` builds outcomes, so even key order matches.
  return { id, outcome: { logs, receiptIds, gasBurnt, computeUsage, tokensBurnt, executorId, status, metadata } };
}

/** The receipt ids of an encoded outcome, read without decoding the rest (the `finalOutcome` walk). */
export function readOutcomeReceiptIds(r: BorshReader): Uint8Array[] {
  for (let n = readVarNum(r); n > 0; n--) readText(r);
  const ids: Uint8Array[] = [];
  for (let n = readVarNum(r); n > 0; n--) ids.push(r.fixedBytes(32));
  return ids;
}

function writeStatus(w: BorshWriter, s: ExecutionStatus): void {
  switch (s.kind) {
    case 'Unknown':
      w.u8(StatusTag.Unknown);
      return;
    case 'Failure':
      w.u8(StatusTag.Failure);
      writeTaggedValue(w, s.error);
      return;
    case 'SuccessValue':
      w.u8(StatusTag.SuccessValue);
      w.bytes(s.value);
      return;
    case 'SuccessReceiptId':
      w.u8(StatusTag.SuccessReceiptId);
      w.fixedBytes(s.receiptId, 32);
      return;
  }
}

function readStatus(r: BorshReader): ExecutionStatus {
  const tag = r.u8() as StatusTag;
  switch (tag) {
    case StatusTag.Unknown:
      return { kind: 'Unknown' };
    case StatusTag.Failure:
      return { kind: 'Failure', error: readTaggedValue(r) as TxExecutionErrorData };
    case StatusTag.SuccessValue:
      return { kind: 'SuccessValue', value: r.bytesVec() };
    case StatusTag.SuccessReceiptId:
      return { kind: 'SuccessReceiptId', receiptId: r.fixedBytes(32) };
    default:
      throw new RangeError(`history: unknown outcome status tag ${tag as number}`);
  }
}

function writeMetadata(w: BorshWriter, m: ExecutionMetadata): void {
  w.u8(m.version);
  if (m.version === 1) return;
  // By identity: the shared profile needs no scan of its 114 entries to be known empty.
  if (m.profile === EMPTY_PROFILE) w.u8(ProfileTag.SharedEmpty);
  else {
    w.u8(ProfileTag.Own);
    writeProfile(w, m.profile);
  }
  if (m.version === 4) {
    writeVarNum(w, m.contracts.length);
    for (const c of m.contracts) AccountContractCodec.write(w, c);
  }
}

function readMetadata(r: BorshReader): ExecutionMetadata {
  const version = r.u8();
  if (version === 1) return { version };
  const profileTag = r.u8() as ProfileTag;
  if (profileTag !== ProfileTag.SharedEmpty && profileTag !== ProfileTag.Own) throw new RangeError(`history: unknown profile tag ${profileTag as number}`);
  const profile = profileTag === ProfileTag.SharedEmpty ? EMPTY_PROFILE : readProfile(r);
  if (version === 3) return { version, profile };
  if (version !== 4) throw new RangeError(`history: unknown outcome metadata version ${version}`);
  const contracts = [];
  for (let n = readVarNum(r); n > 0; n--) contracts.push(AccountContractCodec.read(r));
  return { version, profile, contracts };
}

function writeProfile(w: BorshWriter, p: ProfileDataV3): void {
  writeSparse(w, p.actionsProfile);
  writeSparse(w, p.wasmExtProfile);
  writeVarBig(w, p.wasmGas);
  writeVarNum(w, p.extensionProfile.size);
  // No iterator for the usual empty map.
  if (p.extensionProfile.size === 0) return;
  for (const [name, gas] of p.extensionProfile) {
    writeText(w, name);
    writeVarBig(w, gas);
  }
}

function readProfile(r: BorshReader): ProfileDataV3 {
  const p = new ProfileDataV3();
  readSparse(r, p.actionsProfile);
  readSparse(r, p.wasmExtProfile);
  p.wasmGas = readVarBig(r);
  for (let n = readVarNum(r); n > 0; n--) {
    const name = readText(r);
    p.extensionProfile.set(name, readVarBig(r));
  }
  return p;
}

/** Length, then (index delta, value) for each non-zero entry, then a terminating 0 delta. */
function writeSparse(w: BorshWriter, values: readonly bigint[]): void {
  writeVarNum(w, values.length);
  let last = -1;
  for (let i = 0; i < values.length; i++) {
    // Truthiness, not `=== 0n`: the same test, cheaper per entry in V8.
    if (!values[i]) continue;
    writeVarNum(w, i - last);
    writeVarBig(w, values[i]);
    last = i;
  }
  writeVarNum(w, 0);
}

/** Into `into`, which a fresh profile has zero-filled at the current length. */
function readSparse(r: BorshReader, into: bigint[]): void {
  const length = readVarNum(r);
  // A profile written with another number of cost kinds keeps its own length.
  if (length !== into.length) {
    into.length = length;
    into.fill(0n);
  }
  let i = -1;
  for (let delta = readVarNum(r); delta !== 0; delta = readVarNum(r)) {
    i += delta;
    into[i] = readVarBig(r);
  }
}
