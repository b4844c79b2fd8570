// Genesis benchmark: CPU time of `Chain.create` with N accounts (each with one full-access key, as
// tools/bench's throughput chains: 1,000 distinct sender keys, one shared key for the rest, plus an
// 8.6 kB contract account) on MemoryState and LmdbState (durable). Each measurement runs in its
// own process; builds are compared interleaved (A, B, A, B, …), so a busy machine affects both.
//
//   node bench/genesis.bench.mjs [--accounts 100000] [--backends memory,lmdb] [--reps 3]
//                                [--packages /other/checkout/packages ...]
//
// Without --packages it measures this checkout's build (`pnpm run build` first). Each --packages
// adds another build to compare (a directory holding built primitives/, runtime/ and store/).
// Prints one JSON line per measurement and the median per build; the genesis block hash must be
// equal across builds (same roots).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? dflt : args[i + 1];
};

async function child(packages, accounts, backend) {
  const load = (pkg) => import(pathToFileURL(join(packages, pkg, 'dist/index.js')).href);
  const [{ Chain }, { KeyPair, NEAR }, { LmdbState, MemoryState }] = await Promise.all([load('runtime'), load('primitives'), load('store')]);
  const name = (i) => `acct${String(i).padStart(7, '0')}.near`;
  const shared = KeyPair.fromNearcoreTestSeed('every other account').publicKey;
  const list = [{ accountId: 'token.near', amount: 100n * NEAR, code: new Uint8Array(8641).fill(7) }];
  for (let i = 0; i < accounts; i++) {
    const key = i < 1000 ? KeyPair.fromNearcoreTestSeed(`sender ${i}`).publicKey : shared;
    list.push({ accountId: name(i), amount: 1000n * NEAR, keys: [key] });
  }
  let dir;
  const stateFactory = backend === 'lmdb' ? () => new LmdbState({ path: (dir = mkdtempSync(join(tmpdir(), 'nearts-genesis-'))) }) : () => new MemoryState();
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const c0 = cpu();
  const chain = Chain.create({ accounts: list, stateFactory, gasLimit: null });
  const cpuSeconds = cpu() - c0;
  const genesisHash = Buffer.from(chain.genesis.hash).toString('hex');
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  for (const s of chain.allStates) s.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ accounts, backend, cpuSeconds: +cpuSeconds.toFixed(3), peakRssMB, genesisHash }));
}

if (args[0] === '--child') {
  await child(args[1], Number(args[2]), args[3]);
} else {
  const accounts = opt('accounts', '100000');
  const backends = opt('backends', 'memory,lmdb').split(',');
  const reps = Number(opt('reps', '3'));
  const here = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const builds = [here, ...args.flatMap((a, i) => (args[i - 1] === '--packages' ? [resolve(a)] : []))];
  const results = new Map();
  for (let r = 0; r < reps; r++) {
    for (const backend of backends) {
      for (const build of r % 2 ? [...builds].reverse() : builds) {
        const out = execFileSync(process.execPath, ['--max-old-space-size=8192', fileURLToPath(import.meta.url), '--child', build, accounts, backend]).toString();
        const m = JSON.parse(out.trim().split('\n').pop());
        console.log(JSON.stringify({ build, ...m }));
        const k = `${backend} ${build}`;
        results.set(k, [...(results.get(k) ?? []), m]);
      }
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
  for (const [k, ms] of results) {
    console.log(`${k}: median ${median(ms.map((m) => m.cpuSeconds)).toFixed(2)} CPU s, peak RSS ${median(ms.map((m) => m.peakRssMB))} MB, genesis ${ms[0].genesisHash.slice(0, 12)}`);
  }
}
