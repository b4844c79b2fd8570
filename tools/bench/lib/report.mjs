// Renders docs/benchmarks.md from one run's results: machine, date, command, the goals next to
// their figures, every benchmark's table, and for each missed goal the reason, what would close
// it and the top entries of its CPU profile.
import { fmt, fmtRatio, fmtSpread, sizeLabel, summarize } from './stats.mjs';

const median = (xs) => summarize(xs).median;

const pct = (x) => `${x.toFixed(0)}%`;
const verdict = (met) => (met === true ? 'met' : met === false ? '**missed**' : '—');
const esc = (s) => String(s).replace(/\|/g, '\\|');

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

function metering(r) {
  return [
    '## 1. Metering overhead',
    '',
    'cpu-bench.wasm (our AssemblyScript contract) through vm-runner — prepared, gas- and stack-instrumented, cached, host calls through vm-logic — against the same original module compiled once by V8 and instantiated per call with a stub host (`input`, `register_len`, `read_register`, `value_return`; no gas, no limits). Both sides make a complete call each time. Ratio = nearts / unmetered, per interleaved round.',
    '',
    table(
      ['method', 'iterations', 'gas burnt', 'unmetered (CPU)', 'nearts (CPU)', 'ratio (CPU)', 'ratio (wall)'],
      r.rows.map((x) => [`\`${x.method}\``, fmt(x.iterations), `${(Number(x.gasBurnt) / 1e12).toFixed(0)} Tgas`, fmtSpread(x.unmeteredMs, 'ms'), fmtSpread(x.meteredMs, 'ms'), fmtRatio(x.ratio), fmtRatio(x.wallRatio)]),
    ),
    '',
    `${r.rounds} interleaved rounds; identical return values on both sides${r.mismatches.length ? ' — **except**: ' + r.mismatches.join('; ') : ''}.`,
  ].join('\n');
}

function callOverhead(r) {
  const f = r.figures;
  const rows = [
    ...Object.entries(f.repeat).map(([n, s]) => [n, 'repeat (cached)', fmtSpread(s, 'µs'), fmtSpread(f.repeatWall[n], 'µs')]),
    ...Object.entries(f.cold).map(([n, s]) => [n, 'cold (prepare + compile)', fmtSpread(s, 'µs'), fmtSpread(f.coldWall[n], 'µs')]),
  ];
  return [
    '## 2. Call overhead',
    '',
    'Repeat calls pass the code hash, as the runtime does; a cold call uses code no cache has seen (an extra unique export) and an empty contract cache. The V8 floor instantiates the original tiny module and calls `noop` with the stub host.',
    '',
    table(['call', 'kind', 'CPU per call', 'wall per call'], rows),
    '',
    table(
      ['ratio', 'measured'],
      [
        ['nearts repeat noop / V8 floor', fmtRatio(f.repeatRatios['nearts tiny noop'])],
        ['cold / repeat, tiny (8.6 KB)', `${f.tinyColdOverRepeat.toFixed(0)}×`],
        ['cold / repeat, fungible token (170 KB)', `${f.ftColdOverRepeat.toFixed(0)}×`],
        ['fungible token / tiny, repeat', fmtRatio(f.ftOverTinyRepeat)],
        ['fungible token / tiny, cold', fmtRatio(f.ftOverTinyCold)],
      ],
    ),
    '',
    `${r.rounds} rounds of ${r.batch} repeat calls per variant, ${r.coldRounds} cold rounds, interleaved.`,
  ].join('\n');
}

function peer(r) {
  return [
    '## 3. nearts vs near-mock-vm@3.2.2',
    '',
    'The same calls on both, each a complete NEAR-style call with a fresh instance: the step\'s input state loaded, the call, the state read back (tools/bench-peer drives near-mock-vm with a fresh VM and memory per call). Before timing, every call is checked: return value, logs and storage after the call must be identical (near-mock-vm meters no gas, so gas, balances and refund receipts are not compared). Speedup = near-mock-vm time / nearts time, per interleaved round, with a full GC before each batch so neither side pays for the other\'s garbage.',
    '',
    table(
      ['call', 'identical', 'nearts (CPU)', 'near-mock-vm (CPU)', 'speedup (CPU)', 'speedup (wall)'],
      r.rows.map((x) => [x.call, x.identical ? 'yes' : '**no**', fmtSpread(x.neartsUs, 'µs'), fmtSpread(x.peerUs, 'µs'), fmtRatio(x.speedup), fmtRatio(x.wallSpeedup)]),
    ),
    '',
    `${r.rounds} interleaved rounds of ${r.batch} calls per variant.`,
    ...(r.knownDifferences.length ? ['', 'Explained differences (checked exactly, not ignored):', '', ...r.knownDifferences.map((d) => `- ${d}`)] : []),
    ...(r.mismatches.length ? ['', '**Mismatches:**', '', ...r.mismatches.map((d) => `- ${d}`)] : []),
  ].join('\n');
}

