#!/usr/bin/env node
// The contracts the peer runs, all third-party binaries published on npm (none are committed):
//   - near-sdk-rs contracts inside tarballs we must not install (their dependency trees download
//     binaries): fetched with `npm pack` into <repo>/fixtures/contracts/npm/ (gitignored);
//   - near-sdk-as / AssemblyScript contracts from zero-dependency devDependencies
//     (near-hello, near-sdk-simulator), read straight from node_modules.
// Every file is checked against the size and sha256 recorded in
// shared/reference/notes/ecosystem.md (Q1c) before use.
//
// CLI: node tools/bench-peer/src/contracts.mjs   (fetches the npm contracts, prints their paths)
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FixtureError } from './errors.mjs';

const run = promisify(execFile);
const ownRequire = createRequire(import.meta.url);
const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Where fetched tarball contracts live (shared with tools/fixtures/fetch-contracts.mjs).
 * BENCH_PEER_NPM_CONTRACTS_DIR overrides it (a CI cache, or checking the offline behaviour).
 */
export const NPM_CONTRACTS_DIR = process.env.BENCH_PEER_NPM_CONTRACTS_DIR || join(REPO_ROOT, 'fixtures', 'contracts', 'npm');
/** The other engineer's fetch script; used first when present. */
const SHARED_FETCH_SCRIPT = join(REPO_ROOT, 'tools', 'fixtures', 'fetch-contracts.mjs');

/** Contracts fetched with `npm pack` (never installed). */
export const TARBALL_CONTRACTS = Object.freeze({
  fungibleToken: {
    spec: 'near-shell@0.24.9', entry: 'test/res/fungible_token.wasm', file: 'fungible_token.wasm',
    bytes: 169_783, sha256: '2bd0aeefd4465a0c06fb4a9515c6e3cd490ae9e18917a56b1bd8f05f9c859e73',
  },
  linkdrop: {
    spec: 'near-workspaces@5.0.0', entry: 'core_contracts/testnet-linkdrop.wasm', file: 'testnet-linkdrop.wasm',
    bytes: 197_990, sha256: '006468efb06dbc91e04dbc90a31fac4b8684062e9e4f9c228de53154f6f49c72',
  },
});

