/** Builds the example contracts once (tools/fixtures/build-contracts.mjs caches by source hash) and loads them. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let built = false;

export function buildContracts(): void {
  if (built) return;
  execFileSync(process.execPath, ['tools/fixtures/build-contracts.mjs'], { cwd: root, stdio: 'pipe' });
  built = true;
}

export function contract(name: string): Uint8Array {
  buildContracts();
  return new Uint8Array(readFileSync(`${root}fixtures/contracts/built/${name}.wasm`));
}

/** A near-sdk-rs contract fetched by tools/fixtures/fetch-contracts.mjs, or undefined when absent. */
export function npmContract(name: string): Uint8Array | undefined {
  const path = `${root}fixtures/contracts/npm/${name}.wasm`;
  return existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined;
}
