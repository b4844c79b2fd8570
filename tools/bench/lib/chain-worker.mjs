// A child process holding one chain (one state size, one store backend) for the throughput
// benchmark. It builds the genesis, prepares the fungible token, then applies blocks of signed
// transactions on command from the parent (throughput.mjs), so the parent can interleave the
// workers' measurements (A,B,C,…) while each keeps its multi-gigabyte state in its own process.
//
// Messages in:  { cmd: 'blocks', kind: 'native' | 'ft', blocks }  → { blocks: [{ txs, wallUs, cpuUs }] }
//               { cmd: 'finish' } → final memory figures and correctness checks, then exit.
// Message out first: { ready: true, setup: {...} } once the chain is built.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chain, checkSupplyInvariant } from '../../../packages/runtime/dist/index.js';
import { KeyPair, NEAR, encode, SignedTransactionCodec, transactionHash } from '../../../packages/primitives/dist/index.js';
import { LmdbState, MemoryState } from '../../../packages/store/dist/index.js';
import { cliOptions, collectGarbage, isMain } from './harness.mjs';
import { profileRegion } from './profiler.mjs';
import { npmContract } from './contracts.mjs';

const TGAS = 10n ** 12n;
const FT_SUPPLY = 10n ** 30n;
const enc = (v) => new TextEncoder().encode(JSON.stringify(v));

export const accountName = (i) => `acct${String(i).padStart(7, '0')}.near`;

function memory() {
  collectGarbage();
  const m = process.memoryUsage();
  return { rssMB: m.rss / 2 ** 20, heapUsedMB: m.heapUsed / 2 ** 20, externalMB: (m.external + m.arrayBuffers) / 2 ** 20, peakRssMB: process.resourceUsage().maxRSS / 1024 };
}

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * @param {{ accounts: number, backend: 'memory' | 'lmdb', senders: number, ftHolders: number }} p
 */
