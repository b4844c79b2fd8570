// The "why, and what would close it" text for each missed goal, built from this run's figures and
// the cost-centre shares of the goal's profile (lib/profiles.mjs), so it stays true to the run.
import { fmt } from './stats.mjs';

const p = (x) => `${x.toFixed(0)}%`;

export function analyses(results, profiles) {
  const out = {};
  const s = (id) => profiles[id]?.shares;

  const m = results.metering;
  if (m && s('metering')) {
    const worst = m.rows.reduce((a, r) => (r.ratio.median > a.ratio.median ? r : a));
    out.metering = [
      `The worst method is \`${worst.method}\` at ${worst.ratio.median.toFixed(2)}× (the others: ${m.rows.filter((r) => r !== worst).map((r) => `${r.method} ${r.ratio.median.toFixed(2)}×`).join(', ')}). In its profile ${p(s('metering').contractWasm)} of the time is inside contract wasm and ${p(s('metering').hostFunctions)} in host functions, so the overhead is the instrumentation executed inline: every metered basic block does \`global.get\`/compare/\`if\`/\`global.set\` on the remaining-gas global, and every call checks and adjusts the stack-height global.`,
      'What would close it: fewer and cheaper checks in hot code — charge once per loop iteration at the back edge for blocks with no exit in between, skip the exhaustion test where a pure run\'s cost is folded into its successor, and keep remaining gas in a local inside each function (written back to the global before calls and returns), which V8 keeps in a register; the stack-height check can be skipped for leaf functions whose frame is already charged by the caller. Each is a vm-runner `prepare/instrument.ts` change and has to keep the differential gas test (exact gas equal to nearcore\'s) passing.',
    ].join('\n\n');
  }

  const co = results['call-overhead'];
  if (co && s('repeat-call')) {
    const sh = s('repeat-call');
    const us = co.figures.repeat['nearts tiny noop'].median;
    out['repeat-call'] = [
      `A repeat call of the cached \`noop\` costs ${fmt(us)} µs of CPU here (the bare V8 floor for the same call — instantiate the original module, call — ${fmt(co.figures.repeat['V8 floor (tiny noop)'].median)} µs, so ${co.figures.repeatRatios['nearts tiny noop'].median.toFixed(1)}× the floor). In the profile: instance creation ${p(sh.instantiate)}, the 64 MiB shared \`WebAssembly.Memory\` per call ${p(sh.memoryAlloc)}, garbage collection ${p(sh.garbageCollector)} (mostly from the memories: V8 collects them under external-memory pressure), host functions ${p(sh.hostFunctions)}.`,
      'What would close it: on this machine the V8 floor alone is close to the goal, so only the nearts part above the floor can shrink: reuse a pooled memory between calls (zero only the pages the call dirtied) instead of allocating 64 MiB per call, and build the import object once per cached contract (closures over a per-call state slot) instead of per call. Measure again on a quiet machine: the absolute goal is sensitive to load, the ratio to the floor is not.',
    ].join('\n\n');
  }

  const pr = results.peer;
  if (pr && s('peer-speed')) {
    const slowest = pr.rows.reduce((a, r) => (r.speedup.median < a.speedup.median ? r : a));
    const sh = s('peer-speed');
    const wasmUs = (slowest.neartsUs.median * sh.contractWasm) / 100;
    const under = pr.rows.filter((r) => r.speedup.median < 20).map((r) => `${r.call} ${r.speedup.median.toFixed(1)}×`);
    out['peer-speed'] = [
      `near-mock-vm costs ${fmt(Math.min(...pr.rows.map((r) => r.peerUs.median)) / 1000)}–${fmt(Math.max(...pr.rows.map((r) => r.peerUs.median)) / 1000)} ms per call (a fresh Rust VM instance, a fresh 64 MiB memory and the state copied in and out per call). nearts is below 20× on ${under.length} of ${pr.rows.length} calls: ${under.join(', ')}.`,
      `The slowest, ${slowest.call} (nearts ${fmt(slowest.neartsUs.median)} µs), spends ${p(sh.contractWasm)} of its nearts time in the contract's own (instrumented) wasm — about ${fmt(wasmUs)} µs — plus instantiation ${p(sh.instantiate)}, memory allocation ${p(sh.memoryAlloc)}, host functions ${p(sh.hostFunctions)} and GC ${p(sh.garbageCollector)}. Both sides run the same contract code on V8, so where the contract's own work is more than 1/20 of near-mock-vm's per-call cost, 20× cannot be reached by cutting nearts' call overhead alone: it also needs cheaper instrumented code (see the metering figures) — near-mock-vm runs the contract unmetered.`,
      'What would close it: the per-call fixed costs above (pooled memory, imports built once per contract), and the metering work for the contract share; AssemblyScript debug builds (words, singleton, AVL tree) run their start function and runtime checks on every call, which is work both sides must do.',
    ].join('\n\n');
  }

  const tp = results.throughput;
  if (tp && s('native-tps')) {
    const sh = s('native-tps');
    const best = tp.rows.reduce((a, r) => (r.native.median > a.native.median ? r : a));
    const perTxUs = 1e6 / best.native.median;
    const verifyUs = (perTxUs * sh.signatureVerification) / 100;
    out['native-tps'] = [
      `Best: ${fmt(best.native.median)} native transfers per CPU-second (${best.accounts} accounts, ${best.backend}), i.e. ${fmt(perTxUs)} µs of CPU per transfer. ${p(sh.signatureVerification)} of the profiled blocks is ed25519 signature verification (node:crypto, about ${fmt(verifyUs / 2)} µs per check here), and every transaction is verified **twice**: in \`Chain.submit\` (\`checkTransaction\` → \`validateTransaction\`, ${p(sh.submitCheck)} including its state checks) and again in \`apply\` (\`processTransactions\` → \`validateTransaction\`, ${p(sh.applyValidation)}). The state root per block takes ${p(sh.stateRoot)} and GC ${p(sh.garbageCollector)}.`,
      `What would close it: verify each signature once — packages/runtime \`chain/chain.ts\` could hand apply the verdict of \`submit\` (keyed by transaction hash, signature and key), which removes half of the verification share; the other ~${fmt(verifyUs / 2)} µs per transfer bounds one core at about ${fmt(1e6 / Math.max(1, verifyUs / 2))} signature checks per second on this machine, so reaching 10,000/s per core also needs the rest of the per-transaction path (${fmt(perTxUs - verifyUs)} µs: borsh decoding, hashing, receipts, trie updates) to shrink to well under 100 µs − one check.`,
    ].join('\n\n');
  }
  if (tp && s('ft-tps')) {
    const sh = s('ft-tps');
    const best = tp.rows.reduce((a, r) => (r.ft.median > a.ft.median ? r : a));
    const perTxUs = 1e6 / best.ft.median;
    out['ft-tps'] = [
      `Best: ${fmt(best.ft.median)} FT transfer calls per CPU-second (${best.accounts} accounts, ${best.backend}), ${fmt(perTxUs)} µs of CPU per call end to end. In the profile: the token's own wasm (instrumented) ${p(sh.contractWasm)}, instantiation ${p(sh.instantiate)}, 64 MiB memory per call ${p(sh.memoryAlloc)}, host functions ${p(sh.hostFunctions)}, signature verification (twice per transaction, as for native transfers) ${p(sh.signatureVerification)}, state root ${p(sh.stateRoot)}, GC ${p(sh.garbageCollector)}.`,
      'What would close it: the contract share is the 2021 near-sdk-rs token doing its own work (borsh-decoding its state, hashing keys) under the gas instrumentation, so the metering improvements matter most here; then the per-call costs (instantiation of a 170 KB module with 48 imports, a fresh 64 MiB memory: pool and reset it) and the doubled signature check.',
    ].join('\n\n');
  }
  if (tp && s('lmdb-vs-memory')) {
    const sh = s('lmdb-vs-memory');
    out['lmdb-vs-memory'] = `In the lmdb profile, lmdb itself takes ${p(sh.lmdb)}, the state root ${p(sh.stateRoot)} and GC ${p(sh.garbageCollector)}. See the ratios and the RSS columns above: if the rate ratio holds but memory is not bounded, the genesis (all of it buffered in a \`WriteBuffer\` until the first \`commitBlock\`, plus the runtime's \`TrieShape\` over every key) is what holds the memory.`;
  }
  return out;
}
