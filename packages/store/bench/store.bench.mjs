// Store benchmark: get/set throughput and commit times for 10k / 100k / 1M keys on both backends.
// Runs against the build (`pnpm run build` first; `pnpm bench` does it through turbo):
//   node bench/store.bench.mjs [sizes...]      e.g. node bench/store.bench.mjs 10000 100000
// Keys look like NEAR trie keys (column byte + account id + data key, ~40 bytes), values 100 bytes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LmdbState, MemoryState } from '../dist/index.js';

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(10_000, 100_000, 1_000_000);

function key(i) {
  const k = new Uint8Array(40);
  k[0] = 9;
  const acct = `account${i % 997}.near,`;
  for (let j = 0; j < acct.length; j++) k[1 + j] = acct.charCodeAt(j);
  // A well-mixed tail so keys spread over the trie like hashed storage keys do.
  let x = Math.imul(i + 1, 0x9e3779b1) >>> 0;
  for (let j = 1 + acct.length; j < 40; j++) {
    x = (Math.imul(x ^ (x >>> 15), 0x85ebca6b) + j) >>> 0;
    k[j] = x & 0xff;
  }
  return k;
}

const value = (i) => new Uint8Array(100).fill(i & 0xff);
// Throughput figures use this process's CPU time (user + system), which stays meaningful on a busy
// machine; commit figures also report wall time, which includes lmdb's fsync.
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const wallNow = () => Number(process.hrtime.bigint()) / 1e6;
const now = cpuNow;
const fmt = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(1));

function time(f) {
  const t = now();
  const r = f();
  return [now() - t, r];
}

function run(name, make, n) {
  const keys = Array.from({ length: n }, (_, i) => key(i));
  const state = make();
  const out = { backend: name, n };

  let ms;
  // Bulk load: n sets into the pending buffer, then one commit (builds and hashes the whole trie).
  const values = keys.map((_, i) => value(i));
  [ms] = time(() => {
    for (let i = 0; i < n; i++) state.set(keys[i], values[i]);
  });
  out.setPerSec = n / (ms / 1000);
  [ms] = time(() => state.commitBlock(1n));
  out.bulkCommitMs = ms;

  // Reads of committed keys (flat index / flat table, no trie walk), random order.
  const reads = Math.min(n, 200_000);
  const order = Array.from({ length: reads }, (_, i) => (Math.imul(i, 2654435761) >>> 0) % n);
  [ms] = time(() => {
    let found = 0;
    for (const i of order) if (state.get(keys[i]) !== undefined) found++;
    if (found !== reads) throw new Error('missing key');
  });
  out.committedGetPerSec = reads / (ms / 1000);

  // The runtime's hot path: set then get within a block (pending buffer), 200k pairs on 1k hot keys.
  [ms] = time(() => {
    for (let i = 0; i < 200_000; i++) {
      const k = keys[i % 1000];
      state.set(k, values[(i * 7) % n]);
      state.get(k);
    }
  });
  out.hotGetSetPerSec = 400_000 / (ms / 1000);
  state.commitBlock(2n);

  // A typical block: 1000 writes spread over the state, then commitBlock (incremental root).
  let height = 3n;
  const blockCpu = [];
  const blockWall = [];
  for (let b = 0; b < 7; b++) {
    for (let j = 0; j < 1000; j++) state.set(keys[(Math.imul(b * 1000 + j, 40503) >>> 0) % n], value(b + j));
    const c0 = cpuNow();
    const w0 = wallNow();
    state.commitBlock(height++);
    blockWall.push(wallNow() - w0);
    blockCpu.push(cpuNow() - c0);
  }
  out.block1kCommitMs = blockCpu.sort((a, b) => a - b)[3];
  out.block1kCommitWallMs = blockWall.sort((a, b) => a - b)[3];

  // Checkpoint churn as the runtime does per receipt/action.
  [ms] = time(() => {
    for (let i = 0; i < 50_000; i++) {
      state.checkpoint();
      state.set(keys[i % n], values[i % n]);
      if (i % 3 === 0) state.rollback();
      else state.commit();
    }
  });
  out.checkpointPerSec = 50_000 / (ms / 1000);
  state.commitBlock(height++);

  [ms] = time(() => {
    const f = state.fork();
    f.close();
  });
  out.forkMs = ms;
  state.close();
  return out;
}

/** The floor for a JS hash-map read: Map<string> lookup with the key converted to latin1 per read. */
function baselineGetPerSec(n) {
  const keys = Array.from({ length: n }, (_, i) => key(i));
  const map = new Map(keys.map((k, i) => [Buffer.from(k).toString('latin1'), i]));
  const reads = Math.min(n, 200_000);
  const [ms] = time(() => {
    let found = 0;
    for (let i = 0; i < reads; i++) {
      const k = keys[(Math.imul(i, 2654435761) >>> 0) % n];
      if (map.get(Buffer.prototype.latin1Slice.call(k, 0, k.length)) !== undefined) found++;
    }
    if (found !== reads) throw new Error('missing key');
  });
  return reads / (ms / 1000);
}

const rows = [];
for (const n of sizes) {
  const mem = run('MemoryState', () => new MemoryState(), n);
  const dir = mkdtempSync(join(tmpdir(), 'nearts-store-bench-'));
  let lmdb;
  try {
    lmdb = run('LmdbState', () => new LmdbState({ path: dir }), n);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  rows.push(mem, lmdb);
  console.log(`\n== ${n} keys (baseline: a bare Map<string>.get with the same keys does ${fmt(baselineGetPerSec(n))}/s)`);
  const cols = [
    ['set/s (pending)', 'setPerSec', fmt],
    ['bulk commit ms (cpu)', 'bulkCommitMs', (x) => x.toFixed(0)],
    ['get/s (committed)', 'committedGetPerSec', fmt],
    ['hot get+set/s', 'hotGetSetPerSec', fmt],
    ['1k-write block commit ms cpu', 'block1kCommitMs', (x) => x.toFixed(1)],
    ['  same, wall ms', 'block1kCommitWallMs', (x) => x.toFixed(1)],
    ['checkpoint+set/s', 'checkpointPerSec', fmt],
    ['fork ms', 'forkMs', (x) => x.toFixed(3)],
  ];
  for (const [label, field, f] of cols) {
    const ratio = lmdb[field] / mem[field];
    console.log(`${label.padEnd(26)} memory ${f(mem[field]).padStart(9)}   lmdb ${f(lmdb[field]).padStart(9)}   lmdb/memory ${ratio.toFixed(2)}`);
  }
}
if (process.env.BENCH_JSON) console.log(JSON.stringify(rows));
