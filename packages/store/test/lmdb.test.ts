import { afterEach, expect, it } from 'vitest';
import { open } from 'lmdb';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { LmdbState, MemoryState, StoreError, computeStateRoot, type Entry } from '../src/index.js';
import { contents, hex, tempDir, utf8 } from './backends.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}

it('persists committed blocks across close and reopen; pending writes are dropped', () => {
  const path = dir();
  const db = new LmdbState({ path });
  for (let i = 0; i < 50; i++) db.set(utf8(`k${i}`), utf8(`v${i}`));
  const root1 = db.commitBlock(7n);
  db.remove(utf8('k3'));
  db.set(utf8('k1'), utf8('changed'));
  const root2 = db.commitBlock(8n);
  db.set(utf8('uncommitted'), utf8('lost'));
  db.close();
  expect(() => db.get(utf8('k1'))).toThrow(StoreError);

  const again = new LmdbState({ path });
  expect(again.lastCommitted()).toEqual({ height: 8n, root: root2 });
  expect(again.stateRoot()).toEqual(root2);
  expect(again.get(utf8('uncommitted'))).toBeUndefined();
  expect(again.get(utf8('k1'))).toEqual(utf8('changed'));
  expect(again.has(utf8('k3'))).toBe(false);
  expect(contents(again).length).toBe(49);
  expect(again.verify()).toEqual({ entries: 49, nodes: expect.any(Number) });
  expect(root1).not.toEqual(root2);
  // Continue on the reopened state: roots keep matching a from-scratch computation.
  again.set(utf8('k3'), utf8('v3'));
  again.set(utf8('k1'), utf8('v1'));
  expect(again.commitBlock(9n)).toEqual(root1);
  again.close();
});

it('refuses a second open of the same directory in one process', () => {
  const path = dir();
  const db = new LmdbState({ path });
  expect(() => new LmdbState({ path: path + '/' })).toThrow(expect.objectContaining({ code: 'Conflict' }));
  db.set(utf8('a'), utf8('1'));
  db.commitBlock(1n);
  db.close();
  const again = new LmdbState({ path });
  expect(again.get(utf8('a'))).toEqual(utf8('1'));
  again.close();
});

it('refuses to commit over a block another writer committed', () => {
  const path = dir();
  const db = new LmdbState({ path, durable: false });
  db.set(utf8('a'), utf8('1'));
  db.commitBlock(1n);
  // Another writer (e.g. a second process) moves the directory to a different root.
  const other = open({ path, maxDbs: 4 });
  other.openDB({ name: 'meta', keyEncoding: 'binary', encoding: 'binary' }).putSync(Uint8Array.of(2), new Uint8Array(32).fill(7));
  db.set(utf8('b'), utf8('2'));
  expect(() => db.commitBlock(2n)).toThrow(expect.objectContaining({ code: 'Conflict' }));
  expect(db.get(utf8('b'))).toEqual(utf8('2'));
  expect(db.lastCommitted()?.height).toBe(1n);
  db.close();
  void other.close();
});

it('opens a directory whose name looks like a file name', () => {
  const path = join(dir(), 'state.lmdb');
  const db = new LmdbState({ path });
  db.set(utf8('a'), utf8('b'));
  db.commitBlock(1n);
  db.close();
  const again = new LmdbState({ path });
  expect(again.get(utf8('a'))).toEqual(utf8('b'));
  again.close();
});

it('stores keys longer than lmdb allows, in byte order', () => {
  const path = dir();
  const db = new LmdbState({ path, durable: false });
  const long = (fill: number, len: number, last: number) => {
    const k = new Uint8Array(len).fill(fill);
    k[len - 1] = last;
    return k;
  };
  // NEAR contract-data keys reach ~2.1 kB; these share a 1900-byte prefix and interleave with short keys.
  const keys = [long(7, 2114, 2), long(7, 2000, 9), long(7, 1900, 1), long(7, 1899, 0), long(7, 3, 0), long(8, 2100, 0), long(7, 2114, 1)];
  const entries: Entry[] = keys.map((k, i) => [k, utf8(`v${i}`)]);
  for (const [k, v] of entries) db.set(k, v);
  const root = db.commitBlock(1n);
  expect(root).toEqual(computeStateRoot(entries));
  // The first block appends its records in key order (node records keyed by hash among them).
  expect(db.verify().entries).toBe(7);
  const sorted = entries.map(([k]) => hex(k)).sort();
  expect([...db.iter()].map(([k]) => hex(k))).toEqual(sorted);
  // A prefix longer than the bucket prefix: keys 6, 0, 1 (byte order), not 2 (too short).
  expect([...db.iter(long(7, 1950, 7))].map(([k]) => hex(k))).toEqual([hex(keys[6]!), hex(keys[0]!), hex(keys[1]!)]);
  expect(db.get(keys[1]!)).toEqual(utf8('v1'));
  expect(db.remove(keys[1]!)).toBe(true);
  expect(db.get(keys[1]!)).toBeUndefined();
  db.commitBlock(2n);
  db.close();
  const again = new LmdbState({ path });
  expect(again.get(keys[1]!)).toBeUndefined();
  expect(again.get(keys[0]!)).toEqual(utf8('v0'));
  expect(again.verify().entries).toBe(6);
  again.close();
});

it('a fork reads a snapshot: later parent commits do not show through, and it outlives close()', () => {
  const path = dir();
  const db = new LmdbState({ path, durable: false });
  db.set(utf8('a'), utf8('1'));
  db.set(utf8('b'), utf8('1'));
  db.commitBlock(1n);
  const fork = db.fork();
  db.set(utf8('a'), utf8('2'));
  db.remove(utf8('b'));
  db.commitBlock(2n);
  expect(contents(fork)).toEqual(['a=1', 'b=1']);
  db.close();
  fork.set(utf8('c'), utf8('3'));
  const expected = new MemoryState();
  for (const k of ['a', 'b']) expected.set(utf8(k), utf8('1'));
  expected.set(utf8('c'), utf8('3'));
  expect(fork.commitBlock(2n)).toEqual(expected.stateRoot());
  expect(contents(fork)).toEqual(['a=1', 'b=1', 'c=3']);
  // The directory is released only when the last fork closes.
  expect(() => new LmdbState({ path })).toThrow(expect.objectContaining({ code: 'Conflict' }));
  fork.close();
  const again = new LmdbState({ path });
  expect(again.lastCommitted()?.height).toBe(2n);
  again.close();
});

it('removes the trie nodes of deleted keys (no stale records)', () => {
  const db = new LmdbState({ path: dir(), durable: false });
  for (let i = 0; i < 500; i++) db.set(utf8(`key-${i}`), utf8(`${i}`));
  db.commitBlock(1n);
  const full = db.verify().nodes;
  for (let i = 0; i < 500; i += 2) db.remove(utf8(`key-${i}`));
  db.commitBlock(2n);
  expect(db.verify().nodes).toBeLessThan(full);
  for (let i = 1; i < 500; i += 2) db.remove(utf8(`key-${i}`));
  expect(db.commitBlock(3n)).toEqual(new Uint8Array(32));
  expect(db.verify()).toEqual({ entries: 0, nodes: 0 });
  db.close();
});
