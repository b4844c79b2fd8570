import { expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryState, LmdbState, computeStateRoot, type State } from '../src/index.js';

function rng(seed: number) { return () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x80000000; }; }
it('random ops agree', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nearts-store-'));
  const r = rng(7);
  const mem = new MemoryState();
  const db = new LmdbState({ path: dir, durable: false });
  const model = new Map<string, Uint8Array>();
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  for (let block = 1; block <= 30; block++) {
    for (let op = 0; op < 200; op++) {
      const len = 1 + Math.floor(r() * 4);
      const key = new Uint8Array(len).map(() => Math.floor(r() * 4) * 17);
      if (r() < 0.3) { mem.remove(key); db.remove(key); model.delete(hex(key)); }
      else { const v = new Uint8Array(Math.floor(r() * 5)).map(() => Math.floor(r() * 256)); mem.set(key, v); db.set(key, v); model.set(hex(key), v); }
    }
    const entries = [...model].map(([k, v]) => [Buffer.from(k, 'hex'), v] as [Uint8Array, Uint8Array]);
    const expected = computeStateRoot(entries);
    expect(mem.stateRoot()).toEqual(expected);
    expect(db.stateRoot()).toEqual(expected);
    expect(mem.commitBlock(BigInt(block))).toEqual(expected);
    expect(db.commitBlock(BigInt(block))).toEqual(expected);
    const all = (s: State) => [...s.iter()].map(([k, v]) => hex(k) + ':' + hex(v));
    const exp = entries.sort((a, b) => Buffer.compare(a[0], b[0])).map(([k, v]) => hex(k) + ':' + hex(v));
    expect(all(mem)).toEqual(exp);
    expect(all(db)).toEqual(exp);
    expect(db.verify().entries).toBe(exp.length);
  }
  db.close();
  const db2 = new LmdbState({ path: dir });
  expect(db2.lastCommitted()?.height).toBe(30n);
  expect(db2.stateRoot()).toEqual(mem.stateRoot());
  db2.close();
  rmSync(dir, { recursive: true, force: true });
});
