/**
 * Bytes of a WasmExecutor load result for the filesystem cache: a version tag, a JSON header
 * (everything of the PreparedContract but its code, or the compilation error) and the
 * instrumented module. Decoding compiles the module again: V8 modules cannot be serialised.
 */
import type { LoadResult } from './executor.js';
import type { CompiledWasm } from './wasm-executor.js';
import type { ArtifactCodec } from '../cache/fs-cache.js';
import type { CachedArtifact } from '../cache/contract-cache.js';
import type { PreparedContract } from '../prepare/index.js';
import type {} from '../webassembly-types.js';

// Version 2: the prepared contract carries `coreInstanceBytes`.
const MAGIC = 'nearts-wasm-artifact/2';

export const wasmArtifactCodec: ArtifactCodec<LoadResult<unknown>> = {
  encode(value: LoadResult<unknown>): Uint8Array {
    let header: unknown;
    let code = new Uint8Array(0);
    if (value.ok) {
      const { prepared } = value.contract as CompiledWasm;
      const { code: c, exportedFunctions, ...rest } = prepared;
      code = c;
      header = { magic: MAGIC, ok: true, byteSize: value.byteSize, prepared: { ...rest, exportedFunctions: [...exportedFunctions.values()] } };
    } else {
      header = { magic: MAGIC, ok: false, error: value.error };
    }
    const json = new TextEncoder().encode(JSON.stringify(header));
    const out = new Uint8Array(4 + json.length + code.length);
    new DataView(out.buffer).setUint32(0, json.length, true);
    out.set(json, 4);
    out.set(code, 4 + json.length);
    return out;
  },

  decode(bytes: Uint8Array): CachedArtifact<LoadResult<unknown>> {
    if (bytes.length < 4) throw new Error('truncated artifact');
    const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
    if (4 + len > bytes.length) throw new Error('truncated artifact header');
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + len)));
    if (header?.magic !== MAGIC) throw new Error('not a nearts wasm artifact');
    if (!header.ok) return { value: { ok: false, error: header.error }, byteSize: 64 };
    const code = bytes.slice(4 + len);
    const p = header.prepared;
    const prepared: PreparedContract = {
      ...p,
      code,
      exportedFunctions: new Map(p.exportedFunctions.map((f: { name: string }) => [f.name, f])),
    };
    const contract: CompiledWasm = { prepared, module: new WebAssembly.Module(code) };
    return { value: { ok: true, contract, byteSize: header.byteSize }, byteSize: header.byteSize };
  },
};