export function createChainBench(p) {
  const t0 = performance.now();
  const senderKeys = Array.from({ length: p.senders }, (_, i) => KeyPair.fromNearcoreTestSeed(`sender ${i}`));
  const sharedKey = KeyPair.fromNearcoreTestSeed('every other account').publicKey;
  let dir;
  const stateFactory =
    p.backend === 'lmdb'
      ? () => {
          dir = mkdtempSync(join(tmpdir(), 'nearts-bench-lmdb-'));
          return new LmdbState({ path: dir });
        }
      : () => new MemoryState();
  const ftCode = npmContract('fungible_token');
  const chain = (() => {
    const accounts = [{ accountId: 'token.near', amount: 100n * NEAR, code: ftCode }];
    for (let i = 0; i < p.accounts; i++) {
      accounts.push({ accountId: accountName(i), amount: 1000n * NEAR, keys: [i < p.senders ? senderKeys[i].publicKey : sharedKey] });
    }
    return Chain.create({ accounts, stateFactory, gasLimit: null });
  })();
  const genesisMs = performance.now() - t0;
  const nonces = new Array(p.senders).fill(0n);
  let rng = 0x2545f491;
  const random = (n) => {
    rng = (Math.imul(rng ^ (rng >>> 15), 0x2c1b3c6d) + 0x6b43a9b5) >>> 0;
    return rng % n;
  };
  const failures = [];

  const sign = (i, receiverId, actions) => {
    const transaction = { version: 'V0', signerId: accountName(i), publicKey: senderKeys[i].publicKey, nonce: ++nonces[i], receiverId, blockHash: chain.head.hash, actions };
    return encode(SignedTransactionCodec, { transaction, signature: senderKeys[i].sign(transactionHash(transaction)) });
  };
  const ftCall = (method, args, deposit = 0n) => ({ type: 'FunctionCall', methodName: method, args: enc(args), gas: 30n * TGAS, deposit });

  const checkBlock = (block) => {
    for (const c of block.chunks) {
      for (const o of c.result.outcomes) {
        if (o.outcome.status.kind === 'Failure' && failures.length < 5) failures.push(JSON.stringify(o.outcome.status, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
      }
    }
  };

  // The fungible token: created by sender 0, which gives every other holder some tokens (with the
  // storage deposit a new holder needs). Untimed.
  const t1 = performance.now();
  chain.submit(sign(0, 'token.near', [ftCall('new', { owner_id: accountName(0), total_supply: String(FT_SUPPLY) })]));
  for (const b of chain.runUntilIdle()) checkBlock(b);
  for (let h = 1; h < p.ftHolders; h++) chain.submit(sign(0, 'token.near', [ftCall('transfer', { new_owner_id: accountName(h), amount: '1000000000' }, 10n ** 23n)]));
  for (const b of chain.runUntilIdle()) checkBlock(b);
  const ftSetupMs = performance.now() - t1;

  /** Signed transactions for one block: every sender (or holder) once, to random receivers. */
  const blockTxs = (kind) => {
    const txs = [];
    if (kind === 'native') {
      for (let s = 0; s < p.senders; s++) txs.push(sign(s, accountName(random(p.accounts)), [{ type: 'Transfer', deposit: 1n + BigInt(random(1000)) }]));
    } else {
      for (let s = 0; s < p.ftHolders; s++) {
        let to = random(p.ftHolders - 1);
        if (to >= s) to++;
        txs.push(sign(s, 'token.near', [ftCall('transfer', { new_owner_id: accountName(to), amount: String(1 + random(1000)) })]));
      }
    }
    return txs;
  };

  return {
    setup: { accounts: p.accounts, backend: p.backend, genesisMs, ftSetupMs, memory: memory(), lmdbDir: dir ?? null },
    /** Signed transactions for `blocks` blocks of `kind`. */
    sign(kind, blocks) {
      return Array.from({ length: blocks }, () => blockTxs(kind));
    },
    /** Applies `blocks` blocks of `kind` transactions; signing is done first, untimed. */
    blocks(kind, blocks) {
      return this.apply(this.sign(kind, blocks));
    },
    /**
     * Submits and applies pre-signed blocks, then the blocks that drain their receipts (function
     * calls, refunds), all timed as one sample: every transaction's whole processing is inside it
     * and nothing of another sample's. (Timing blocks one by one would charge a block with the
     * previous block's receipts, which are of the other kind after a switch of kind.)
     */
    apply(signed) {
      let txs = 0;
      const produced = [];
      const c0 = cpuUs();
      const w0 = performance.now();
      for (const block of signed) {
        for (const tx of block) chain.submit(tx);
        produced.push(chain.produceBlock());
        txs += block.length;
      }
      for (const b of chain.runUntilIdle()) produced.push(b);
      const sample = { txs, blocks: produced.length, wallUs: (performance.now() - w0) * 1000, cpuUs: cpuUs() - c0 };
      for (const b of produced) checkBlock(b);
      return [sample];
    },
    finish({ checkSupply }) {
      for (const b of chain.runUntilIdle()) checkBlock(b);
      const problems = [...failures];
      // The token's books: every holder record (near-sdk-rs UnorderedMap values under "av",
      // borsh Account { balance: u128, … }) must still add up to the supply.
      let ftTotal = 0n;
      let holders = 0;
      for (const [key, value] of chain.viewState('token.near', new TextEncoder().encode('av'))) {
        if (key.length !== 10) continue; // "av" + u64 index
        holders++;
        ftTotal += new DataView(value.buffer, value.byteOffset, 16).getBigUint64(0, true) + (new DataView(value.buffer, value.byteOffset, 16).getBigUint64(8, true) << 64n);
      }
      if (ftTotal !== FT_SUPPLY) problems.push(`fungible token balances sum to ${ftTotal}, not the supply ${FT_SUPPLY}`);
      if (holders !== p.ftHolders) problems.push(`fungible token has ${holders} holders, expected ${p.ftHolders}`);
      // View calls (get_balance), timed: what a client query costs at this state size. Fourteen,
      // so that a cost paid every few queries (a store fork flattening its layers) shows too.
      const viewCpuMs = [];
      for (let i = 0; i < 14; i++) {
        const h = i % p.ftHolders;
        const c0 = cpuUs();
        const balance = JSON.parse(new TextDecoder().decode(chain.view('token.near', 'get_balance', { owner_id: accountName(h) }).result));
        viewCpuMs.push((cpuUs() - c0) / 1000);
        if (!(BigInt(balance) > 0n)) problems.push(`view get_balance(${accountName(h)}) returned ${balance}`);
      }
      if (checkSupply) checkSupplyInvariant(chain);
      const result = { memory: memory(), problems, height: Number(chain.head.height), viewCpuMs };
      for (const s of chain.allStates) s.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
}

// As a child process: build, report, then serve commands.
if (process.send && process.argv.includes('--chain-worker')) {
  const arg = (name) => process.argv[process.argv.indexOf(name) + 1];
  let bench;
  try {
    bench = createChainBench({ accounts: Number(arg('--accounts')), backend: arg('--backend'), senders: Number(arg('--senders')), ftHolders: Number(arg('--ft-holders')) });
    process.send({ ready: true, setup: bench.setup });
  } catch (e) {
    process.send({ error: String(e?.stack ?? e) });
    process.exit(1);
  }
  process.on('message', (m) => {
    try {
      if (m.cmd === 'blocks') process.send({ blocks: bench.blocks(m.kind, m.blocks) });
      else if (m.cmd === 'finish') {
        process.send({ finish: bench.finish({ checkSupply: Boolean(m.checkSupply) }) });
        process.disconnect();
      }
    } catch (e) {
      process.send({ error: String(e?.stack ?? e) });
      process.exit(1);
    }
  });
}

// Profile mode (run-all.mjs): `node tools/bench/lib/chain-worker.mjs --profile out.cpuprofile
// --accounts 10000 --backend memory --kind native --blocks 5` profiles only the applied blocks.
if (!process.send && isMain(import.meta.url)) {
  const o = cliOptions();
  const bench = createChainBench({ accounts: Number(o.accounts ?? 10_000), backend: o.backend ?? 'memory', senders: Number(o.senders ?? 1000), ftHolders: Number(o['ft-holders'] ?? 200) });
  bench.blocks(o.kind ?? 'native', 1);
  const signed = bench.sign(o.kind ?? 'native', Number(o.blocks ?? 5));
  const [sample] = await profileRegion(o.profile, () => bench.apply(signed));
  console.log(`profiled ${sample.blocks} blocks (${signed.length} of ${o.kind ?? 'native'} transactions, then their receipts), ${sample.txs} tx, ${(sample.txs / (sample.cpuUs / 1e6)).toFixed(0)} tx per CPU-second`);
  const fin = bench.finish({ checkSupply: false });
  if (fin.problems.length) console.log(fin.problems.join('\n'));
}
