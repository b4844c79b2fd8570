/**
 * The report: one self-contained HTML page (inline SVG and CSS, no scripts, no libraries).
 * 1. Headline: how many operations nearts runs cheaper or dearer than protocol 86 charges.
 * 2. Measured vs charged for every cost: a bar per cost on a log scale around 1×.
 * 3. The table per group, with flags and notes.
 * 4. Every least-squares fit as a scatter plot with its fitted line.
 */
import type { CostResult, EstimationRun } from '../estimator.js';
import { byGroup, GROUP_TITLES, type CostGroup } from '../estimate/registry.js';
import type { FitReport } from '../estimate/context.js';
import { formatGasShort, formatRaw, gasPerUnit, groupDigits } from '../gas.js';
import { esc, scatterSvg } from './svg.js';
import { formatRatio, runHeader } from './table.js';

const DECADES = 3; // the ratio axis spans 10^-3 … 10^3

function ratioChart(rows: readonly CostResult[]): string {
  const labelW = 300;
  const barW = 600;
  const rowH = 16;
  const top = 28;
  const groups: Array<{ title: string; rows: CostResult[] }> = [];
  for (const r of byGroup(rows)) {
    if (r.ratio === null) continue;
    const title = GROUP_TITLES[r.group];
    if (groups.length === 0 || groups[groups.length - 1].title !== title) groups.push({ title, rows: [] });
    groups[groups.length - 1].rows.push(r);
  }
  const lines = groups.reduce((n, g) => n + g.rows.length + 1, 0);
  const H = top + lines * rowH + 10;
  const W = labelW + barW + 70;
  const x = (ratio: number): number => {
    const l = Math.max(-DECADES, Math.min(DECADES, Math.log10(ratio)));
    return labelW + ((l + DECADES) / (2 * DECADES)) * barW;
  };
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" class="ratios">`];
  for (let d = -DECADES; d <= DECADES; d++) {
    const gx = x(10 ** d);
    out.push(`<line x1="${gx}" x2="${gx}" y1="${top - 6}" y2="${H - 6}" class="${d === 0 ? 'one' : 'grid'}"/>`);
    const label = d === 0 ? '1× (charged)' : d < 0 ? `1/${10 ** -d}` : `${10 ** d}×`;
    out.push(`<text x="${gx}" y="${top - 10}" text-anchor="middle" class="tick">${label}</text>`);
  }
  let y = top;
  for (const g of groups) {
    out.push(`<text x="4" y="${y + 12}" class="group">${esc(g.title)}</text>`);
    y += rowH;
    for (const r of g.rows) {
      const ratio = r.ratio!;
      const x0 = x(1);
      const x1 = ratio > 0 ? x(ratio) : labelW;
      const cls = `${ratio <= 1 ? 'cheaper' : 'dearer'}${r.uncertain ? ' uncertain' : ''}`;
      const warn = r.uncertain ? ' ⚠' : '';
      out.push(`<text x="${labelW - 6}" y="${y + 11}" text-anchor="end" class="name">${esc(r.name)}${warn}</text>`);
      out.push(
        `<rect x="${Math.min(x0, x1)}" y="${y + 3}" width="${Math.max(1, Math.abs(x1 - x0))}" height="${rowH - 6}" class="${cls}"><title>${esc(
          `${r.name}: ${formatRatio(ratio)} — measured ${r.gas === null ? '-' : groupDigits(r.gas)} gas, protocol ${r.charged === null ? '-' : groupDigits(r.charged)}${r.uncertain ? ` (${r.uncertain})` : ''}`,
        )}</title></rect>`,
      );
      out.push(`<text x="${labelW + barW + 6}" y="${y + 11}" class="value">${formatRatio(ratio)}</text>`);
      y += rowH;
    }
  }
  out.push('</svg>');
  return out.join('');
}

