// Contract fixtures for the benchmarks, and `uniquify`, which makes distinct contracts out of one
// (a cold call or a cache-size measurement needs code that no cache, ours or V8's, has seen).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_CONTRACTS, NPM_CONTRACTS } from './paths.mjs';

export class MissingFixtureError extends Error {}

function read(dir, name, how) {
  const file = join(dir, `${name}.wasm`);
  if (!existsSync(file)) throw new MissingFixtureError(`${file} is missing: run \`npm run fixtures\` at the repository root (${how})`);
  return new Uint8Array(readFileSync(file));
}

/** One of our own example contracts (fixtures/contracts/built). */
export const builtContract = (name) => read(BUILT_CONTRACTS, name, 'builds examples/contracts');
/** A contract fetched from npm (fixtures/contracts/npm). */
export const npmContract = (name) => read(NPM_CONTRACTS, name, 'fetches the npm contracts');

const utf8 = new TextEncoder();

/** Unsigned LEB128 bytes of `n` (< 2^32). */
export function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb32(n) {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

export function readUleb(bytes, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return { value, pos };
  }
}

/** Splits a module into sections: { id, body } in order. */
export function sections(wasm) {
  const out = [];
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos++];
    const len = readUleb(wasm, pos);
    out.push({ id, body: wasm.subarray(len.pos, len.pos + len.value) });
    pos = len.pos + len.value;
  }
  return out;
}

/** Appends items (each already encoded) to a vector section body and fixes its count. */
export function appendToVector(body, items) {
  const head = readUleb(body, 0);
  return Uint8Array.from([...uleb(head.value + items.length), ...body.subarray(head.pos), ...items.flat()]);
}

function countImportedFunctions(importBody) {
  // Each import: module name, field name, kind, description.
  let pos = 0;
  const n = readUleb(importBody, pos);
  pos = n.pos;
  let functions = 0;
  for (let i = 0; i < n.value; i++) {
    for (let s = 0; s < 2; s++) {
      const len = readUleb(importBody, pos);
      pos = len.pos + len.value;
    }
    const kind = importBody[pos++];
    if (kind === 0) {
      functions++;
      pos = readUleb(importBody, pos).pos;
    } else if (kind === 1) {
      pos += 1; // reftype
      const flags = importBody[pos++];
      pos = readUleb(importBody, pos).pos;
      if (flags & 1) pos = readUleb(importBody, pos).pos;
    } else if (kind === 2) {
      const flags = importBody[pos++];
      pos = readUleb(importBody, pos).pos;
      if (flags & 1) pos = readUleb(importBody, pos).pos;
    } else if (kind === 3) {
      pos += 2;
    } else throw new Error(`unknown import kind ${kind}`);
  }
  return functions;
}

/**
 * The module with one extra exported function `__bench_variant_<k>` returning nothing and doing
 * `i32.const k; drop`: a different code hash and different prepared code for every k, the same
 * behaviour for every existing export. MVP modules with type, function, export and code sections.
 */
export function uniquify(wasm, k) {
  const secs = sections(wasm);
  const find = (id) => secs.find((s) => s.id === id);
  for (const id of [1, 3, 7, 10]) if (!find(id)) throw new Error(`uniquify needs section ${id}`);
  const typeCount = readUleb(find(1).body, 0).value;
  const definedCount = readUleb(find(3).body, 0).value;
  const imported = find(2) ? countImportedFunctions(find(2).body) : 0;
  const fnIndex = imported + definedCount;
  const name = [...utf8.encode(`__bench_variant_${k}`)];
  const code = [0x00, 0x41, ...sleb32(k | 0), 0x1a, 0x0b];
  const replaced = new Map([
    [1, appendToVector(find(1).body, [[0x60, 0x00, 0x00]])],
    [3, appendToVector(find(3).body, [uleb(typeCount)])],
    [7, appendToVector(find(7).body, [[...uleb(name.length), ...name, 0x00, ...uleb(fnIndex)]])],
    [10, appendToVector(find(10).body, [[...uleb(code.length), ...code]])],
  ]);
  const parts = [wasm.subarray(0, 8)];
  for (const s of secs) {
    const body = replaced.get(s.id) ?? s.body;
    parts.push(Uint8Array.from([s.id, ...uleb(body.length)]), body);
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