/** Contracts shipped in our devDependencies. */
export const PACKAGED_CONTRACTS = Object.freeze({
  nearHello: { pkg: 'near-hello', entry: 'dist/main.wasm', bytes: 55_064, sha256: 'ecfb572e7ad8722d94d9eb6668d981766a8e6de024fdf49e7aa365a40e04dd9e' },
  words: { pkg: 'near-sdk-simulator', entry: 'build/debug/words.wasm', bytes: 48_064, sha256: '7eff9f02b52daef310ddbeebdd219639fbb32d3ff25c4b1ca5ce4d89361b77fe' },
  wordsRelease: { pkg: 'near-sdk-simulator', entry: 'build/release/words.wasm', bytes: 17_739, sha256: '982042393b2428caff39e44e3f1d47d4ab2c05070fe6cd3b3ed33c92c67ef761' },
  sentences: { pkg: 'near-sdk-simulator', entry: 'build/debug/sentences.wasm', bytes: 55_107, sha256: 'd4af9e707b8eaff7ef224ca1d0d7a5b0de7379e02c5cb0996a821552073b4fc3' },
  singleton: { pkg: 'near-sdk-simulator', entry: 'build/debug/singleton.wasm', bytes: 60_087, sha256: '3eeb044fc4b906fe8c80de77e35ba75ada53cb7a7eac3044f72ddfa160fe89b4' },
  avlTree: { pkg: 'near-sdk-simulator', entry: 'build/debug/avlTreeContract.wasm', bytes: 62_094, sha256: '46ca2f352b76edbb562f3978fc56862dd2fa180dc0890c2c5a2debf54b03d07a' },
});

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function verified(name, spec, bytes, where) {
  if (bytes.length !== spec.bytes || sha256(bytes) !== spec.sha256) {
    throw new FixtureError(`${name} at ${where}: expected ${spec.bytes} bytes with sha256 ${spec.sha256}, got ${bytes.length} bytes with sha256 ${sha256(bytes)}`);
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Reads a contract shipped in a devDependency. */
export function packagedContract(name) {
  const spec = PACKAGED_CONTRACTS[name];
  if (!spec) throw new FixtureError(`unknown packaged contract "${name}"`);
  const file = join(dirname(ownRequire.resolve(`${spec.pkg}/package.json`)), spec.entry);
  return verified(name, spec, readFileSync(file), file);
}

function cachedTarballContract(name) {
  const spec = TARBALL_CONTRACTS[name];
  const file = join(NPM_CONTRACTS_DIR, spec.file);
  if (!existsSync(file)) return null;
  try {
    return verified(name, spec, readFileSync(file), file);
  } catch {
    return null; // stale or truncated copy: fetch again (the fresh copy is verified too)
  }
}

const NETWORK_ERROR = /E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH|HOSTUNREACH)|network|socket hang up|fetch failed/i;

async function packAndExtract(name) {
  const spec = TARBALL_CONTRACTS[name];
  const work = mkdtempSync(join(tmpdir(), 'bench-peer-pack-'));
  try {
    let packed;
    try {
      // Run outside the workspace so no project .npmrc or package.json is involved.
      const { stdout } = await run('npm', ['pack', spec.spec, '--json', '--ignore-scripts', '--pack-destination', work], { cwd: work, timeout: 120_000 });
      packed = JSON.parse(stdout)[0].filename;
    } catch (e) {
      const lines = `${e.stderr ?? ''}\n${e.message ?? ''}`.split('\n').map((l) => l.trim()).filter(Boolean);
      const networkLine = lines.find((l) => NETWORK_ERROR.test(l));
      const summary = networkLine ?? lines.slice(-3).join(' | ');
      throw new FixtureError(`npm pack ${spec.spec} failed: ${summary}`, { network: networkLine !== undefined, cause: e });
    }
    await run('tar', ['-xzf', join(work, packed), '-C', work, `package/${spec.entry}`]);
    const bytes = verified(name, spec, readFileSync(join(work, 'package', spec.entry)), `${spec.spec}:${spec.entry}`);
    mkdirSync(NPM_CONTRACTS_DIR, { recursive: true });
    const tmp = join(NPM_CONTRACTS_DIR, `.${spec.file}.${process.pid}.tmp`);
    writeFileSync(tmp, bytes);
    renameSync(tmp, join(NPM_CONTRACTS_DIR, spec.file)); // atomic: concurrent fetchers never see half a file
    return bytes;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Makes sure every tarball contract is in fixtures/contracts/npm/ with the right sha256 and
 * returns their bytes. Uses tools/fixtures/fetch-contracts.mjs when it exists, else `npm pack`.
 * Throws FixtureError; `error.network` tells a network failure from a content mismatch.
 * @returns {Promise<Record<keyof typeof TARBALL_CONTRACTS, Uint8Array>>}
 */
export async function ensureTarballContracts() {
  const names = Object.keys(TARBALL_CONTRACTS);
  const missing = names.filter((n) => cachedTarballContract(n) === null);
  if (missing.length > 0 && existsSync(SHARED_FETCH_SCRIPT)) {
    // Best effort: whatever it produced is verified below, and we fall back to our own fetch.
    await run(process.execPath, [SHARED_FETCH_SCRIPT, '--dir', NPM_CONTRACTS_DIR], { cwd: REPO_ROOT, timeout: 180_000 }).catch(() => {});
  }
  const out = {};
  for (const name of names) out[name] = cachedTarballContract(name) ?? (await packAndExtract(name));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await ensureTarballContracts();
    for (const spec of Object.values(TARBALL_CONTRACTS)) console.log(`${join(NPM_CONTRACTS_DIR, spec.file)}  ${spec.sha256}`);
    for (const name of Object.keys(PACKAGED_CONTRACTS)) packagedContract(name);
    console.log(`packaged contracts verified: ${Object.keys(PACKAGED_CONTRACTS).join(', ')}`);
  } catch (e) {
    console.error(String(e.message ?? e));
    process.exitCode = 1;
  }
}
