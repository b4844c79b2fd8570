/** Contract fixtures for the sandbox and scenario tests (built by tools/fixtures/build-contracts.mjs). */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
let built = false;

export function buildContracts(): void {
  if (built) return;
  execFileSync(process.execPath, ['tools/fixtures/build-contracts.mjs'], { cwd: repoRoot, stdio: 'pipe' });
  built = true;
}

export function contractPath(name: string): string {
  buildContracts();
  return `${repoRoot}fixtures/contracts/built/${name}.wasm`;
}

export function contract(name: string): Uint8Array {
  return new Uint8Array(readFileSync(contractPath(name)));
}

export function hasNpmContract(name: string): boolean {
  return existsSync(`${repoRoot}fixtures/contracts/npm/${name}.wasm`);
}

/**
 * A hand-assembled contract whose `now` returns env::block_timestamp() as 8 little-endian bytes:
 *   (module
 *     (import "env" "block_timestamp" (func (result i64)))
 *     (import "env" "value_return" (func (param i64 i64)))
 *     (memory 1)
 *     (func (export "now") (i64.store (i32.const 0) (call 0)) (call 1 (i64.const 8) (i64.const 0))))
 */
export const CLOCK_WASM = Uint8Array.from(
  Buffer.from(
    '0061736d01000000' +
      '010d03600001 7e 6002 7e7e 00 600000'.replace(/ /g, '') +
      '022a02' + '03656e76' + '0f' + Buffer.from('block_timestamp').toString('hex') + '0000' +
      '03656e76' + '0c' + Buffer.from('value_return').toString('hex') + '0001' +
      '03020102' +
      '0503010001' +
      '070701036e6f770002' +
      '0a11010f00410010003703004208420010010b',
    'hex',
  ),
);
