/** Just enough SVG for the report: escaping, nice axis ticks, a scatter plot with its fitted line. */

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Round tick values covering [min, max] (1, 2, 5 × 10^k steps). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  // The smallest round step that gives at most count + 1 intervals.
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => (max - min) / s <= count + 1) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** 1234567 → "1.2M"; for axis labels. */
export function shortNumber(v: number): string {
  const a = Math.abs(v);
  const units: Array<[number, string]> = [
    [1e15, 'P'],
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [u, s] of units) if (a >= u) return `${Number((v / u).toPrecision(3))}${s}`;
  return `${Number(v.toPrecision(3))}`;
}

export interface ScatterPlot {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly points: ReadonlyArray<{ x: number; y: number }>;
  readonly intercept: number;
  readonly slope: number;
  readonly width?: number;
  readonly height?: number;
}

export function scatterSvg(p: ScatterPlot): string {
  const W = p.width ?? 360;
  const H = p.height ?? 230;
  const m = { l: 58, r: 12, t: 26, b: 40 };
  const xs = p.points.map((q) => q.x);
  const ys = p.points.map((q) => q.y);
  const xMin = 0;
  const xMax = Math.max(...xs) * 1.05 || 1;
  const lineAt = (x: number): number => p.intercept + p.slope * x;
  const yMin = Math.min(0, ...ys, lineAt(xMin), lineAt(xMax));
  const yMax = Math.max(...ys, lineAt(xMin), lineAt(xMax)) * 1.08 || 1;
  const sx = (x: number): number => m.l + ((x - xMin) / (xMax - xMin)) * (W - m.l - m.r);
  const sy = (y: number): number => H - m.b - ((y - yMin) / (yMax - yMin)) * (H - m.t - m.b);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" class="plot">`);
  parts.push(`<text x="${W / 2}" y="15" text-anchor="middle" class="plot-title">${esc(p.title)}</text>`);
  for (const t of niceTicks(yMin, yMax, 4)) {
    const y = sy(t);
    parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${y}" y2="${y}" class="grid"/>`);
    parts.push(`<text x="${m.l - 5}" y="${y + 3}" text-anchor="end" class="tick">${shortNumber(t)}</text>`);
  }
  for (const t of niceTicks(xMin, xMax, 4)) {
    const x = sx(t);
    parts.push(`<line x1="${x}" x2="${x}" y1="${H - m.b}" y2="${H - m.b + 4}" class="axis"/>`);
    parts.push(`<text x="${x}" y="${H - m.b + 15}" text-anchor="middle" class="tick">${shortNumber(t)}</text>`);
  }
  parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}" class="axis"/>`);
  parts.push(`<line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${H - m.b}" class="axis"/>`);
  parts.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 6}" text-anchor="middle" class="label">${esc(p.xLabel)}</text>`);
  parts.push(`<text transform="translate(12 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle" class="label">${esc(p.yLabel)}</text>`);
  parts.push(`<line x1="${sx(xMin)}" y1="${sy(lineAt(xMin))}" x2="${sx(xMax)}" y2="${sy(lineAt(xMax))}" class="fit"/>`);
  for (const q of p.points) parts.push(`<circle cx="${sx(q.x)}" cy="${sy(q.y)}" r="3.5" class="point"><title>${shortNumber(q.x)}: ${shortNumber(q.y)}</title></circle>`);
  parts.push('</svg>');
  return parts.join('');
}
