/**
 * The receipts a call tried to create, grouped from the mocked External's action log into one
 * object per receipt: receiver, the receipts it waits for, and its actions in nearcore's
 * action-view JSON (u64/u128 as decimal strings, bytes as base64, keys as `ed25519:…`).
 */
import { encodeBase64 } from '../input/json-fields.js';
import type { MockAction } from '@nearts/vm-logic';

export interface ReceiptView {
  receipt_index: number;
  receiver_id: string;
  /** Receipts whose results this one waits for (promise_then / promise_and dependencies). */
  depends_on: number[];
  actions: unknown[];
  refund_to?: string;
  /** Set on a receipt made by promise_yield_create: it waits for this data id. */
  promise_yield?: { data_id: string; yield_id?: string };
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** JSON form of recorded fields: u64/u128 as decimal strings, bytes as base64, byte maps as objects. */
function jsonValue(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return encodeBase64(v);
  if (v instanceof Map)
    return Object.fromEntries([...v.values()].map((e: { key: Uint8Array; value: Uint8Array }) => [encodeBase64(e.key), encodeBase64(e.value)]));
  return v;
}

function actionView(a: MockAction): unknown {
  switch (a.kind) {
    case 'CreateAccount':
      return 'CreateAccount';
    case 'DeployContract':
      return { DeployContract: { code: encodeBase64(a.code) } };
    case 'DeployGlobalContract':
      return { DeployGlobalContract: { code: encodeBase64(a.code), deploy_mode: a.mode } };
    case 'UseGlobalContract':
      return {
        UseGlobalContract:
          a.contractId.type === 'CodeHash'
            ? { code_hash: encodeBase64(a.contractId.hash) }
            : { account_id: a.contractId.accountId },
      };
    case 'FunctionCallWeight':
      return {
        FunctionCall: {
          method_name: text(a.methodName),
          args: encodeBase64(a.args),
          gas: a.prepaidGas.toString(),
          deposit: a.attachedDeposit.toString(),
          gas_weight: a.gasWeight.toString(),
        },
      };
    case 'Transfer':
      return { Transfer: { deposit: a.deposit.toString() } };
    case 'Stake':
      return { Stake: { stake: a.stake.toString(), public_key: a.publicKey.toString() } };
    case 'AddKeyWithFullAccess':
      return { AddKey: { public_key: a.publicKey.toString(), access_key: { nonce: a.nonce.toString(), permission: 'FullAccess' } } };
    case 'AddKeyWithFunctionCall':
      return {
        AddKey: {
          public_key: a.publicKey.toString(),
          access_key: {
            nonce: a.nonce.toString(),
            permission: {
              FunctionCall: {
                allowance: a.allowance === null ? null : a.allowance.toString(),
                receiver_id: a.receiverId,
                method_names: a.methodNames.map(text),
              },
            },
          },
        },
      };
    case 'DeleteKey':
      return { DeleteKey: { public_key: a.publicKey.toString() } };
    case 'DeleteAccount':
      return { DeleteAccount: { beneficiary_id: a.beneficiaryId } };
    default: {
      // Newer actions (gas keys, state init) are shown with their fields as recorded.
      const { kind, receiptIndex: _r, ...fields } = a as MockAction & { receiptIndex?: number };
      return { [kind]: JSON.parse(JSON.stringify(fields, jsonValue)) };
    }
  }
}

/**
 * Receipts in creation order; the n-th CreateReceipt/YieldCreate entry of the log is receipt n
 * (see RunExternal). A yield receipt carries `promise_yield` with its data id: it runs when the
 * data is resumed. `yields` lists the resumes (`promise_yield_resume`) the call made.
 */
export function receiptsView(log: readonly MockAction[]): { receipts: ReceiptView[]; yields: unknown[] } {
  const receipts: ReceiptView[] = [];
  const yields: unknown[] = [];
  for (const a of log) {
    if (a.kind === 'CreateReceipt') {
      receipts.push({ receipt_index: receipts.length, receiver_id: a.receiverId, depends_on: [...a.receiptIndices], actions: [] });
    } else if (a.kind === 'YieldCreate') {
      receipts.push({
        receipt_index: receipts.length,
        receiver_id: a.receiverId,
        depends_on: [],
        actions: [],
        promise_yield: { data_id: encodeBase64(a.dataId), ...(a.yieldId !== null ? { yield_id: encodeBase64(a.yieldId) } : {}) },
      });
    } else if (a.kind === 'YieldResume') {
      yields.push({ yield_resume: { data_id: encodeBase64(a.dataId), data: encodeBase64(a.data) } });
    } else if (a.kind === 'SetRefundTo') {
      const r = receipts[a.receiptIndex];
      if (r) r.refund_to = a.refundTo;
    } else {
      receipts[a.receiptIndex]?.actions.push(actionView(a));
    }
  }
  return { receipts, yields };
}