function throughput(r) {
  return [
    '## 4. Runtime throughput',
    '',
    `Signed transactions as borsh bytes through \`Chain.submit\` (decode + the RPC checks) and \`Chain.produceBlock\` (apply: verification, receipts, actions, refunds, state root). Native: ${fmt(r.senders)} senders each send one 1–1000 yocto transfer per block to a random account of the state. FT: ${r.ftHolders} holders of the near-sdk-rs NEP-21 token (deployed at genesis) each make one \`transfer\` per block to another holder (30 Tgas, no deposit; a function-call receipt and a refund receipt per transaction). A block of K transactions also applies the receipts of the previous block, so K / block time is the steady-state end-to-end rate. Rates are per CPU-second of the worker process (the runtime is single-threaded: one core), median over blocks with p10–p90; wall-clock medians for orientation. Chunk gas limit off (nearcore's 1000 Tgas would cap FT at ~470 calls per chunk). LmdbState is durable (one synced lmdb transaction per block).`,
    '',
    table(
      ['accounts', 'store', 'native tx/s (CPU)', 'native tx/s (wall)', 'FT tx/s (CPU)', 'FT tx/s (wall)', 'FT view call (CPU)', 'genesis (wall)', 'RSS after genesis', 'peak RSS'],
      r.rows.map((x) => [sizeLabel(x.accounts), x.backend, fmtSpread(x.native, ''), fmt(x.nativeWall.median), fmtSpread(x.ft, ''), fmt(x.ftWall.median), `${fmt(median(x.final.viewCpuMs))} ms (max ${fmt(Math.max(...x.final.viewCpuMs))})`, `${(x.setup.genesisMs / 1000).toFixed(1)} s`, `${fmt(x.setup.memory.rssMB)} MB`, `${fmt(x.final.memory.peakRssMB)} MB`]),
    ),
    '',
    table(['ratio (medians of interleaved measurements)', 'native', 'FT'], ratioRows(r.ratios)),
    '',
    `Each (size, store) chain is its own child process; after all were built, ${r.rounds} rounds gave each in turn ${r.blocksPerRound.native} native and ${r.blocksPerRound.ft} FT blocks (order alternating), after one warm-up block each. Every outcome is checked (no failures), and the token's holder records must still sum to the supply. The FT view call column is the median (and the maximum) CPU time of 14 \`Chain.view\` calls of \`get_balance\` after the rounds.${r.mismatches.length ? ' **Problems:** ' + r.mismatches.join('; ') : ''}`,
  ].join('\n');
}

function ratioRows(ratios) {
  const whats = [...new Set(ratios.map((x) => x.what))];
  return whats.map((w) => [w, ...['native', 'ft'].map((k) => `${ratios.find((x) => x.what === w && x.kind === k)?.ratio.toFixed(2) ?? '—'}×`)]);
}

