// Fungible-token transfers on a chain that keeps growing: CPU per transfer by block range and the
// heap the chain retains per transfer, builds compared side by side. The workload of tools/bench's
// FT throughput (10k accounts, MemoryState, the near-sdk-rs token, 200 holders each making one
// `transfer` per block; a block also applies the previous block's function-call and refund
// receipts). Each build's chain lives in its own process; they take turns (`--per-turn` blocks
// each, order alternating), so a busy machine affects them alike, and the head hash and state root
// must be identical across builds after every turn. What the chain keeps of its history grows with
// every block, and so does the cost of each major collection (vm-runner forces them to bound V8's
// shared-memory list), so the ratio is reported per range of blocks.
//
//   node bench/ft-history.bench.mjs [--accounts 10000] [--holders 200] [--blocks 60] [--per-turn 2]
//        [--ranges 20] [--memory 5,45] [--packages /other/checkout/packages ...]
//
// Without --packages it measures this checkout's build (`pnpm run build` first). Each --packages
// adds a build (a directory holding built primitives/, runtime/, store/ and the rest); ratios are
// against the first build given. --memory a,b: after blocks a and b (and after a full collection)
// each build reports its JS heap, its array-buffer bytes and the number of heap objects (a heap
// snapshot's node count); the difference over the transfers in between is what the chain retains
// per transfer. Turns that take a snapshot are not timed.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { cpuUs, hex, option, pairedRatio } from './bench-support.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => option(args, name, dflt);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TGAS = 10n ** 12n;
const FT_SUPPLY = 10n ** 30n;
const enc = (v) => new TextEncoder().encode(JSON.stringify(v));

/** Heap objects now: the node count in the header of a heap snapshot (the rest is not read). */
async function heapObjects() {
  const stream = v8.getHeapSnapshot();
  let head = '';
  for await (const chunk of stream) {
    head += chunk.toString();
    const m = /"node_count":(\d+)/.exec(head);
    if (m) {
      stream.destroy();
      return Number(m[1]);
    }
  }
  throw new Error('heap snapshot without a node count');
}

