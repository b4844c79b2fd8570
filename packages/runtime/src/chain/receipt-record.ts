/**
 * An outgoing receipt in the chain's private history format. Transfer receipts (a native
 * transfer's own and every balance refund: an action receipt of Transfer actions only, no data
 * dependencies) are most of them, so they have a short form: ids as text (already validated by
 * the runtime, so no account-id check on the way in or out), amounts as varints. Anything else
 * is nearcore's borsh (`ReceiptCodec`). Either way it decodes deep-equal to what was written,
 * with the key order `ReceiptCodec.read` gives.
 */
import { BorshReader, BorshWriter, PublicKeyCodec, ReceiptCodec, type Action, type Receipt } from '@nearts/primitives';
import { readText, readVarBig, readVarNum, writeText, writeVarBig, writeVarNum } from './wire.js';

const enum ReceiptForm {
  Borsh = 0,
  Transfers = 1,
}

export function writeReceiptRecord(w: BorshWriter, receipt: Receipt): void {
  const inner = receipt.receipt;
  if (inner.type !== 'Action' || !onlyTransfers(inner.receipt.actions) || inner.receipt.outputDataReceivers.length !== 0 || inner.receipt.inputDataIds.length !== 0) {
    w.u8(ReceiptForm.Borsh);
    ReceiptCodec.write(w, receipt);
    return;
  }
  const a = inner.receipt;
  w.u8(ReceiptForm.Transfers);
  writeText(w, receipt.predecessorId);
  writeText(w, receipt.receiverId);
  w.fixedBytes(receipt.receiptId, 32);
  writeText(w, a.signerId);
  PublicKeyCodec.write(w, a.signerPublicKey);
  writeVarBig(w, a.gasPrice);
  writeVarNum(w, a.actions.length);
  for (const action of a.actions) writeVarBig(w, (action as Extract<Action, { type: 'Transfer' }>).deposit);
}

export function readReceiptRecord(r: BorshReader): Receipt {
  const form = r.u8() as ReceiptForm;
  if (form === ReceiptForm.Borsh) return ReceiptCodec.read(r);
  if (form !== ReceiptForm.Transfers) throw new RangeError(`history: unknown receipt form ${form as number}`);
  const predecessorId = readText(r);
  const receiverId = readText(r);
  const receiptId = r.fixedBytes(32);
  const signerId = readText(r);
  const signerPublicKey = PublicKeyCodec.read(r);
  const gasPrice = readVarBig(r);
  const actions: Action[] = [];
  for (let n = readVarNum(r); n > 0; n--) actions.push({ type: 'Transfer', deposit: readVarBig(r) });
  return {
    predecessorId,
    receiverId,
    receiptId,
    receipt: { type: 'Action', receipt: { signerId, signerPublicKey, gasPrice, outputDataReceivers: [], inputDataIds: [], actions } },
  };
}

/** Transfer actions only (any other own key of one is dropped, as borsh would drop it). */
function onlyTransfers(actions: readonly Action[]): boolean {
  for (const action of actions) {
    if (action.type !== 'Transfer') return false;
  }
  return true;
}
