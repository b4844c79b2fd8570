// The history encoding alone: CPU time of `History.push` for native-transfer blocks (every
// outcome encoded and logged, then the chunk summaries), builds compared side by side: each in
// its own process, taking turns (every block once per turn, order alternating). Each encodes the
// blocks of its own chain (N senders each sending one transfer per block to a random account,
// as transfer.bench.mjs); the builds' block hashes must agree, and every build must decode what it
// encoded deep-equal (strictly) to the block's chunks.
//
//   node bench/history-encode.bench.mjs [--blocks 12] [--senders 1000] [--rounds 40]
//        [--packages /other/checkout/packages ...]
//
// Ratios are against the first build given (or this checkout alone), with a bootstrap 90%
// interval over rounds.
import { fork } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpuUs, option, pairedRatio } from './bench-support.mjs';

// A build's own process: `--child <packages>` before the options.
const childOf = process.argv[2] === '--child' ? process.argv[3] : undefined;
const args = process.argv.slice(childOf === undefined ? 2 : 4);
const opt = (name, dflt) => option(args, name, dflt);
const here = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const others = args.flatMap((a, i) => (args[i - 1] === '--packages' ? [resolve(a)] : []));
const builds = others.length > 0 ? [...others, here] : [here];
const load = (packages, path) => import(pathToFileURL(join(packages, path)).href);

const blockCount = Number(opt('blocks', '12'));
const senderCount = Number(opt('senders', '1000'));
const rounds = Number(opt('rounds', '40'));

// Each build encodes the blocks of its own chain (the same blocks: the chain is deterministic),
// so the objects it sees are its own classes and shared constants, as in `History.push`.
async function blocksOf(packages) {
  const [{ Chain }, p] = await Promise.all([load(packages, 'runtime/dist/index.js'), load(packages, 'primitives/dist/index.js')]);
  const name = (i) => `acct${String(i).padStart(7, '0')}.near`;
  const accounts = senderCount * 2;
  const senders = Array.from({ length: senderCount }, (_, i) => p.KeyPair.fromNearcoreTestSeed(`sender ${i}`));
  const shared = p.KeyPair.fromNearcoreTestSeed('every other account').publicKey;
  const list = [];
  for (let i = 0; i < accounts; i++) list.push({ accountId: name(i), amount: 1000n * p.NEAR, keys: [i < senderCount ? senders[i].publicKey : shared] });
  const chain = Chain.create({ accounts: list, gasLimit: null });
  const nonces = senders.map(() => 0n);
  let rng = 0x2545f491;
  const random = (n) => {
    rng = (Math.imul(rng ^ (rng >>> 15), 0x2c1b3c6d) + 0x6b43a9b5) >>> 0;
    return rng % n;
  };
  const blocks = [];
  for (let b = 0; b < blockCount + 2; b++) {
    senders.forEach((k, i) => {
      const transaction = { version: 'V0', signerId: name(i), publicKey: k.publicKey, nonce: ++nonces[i], receiverId: name(random(accounts)), blockHash: chain.head.hash, actions: [{ type: 'Transfer', deposit: 1n + BigInt(random(1000)) }] };
      chain.submit(p.encode(p.SignedTransactionCodec, { transaction, signature: k.sign(p.transactionHash(transaction)) }), { check: false });
    });
    // The first two blocks have no previous receipts to apply: not the steady state.
    const block = chain.produceBlock();
    if (b >= 2) blocks.push(block);
  }
  return blocks;
}

async function child(packages) {
  const { History } = await load(packages, 'runtime/dist/chain/history.js');
  const blocks = await blocksOf(packages);
  // A fresh history per turn, so every turn pays the same (pages included) and none grows.
  const encodeAll = () => {
    const history = new History(undefined);
    for (const block of blocks) history.push(block);
    return history;
  };
  const history = encodeAll();
  blocks.forEach((block, i) => {
    // The head is kept as it is; every other block is decoded.
    if (i === blocks.length - 1) return;
    const difference = differenceOf(history.at(i), block, 'block');
    if (difference) throw new Error(`${packages} does not decode a block as it was: ${difference}`);
  });
  for (let i = 0; i < 5; i++) encodeAll(); // warm-up
  const outcomes = blocks[0].chunks.reduce((n, c) => n + c.result.outcomes.length, 0);
  process.send({ heads: blocks.map((b) => Buffer.from(b.hash).toString('hex')), outcomes });
  process.on('message', (m) => {
    if (m === 'stop') return process.disconnect();
    const c0 = cpuUs();
    encodeAll();
    process.send({ us: cpuUs() - c0 });
  });
}

// Each build in its own process (in one process, builds loaded later ran up to 1.2x slower on
// identical code), taking turns.
function start(packages) {
  const c = fork(fileURLToPath(import.meta.url), ['--child', packages, ...args]);
  const queue = [];
  let waiting;
  c.on('message', (m) => (waiting ? (waiting(m), (waiting = undefined)) : queue.push(m)));
  const next = () => new Promise((r) => (queue.length ? r(queue.shift()) : (waiting = r)));
  return { ready: next(), turn: () => (c.send('turn'), next()), stop: () => c.send('stop') };
}

if (childOf !== undefined) {
  await child(childOf);
} else {
  const workers = [];
  for (const b of builds) {
    const w = start(b);
    w.info = await w.ready;
    workers.push(w);
  }
  if (workers.some((w) => w.info.heads.join() !== workers[0].info.heads.join())) throw new Error('the builds produced different blocks');
  // Untimed turns first: the first build started idled while the others set up, and ran up to
  // 1.8x slower on identical code when timed right away.
  for (let r = 0; r < 10; r++) for (const w of workers) await w.turn();
  const perTx = workers.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? workers.map((_, i) => i) : workers.map((_, i) => workers.length - 1 - i);
    for (const i of order) perTx[i].push((await workers[i].turn()).us / (blockCount * senderCount));
  }
  for (const w of workers) w.stop();
  const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  console.log(`${blockCount} blocks of ${senderCount} native transfers (${workers[0].info.outcomes} outcomes each), ${rounds} rounds; every build decodes them deep-equal`);
  builds.forEach((b, i) => {
    const line = [`${b}: encoding CPU per transfer ${mean(perTx[i]).toFixed(2)} us`];
    if (i > 0) line.push(`/ first build: ${pairedRatio(perTx[0], perTx[i])}`);
    console.log(line.join('; '));
  });
}

/** Where two values differ, as strict deep equality sees it (undefined: nowhere). */
function differenceOf(a, b, path) {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: ${a.constructor?.name} vs ${b.constructor?.name}`;
  if (a instanceof Map) return differenceOf([...a], [...b], path);
  const keys = Reflect.ownKeys(a);
  if (keys.join() !== Reflect.ownKeys(b).join()) return `${path}: keys ${keys.map(String)} vs ${Reflect.ownKeys(b).map(String)}`;
  for (const k of keys) {
    const d = differenceOf(a[k], b[k], `${path}.${String(k)}`);
    if (d) return d;
  }
  return undefined;
}
