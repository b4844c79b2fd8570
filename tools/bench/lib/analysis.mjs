// The "why, and what would close it" text for each missed goal, built from this run's figures and
// the cost-centre shares of the goal's profile (lib/profiles.mjs), so it stays true to the run.
import { fmt, sizeLabel } from './stats.mjs';

const p = (x) => `${x.toFixed(0)}%`;

export function analyses(results, profiles) {
  const out = {};
  const s = (id) => profiles[id]?.shares;

  const m = results.metering;
  if (m && s('metering')) {
    const worst = m.rows.reduce((a, r) => (r.ratio.median > a.ratio.median ? r : a));
    out.metering = [
      `The worst method is \`${worst.method}\` at ${worst.ratio.median.toFixed(2)}× (the others: ${m.rows.filter((r) => r !== worst).map((r) => `${r.method} ${r.ratio.median.toFixed(2)}×`).join(', ')}). In its profile ${p(s('metering').contractWasm)} of the time is inside contract wasm and ${p(s('metering').hostFunctions)} in host functions: the overhead is the instrumentation executed inline. Each metered block compares the function's gas local, branches and subtracts; the remaining-gas global is written only where a trap, a call or the host can read it, and callees hand the remaining gas back as an extra result. Each call still pays a stack check and the callee's entry charge. In \`sort\` the per-block checks of the merge loop and the comparator's entry (a call per comparison) carry it.`,
      'What would close it (packages/vm-runner \`prepare/\`, with the differential gas test kept exact): the gas local, the merged entry charge, the leaf-only stack check, gas returned as an extra result and the write-through analysis are in (see the vm-runner README for what each measured). What is left are finite-wasm\'s charges themselves (about eight compare-and-branch checks per merge iteration in \`sort\`) and the writes of the global before instructions that can trap, which exact gas after a trap needs unless the host could recover the remaining gas from the trap site (V8\'s stack-trace offsets: not a basis for exactness).',
    ].join('\n\n');
  }

  const co = results['call-overhead'];
  if (co && s('repeat-call')) {
    const sh = s('repeat-call');
    const us = co.figures.repeat['nearts tiny noop'].median;
    const floor = co.figures.repeat['V8 floor (tiny noop)'].median;
    out['repeat-call'] = [
      `A repeat call of the cached \`noop\` costs ${fmt(us)} µs of CPU here; the bare V8 floor for the same call (instantiate the original module, call) costs ${fmt(floor)} µs, so nearts is ${co.figures.repeatRatios['nearts tiny noop'].median.toFixed(1)}× the floor. In the profile: instance creation ${p(sh.instantiate)}, the 64 MiB shared \`WebAssembly.Memory\` created per call ${p(sh.memoryAlloc)}, garbage collection ${p(sh.garbageCollector)} (the per-call instances and memories are V8 objects only a major GC frees; freeing a memory unmaps it), host functions ${p(sh.hostFunctions)}; the rest is vm-logic's per-call objects (VMLogic, gas counter, profile, outcome).`,
      `What is left is mostly V8's: compare the row "V8 share of a nearts call" (the prepared module instantiated over a fresh 64 MiB shared memory with a stub host). A pool of memories is not an option: the host cannot know which pages wasm wrote (a sound reset is a full clear), and a memory that grew can never be reused (see packages/vm-runner README, "Per-call cost"). ${floor > 30 ? `The V8 floor itself is above 30 µs on this machine under this load, so the absolute goal also needs a quieter machine to be judged; the ratio to the floor does not.` : `The floor leaves ${fmt(30 - floor)} µs for nearts' own work.`}`,
    ].join('\n\n');
  }

  const pr = results.peer;
  if (pr && s('peer-speed')) {
    const slowest = pr.rows.reduce((a, r) => (r.speedup.median < a.speedup.median ? r : a));
    const sh = s('peer-speed');
    const wasmUs = (slowest.neartsUs.median * sh.contractWasm) / 100;
    const under = pr.rows.filter((r) => r.speedup.median < 20).map((r) => `${r.call} ${r.speedup.median.toFixed(1)}×`);
    out['peer-speed'] = [
      `near-mock-vm costs ${fmt(Math.min(...pr.rows.map((r) => r.peerUs.median)) / 1000)}–${fmt(Math.max(...pr.rows.map((r) => r.peerUs.median)) / 1000)} ms per call (per call a fresh near-vm-logic VM object, a fresh 64 MiB memory and contract instance, the state copied in and out). nearts is below 20× on ${under.length} of ${pr.rows.length} calls: ${under.join(', ')}.`,
      `The slowest, ${slowest.call} (nearts ${fmt(slowest.neartsUs.median)} µs), spends ${p(sh.contractWasm)} of its nearts time in the contract's own (instrumented) wasm — about ${fmt(wasmUs)} µs — plus instantiation ${p(sh.instantiate)}, memory allocation ${p(sh.memoryAlloc)}, host functions ${p(sh.hostFunctions)} and GC ${p(sh.garbageCollector)}. Both sides run the same contract code on V8, so where the contract's own work is more than 1/20 of near-mock-vm's per-call cost, 20× cannot be reached by cutting nearts' call overhead alone: it also needs cheaper instrumented code (see the metering figures) — near-mock-vm runs the contract unmetered.`,
      'What would close it: mostly cheaper instrumented code for the contract share (see the metering figures; calls through `call_indirect` and small functions are where the overhead is left) — the per-call fixed costs are now mostly V8\'s own instantiation and memory (imports are built once per contract; a memory pool is unsound, see the repeat-call section). AssemblyScript debug builds (words, singleton, AVL tree) run their start function and runtime checks on every call, which is work both sides must do.',
    ].join('\n\n');
  }

  const tp = results.throughput;
  if (tp && s('native-tps')) {
    const sh = s('native-tps');
    const prof = profiles['native-tps'];
    const best = tp.rows.reduce((a, r) => (r.native.median > a.native.median ? r : a));
    const perTxUs = 1e6 / best.native.median;
    const checkUs = (prof.totalMs * 1000 * sh.signatureVerification) / 100 / prof.work.txs;
    const restUs = perTxUs * (1 - sh.signatureVerification / 100);
    out['native-tps'] = [
      `Best: ${fmt(best.native.median)} native transfers per CPU-second (${sizeLabel(best.accounts)} accounts, ${best.backend}), ${fmt(perTxUs)} µs of CPU per transfer. In the profile ${p(sh.signatureVerification)} of the time is ed25519 signature verification (node:crypto, ${fmt(checkUs)} µs per check; each transaction is checked once: \`Chain.submit\` checks it (${p(sh.verifyInSubmit)}) and \`apply\` reuses that verdict (${p(sh.verifyInApply)})). The state root per block takes ${p(sh.stateRoot)}, GC ${p(sh.garbageCollector)}.`,
      `What would close it: ${
        checkUs >= 100
          ? `one check (${fmt(checkUs)} µs here) is already more than the 100 µs a transfer may take at 10,000/s, so the goal per core needs a cheaper check than node:crypto's one-shot verify (there is none in Node) or the checks spread over worker threads (a goal per machine rather than per core).`
          : `one check bounds a core at about ${fmt(1e6 / checkUs)} transfers per second here, so 10,000/s per core also needs the rest of the per-transaction path (about ${fmt(restUs)} µs now: decoding, hashing, receipts, state updates, outcomes, the root, the chain's history) cut to under ${fmt(100 - checkUs)} µs, or the checks spread over worker threads (a goal per machine rather than per core).`
      } The rest is spread thin (see the profile): no single step is more than a few per cent.`,
    ].join('\n\n');
  }
  if (tp && s('ft-tps')) {
    const sh = s('ft-tps');
    const best = tp.rows.reduce((a, r) => (r.ft.median > a.ft.median ? r : a));
    const perTxUs = 1e6 / best.ft.median;
    out['ft-tps'] = [
      `Best: ${fmt(best.ft.median)} FT transfer calls per CPU-second (${sizeLabel(best.accounts)} accounts, ${best.backend}), ${fmt(perTxUs)} µs of CPU per call end to end (a transaction, a function-call receipt, a refund receipt). In the profile: vm-runner's \`runContract\` ${p(sh.runContract)} in all, of which the token's own (instrumented) wasm ${p(sh.contractWasm)}, host functions ${p(sh.hostFunctions)}, instantiation ${p(sh.instantiate)}, the 64 MiB memory per call ${p(sh.memoryAlloc)}; signature verification (once per transaction) ${p(sh.signatureVerification)}; state root ${p(sh.stateRoot)}; GC ${p(sh.garbageCollector)}.`,
      'The token\'s wasm share includes V8 work inside `memory.grow` (the token grows its memory on every call, and V8 11.3 then re-creates the buffer of every shared memory not yet collected: vm-runner bounds that with major GCs, see its README "Per-call cost"). What would close the rest: instantiation of the 170 KB module with its 48 imports over a fresh 64 MiB memory every call (V8\'s cost), the metering overhead on the contract share, and the signature check. Reaching 2,000/s per core means about 500 µs per call for all three receipts together.',
    ].join('\n\n');
  }
  if (tp && s('lmdb-vs-memory')) {
    const sh = s('lmdb-vs-memory');
    out['lmdb-vs-memory'] = `In the lmdb profile, lmdb itself takes ${p(sh.lmdb)}, the state root ${p(sh.stateRoot)} and GC ${p(sh.garbageCollector)}. See the ratios and the RSS columns above: if the rate ratio holds but memory is not bounded, the genesis (all of it buffered in a \`WriteBuffer\` until the first \`commitBlock\`, plus the runtime's \`TrieShape\` over every key) is what holds the memory.`;
  }
  return out;
}