async function child(packages, accounts, holders) {
  const load = (pkg) => import(pathToFileURL(join(packages, pkg, 'dist/index.js')).href);
  const [{ Chain }, p, { MemoryState }] = await Promise.all([load('runtime'), load('primitives'), load('store')]);
  const name = (i) => `acct${String(i).padStart(7, '0')}.near`;
  const keys = Array.from({ length: holders }, (_, i) => p.KeyPair.fromNearcoreTestSeed(`sender ${i}`));
  const shared = p.KeyPair.fromNearcoreTestSeed('every other account').publicKey;
  const list = [{ accountId: 'token.near', amount: 100n * p.NEAR, code: new Uint8Array(readFileSync(join(root, 'fixtures/contracts/npm/fungible_token.wasm'))) }];
  for (let i = 0; i < accounts; i++) list.push({ accountId: name(i), amount: 1000n * p.NEAR, keys: [i < holders ? keys[i].publicKey : shared] });
  const chain = Chain.create({ accounts: list, stateFactory: () => new MemoryState(), gasLimit: null });
  const nonces = keys.map(() => 0n);
  let rng = 0x2545f491;
  const random = (n) => {
    rng = (Math.imul(rng ^ (rng >>> 15), 0x2c1b3c6d) + 0x6b43a9b5) >>> 0;
    return rng % n;
  };
  const sign = (i, actions) => {
    const transaction = { version: 'V0', signerId: name(i), publicKey: keys[i].publicKey, nonce: ++nonces[i], receiverId: 'token.near', blockHash: chain.head.hash, actions };
    return p.encode(p.SignedTransactionCodec, { transaction, signature: keys[i].sign(p.transactionHash(transaction)) });
  };
  const ftCall = (method, a, deposit = 0n) => ({ type: 'FunctionCall', methodName: method, args: enc(a), gas: 30n * TGAS, deposit });
  const check = (b) => {
    for (const c of b.chunks) for (const o of c.result.outcomes) if (o.outcome.status.kind === 'Failure') throw new Error(`failed outcome ${JSON.stringify(o.outcome.status, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
  };
  // The token and its holders (untimed), then one block to warm up.
  chain.submit(sign(0, [ftCall('new', { owner_id: name(0), total_supply: String(FT_SUPPLY) })]));
  chain.runUntilIdle().forEach(check);
  for (let h = 1; h < holders; h++) chain.submit(sign(0, [ftCall('transfer', { new_owner_id: name(h), amount: '1000000000' }, 10n ** 23n)]));
  chain.runUntilIdle().forEach(check);
  const block = () => {
    const txs = [];
    for (let s = 0; s < holders; s++) {
      let to = random(holders - 1);
      if (to >= s) to++;
      txs.push(sign(s, [ftCall('transfer', { new_owner_id: name(to), amount: String(1 + random(1000)) })]));
    }
    const c0 = cpuUs();
    for (const tx of txs) chain.submit(tx);
    const b = chain.produceBlock();
    const us = cpuUs() - c0;
    check(b);
    return { txs: txs.length, us };
  };
  block();
  process.send({ ready: true });
  process.on('message', async (m) => {
    if (m.cmd === 'blocks') {
      const out = [];
      for (let i = 0; i < m.n; i++) out.push(block());
      process.send({ blocks: out, head: hex(chain.head.hash), root: hex(chain.state.stateRoot()) });
    } else if (m.cmd === 'memory') {
      globalThis.gc();
      globalThis.gc();
      const u = process.memoryUsage();
      process.send({ heapUsed: u.heapUsed, arrayBuffers: u.arrayBuffers, objects: await heapObjects() });
    } else process.disconnect();
  });
}

function start(build, accounts, holders) {
  const c = fork(fileURLToPath(import.meta.url), ['--child', build, String(accounts), String(holders)], { execArgv: ['--max-old-space-size=8192', '--expose-gc'] });
  const queue = [];
  let waiting;
  c.on('message', (m) => (waiting ? (waiting(m), (waiting = undefined)) : queue.push(m)));
  c.on('exit', (code) => code && console.error(`${build}: exited with ${code}`));
  const next = () => new Promise((r) => (queue.length ? r(queue.shift()) : (waiting = r)));
  return { build, ready: next(), request: (msg) => (c.send(msg), next()), stop: () => c.send({ cmd: 'stop' }) };
}

if (args[0] === '--child') {
  await child(args[1], Number(args[2]), Number(args[3]));
} else {
  const accounts = Number(opt('accounts', '10000'));
  const holders = Number(opt('holders', '200'));
  const blocks = Number(opt('blocks', '60'));
  const perTurn = Number(opt('per-turn', '2'));
  const range = Number(opt('ranges', '20'));
  const memoryAt = (opt('memory', '') || '').split(',').filter(Boolean).map(Number);
  const others = args.flatMap((a, i) => (args[i - 1] === '--packages' ? [resolve(a)] : []));
  const builds = others.length > 0 ? others : [join(root, 'packages')];
  const workers = [];
  for (const b of builds) {
    const w = start(b, accounts, holders);
    await w.ready;
    workers.push(w);
  }
  /** Per build: CPU µs per transfer of each block, in block order. */
  const perTx = workers.map(() => []);
  const memory = workers.map(() => []);
  let done = 0;
  for (let turn = 0; done < blocks; turn++) {
    const n = Math.min(perTurn, blocks - done);
    const order = turn % 2 === 0 ? workers.map((_, i) => i) : workers.map((_, i) => workers.length - 1 - i);
    const out = [];
    for (const i of order) out[i] = await workers[i].request({ cmd: 'blocks', n });
    for (const o of out) if (o.head !== out[0].head || o.root !== out[0].root) throw new Error(`after block ${done + n}: head or state root differs between builds`);
    out.forEach((o, i) => perTx[i].push(...o.blocks.map((b) => b.us / b.txs)));
    done += n;
    if (memoryAt.some((b) => b > done - n && b <= done)) {
      for (const i of order) memory[i].push({ block: done, ...(await workers[i].request({ cmd: 'memory' })) });
    }
  }
  for (const w of workers) w.stop();
  const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  console.log(`${accounts} accounts, memory; ${holders} FT transfers per block, ${blocks} blocks per build, ${perTurn} per turn; heads and state roots identical after every turn`);
  for (let from = 0; from < blocks; from += range) {
    const to = Math.min(blocks, from + range);
    const line = workers.map((w, i) => `${mean(perTx[i].slice(from, to)).toFixed(0)} us`);
    const ratios = workers.slice(1).map((_, i) => pairedRatio(perTx[0].slice(from, to), perTx[i + 1].slice(from, to)));
    console.log(`blocks ${from + 1}-${to}: CPU per transfer ${line.join(' | ')}${ratios.length ? `; / first build: ${ratios.join(' | ')}` : ''}`);
  }
  if (memoryAt.length >= 2) {
    workers.forEach((w, i) => {
      const [a, b] = [memory[i][0], memory[i].at(-1)];
      const txs = (b.block - a.block) * holders;
      console.log(
        `${w.build}: retained per transfer over blocks ${a.block}-${b.block}: JS heap ${((b.heapUsed - a.heapUsed) / txs).toFixed(0)} B, ` +
          `array buffers ${((b.arrayBuffers - a.arrayBuffers) / txs).toFixed(0)} B, heap objects ${((b.objects - a.objects) / txs).toFixed(1)}; ` +
          `at block ${b.block}: heap ${(b.heapUsed / 2 ** 20).toFixed(1)} MB, ${b.objects} objects`,
      );
    });
  }
  workers.forEach((w, i) => console.log(`build ${i}: ${w.build}`));
}
