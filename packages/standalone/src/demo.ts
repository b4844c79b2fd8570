/**
 * The main job of the README: a real near-sdk-rs fungible token (from the near-shell@0.24.9
 * tarball) initialised, a transfer, balance reads — each run through `nearts run` with its
 * return value, logs and gas profile, the contract state carried from call to call in a state
 * file. Then the project's own AssemblyScript counter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './cli.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const ft = join(root, 'fixtures/contracts/npm/fungible_token.wasm');
const counter = join(root, 'fixtures/contracts/built/counter.wasm');

async function step(title: string, args: string[]): Promise<void> {
  process.stdout.write(`\n── ${title}\n$ nearts ${args.map((a) => (/[\s{}"]/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
  const code = await main(args);
  process.stdout.write(`(exit code ${code})\n`);
}

const dir = mkdtempSync(join(tmpdir(), 'nearts-demo-'));
const state = join(dir, 'state.json');
try {
  process.stdout.write('nearts demo: real contracts, nearcore protocol 86 gas, no blockchain, no binary.\n');
  const ctx = (file: string, predecessor: string, deposit = '0') => {
    const path = join(dir, file);
    const json = { current_account_id: 'token.near', predecessor_account_id: predecessor, signer_account_id: predecessor, attached_deposit: deposit };
    return { path, json };
  };
  const { writeFileSync } = await import('node:fs');
  const alice = ctx('alice.json', 'alice.near');
  const aliceDeposit = ctx('alice-deposit.json', 'alice.near', '36500000000000000000000');
  for (const c of [alice, aliceDeposit]) writeFileSync(c.path, JSON.stringify(c.json));

  await step('Initialise the fungible token with 1,000,000 tokens owned by alice', [
    'run', '--wasm-file', ft, '--method-name', 'new', '--args', '{"owner_id":"alice.near","total_supply":"1000000"}',
    '--context-file', alice.path, '--state-out', state,
  ]);
  await step('alice transfers 1,000 to bob, attaching the storage deposit the contract asks for', [
    'run', '--wasm-file', ft, '--method-name', 'transfer', '--args', '{"new_owner_id":"bob.near","amount":"1000"}',
    '--context-file', aliceDeposit.path, '--state-file', state, '--state-out', state,
  ]);
  await step("bob's balance (a view call)", [
    'run', '--wasm-file', ft, '--method-name', 'get_balance', '--args', '{"owner_id":"bob.near"}',
    '--context-file', alice.path, '--state-file', state, '--view',
  ]);
  await step('a transfer without the deposit fails with the contract\'s panic (exit code 1)', [
    'run', '--wasm-file', ft, '--method-name', 'transfer', '--args', '{"new_owner_id":"carol.near","amount":"5"}',
    '--context-file', alice.path, '--state-file', state,
  ]);
  await step('the project\'s own AssemblyScript counter, as JSON', [
    'run', '--wasm-file', counter, '--method-name', 'increment', '--json',
  ]);
  process.stdout.write(`\nMore: nearts --help, nearts run --help, nearts params --protocol-version 86\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