function headline(run: EstimationRun): string {
  const compared = run.results.filter((r) => r.ratio !== null);
  const cheaper = compared.filter((r) => r.ratio! <= 1).sort((a, b) => a.ratio! - b.ratio!);
  const dearer = compared.filter((r) => r.ratio! > 1).sort((a, b) => b.ratio! - a.ratio!);
  const flagged = (rs: CostResult[]): number => rs.filter((r) => r.uncertain !== null).length;
  // A difference clamped to zero is below what the run could resolve, not a measured value.
  const resolved = cheaper.filter((r) => r.gas !== null && r.gas > 0n);
  const list = (rs: CostResult[]): string =>
    rs.map((r) => `<li><b>${esc(r.name)}</b> ${formatRatio(r.ratio)}${r.uncertain ? ` <span class="flag">${r.uncertain}</span>` : ''}</li>`).join('');
  return `<div class="headline">
<p><b>${compared.length}</b> costs compared with protocol ${run.protocolVersion}'s parameters: <b class="cheaper-t">${cheaper.length} cheaper</b> in nearts than charged (${flagged(cheaper)} of them flagged uncertain, ${cheaper.length - resolved.length} too small to resolve: clamped to 0) and <b class="dearer-t">${dearer.length} dearer</b> (${flagged(dearer)} flagged).</p>
<div class="cols"><div><h3>Dearest</h3><ol>${list(dearer.slice(0, 10))}</ol></div>
<div><h3>Cheapest (non-zero)</h3><ol>${list(resolved.slice(0, 10))}</ol></div></div></div>`;
}

function table(run: EstimationRun): string {
  const out: string[] = [];
  let group: CostGroup | undefined;
  for (const r of byGroup(run.results)) {
    if (r.group !== group) {
      if (group !== undefined) out.push('</tbody></table>');
      group = r.group;
      out.push(`<h3>${esc(GROUP_TITLES[group])}</h3><table><thead><tr><th>cost</th><th>estimate (gas)</th><th>measured</th><th>protocol charges</th><th>ratio</th><th>flag</th><th>parameter / note</th></tr></thead><tbody>`);
    }
    const charge = r.charged === null ? '–' : `${groupDigits(r.charged)}${r.chargedCompute !== null ? `<br><small>compute ${groupDigits(r.chargedCompute)}</small>` : ''}`;
    const cls = r.ratio === null ? '' : r.ratio <= 1 ? 'cheaper-t' : 'dearer-t';
    out.push(
      `<tr><td>${esc(r.name)}</td><td class="num" title="${r.gas === null ? '' : formatGasShort(r.gas)}">${r.gas === null ? 'error' : groupDigits(r.gas)}</td><td class="num">${r.raw === null ? '–' : esc(formatRaw(r.raw, run.metric))}</td><td class="num">${charge}</td><td class="num ${cls}">${formatRatio(r.ratio)}</td><td>${r.error ? `<span class="flag">ERROR</span>` : r.uncertain ? `<span class="flag">${r.uncertain}</span>` : ''}</td><td><small>${esc(r.parameter ?? '')}${r.note ? `<br>${esc(r.note)}` : ''}${r.error ? `<br>${esc(r.error)}` : ''}</small></td></tr>`,
    );
  }
  if (group !== undefined) out.push('</tbody></table>');
  return out.join('\n');
}

