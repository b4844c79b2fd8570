/**
 * `nearts run --json`: one JSON object with the outcome (mirroring nearcore's VMOutcome, u64 and
 * u128 as decimal strings), the error (nearcore's Display text and RPC JSON), the receipts the
 * call created and the contract state after the call.
 */
import { encodeBase64 } from '../input/json-fields.js';
import { displayFunctionCallError, functionCallErrorToJson, type FunctionCallErrorData } from '@nearts/vm-errors';
import { gasProfileView, type ReturnData } from '@nearts/vm-logic';
import type { RunMethodResult } from '../run-method.js';
import { stateToJson } from '../input/state-file.js';
import { receiptsView } from './receipts-view.js';


function returnDataJson(r: ReturnData): unknown {
  switch (r.kind) {
    case 'None':
      return null;
    case 'Value':
      return { Value: encodeBase64(r.value) };
    case 'ReceiptIndex':
      return { ReceiptIndex: r.receiptIndex };
  }
}

export function errorJson(e: FunctionCallErrorData | null): unknown {
  if (e === null) return null;
  return { type: e.kind, message: displayFunctionCallError(e), json: functionCallErrorToJson(e) };
}

export function runResultJson(result: RunMethodResult): Record<string, unknown> {
  const o = result.outcome;
  const { receipts, yields } = receiptsView(result.actions);
  return {
    outcome: {
      balance: o.balance.toString(),
      storage_usage: o.storageUsage.toString(),
      return_data: returnDataJson(o.returnData),
      burnt_gas: o.burntGas.toString(),
      used_gas: o.usedGas.toString(),
      compute_usage: o.computeUsage.toString(),
      logs: o.logs,
      profile: gasProfileView(o.profile),
      aborted: o.aborted === null ? null : functionCallErrorToJson(o.aborted),
    },
    error: errorJson(o.aborted),
    receipts,
    ...(yields.length > 0 ? { yields } : {}),
    state: stateToJson(result.state),
  };
}
