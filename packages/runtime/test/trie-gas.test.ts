/**
 * Trie-node gas: the nodes a lookup visits in nearcore's trie shape, and how storage operations
 * charge them (first access in a chunk `touching_trie_node`, later `read_cached_trie_node`;
 * keys written earlier in the chunk touch nothing). This is the model of nearcore's
 * integration test `chunk_nodes_cache::compare_node_counts`.
 */
import { NEAR, trieKeys, BorshWriter } from '@nearts/primitives';
import wabtInit from 'wabt';
import { beforeAll, describe, expect, it } from 'vitest';
import { Chain, TrieShape, type ExecutionOutcome } from '../src/index.js';
import { TrieAccounting } from '../src/ext/trie-accounting.js';
import { buildContracts, contract } from './contracts.js';
import { execute, keyOf, testChain } from './helpers.js';

const b = (...bytes: number[]) => Uint8Array.from(bytes);

describe('TrieShape', () => {
  it('a single key is a leaf', () => {
    const s = TrieShape.fromKeys([b(1, 2)]);
    expect(s.committedTrieAccessPath(b(1, 2))).toEqual({ nodeIds: ['L0:'], found: true });
    expect(s.committedTrieAccessPath(b(9)).found).toBe(false);
  });

  it('common nibbles become an extension before the branch', () => {
    // 0x0102 and 0x0103 share the nibbles 0,1,0: Extension → Branch at nibble 3 → Leaf.
    const s = TrieShape.fromKeys([b(1, 2), b(1, 3)]);
    const p = s.committedTrieAccessPath(b(1, 2));
    expect(p.nodeIds.map((id) => id[0])).toEqual(['E', 'B', 'L']);
    expect(p.found).toBe(true);
    // A key leaving the extension early visits only the extension.
    expect(s.committedTrieAccessPath(b(2))).toEqual({ nodeIds: [p.nodeIds[0]], found: false });
    // A key with no child at the branch stops there.
    expect(s.committedTrieAccessPath(b(1, 4)).nodeIds.map((id) => id[0])).toEqual(['E', 'B']);
  });

  it('a key that is a prefix of another lives in the branch', () => {
    const s = TrieShape.fromKeys([b(1), b(1, 2)]);
    expect(s.committedTrieAccessPath(b(1)).nodeIds.map((id) => id[0])).toEqual(['E', 'B']);
    expect(s.committedTrieAccessPath(b(1)).found).toBe(true);
    expect(s.committedTrieAccessPath(b(1, 2)).nodeIds.map((id) => id[0])).toEqual(['E', 'B', 'L']);
  });

  it('from key strings: the same shape as from keys, whatever the order and duplicates', () => {
    const keys = [b(1, 2), b(1), b(1, 3), b(0x21, 5), b(1, 2, 7), b(0x20)];
    const fromKeys = TrieShape.fromKeys(keys);
    const strings = [...keys, b(1, 3)].reverse().map((k) => Buffer.from(k).toString('latin1'));
    const fromStrings = TrieShape.fromKeyStrings(strings);
    expect(fromStrings.size).toBe(keys.length);
    for (const probe of [...keys, b(1, 4), b(0x22), b(1, 2, 7, 1), b(2)]) {
      expect(fromStrings.committedTrieAccessPath(probe)).toEqual(fromKeys.committedTrieAccessPath(probe));
    }
  });

  it('follows inserts and removals', () => {
    const s = TrieShape.fromKeys([b(1, 2)]);
    s.update(b(1, 3), true);
    expect(s.committedTrieAccessPath(b(1, 2)).nodeIds.length).toBe(3);
    s.update(b(1, 3), false);
    expect(s.committedTrieAccessPath(b(1, 2)).nodeIds.length).toBe(1);
  });

  it('paths asked before an insert or removal are recomputed after it', () => {
    const keys = [b(1, 2), b(1, 3), b(0x21, 5)];
    const s = TrieShape.fromKeys(keys);
    const probes = [b(1, 2), b(1, 3), b(1, 4), b(0x21, 5), b(2)];
    const before = probes.map((p) => s.committedTrieAccessPath(p));
    // Rewriting keys that exist leaves the shape, and every answer, as it was.
    s.update(b(1, 2), true);
    s.update(b(7), false);
    expect(probes.map((p) => s.committedTrieAccessPath(p))).toEqual(before);
    s.update(b(1, 4), true);
    expect(s.committedTrieAccessPath(b(1, 4))).toEqual(TrieShape.fromKeys([...keys, b(1, 4)]).committedTrieAccessPath(b(1, 4)));
    expect(s.committedTrieAccessPath(b(1, 4)).found).toBe(true);
    s.update(b(1, 3), false);
    const fresh = TrieShape.fromKeys([b(1, 2), b(0x21, 5), b(1, 4)]);
    for (const p of probes) expect(s.committedTrieAccessPath(p)).toEqual(fresh.committedTrieAccessPath(p));
    expect(s.committedTrieAccessPath(b(1, 3)).found).toBe(false);
  });
});

