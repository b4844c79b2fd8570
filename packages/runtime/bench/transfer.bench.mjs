// Native-transfer benchmark: CPU time per signed transfer through `Chain.submit` (decode + the RPC
// checks) and `Chain.produceBlock` (apply, state root), the workload of tools/bench's throughput
// chains (1,000 senders each sending one transfer per block to a random one of N accounts; a
// block also applies the previous block's receipts and refunds). Builds are compared side by
// side: each build's chain lives in its own process and they take turns, one block each
// (alternating order), so a busy machine affects all of them alike; the head hash and state root
// must stay identical across builds after every block.
//
//   node bench/transfer.bench.mjs [--accounts 10000] [--backend memory|lmdb] [--rounds 60]
//        [--split] [--no-verify] [--packages /other/checkout/packages ...]
//
// Without --packages it measures this checkout's build (`pnpm run build` first). Each --packages
// adds another build (a directory holding built primitives/, runtime/ and store/); ratios are
// against the first build given (or this checkout). --split also times the bare ed25519 checks of
// each block's transactions (verifySignature, untimed for the block), which splits a transfer's
// CPU into the signature check and everything else. --no-verify (an experiment, not a result)
// makes node:crypto's verify always succeed, to measure everything else with less noise.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpuUs, hex, option, pairedRatio } from './bench-support.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => option(args, name, dflt);

