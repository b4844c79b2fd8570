import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LmdbState, MemoryState, computeStateRoot, entriesFromJson, entriesToJson } from '../src/index.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

// Keys and values are raw bytes; the store does not know what they mean.
const state = new MemoryState();
state.set(utf8('alice'), utf8('100'));
state.set(utf8('bob'), utf8('50'));
const root1 = state.commitBlock(1n);

// A receipt with two actions: the second fails and is rolled back, the receipt commits.
state.checkpoint(); // receipt
state.checkpoint(); // action 1
state.set(utf8('carol'), utf8('1'));
state.commit();
state.checkpoint(); // action 2
state.set(utf8('alice'), utf8('0'));
state.rollback();
state.commit();
assert.deepEqual(state.get(utf8('alice')), utf8('100'));

// Iteration is in key byte order; forks are independent copies made in O(1).
const fork = state.fork();
fork.remove(utf8('bob'));
assert.deepEqual([...state.iter()].map(([k]) => new TextDecoder().decode(k)), ['alice', 'bob', 'carol']);
assert.equal(fork.has(utf8('bob')), false);

// The root is nearcore's Merkle root of the contents: equal contents, equal roots.
const root2 = state.commitBlock(2n);
assert.notDeepEqual(root2, root1);
assert.deepEqual(root2, computeStateRoot(state.iter()));

// The JSON state file form: { "<base64 key>": "<base64 value>" } in key byte order.
const json = entriesToJson(state.iter());
assert.equal(json, '{\n  "YWxpY2U=": "MTAw",\n  "Ym9i": "NTA=",\n  "Y2Fyb2w=": "MQ=="\n}');

// The same contents in a persistent store reach the same root.
const dir = mkdtempSync(join(tmpdir(), 'nearts-readme-'));
const db = new LmdbState({ path: dir });
for (const [key, value] of entriesFromJson(json)) db.set(key, value);
assert.deepEqual(db.commitBlock(2n), root2);
db.close();
rmSync(dir, { recursive: true });
