/** Reading expectations: transaction and view results, receipts, account checks. */
import { isValidAccountId, type AccessKeyPermission } from '@nearts/primitives';
import {
  ACCOUNT_CHECK_FIELDS,
  FAILURE_FIELDS,
  KEY_CHECK_FIELDS,
  PERMISSION_FIELDS,
  RECEIPT_EXPECT_FIELDS,
  TX_EXPECT_FIELDS,
  VIEW_EXPECT_FIELDS,
} from './fields.js';
import type { AccountExpect, FailureMatch, Field, KeyExpect, ListMatch, ReceiptExpect, StatusMatch, StorageExpect, TxExpect } from './model.js';
import type { Node } from './node.js';
import { readBalance, readBytes, readGas, readKeyText, readNumMatch, readTextMatch, readValueMatch, type TextMatch } from './values.js';

function field<T>(n: Node, read: (n: Node) => T): Field<T> | undefined {
  return n.present ? { m: read(n), node: n } : undefined;
}

export function readAccountId(n: Node): string {
  const id = n.string();
  if (!isValidAccountId(id)) n.fail(`invalid account id ${JSON.stringify(id)}`);
  return id;
}

function readStatus(n: Node): StatusMatch {
  const s = n.string();
  if (s === '*') return 'any';
  if (s !== 'success' && s !== 'failure') n.fail(`expected "success", "failure" or "*", got ${JSON.stringify(s)}`);
  return s as StatusMatch;
}

function readFailure(n: Node): FailureMatch {
  if (n.isStar()) return 'any';
  n.object(FAILURE_FIELDS);
  return {
    kind: n.at('kind').present ? n.at('kind').string() : undefined,
    message: n.at('message').present ? readTextMatch(n.at('message')) : undefined,
  };
}

/** A list; a last element "+" allows more items after the listed ones; "*" = any list. */
export function readList<T>(n: Node, item: (n: Node) => T): ListMatch<T> {
  if (n.isStar()) return 'any';
  const items = n.items();
  const more = items.length > 0 && items[items.length - 1].value === '+';
  return { items: (more ? items.slice(0, -1) : items).map(item), more };
}

function readReceiptFields(n: Node): ReceiptExpect {
  return {
    executor: field(n.at('executor'), (x) => (x.isStar() ? ({ kind: 'any' } as TextMatch) : { kind: 'exact', value: readAccountId(x) })),
    status: field(n.at('status'), readStatus),
    value: field(n.at('value'), readValueMatch),
    failure: field(n.at('failure'), readFailure),
    logs: field(n.at('logs'), (x) => readList(x, readTextMatch)),
    gasBurnt: field(n.at('gasBurnt'), (x) => readNumMatch(x, readGas)),
    tokensBurnt: field(n.at('tokensBurnt'), (x) => readNumMatch(x, readBalance)),
  };
}

export function readTxExpect(n: Node): TxExpect {
  n.object(TX_EXPECT_FIELDS);
  const base = readReceiptFields(n);
  checkStatusConsistency(n, base);
  return {
    ...base,
    receipts: field(n.at('receipts'), (x) =>
      readList(x, (r): ReceiptExpect | 'any' => {
        if (r.isStar()) return 'any';
        r.object(RECEIPT_EXPECT_FIELDS);
        return readReceiptFields(r);
      }),
    ),
    accounts: n.at('accounts').present ? readAccountChecks(n.at('accounts')) : [],
  };
}

export function readViewExpect(n: Node): ReceiptExpect {
  n.object(VIEW_EXPECT_FIELDS);
  const e = readReceiptFields(n);
  checkStatusConsistency(n, e);
  return e;
}

function checkStatusConsistency(n: Node, e: ReceiptExpect): void {
  if (e.status?.m === 'success' && e.failure && e.failure.m !== 'any') n.at('failure').fail('"failure" given with status "success"');
  if (e.status?.m === 'failure' && e.value && e.value.m.kind !== 'any') n.at('value').fail('"value" given with status "failure"');
}

export function readPermission(n: Node): AccessKeyPermission {
  if (n.value === 'FullAccess') return { type: 'FullAccess' };
  if (typeof n.value === 'string') n.fail(`expected "FullAccess" or {"receiverId", "methodNames", "allowance"}, got ${JSON.stringify(n.value)}`);
  n.object(PERMISSION_FIELDS, ['receiverId']);
  const allowance = n.at('allowance');
  return {
    type: 'FunctionCall',
    functionCall: {
      receiverId: readAccountId(n.at('receiverId')),
      methodNames: n.at('methodNames').present ? n.at('methodNames').items().map((m) => m.string()) : [],
      allowance: !allowance.present || allowance.value === null ? null : readBalance(allowance),
    },
  };
}

function readKeyChecks(n: Node): ListMatch<KeyExpect> {
  if (n.isStar()) return 'any';
  let more = false;
  const items: KeyExpect[] = [];
  for (const [k, v] of n.entries()) {
    if (k === '+') {
      more = true;
      continue;
    }
    const publicKey = readKeyText(n.at(k).withValue(k)).publicKey;
    if (v.value === null) {
      items.push({ publicKey, node: v, absent: true });
      continue;
    }
    if (v.isStar()) {
      items.push({ publicKey, node: v });
      continue;
    }
    v.object(KEY_CHECK_FIELDS);
    items.push({
      publicKey,
      node: v,
      nonce: v.at('nonce').present ? readNumMatch(v.at('nonce'), (x) => x.integer()) : undefined,
      permission: v.at('permission').present ? readPermission(v.at('permission')) : undefined,
    });
  }
  return { items, more };
}

function readStorageChecks(n: Node): ListMatch<StorageExpect> {
  if (n.isStar()) return 'any';
  let more = false;
  const items: StorageExpect[] = [];
  for (const [k, v] of n.entries()) {
    if (k === '+') {
      more = true;
      continue;
    }
    const key = readBytes(n.at(k).withValue(k));
    items.push({ key, node: v, value: v.value === null ? null : readValueMatch(v) });
  }
  return { items, more };
}

export function readAccountChecks(n: Node): AccountExpect[] {
  return n.entries().map(([id, a]) => {
    if (!isValidAccountId(id)) a.fail(`invalid account id ${JSON.stringify(id)}`);
    a.object(ACCOUNT_CHECK_FIELDS);
    return {
      accountId: id,
      node: a,
      exists: field(a.at('exists'), (x) => x.boolean()),
      balance: field(a.at('balance'), (x) => readNumMatch(x, readBalance)),
      locked: field(a.at('locked'), (x) => readNumMatch(x, readBalance)),
      storageUsage: field(a.at('storageUsage'), (x) => readNumMatch(x, (y) => y.integer())),
      codeHash: field(a.at('codeHash'), readTextMatch),
      code: field(a.at('code'), readBytes),
      keys: field(a.at('keys'), readKeyChecks),
      storage: field(a.at('storage'), readStorageChecks),
    };
  });
}
