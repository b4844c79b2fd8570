/** The readable report of `nearts run` (without --json). */
import { gasProfileView } from '@nearts/runtime';
import { displayFunctionCallError } from '@nearts/vm-errors';
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

export function formatReport(result: RunMethodResult, method: string): string {
  const o = result.outcome;
  const lines: string[] = [];
  if (o.aborted) lines.push(`✗ ${method} failed: ${displayFunctionCallError(o.aborted)}`);
  else lines.push(`✓ ${method} succeeded`);
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
      lines.push(`    #${r.receipt_index} → ${r.receiver_id}${deps}: ${names}`);
    }
  }
  const profile = gasProfileView(o.profile) as Array<{ cost_category: string; cost: string; gas_used: string }>;
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
