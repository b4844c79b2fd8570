#!/usr/bin/env node
// Per-call wall-clock time of near-mock-vm@3.2.2 through the bench peer, for later comparison
// with nearts on the same calls. Every timed call is a complete NEAR-style call: fresh VM, fresh
// contract instance and 1024-page memory, state passed in and read back.
//
// Usage: node tools/bench-peer/bench/peer.bench.mjs [--runs N] [--warmup N] [--json]
import { createPeer } from '../src/near-mock-vm.mjs';
import { loadScenarioSequences } from '../src/scenarios.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const runs = arg('--runs', 200);
const warmup = arg('--warmup', 20);
const asJson = process.argv.includes('--json');
// With `node --expose-gc`, collect garbage before every timed call so that a call is not charged
// for the fresh 64 MiB memories of earlier calls (V8 collects them under external memory pressure).
const isolate = typeof globalThis.gc === 'function';

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const peer = createPeer();
const sequences = await loadScenarioSequences();
const rows = [];
for (const seq of sequences) {
  let state;
  for (const step of seq.steps) {
    const call = { wasm: step.wasm, method: step.method, input: step.input, context: step.context, state };
    const first = peer.call(call);
    if (first.error) throw new Error(`${step.id} failed: ${first.error.message}`);
    for (let i = 0; i < warmup; i++) peer.call(call);
    const times = [];
    for (let i = 0; i < runs; i++) {
      if (isolate) globalThis.gc();
      const t0 = process.hrtime.bigint();
      peer.call(call);
      times.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    times.sort((a, b) => a - b);
    rows.push({ call: step.id, runs, medianUs: quantile(times, 0.5), p10Us: quantile(times, 0.1), p90Us: quantile(times, 0.9) });
    state = first.state;
  }
}

if (asJson) {
  console.log(JSON.stringify({ peer: 'near-mock-vm@3.2.2', node: process.version, rows }, null, 2));
} else {
  console.log(`near-mock-vm@3.2.2 via @nearts-tools/bench-peer, node ${process.version}, ${runs} runs after ${warmup} warm-up`);
  console.log('call'.padEnd(18) + 'median µs'.padStart(11) + 'p10 µs'.padStart(10) + 'p90 µs'.padStart(10));
  for (const r of rows) {
    console.log(r.call.padEnd(18) + r.medianUs.toFixed(0).padStart(11) + r.p10Us.toFixed(0).padStart(10) + r.p90Us.toFixed(0).padStart(10));
  }
  console.log(`near-mock-vm runtime instances: ${peer.stats().runtimeInstances}, calls: ${peer.stats().calls}`);
}