function fits(run: EstimationRun): string {
  const byFit = new Map<string, { fit: FitReport; rows: CostResult[] }>();
  for (const r of run.results) {
    if (!r.fit || r.fit.points.length < 2) continue;
    const key = JSON.stringify([r.fit.points, r.fit.intercept, r.fit.slope, r.fit.yLabel]);
    const e = byFit.get(key) ?? { fit: r.fit, rows: [] };
    e.rows.push(r);
    byFit.set(key, e);
  }
  const unit = gasPerUnit(run.metric);
  const figures = [...byFit.values()].map(({ fit, rows }) => {
    const svg = scatterSvg({
      title: rows.map((r) => r.name).join(' · '),
      xLabel: fit.xLabel,
      yLabel: `gas ${fit.yLabel}`,
      points: fit.points.map((p) => ({ x: p.x, y: p.y * unit })),
      intercept: fit.intercept * unit,
      slope: fit.slope * unit,
    });
    const caption = rows
      .map((r) => `${esc(r.name)}: ${r.gas === null ? 'error' : formatGasShort(r.gas)}${r.charged !== null ? ` vs ${formatGasShort(r.charged)} charged` : ''}${r.uncertain ? ` ⚠ ${r.uncertain}` : ''}`)
      .join('<br>');
    return `<figure>${svg}<figcaption>${caption}<br><small>line: ${formatGasShort(BigInt(Math.round(Math.abs(fit.intercept * unit))))}${fit.intercept < 0 ? ' (negative)' : ''} + ${(fit.slope * unit).toExponential(3)} gas per ${esc(fit.xLabel.replace(/s$/, ''))}</small></figcaption></figure>`;
  });
  return `<div class="fits">${figures.join('\n')}</div>`;
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px;margin:0 0 4px} h2{margin-top:32px;border-bottom:1px solid #ddd} h3{margin:18px 0 6px}
pre.meta{background:#f6f6f6;padding:8px;font-size:12px;white-space:pre-wrap}
.headline{background:#f8f9fb;border:1px solid #e3e6ea;padding:10px 14px}
.cols{display:flex;gap:40px} .cols ol{margin:0;padding-left:22px}
svg text{font:11px system-ui,sans-serif;fill:#333}
.ratios .grid,.plot .grid{stroke:#e4e4e4} .ratios .one{stroke:#333;stroke-width:1.5}
.ratios .group{font-weight:600;fill:#555} .ratios .value{fill:#555}
rect.cheaper{fill:#2e9d62} rect.dearer{fill:#d0453a} rect.uncertain{opacity:.38}
.cheaper-t{color:#1f7a4a} .dearer-t{color:#b8322a}
table{border-collapse:collapse;width:100%;font-size:12px} td,th{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.flag{background:#fff3cd;color:#7a5b00;padding:0 4px;border-radius:3px;font-size:11px}
.fits{display:flex;flex-wrap:wrap;gap:14px} figure{margin:0;border:1px solid #eee;padding:6px;width:360px}
figcaption{font-size:11px;color:#444}
.plot .axis{stroke:#888} .plot .fit{stroke:#d0453a;stroke-width:1.5} .plot .point{fill:#2f6fb3}
.plot .plot-title{font-weight:600;font-size:11px} .plot .tick{font-size:10px;fill:#666}
`;

export function reportHtml(run: EstimationRun): string {
  const notEstimated = run.notEstimated.length
    ? `<p><small>Not estimated: ${run.notEstimated.map(esc).join(', ')} — host functions removed from the protocol (they always fail and charge nothing).</small></p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>nearts params-estimator report</title><style>${CSS}</style></head>
<body>
<h1>nearts vs protocol ${run.protocolVersion}: what each operation costs</h1>
<pre class="meta">${esc(runHeader(run))}</pre>
${headline(run)}
<h2>Measured vs charged</h2>
<p>Each bar is the estimate divided by what the protocol charges for the same work (compute cost where the protocol sets one apart from gas), on a log scale: green bars to the left of 1× are operations nearts runs cheaper than charged, red bars to the right are dearer. Faded bars are flagged uncertain (HIGH-VARIANCE, SUBTRACTION-UNDERFLOW or NEG-LEAST-SQUARES).</p>
${ratioChart(run.results)}
<h2>All costs</h2>
${table(run)}
${notEstimated}
<h2>Least-squares fits</h2>
<p>Per-byte and per-element parts are slopes of a line fitted through the per-call (or per-transaction) cost at several sizes; the base part is its intercept.</p>
${fits(run)}
</body></html>
`;
}
