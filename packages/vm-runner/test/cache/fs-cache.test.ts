import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runtimeConfig } from '@nearts/runtime-fees';
import { formatOutcome, MockedExternal, testContext } from '@nearts/vm-logic';
import { FsContractCache, runContract, wasmArtifactCodec, type LoadResult } from '../../src/index.js';

// (module (func (export "main"))), and a truncated module that fails preparation
const simple = new Uint8Array(Buffer.from('0061736d0100000001040160000003020100070801046d61696e00000a040102000b', 'hex'));
const rejected = new Uint8Array([0x00, 0x61, 0x73]);

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'nearts-cache-'));
  dirs.push(d);
  return d;
};

function call(code: Uint8Array, cache: FsContractCache<LoadResult<unknown>>) {
  return formatOutcome(
    runContract({ code, method: 'main', context: testContext(), config: runtimeConfig(86), external: new MockedExternal(), cache }),
  );
}

describe('FsContractCache', () => {
  it('persists prepared contracts across cache instances with identical outcomes', () => {
    const dir = tempDir();
    const first = new FsContractCache(dir, wasmArtifactCodec);
    const a = call(simple, first);
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    const second = new FsContractCache(dir, wasmArtifactCodec);
    const b = call(simple, second);
    expect(b).toBe(a);
    expect(second.stats.misses).toBe(1); // the memory layer missed, the file served it
    expect(second.stats.entries).toBe(1);
  });

  it('caches compilation failures too', () => {
    const dir = tempDir();
    const first = new FsContractCache(dir, wasmArtifactCodec);
    const a = call(rejected, first);
    expect(a).toContain('Err: PrepareError');
    const b = call(rejected, new FsContractCache(dir, wasmArtifactCodec));
    expect(b).toBe(a);
  });

  it('treats a corrupt file as a miss and rewrites it', () => {
    const dir = tempDir();
    const a = call(simple, new FsContractCache(dir, wasmArtifactCodec));
    const [file] = readdirSync(dir).filter((f) => f.endsWith('.bin'));
    writeFileSync(join(dir, file!), 'garbage');
    const b = call(simple, new FsContractCache(dir, wasmArtifactCodec));
    expect(b).toBe(a);
  });
});