async function child(packages, accounts, backend) {
  if (args.includes('--no-verify')) {
    const crypto = (await import('node:crypto')).default;
    const { syncBuiltinESMExports } = await import('node:module');
    crypto.verify = () => true;
    syncBuiltinESMExports();
  }
  const load = (pkg) => import(pathToFileURL(join(packages, pkg, 'dist/index.js')).href);
  const [{ Chain }, p, { LmdbState, MemoryState }] = await Promise.all([load('runtime'), load('primitives'), load('store')]);
  const name = (i) => `acct${String(i).padStart(7, '0')}.near`;
  const senders = Array.from({ length: Math.min(1000, accounts) }, (_, i) => p.KeyPair.fromNearcoreTestSeed(`sender ${i}`));
  const shared = p.KeyPair.fromNearcoreTestSeed('every other account').publicKey;
  const list = [];
  for (let i = 0; i < accounts; i++) list.push({ accountId: name(i), amount: 1000n * p.NEAR, keys: [i < senders.length ? senders[i].publicKey : shared] });
  let dir;
  const stateFactory = backend === 'lmdb' ? () => new LmdbState({ path: (dir = mkdtempSync(join(tmpdir(), 'nearts-transfer-'))) }) : () => new MemoryState();
  const chain = Chain.create({ accounts: list, stateFactory, gasLimit: null });
  const nonces = senders.map(() => 0n);
  let rng = 0x2545f491;
  const random = (n) => {
    rng = (Math.imul(rng ^ (rng >>> 15), 0x2c1b3c6d) + 0x6b43a9b5) >>> 0;
    return rng % n;
  };
  const block = () =>
    senders.map((k, i) => {
      const transaction = { version: 'V0', signerId: name(i), publicKey: k.publicKey, nonce: ++nonces[i], receiverId: name(random(accounts)), blockHash: chain.head.hash, actions: [{ type: 'Transfer', deposit: 1n + BigInt(random(1000)) }] };
      return p.encode(p.SignedTransactionCodec, { transaction, signature: k.sign(p.transactionHash(transaction)) });
    });
  const run = (split) => {
    const txs = block();
    let verifyUs = 0;
    if (split) {
      const decoded = txs.map((b) => p.decodeSignedTransaction(b));
      const c0 = cpuUs();
      for (const d of decoded) if (!p.verifySignature(d.hash, d.signedTransaction.signature, d.signedTransaction.transaction.publicKey)) throw new Error('bad signature');
      verifyUs = cpuUs() - c0;
    }
    const c0 = cpuUs();
    for (const tx of txs) chain.submit(tx);
    const b = chain.produceBlock();
    const blockUs = cpuUs() - c0;
    for (const c of b.chunks) for (const o of c.result.outcomes) if (o.outcome.status.kind === 'Failure') throw new Error(`failed outcome ${JSON.stringify(o.outcome.status, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
    return { txs: txs.length, blockUs, verifyUs, head: hex(b.hash), root: hex(chain.state.stateRoot()) };
  };
  for (let i = 0; i < 5; i++) run(false); // warm-up: the previous-block receipts, the JIT
  process.send({ ready: true });
  process.on('message', (m) => {
    if (m.cmd === 'block') process.send(run(m.split));
    else {
      for (const s of chain.allStates) s.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      process.disconnect();
    }
  });
}

function start(build, accounts, backend) {
  const extra = args.includes('--no-verify') ? ['--no-verify'] : [];
  const c = fork(fileURLToPath(import.meta.url), ['--child', build, String(accounts), backend, ...extra], { execArgv: ['--max-old-space-size=8192'] });
  const queue = [];
  let waiting;
  c.on('message', (m) => (waiting ? (waiting(m), (waiting = undefined)) : queue.push(m)));
  const next = () => new Promise((r) => (queue.length ? r(queue.shift()) : (waiting = r)));
  return {
    build,
    ready: next(),
    request: (msg) => (c.send(msg), next()),
    stop: () => c.send({ cmd: 'stop' }),
  };
}

if (args[0] === '--child') {
  await child(args[1], Number(args[2]), args[3]);
} else {
  const accounts = Number(opt('accounts', '10000'));
  const backend = opt('backend', 'memory');
  const rounds = Number(opt('rounds', '60'));
  const split = args.includes('--split');
  const here = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const others = args.flatMap((a, i) => (args[i - 1] === '--packages' ? [resolve(a)] : []));
  const builds = others.length > 0 ? [...others, here] : [here];
  const workers = [];
  // One at a time: each genesis has the machine to itself.
  for (const b of builds) {
    const w = start(b, accounts, backend);
    await w.ready;
    workers.push(w);
  }
  const perTx = workers.map(() => ({ block: [], verify: [] }));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? workers.map((_, i) => i) : workers.map((_, i) => workers.length - 1 - i);
    const out = [];
    for (const i of order) out[i] = await workers[i].request({ cmd: 'block', split });
    for (const o of out) {
      if (o.head !== out[0].head || o.root !== out[0].root) throw new Error(`round ${r}: head or state root differs between builds`);
    }
    out.forEach((o, i) => {
      perTx[i].block.push(o.blockUs / o.txs);
      perTx[i].verify.push(o.verifyUs / o.txs);
    });
  }
  for (const w of workers) w.stop();
  const sum = (a) => a.reduce((x, y) => x + y, 0);
  const mean = (a) => sum(a) / a.length;
  const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  console.log(`${accounts} accounts, ${backend}; ${rounds} rounds of one 1,000-transfer block per build; heads and state roots identical after every block${args.includes('--no-verify') ? '; node:crypto verify stubbed (experiment)' : ''}`);
  workers.forEach((w, i) => {
    const x = perTx[i];
    const line = [`${w.build}: CPU per transfer mean ${mean(x.block).toFixed(1)} us, median ${median(x.block).toFixed(1)} us (${(1e6 / mean(x.block)).toFixed(0)} tx per CPU-second)`];
    if (split) line.push(`bare signature check ${mean(x.verify).toFixed(1)} us, everything else ${(mean(x.block) - mean(x.verify)).toFixed(1)} us`);
    if (i > 0) {
      // Ratio of the sums over rounds, with a bootstrap 90% interval over rounds.
      line.push(`/ first build: ${pairedRatio(perTx[0].block, x.block)}`);
    }
    console.log(line.join('; '));
  });
}