function memory(r, tp) {
  const c = r.contracts;
  const big = tp ? tp.rows.filter((x) => x.accounts === Math.max(...tp.rows.map((y) => y.accounts))) : [];
  return [
    '## 5. Memory',
    '',
    'Each figure comes from its own process (`--expose-gc`, collected before reading).',
    '',
    table(
      ['what', 'RSS', 'peak RSS', 'JS heap', 'external (ArrayBuffers)', 'notes'],
      [
        [`${fmt(c.count)} distinct contracts prepared, compiled and cached`, `${fmt(c.after.rssMB)} MB (from ${fmt(c.before.rssMB)} MB)`, `${fmt(c.after.peakRssMB)} MB`, `${fmt(c.after.heapUsedMB)} MB`, `${fmt(c.after.externalMB)} MB`, `${fmt(c.perContractKB)} KB RSS per ${fmt(c.codeBytes)}-byte contract; the cache accounts ${fmt(c.accountedMB)} MB (default budget 256 MiB); ${c.seconds.toFixed(0)} s to load them all`],
        ...big.map((x) => [`${sizeLabel(x.accounts)}-account state, ${x.backend}`, `${fmt(x.setup.memory.rssMB)} MB after genesis, ${fmt(x.final.memory.rssMB)} MB at the end`, `${fmt(x.final.memory.peakRssMB)} MB`, `${fmt(x.setup.memory.heapUsedMB)} MB`, `${fmt(x.setup.memory.externalMB)} MB`, `throughput worker; genesis ${(x.setup.genesisMs / 1000).toFixed(0)} s`]),
      ],
    ),
    '',
    `RSS counts the pages of lmdb's memory-mapped database file the process touched (page cache the kernel can reclaim); JS heap + external is the memory the process itself holds. The contract cache's own accounting (${fmt(c.accountedMB / c.count * 1024)} KB per entry: 4 × the prepared code + 1 KB) compares with ${fmt(c.perContractKB)} KB of RSS growth per contract measured here.`,
  ].join('\n');
}

/** Figures of this run worth a lead's attention that no goal covers. */
function observations(results) {
  const out = [];
  const tp = results.throughput;
  if (tp) {
    const sizes = [...new Set(tp.rows.map((r) => r.accounts))].sort((a, b) => a - b);
    const small = sizes[0];
    const big = sizes[sizes.length - 1];
    for (const backend of ['memory', 'lmdb']) {
      const a = tp.rows.find((r) => r.accounts === small && r.backend === backend);
      const b = tp.rows.find((r) => r.accounts === big && r.backend === backend);
      if (!a || !b || small === big) continue;
      const slow = (row) => row.final.viewCpuMs.filter((ms) => ms > 20 * median(row.final.viewCpuMs));
      if (slow(b).length > 0) {
        out.push(`View calls (\`Chain.view\` → \`viewCall\`, FT \`get_balance\`) on ${backend}: ${slow(b).length} of ${b.final.viewCpuMs.length} took ${slow(b).map((ms) => fmt(ms)).join(', ')} ms of CPU at ${sizeLabel(big)} accounts (the others ${fmt(median(b.final.viewCpuMs))} ms; at ${sizeLabel(small)}: ${slow(a).length ? slow(a).map((ms) => fmt(ms)).join(', ') + ' ms' : 'none'}), a cost that grows with the state. Each view forks the state, and a fork whose layer chain passes its maximum depth flattens the layers: a copy of the whole key index (packages/store \`FlatLayers.fork\` → \`flatten\`).`);
      }
      out.push(`Genesis of ${sizeLabel(big)} accounts on ${backend}: ${(b.setup.genesisMs / 1000).toFixed(0)} s wall (${fmt((b.setup.genesisMs * 1000) / big)} µs per account, each with one access key), against ${(a.setup.genesisMs / 1000).toFixed(1)} s for ${sizeLabel(small)}.`);
    }
  }
  const c = results.memory?.contracts;
  if (c) {
    const fit = Math.floor((256 * 1024) / (c.accountedMB * 1024 / c.count));
    out.push(`The contract cache accounts ${fmt((c.accountedMB * 1024) / c.count)} KB per ${fmt(c.codeBytes)}-byte contract (the prepared code is ${fmt((c.accountedMB * 1024 * 1024 / c.count - 1024) / 4 / c.codeBytes)}× the original), so its default 256 MiB budget keeps about ${fmt(fit)} such contracts; RSS grew ${fmt(c.perContractKB)} KB per contract.`);
  }
  return out;
}

function profileTable(p) {
  return table(
    ['self %', 'function (file:line)'],
    p.self.map((x) => [x.pct.toFixed(1), `\`${x.fn}\``]),
  );
}

/**
 * @param {{ machine, started: Date, totalS: number, command: string, results: Record<string, any>, profiles: Record<string, any>, analyses: Record<string, string> }} run
 */
