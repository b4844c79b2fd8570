// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self and inclusive time per function,
// as percentages of the sampled time, with the function's file (relative to the repo) and line.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './paths.mjs';

function location(frame) {
  let url = frame.url || '';
  if (url.startsWith('file://')) url = relative(REPO_ROOT, fileURLToPath(url));
  else if (url === '') return '(native)';
  return `${url}:${frame.lineNumber + 1}`;
}

function label(frame) {
  return `${frame.functionName || '(anonymous)'} ${location(frame)}`;
}

/**
 * @param {string} file a .cpuprofile
 * @param {{ top?: number, filter?: (label: string) => boolean, within?: Record<string, { fn: RegExp, under: RegExp }> }} [options]
 * @returns {{ totalMs: number, self: Array<{ fn: string, pct: number, ms: number }>, inclusive: Array<{ fn: string, pct: number, ms: number }>, within: Record<string, number> }}
 */
export function summariseCpuProfile(file, options = {}) {
  const top = options.top ?? 15;
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample weights: time deltas, attributed to the sampled node.
  const selfUs = new Map();
  const samples = profile.samples;
  const deltas = profile.timeDeltas;
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const dt = Math.max(0, deltas[i + 1] ?? 0);
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + dt);
    total += dt;
  }
  const idle = new Set(['(idle)', '(program)', '(garbage collector)']);
  const selfByFn = new Map();
  const inclByFn = new Map();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    const fn = node.callFrame.functionName;
    let key = idle.has(fn) ? fn : label(node.callFrame);
    // A native frame says little by itself ("run (native)"): name its caller too.
    if (!idle.has(fn) && !node.callFrame.url && parent.has(id)) key += ` ← ${label(byId.get(parent.get(id)).callFrame)}`;
    selfByFn.set(key, (selfByFn.get(key) ?? 0) + us);
    // Inclusive: every distinct function on the stack gets the sample once.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur).callFrame;
      if (f.functionName === '(root)') continue;
      const k = idle.has(f.functionName) ? f.functionName : label(f);
      if (seen.has(k)) continue;
      seen.add(k);
      inclByFn.set(k, (inclByFn.get(k) ?? 0) + us);
    }
  }
  // Shares of samples whose stack holds a function matching `fn` below one matching `under`.
  const within = {};
  for (const [name, { fn, under }] of Object.entries(options.within ?? {})) {
    let us = 0;
    for (const [id, t] of selfUs) {
      let hitFn = false;
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        const f = byId.get(cur).callFrame;
        const l = label(f);
        if (!hitFn && fn.test(l)) hitFn = true;
        else if (hitFn && under.test(l)) {
          us += t;
          break;
        }
      }
    }
    within[name] = (100 * us) / total;
  }
  const rank = (m) =>
    [...m.entries()]
      .filter(([fn]) => (options.filter ? options.filter(fn) : true))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, us]) => ({ fn, pct: (100 * us) / total, ms: us / 1000 }));
  return { totalMs: total / 1000, self: rank(selfByFn), inclusive: rank(inclByFn), within };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const s = summariseCpuProfile(process.argv[2], { top: Number(process.argv[3] ?? 25) });
  console.log(`total sampled ${s.totalMs.toFixed(0)} ms\n# self`);
  for (const r of s.self) console.log(`${r.pct.toFixed(1).padStart(5)}%  ${r.fn}`);
  console.log('# inclusive');
  for (const r of s.inclusive) console.log(`${r.pct.toFixed(1).padStart(5)}%  ${r.fn}`);
}
