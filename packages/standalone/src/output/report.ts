/** The readable report of `nearts run` (without --json). */
import { displayFunctionCallError, type FunctionCallErrorData } from '@nearts/vm-errors';
import { gasProfileView, type VMOutcome } from '@nearts/vm-logic';
import type { RunMethodResult } from '../run-method.js';
import { formatTgas, groupDigits } from './gas-format.js';
import { receiptsView } from './receipts-view.js';

/** UTF-8 text (pretty JSON when it parses) or hex for binary data. */
export function describeValue(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return `0x${Buffer.from(bytes).toString('hex')} (${bytes.length} bytes, binary)`;
  }
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return `0x${Buffer.from(bytes).toString('hex')} (${bytes.length} bytes, binary)`;
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return JSON.stringify(text);
  }
}

export interface ReportOptions {
  /** The contract's callable methods, named in the MethodNotFound / MethodInvalidSignature hint. */
  readonly exportedMethods?: readonly string[] | null;
}

/**
 * nearcore's nop outcome (every field zero): what a call that never started reports, e.g. an
 * unknown method before the nightly `fix_contract_loading_cost`.
 */
export function isNopOutcome(o: VMOutcome): boolean {
  return (
    o.aborted !== null && o.balance === 0n && o.storageUsage === 0n && o.burntGas === 0n && o.usedGas === 0n &&
    o.logs.length === 0 && o.returnData.kind === 'None'
  );
}

/** The line after a method-resolution failure: which methods the contract does export. */
export function methodHint(error: FunctionCallErrorData | null, method: string, exported: readonly string[] | null | undefined): string | null {
  if (error?.kind !== 'MethodResolveError' || exported === undefined) return null;
  const list = exported === null ? null : exported.length > 0 ? exported.join(', ') : '(none)';
  switch (error.error) {
    case 'MethodNotFound':
      return `the contract exports no method ${JSON.stringify(method)}${list === null ? '' : `; its methods: ${list}`}`;
    case 'MethodInvalidSignature':
      return `${JSON.stringify(method)} is exported but takes parameters or returns values; callable methods: ${list ?? '?'}`;
    case 'MethodEmptyName':
      return `give a method name with --method-name${list === null ? '' : `; the contract's methods: ${list}`}`;
  }
}

export function formatReport(result: RunMethodResult, method: string, options: ReportOptions = {}): string {
  const o = result.outcome;
  const lines: string[] = [];
  const name = method === '' ? '(empty method name)' : method;
  if (o.aborted) lines.push(`✗ ${name} failed: ${displayFunctionCallError(o.aborted)}`);
  else lines.push(`✓ ${name} succeeded`);
  const hint = methodHint(o.aborted, method, options.exportedMethods);
  if (hint) lines.push(`  ${hint}`);
  if (isNopOutcome(o)) {
    lines.push("  nothing ran and no gas was charged (nearcore's nop outcome: every field of the outcome is zero)");
    return lines.join('\n') + '\n';
  }
  switch (o.returnData.kind) {
    case 'Value':
      lines.push(`  return value: ${describeValue(o.returnData.value)}`);
      break;
    case 'ReceiptIndex':
      lines.push(`  return value: the result of receipt #${o.returnData.receiptIndex}`);
      break;
    case 'None':
      lines.push('  return value: (none)');
  }
  if (o.logs.length > 0) {
    lines.push('  logs:');
    for (const l of o.logs) lines.push(`    ${l}`);
  }
  lines.push(`  gas burnt: ${formatTgas(o.burntGas)} (${groupDigits(o.burntGas)})`);
  lines.push(`  gas used:  ${formatTgas(o.usedGas)} (${groupDigits(o.usedGas)})`);
  lines.push(`  balance: ${o.balance} yocto, storage usage: ${o.storageUsage} bytes`);
  const { receipts } = receiptsView(result.actions);
  if (receipts.length > 0) {
    lines.push('  receipts created:');
    for (const r of receipts) {
      const deps = r.depends_on.length > 0 ? ` after #${r.depends_on.join(', #')}` : '';
      const names = r.actions.map((a) => (typeof a === 'string' ? a : Object.keys(a as object)[0])).join(', ');
      const yielded = r.promise_yield ? ' (yield, waits for its data)' : '';
      lines.push(`    #${r.receipt_index} → ${r.receiver_id}${deps}${yielded}: ${names}`);
    }
  }
  const profile = gasProfileView(o.profile);
  if (profile.length > 0) {
    const rows = profile
      .map((p) => ({ cost: p.cost.toLowerCase(), gas: BigInt(p.gas_used) }))
      .sort((a, b) => (b.gas > a.gas ? 1 : b.gas < a.gas ? -1 : a.cost < b.cost ? -1 : 1));
    const width = Math.max(...rows.map((r) => r.cost.length));
    lines.push('  gas profile:');
    for (const r of rows) {
      const share = o.burntGas > 0n ? Number((r.gas * 1000n) / o.burntGas) / 10 : 0;
      lines.push(`    ${r.cost.padEnd(width)}  ${formatTgas(r.gas).padStart(14)}  ${share.toFixed(1).padStart(5)}%`);
    }
  }
  return lines.join('\n') + '\n';
}