export function renderReport(run) {
  const { machine: m, results } = run;
  const goals = Object.values(results).flatMap((r) => r?.goals ?? []);
  const out = [
    '# Benchmarks',
    '',
    '<!-- Generated by tools/bench/run-all.mjs (`pnpm bench`); edits are overwritten. -->',
    '',
    'Performance claims count only as ratios measured side by side in one run on the same machine (issue 9). Absolute figures are for orientation: they depend on the machine and on its load.',
    '',
    `- **Command:** \`${run.command}\` (= \`node tools/bench/run-all.mjs\`: build, \`npm run fixtures\`, the benchmarks, profiles of missed goals, this page)`,
    `- **Date:** ${run.started.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    `- **Machine:** ${m.cpu}, ${m.cores} cores, ${m.memoryGB.toFixed(0)} GB RAM, ${m.os}, Node ${m.node} (V8 ${m.v8})`,
    `- **Load average** (shared machine, other processes running): ${run.loadStart.map((x) => x.toFixed(1)).join(' / ')} at the start, ${run.loadEnd.map((x) => x.toFixed(1)).join(' / ')} at the end (1 / 5 / 15 min)`,
    `- **Commit:** ${m.commit}${m.dirty ? ' with uncommitted changes in packages/ (the build measured is the working tree)' : ''}`,
    `- **Total run time:** ${(run.totalS / 60).toFixed(1)} min (build, fixtures, every benchmark, the profiles and this page)`,
    '',
    '## Goals',
    '',
    table(['goal', 'measured', 'verdict'], goals.map((g) => [g.goal, g.measured + (g.note ? ` (${g.note})` : ''), verdict(g.met)])),
    '',
    '## How it measures',
    '',
    '- Built packages (`dist/`, plain `node`, no vitest), the contracts of `npm run fixtures`.',
    '- Compared variants run interleaved (A, B, A, B… with the order alternating every round) in one process; a ratio is taken per round and the report gives the median with p10–p90 over rounds.',
    '- Time is process CPU time (user + system) unless marked wall: on a shared machine it leaves out the time the process waited for a core. Wall-clock figures are given next to them.',
    '- Memory figures and each throughput state come from their own child processes (`--expose-gc`).',
    '- Profiles cover only the measured region (V8 sampling profiler through `node:inspector`, the data `node --cpu-prof` writes); percentages are of the sampled region time.',
    '',
    results.metering ? metering(results.metering) : '',
    '',
    results['call-overhead'] ? callOverhead(results['call-overhead']) : '',
    '',
    results.peer ? peer(results.peer) : '',
    '',
    results.throughput ? throughput(results.throughput) : '',
    '',
    results.memory ? memory(results.memory, results.throughput) : '',
    '',
  ];
  const notes = observations(results);
  if (notes.length) out.push('## Other observations', '', ...notes.map((n) => `- ${n}`), '');
  const missed = goals.filter((g) => g.met === false);
  if (missed.length) {
    out.push('## Missed goals: why, and what would close them', '');
    for (const g of missed) {
      out.push(`### ${g.goal}`, '', run.analyses[g.id] ?? 'No analysis.', '');
      const p = run.profiles[g.id];
      if (p) out.push(`Profile: ${p.title}; ${p.totalMs.toFixed(0)} ms sampled. Top entries by self time:`, '', profileTable(p), '');
      else if (run.profileErrors?.[g.id]) out.push(`(Profile failed: ${run.profileErrors[g.id]})`, '');
    }
  }
  out.push(
    '## Running',
    '',
    '- Everything: `npx --yes pnpm@10.34.9 bench` from the repository root (rewrites this page). Not part of `pnpm test`; `npx vitest run --project bench` only smoke-tests every benchmark with minimal iterations (correctness, never timings).',
    '- One benchmark: `node tools/bench/<metering|call-overhead|peer|throughput|memory>.mjs [--quick] [--json out.json]` (after `pnpm run build` and `npm run fixtures`); `--rounds`, `--batch`, `--sizes 10000,100000`, `--backends memory,lmdb`, `--contracts N` adjust the work.',
    '- A profile of a benchmark\'s hot region: add `--profile out.cpuprofile` (e.g. `node tools/bench/lib/chain-worker.mjs --profile p.cpuprofile --kind ft --blocks 5`), summarise with `node tools/bench/lib/cpu-profile.mjs p.cpuprofile`.',
    '- Per-package micro-benchmarks (vm-runner preparation, store, primitives borsh, bench-peer per-call) stay with their packages: `npx --yes pnpm@10.34.9 run bench:packages` (`turbo run bench`). They are not part of this page.',
    '',
  );
  return out.join('\n');
}
