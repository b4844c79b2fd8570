/**
 * The receipts a call tried to create, grouped from the mocked External's action log into one
 * object per receipt: receiver, the receipts it waits for, and its actions in nearcore's
 * action-view JSON (u64/u128 as decimal strings, bytes as base64, keys as `ed25519:…`).
 */
import type { MockAction } from '@nearts/vm-logic';

export interface ReceiptView {
  receipt_index: number;
  receiver_id: string;
  /** Receipts whose results this one waits for (promise_then / promise_and dependencies). */
  depends_on: number[];
  actions: unknown[];
  refund_to?: string;
}

const b64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function actionView(a: MockAction): unknown {
  switch (a.kind) {
    case 'CreateAccount':
      return 'CreateAccount';
    case 'DeployContract':
      return { DeployContract: { code: b64(a.code) } };
    case 'DeployGlobalContract':
      return { DeployGlobalContract: { code: b64(a.code), deploy_mode: a.mode } };
    case 'UseGlobalContract':
      return {
        UseGlobalContract:
          a.contractId.type === 'CodeHash'
            ? { code_hash: b64(a.contractId.hash) }
            : { account_id: a.contractId.accountId },
      };
    case 'FunctionCallWeight':
      return {
        FunctionCall: {
          method_name: text(a.methodName),
          args: b64(a.args),
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
      return { [kind]: JSON.parse(JSON.stringify(fields, (_k, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? b64(v) : v))) };
    }
  }
}

export function receiptsView(log: readonly MockAction[]): { receipts: ReceiptView[]; yields: unknown[] } {
  const receipts = new Map<number, ReceiptView>();
  const yields: unknown[] = [];
  log.forEach((a, index) => {
    if (a.kind === 'CreateReceipt') {
      receipts.set(index, { receipt_index: index, receiver_id: a.receiverId, depends_on: [...a.receiptIndices], actions: [] });
    } else if (a.kind === 'YieldCreate') {
      yields.push({ yield_create: { receiver_id: a.receiverId, data_id: b64(a.dataId) } });
    } else if (a.kind === 'YieldResume') {
      yields.push({ yield_resume: { data_id: b64(a.dataId), data: b64(a.data) } });
    } else if (a.kind === 'SetRefundTo') {
      const r = receipts.get(a.receiptIndex);
      if (r) r.refund_to = a.refundTo;
    } else {
      receipts.get(a.receiptIndex)?.actions.push(actionView(a));
    }
  });
  return { receipts: [...receipts.values()], yields };
}
