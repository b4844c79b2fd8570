/** Compares expectations with what a step produced; every comparison becomes a CheckResult. */
import { toHex, type JsonValue } from '@nearts/primitives';
import type { Sandbox } from '../sandbox/sandbox.js';
import { codeHashOf, codeHashText, permissionsEqual, renderFailure, renderOutcome, renderPermission, type ActualOutcome, type ActualTx } from './actual.js';
import type { AccountExpect, FailureMatch, Field, ListMatch, ReceiptExpect, StatusMatch, TxExpect } from './model.js';
import type { Node } from './node.js';
import { matchNum, matchText, matchValue, renderBalance, renderBytes, renderGas, type NumMatch, type TextMatch, type ValueMatch } from './values.js';

export interface CheckResult {
  /** JSON path of the expectation in the file. */
  path: string;
  ok: boolean;
  /** The expectation as written. */
  expected: JsonValue;
  /** What the step produced, in the same notation. */
  actual: JsonValue;
  /** Where they differ (empty when ok). */
  diff: string[];
  /** What --update-expectations writes where (undefined value: remove the field). */
  update: { keys: ReadonlyArray<string | number>; value: JsonValue | undefined };
}

type Update = CheckResult['update'];

class Checks {
  readonly results: CheckResult[] = [];

  add(node: Node, ok: boolean, actual: JsonValue, diff: string[], update?: Update): void {
    this.results.push({
      path: node.path,
      ok,
      expected: node.value ?? null,
      actual,
      diff: ok ? [] : diff.length ? diff : [`expected ${show(node.value)}, got ${show(actual)}`],
      update: update ?? { keys: node.keys, value: actual },
    });
  }
}

const show = (v: JsonValue | undefined): string => (v === undefined ? '(nothing)' : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)));

function num(c: Checks, f: Field<NumMatch> | undefined, actual: bigint | undefined, render: (v: bigint) => JsonValue, update?: Update): void {
  if (!f) return;
  if (actual === undefined) return c.add(f.node, false, null, ['not available for this step'], update);
  const shown = render(actual);
  const ok = matchNum(f.m, actual);
  const range = f.m.kind === 'range' ? `expected ${[f.m.min !== undefined ? `≥ ${render(f.m.min)}` : '', f.m.max !== undefined ? `≤ ${render(f.m.max)}` : ''].filter(Boolean).join(' and ')}, got ${show(shown)}` : '';
  c.add(f.node, ok, shown, range ? [range] : [], update);
}

function text(c: Checks, f: Field<TextMatch> | undefined, actual: string, update?: Update): void {
  if (f) c.add(f.node, matchText(f.m, actual), actual, [], update);
}

function status(c: Checks, f: Field<StatusMatch> | undefined, a: ActualOutcome, update?: Update): void {
  if (!f) return;
  const why = a.failure ? [`expected ${f.m}, got failure: ${a.failure.kind}: ${a.failure.message}`] : [];
  c.add(f.node, f.m === 'any' || f.m === a.status, a.status, why, update);
}

function value(c: Checks, f: Field<ValueMatch> | undefined, a: ActualOutcome, update?: Update): void {
  if (!f) return;
  if (a.status !== 'success' || a.value === undefined) {
    const why = a.failure ? `no value: it failed with ${a.failure.kind}: ${a.failure.message}` : 'no value';
    return c.add(f.node, f.m.kind === 'any', null, [why], update ?? { keys: f.node.keys, value: undefined });
  }
  const diff = matchValue(f.m, a.value);
  c.add(f.node, diff.length === 0, renderBytes(a.value, f.m.kind !== 'bytes'), diff, update);
}

function failure(c: Checks, f: Field<FailureMatch> | undefined, a: ActualOutcome, update?: Update): void {
  if (!f) return;
  if (!a.failure) return c.add(f.node, false, null, ['expected a failure, but it succeeded'], update ?? { keys: f.node.keys, value: undefined });
  const m = f.m;
  const diff: string[] = [];
  if (m !== 'any') {
    if (m.kind !== undefined && a.failure.kind !== m.kind && !a.failure.kind.endsWith(`.${m.kind}`)) diff.push(`kind: expected ${m.kind}, got ${a.failure.kind}`);
    if (m.message && !matchText(m.message, a.failure.message)) diff.push(`message: expected ${show(m.message.kind === 'exact' ? m.message.value : '*')}, got ${show(a.failure.message)}`);
  }
  c.add(f.node, diff.length === 0, renderFailure(a.failure), diff, update);
}

function list<T, A>(
  c: Checks,
  f: Field<ListMatch<T>> | undefined,
  actual: A[],
  render: (a: A) => JsonValue,
  item: (e: T, a: A, node: Node, update: Update) => void,
  update?: Update,
): void {
  if (!f) return;
  const up = update ?? { keys: f.node.keys, value: actual.map(render) };
  if (f.m === 'any') return c.add(f.node, true, actual.map(render), [], up);
  const m = f.m;
  const countOk = m.more ? actual.length >= m.items.length : actual.length === m.items.length;
  // The list itself is reported when its length is wrong or nothing else is checked; items report themselves.
  if (!countOk || m.items.length === 0) {
    c.add(f.node, countOk, actual.map(render), countOk ? [] : [`expected ${m.more ? 'at least ' : ''}${m.items.length} item(s), got ${actual.length}`], up);
  }
  const nodes = f.node.items();
  m.items.forEach((e, i) => {
    if (i < actual.length) item(e, actual[i], nodes[i], up);
  });
}