describe('TrieAccounting values', () => {
  it('a value is charged once per chunk, whatever its length and wherever its bytes come from', () => {
    const charged: [bigint, bigint][] = [];
    const tracker = { trieNodeTouched: (n: bigint) => charged.push([n, 0n]), cachedTrieNodeAccess: (n: bigint) => (charged[charged.length - 1]![1] = n) };
    const a = new TrieAccounting(undefined);
    const deref = (v: Uint8Array) => {
      const since = a.snapshot();
      a.derefValue(v);
      a.commitSince(since, tracker as never);
    };
    const long = new Uint8Array(1000).fill(7);
    for (const v of [b(1, 2, 3), b(1, 2, 3).slice(), b(1, 2, 4), long, long.slice(), new Uint8Array(0), new Uint8Array(0)]) deref(v);
    expect(charged).toEqual([[1n, 0n], [0n, 1n], [1n, 0n], [1n, 0n], [0n, 1n], [1n, 0n], [0n, 1n]]);
  });
});

describe('storage gas of a contract', () => {
  beforeAll(() => buildContracts());
  const TTN = 2_280_000_000n;
  const counts = (o: ExecutionOutcome) => {
    if (o.metadata.version !== 4) throw new Error('V4 metadata expected');
    const p = o.metadata.profile;
    return { touched: p.getExtCost('touching_trie_node') / TTN, cached: p.getExtCost('read_cached_trie_node') / TTN };
  };

  it('charges the path once per chunk, the value once, nothing for keys written in the chunk', () => {
    const chain = testChain({ accounts: [{ accountId: 'counter.near', amount: 10n * NEAR, code: contract('counter') }] });
    const key = trieKeys.contractData('counter.near', new TextEncoder().encode('c'));
    const call = { type: 'FunctionCall' as const, methodName: 'increment', args: new Uint8Array(0), gas: 30n * 10n ** 12n, deposit: 0n };
    // First increment: the key does not exist. storage_read (flat storage) touches nothing;
    // storage_write walks the trie until the key's path ends.
    const shapeBefore = TrieShape.fromKeys([...chain.state.iter()].map(([k]) => k));
    const missingPath = shapeBefore.committedTrieAccessPath(key);
    expect(missingPath.found).toBe(false);
    const first = execute(chain, 'bob.near', 'counter.near', [call]);
    expect(counts(first.receipts[0])).toEqual({ touched: BigInt(missingPath.nodeIds.length), cached: 0n });

    // Second increment in a later chunk: storage_read loads the value through flat storage —
    // free (nearcore derefs it with a FreeGasCounter) but it enters the chunk's cache; the write
    // walks the path to the existing key (new nodes) and loads the value again (cached).
    const shape = TrieShape.fromKeys([...chain.state.iter()].map(([k]) => k));
    const path = shape.committedTrieAccessPath(key);
    expect(path.found).toBe(true);
    const second = execute(chain, 'bob.near', 'counter.near', [call]);
    expect(counts(second.receipts[0])).toEqual({ touched: BigInt(path.nodeIds.length), cached: 1n });

    // Two increments in one receipt: the second finds the key in memory and touches nothing more.
    const both = execute(chain, 'bob.near', 'counter.near', [call, call]);
    expect(counts(both.receipts[0])).toEqual({ touched: BigInt(path.nodeIds.length), cached: 1n });
    expect(new TextDecoder().decode(chain.view('counter.near', 'get_num').result)).toBe('4');
  });
});

/** `write_key_value(key: u64, value: u64)` as nearcore's test contract: the input is borsh [key, value]. */
const WRITE_KEY_VALUE = `(module
  (import "env" "input" (func $input (param i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))
  (memory 1)
  (func (export "write_key_value")
    (call $input (i64.const 0))
    (call $read_register (i64.const 0) (i64.const 0))
    (drop (call $storage_write (i64.const 8) (i64.const 0) (i64.const 8) (i64.const 8) (i64.const 1)))))`;

describe("nearcore's compare_node_counts", () => {
  it('first run 2 db + 2 cached reads, then 8 db + 4 cached in every chunk', async () => {
    const wabt = await wabtInit();
    const mod = wabt.parseWat('w.wat', WRITE_KEY_VALUE);
    const code = new Uint8Array(mod.toBinary({}).buffer);
    mod.destroy();
    const test0 = { accountId: 'test0', amount: 100n * NEAR, code, keys: [keyOf('test0').publicKey] };
    const chain = Chain.create({ accounts: [test0, { accountId: 'test1', amount: 100n * NEAR, keys: [keyOf('test1').publicKey] }] });
    const args = (k: bigint, v: bigint) => {
      const w = new BorshWriter();
      w.u64(k);
      w.u64(v);
      return w.finish();
    };
    const write = (k: bigint, v: bigint) => ({ type: 'FunctionCall' as const, methodName: 'write_key_value', args: args(k, v), gas: 20n * 10n ** 12n, deposit: 0n });
    const TTN = 2_280_000_000n;
    const run = () => {
      const { receipts } = execute(chain, 'test0', 'test0', [write(0n, 10n), write(1n, 20n)]);
      const o = receipts[0];
      if (o.metadata.version !== 4) throw new Error('V4 expected');
      return { db: o.metadata.profile.getExtCost('touching_trie_node') / TTN, mem: o.metadata.profile.getExtCost('read_cached_trie_node') / TTN };
    };
    // The data keys diverge late: (Extension) → (Branch) → (Extension) → (Branch) → Leaf → Value.
    expect(run()).toEqual({ db: 2n, mem: 2n });
    expect(run()).toEqual({ db: 8n, mem: 4n });
    expect(run()).toEqual({ db: 8n, mem: 4n });
    expect(run()).toEqual({ db: 8n, mem: 4n });
  });
});