function receiptFields(c: Checks, e: ReceiptExpect, a: ActualOutcome, update?: Update): void {
  text(c, e.executor, a.executor, update);
  status(c, e.status, a, update);
  value(c, e.value, a, update);
  failure(c, e.failure, a, update);
  list(c, e.logs, a.logs, (l) => l, (m, l, node, up) => c.add(node, matchText(m, l), l, [], up), update);
  num(c, e.gasBurnt, a.gasBurnt, renderGas, update);
  num(c, e.tokensBurnt, a.tokensBurnt, renderBalance, update);
}

export function checkOutcome(e: ReceiptExpect, a: ActualOutcome): CheckResult[] {
  const c = new Checks();
  receiptFields(c, e, a);
  return c.results;
}

export function checkTx(e: TxExpect, a: ActualTx, sandbox: Sandbox): CheckResult[] {
  const c = new Checks();
  receiptFields(c, e, a);
  list(
    c,
    e.receipts,
    a.receipts,
    (r) => renderOutcome(r, true),
    (re, r, _node, up) => {
      if (re !== 'any') receiptFields(c, re, r, up);
    },
  );
  c.results.push(...checkAccounts(e.accounts, sandbox));
  return c.results;
}

export function checkAccounts(expects: AccountExpect[], sandbox: Sandbox): CheckResult[] {
  const c = new Checks();
  for (const e of expects) {
    const account = sandbox.viewAccount(e.accountId);
    if (e.exists) c.add(e.exists.node, e.exists.m === (account !== undefined), account !== undefined, []);
    const fields = [e.balance, e.locked, e.storageUsage, e.codeHash, e.code, e.keys, e.storage].filter((f) => f !== undefined);
    if (account === undefined) {
      for (const f of fields) c.add(f!.node, false, null, [`account ${e.accountId} does not exist`], { keys: e.node.keys, value: { exists: false } });
      continue;
    }
    num(c, e.balance, account.amount, renderBalance);
    num(c, e.locked, account.locked, renderBalance);
    num(c, e.storageUsage, account.storageUsage, (v) => (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v));
    const hash = codeHashText(account.contract);
    text(c, e.codeHash, hash);
    if (e.code) c.add(e.code.node, codeHashOf(e.code.m) === hash, hash, [`code hash: expected ${codeHashOf(e.code.m)} (of ${show(e.code.node.value)}), got ${hash}`], { keys: e.code.node.keys, value: e.code.node.value });
    if (e.keys) checkKeys(c, e.keys, sandbox, e.accountId);
    if (e.storage) checkStorage(c, e.storage, sandbox, e.accountId);
  }
  return c.results;
}

function checkKeys(c: Checks, f: NonNullable<AccountExpect['keys']>, sandbox: Sandbox, accountId: string): void {
  const keys = sandbox.viewAccessKeys(accountId);
  const rendered: Record<string, JsonValue> = {};
  for (const k of keys) rendered[k.publicKey.toString()] = { nonce: k.accessKey.nonce, permission: renderPermission(k.accessKey.permission) };
  const up: Update = { keys: f.node.keys, value: rendered };
  if (f.m === 'any') return c.add(f.node, true, rendered, [], up);
  const diff: string[] = [];
  const listed = new Set<string>();
  for (const e of f.m.items) {
    const id = e.publicKey.toString();
    listed.add(id);
    const found = keys.find((k) => k.publicKey.toString() === id);
    if (e.absent) {
      if (found) diff.push(`${id}: expected absent, but the key exists`);
      continue;
    }
    if (!found) {
      diff.push(`${id}: missing`);
      continue;
    }
    if (e.nonce && !matchNum(e.nonce, found.accessKey.nonce)) diff.push(`${id}: nonce ${found.accessKey.nonce} does not match ${show(e.node.value)}`);
    if (e.permission && !permissionsEqual(e.permission, found.accessKey.permission)) {
      diff.push(`${id}: permission ${show(renderPermission(found.accessKey.permission))} differs from ${show(renderPermission(e.permission))}`);
    }
  }
  if (!f.m.more) for (const k of keys) if (!listed.has(k.publicKey.toString())) diff.push(`${k.publicKey.toString()}: unexpected key (add "+": "*" to allow others)`);
  c.add(f.node, diff.length === 0, rendered, diff, up);
}

function checkStorage(c: Checks, f: NonNullable<AccountExpect['storage']>, sandbox: Sandbox, accountId: string): void {
  const entries = sandbox.viewState(accountId).entries;
  const rendered: Record<string, JsonValue> = {};
  for (const [k, v] of entries) rendered[renderBytes(k, false) as string] = renderBytes(v, false);
  const up: Update = { keys: f.node.keys, value: rendered };
  if (f.m === 'any') return c.add(f.node, true, rendered, [], up);
  const diff: string[] = [];
  const listed = new Set<string>();
  for (const e of f.m.items) {
    listed.add(toHex(e.key));
    const found = entries.find(([k]) => toHex(k) === toHex(e.key));
    const name = renderBytes(e.key, false) as string;
    if (e.value === null) {
      if (found) diff.push(`${name}: expected absent, got ${show(renderBytes(found[1], false))}`);
      continue;
    }
    if (!found) {
      diff.push(`${name}: missing (expected ${show(e.node.value)})`);
      continue;
    }
    for (const d of matchValue(e.value, found[1])) diff.push(`${name}: ${d}`);
  }
  if (!f.m.more) for (const [k, v] of entries) if (!listed.has(toHex(k))) diff.push(`${renderBytes(k, false)}: unexpected entry ${show(renderBytes(v, false))} (add "+": "*" to allow others)`);
  c.add(f.node, diff.length === 0, rendered, diff, up);
}

export function checkBlock(height: Field<NumMatch> | undefined, timestamp: Field<NumMatch> | undefined, sandbox: Sandbox): CheckResult[] {
  const c = new Checks();
  num(c, height, sandbox.height, (v) => v);
  num(c, timestamp, sandbox.timestamp, (v) => v);
  return c.results;
}
