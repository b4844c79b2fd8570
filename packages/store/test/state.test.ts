import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_ROOT, StoreError, computeStateRoot, type State } from '../src/index.js';
import { backends, contents, hex, str, utf8 } from './backends.js';

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof StoreError ? e.code : `not a StoreError: ${String(e)}`;
  }
  return undefined;
}

describe.each(backends)('$name', (backend) => {
  afterEach(() => backend.cleanup());
  const fresh = (): State => backend.create();

  it('gets, sets, removes and reports presence', () => {
    const s = fresh();
    expect(s.get(utf8('a'))).toBeUndefined();
    expect(s.has(utf8('a'))).toBe(false);
    s.set(utf8('a'), utf8('1'));
    s.set(utf8('b'), new Uint8Array(0));
    expect(s.get(utf8('a'))).toEqual(utf8('1'));
    expect(s.has(utf8('b'))).toBe(true);
    expect(s.get(utf8('b'))).toEqual(new Uint8Array(0));
    s.set(utf8('a'), utf8('2'));
    expect(s.get(utf8('a'))).toEqual(utf8('2'));
    expect(s.remove(utf8('a'))).toBe(true);
    expect(s.remove(utf8('a'))).toBe(false);
    expect(s.get(utf8('a'))).toBeUndefined();
    s.commitBlock(1n);
    expect(s.get(utf8('b'))).toEqual(new Uint8Array(0));
    expect(s.remove(utf8('b'))).toBe(true);
    expect(s.has(utf8('b'))).toBe(false);
    s.commitBlock(2n);
    expect(s.has(utf8('b'))).toBe(false);
    expect(contents(s)).toEqual([]);
  });

  it('copies the keys it is given', () => {
    const s = fresh();
    const key = utf8('key');
    s.set(key, utf8('value'));
    key[0] = 0;
    expect(str(s.get(utf8('key'))!)).toBe('value');
    expect(s.has(key)).toBe(false);
    s.commitBlock(1n);
    expect(str(s.get(utf8('key'))!)).toBe('value');
    expect([...s.iter()].map(([k]) => str(k))).toEqual(['key']);
  });

  it('rejects bad arguments with typed errors', () => {
    const s = fresh();
    expect(code(() => s.set(new Uint8Array(0), utf8('x')))).toBe('EmptyKey');
    expect(code(() => s.get(new Uint8Array(0)))).toBe('EmptyKey');
    expect(code(() => s.set('k' as unknown as Uint8Array, utf8('x')))).toBe('InvalidArgument');
    expect(code(() => s.set(utf8('k'), 5 as unknown as Uint8Array))).toBe('InvalidArgument');
    expect(code(() => s.commit())).toBe('NoCheckpoint');
    expect(code(() => s.rollback())).toBe('NoCheckpoint');
    expect(code(() => s.commitBlock(-1n))).toBe('InvalidArgument');
    expect(code(() => s.commitBlock(5 as unknown as bigint))).toBe('InvalidArgument');
    s.commitBlock(5n);
    expect(code(() => s.commitBlock(5n))).toBe('HeightNotIncreasing');
    s.checkpoint();
    expect(code(() => s.commitBlock(6n))).toBe('CheckpointOpen');
    s.commit();
    expect(s.commitBlock(6n)).toEqual(EMPTY_ROOT);
  });

  it('iterates in byte order, never insertion order, merging committed and pending writes', () => {
    const s = fresh();
    const keys = [[0x62], [0x61, 0xff], [0x61], [0xff, 0x00], [0x61, 0x00, 0x01], [0x00], [0x61, 0x62], [0xff]];
    for (const [i, k] of keys.entries()) s.set(Uint8Array.from(k), Uint8Array.of(i));
    const order = (prefix?: number[]) => [...s.iter(prefix && Uint8Array.from(prefix))].map(([k, v]) => `${hex(k)}:${v[0]}`);
    const all = ['00:5', '61:2', '610001:4', '6162:6', '61ff:1', '62:0', 'ff:7', 'ff00:3'];
    expect(order()).toEqual(all);
    s.commitBlock(1n);
    expect(order()).toEqual(all);
    expect(order([0x61])).toEqual(['61:2', '610001:4', '6162:6', '61ff:1']);
    expect(order([0x61, 0x00])).toEqual(['610001:4']);
    expect(order([0xff])).toEqual(['ff:7', 'ff00:3']);
    expect(order([0x63])).toEqual([]);
    // Pending writes interleave with committed ones; deletions hide committed entries.
    s.set(Uint8Array.of(0x61, 0x10), Uint8Array.of(9));
    s.remove(Uint8Array.of(0x61, 0x62));
    s.set(Uint8Array.of(0x61), Uint8Array.of(8));
    expect(order([0x61])).toEqual(['61:8', '610001:4', '6110:9', '61ff:1']);
  });

  it('iterators keep the view they started with', () => {
    const s = fresh();
    for (const k of ['a', 'b', 'c']) s.set(utf8(k), utf8(k));
    s.commitBlock(1n);
    s.set(utf8('d'), utf8('d'));
    const it = s.iter();
    expect(str(it.next().value![0])).toBe('a');
    s.remove(utf8('b'));
    s.set(utf8('e'), utf8('e'));
    expect([...it].map(([k]) => str(k))).toEqual(['b', 'c', 'd']);
  });

  it('iterators keep their view across a block commit', () => {
    const s = fresh();
    for (const k of ['a', 'b', 'c']) s.set(utf8(k), utf8(k));
    s.commitBlock(1n);
    const it = s.iter();
    s.remove(utf8('b'));
    s.set(utf8('a'), utf8('changed'));
    s.set(utf8('d'), utf8('d'));
    s.commitBlock(2n);
    expect([...it].map(([k, v]) => `${str(k)}=${str(v)}`)).toEqual(['a=a', 'b=b', 'c=c']);
    expect(contents(s)).toEqual(['a=changed', 'c=c', 'd=d']);
  });

  it('nested checkpoints commit and roll back', () => {
    const s = fresh();
    s.set(utf8('base'), utf8('0'));
    s.commitBlock(1n);
    s.checkpoint(); // receipt
    s.set(utf8('r'), utf8('1'));
    s.checkpoint(); // action 1
    s.set(utf8('a1'), utf8('1'));
    s.set(utf8('r'), utf8('2'));
    s.commit();
    s.checkpoint(); // action 2
    s.set(utf8('a2'), utf8('1'));
    s.remove(utf8('base'));
    s.set(utf8('r'), utf8('3'));
    expect(s.checkpointDepth).toBe(2);
    expect(contents(s)).toEqual(['a1=1', 'a2=1', 'r=3']);
    s.rollback();
    expect(contents(s)).toEqual(['a1=1', 'base=0', 'r=2']);
    expect(s.checkpointDepth).toBe(1);
    s.rollback(); // the whole receipt, including the committed action 1
    expect(contents(s)).toEqual(['base=0']);
    expect(s.checkpointDepth).toBe(0);
    s.checkpoint();
    s.set(utf8('kept'), utf8('1'));
    s.checkpoint();
    s.set(utf8('kept2'), utf8('2'));
    s.commit();
    s.commit();
    s.commitBlock(2n);
    expect(contents(s)).toEqual(['base=0', 'kept=1', 'kept2=2']);
  });

  it('the state root returns to its old value after a rollback', () => {
    const s = fresh();
    s.set(utf8('x'), utf8('1'));
    const before = s.stateRoot();
    s.checkpoint();
    s.set(utf8('x'), utf8('2'));
    s.set(utf8('y'), utf8('3'));
    const during = s.stateRoot();
    expect(during).not.toEqual(before);
    s.rollback();
    expect(s.stateRoot()).toEqual(before);
    expect(s.commitBlock(1n)).toEqual(before);
    s.checkpoint();
    s.remove(utf8('x'));
    expect(s.stateRoot()).toEqual(EMPTY_ROOT);
    s.rollback();
    expect(s.stateRoot()).toEqual(before);
  });

  it('roots depend on contents only: equal for equal sets, different otherwise', () => {
    const a = fresh();
    const b = fresh();
    const entries = Array.from({ length: 300 }, (_, i) => [utf8(`key/${(i * 7919) % 1000}`), utf8(`v${i}`)] as const);
    for (const [k, v] of entries) a.set(k, v);
    b.set(utf8('junk'), utf8('x'));
    for (const [k, v] of [...entries].reverse()) b.set(k, v);
    b.commitBlock(1n);
    b.remove(utf8('junk'));
    const expected = computeStateRoot(entries.map(([k, v]) => [k, v]));
    expect(a.stateRoot()).toEqual(expected);
    expect(b.stateRoot()).toEqual(expected);
    expect(a.commitBlock(10n)).toEqual(expected);
    expect(b.commitBlock(2n)).toEqual(expected);
    expect(a.lastCommitted()).toEqual({ height: 10n, root: expected });
    b.set(entries[5]![0], utf8('changed'));
    expect(b.stateRoot()).not.toEqual(expected);
    b.set(entries[5]![0], entries[5]![1]);
    expect(b.stateRoot()).toEqual(expected);
    b.set(utf8('key/'), utf8(''));
    expect(b.stateRoot()).not.toEqual(expected);
  });

  it('has the empty root when empty and no committed block before the first commit', () => {
    const s = fresh();
    expect(s.stateRoot()).toEqual(new Uint8Array(32));
    expect(s.lastCommitted()).toBeUndefined();
    expect(s.commitBlock(0n)).toEqual(new Uint8Array(32));
    expect(s.lastCommitted()).toEqual({ height: 0n, root: new Uint8Array(32) });
  });

  it('forks are independent in both directions', () => {
    const parent = fresh();
    parent.set(utf8('shared'), utf8('0'));
    parent.commitBlock(1n);
    parent.set(utf8('pending'), utf8('p'));
    parent.checkpoint();
    const child = parent.fork();
    expect(child.checkpointDepth).toBe(0);
    expect(child.lastCommitted()?.height).toBe(1n);
    expect(contents(child)).toEqual(['pending=p', 'shared=0']);
    expect(child.stateRoot()).toEqual(parent.stateRoot());

    child.set(utf8('shared'), utf8('child'));
    child.set(utf8('c'), utf8('1'));
    child.commitBlock(2n);
    parent.set(utf8('shared'), utf8('parent'));
    parent.commit();
    parent.commitBlock(2n);
    expect(contents(parent)).toEqual(['pending=p', 'shared=parent']);
    expect(contents(child)).toEqual(['c=1', 'pending=p', 'shared=child']);

    const grandchild = child.fork();
    grandchild.remove(utf8('c'));
    expect(child.get(utf8('c'))).toEqual(utf8('1'));
    expect(grandchild.has(utf8('c'))).toBe(false);
    grandchild.close();
    child.close();
    expect(code(() => child.get(utf8('c')))).toBe('Closed');
    expect(contents(parent)).toEqual(['pending=p', 'shared=parent']);
  });

  it('agrees with a from-scratch root over many random blocks', () => {
    const s = fresh();
    const model = new Map<string, Uint8Array>();
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let block = 1n; block <= 15n; block++) {
      for (let op = 0; op < 120; op++) {
        // Short keys over a small alphabet: many shared prefixes, keys that prefix other keys.
        const key = Uint8Array.from({ length: 1 + rand(4) }, () => [0x00, 0x11, 0xab, 0xff][rand(4)]!);
        if (rand(3) === 0) {
          expect(s.remove(key)).toBe(model.delete(hex(key)));
        } else {
          const value = Uint8Array.from({ length: rand(6) }, () => rand(256));
          s.set(key, value);
          model.set(hex(key), value);
        }
      }
      const entries = [...model].map(([k, v]) => [Uint8Array.from(Buffer.from(k, 'hex')), v] as [Uint8Array, Uint8Array]);
      expect(s.commitBlock(block)).toEqual(computeStateRoot(entries));
      expect([...s.iter()].map(([k]) => hex(k))).toEqual([...model.keys()].sort());
    }
  });
});

describe.each(backends)('$name first block (built bottom-up from the sorted writes)', (backend) => {
  afterEach(() => backend.cleanup());

  it('gives the from-scratch root, then later blocks update it like any other', () => {
    const s = backend.create();
    const model = new Map<string, Uint8Array>();
    const put = (k: Uint8Array, v: Uint8Array) => {
      s.set(k, v);
      model.set(hex(k), v);
    };
    // Keys that prefix others, long shared prefixes, a key deleted again before the commit.
    for (let i = 0; i < 300; i++) put(Uint8Array.of(i % 7, i % 3, i & 0xff, i >> 8), Uint8Array.of(i));
    put(Uint8Array.of(1), utf8('short'));
    put(Uint8Array.of(1, 1), utf8('prefix'));
    put(new Uint8Array(40).fill(9), utf8('long'));
    // Neighbouring keys handed the very same value array.
    const shared = utf8('shared');
    for (let i = 0; i < 5; i++) put(Uint8Array.of(8, i), shared);
    s.set(utf8('gone'), utf8('x'));
    expect(s.remove(utf8('gone'))).toBe(true);
    const rootOf = () => computeStateRoot([...model].map(([k, v]) => [Uint8Array.from(Buffer.from(k, 'hex')), v] as [Uint8Array, Uint8Array]));
    // Prefix scans before and after the root is computed (which sorts the pending writes once).
    const scan = (p: number) => [...s.iter(Uint8Array.of(p))].map(([k]) => hex(k));
    const before = [0, 1, 6].map(scan);
    expect(s.stateRoot()).toEqual(rootOf());
    expect([0, 1, 6].map(scan)).toEqual(before);
    expect(before[1]).toEqual([...model.keys()].filter((k) => k.startsWith('01')).sort());
    expect(s.commitBlock(1n)).toEqual(rootOf());
    expect([...s.iter()].map(([k]) => hex(k))).toEqual([...model.keys()].sort());
    for (let i = 0; i < 300; i += 3) {
      const k = Uint8Array.of(i % 7, i % 3, i & 0xff, i >> 8);
      s.remove(k);
      model.delete(hex(k));
    }
    put(Uint8Array.of(1, 1, 1), utf8('deeper'));
    expect(s.commitBlock(2n)).toEqual(rootOf());
    expect([...s.iter()].map(([k]) => hex(k))).toEqual([...model.keys()].sort());
  });
});

describe.each(backends)('$name against a model', (backend) => {
  afterEach(() => backend.cleanup());

  it('random writes, checkpoints, forks and prefix scans match a plain map', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = [0x00, 0x0f, 0x10, 0xab, 0xff];
    const randomKey = () => Uint8Array.from({ length: 1 + rand(5) }, () => alphabet[rand(alphabet.length)]!);
    let state = backend.create();
    let model = new Map<string, Uint8Array>();
    const saved: Array<Map<string, Uint8Array>> = [];
    const sortedModel = (prefix: string) =>
      [...model.keys()].filter((k) => k.startsWith(prefix)).sort().map((k) => `${k}:${hex(model.get(k)!)}`);
    let height = 0n;
    for (let step = 0; step < 1500; step++) {
      const op = rand(100);
      if (op < 45) {
        const key = randomKey();
        const value = Uint8Array.from({ length: rand(4) }, () => rand(256));
        state.set(key, value);
        model.set(hex(key), value);
      } else if (op < 60) {
        const key = randomKey();
        expect(state.remove(key)).toBe(model.delete(hex(key)));
      } else if (op < 68) {
        state.checkpoint();
        saved.push(new Map(model));
      } else if (op < 74 && saved.length > 0) {
        state.commit();
        saved.pop();
      } else if (op < 80 && saved.length > 0) {
        state.rollback();
        model = saved.pop()!;
      } else if (op < 88) {
        const prefix = randomKey().subarray(0, rand(3));
        expect([...state.iter(prefix)].map(([k, v]) => `${hex(k)}:${hex(v)}`)).toEqual(sortedModel(hex(prefix)));
      } else if (op < 94 && saved.length === 0) {
        const entries = [...model].map(([k, v]) => [Uint8Array.from(Buffer.from(k, 'hex')), v] as [Uint8Array, Uint8Array]);
        expect(state.commitBlock(++height)).toEqual(computeStateRoot(entries));
      } else if (op < 97) {
        // Continue on a fork half of the time; the abandoned side must not leak into it.
        const fork = state.fork();
        if (rand(2) === 0) {
          state.set(Uint8Array.of(0x99), Uint8Array.of(1));
          state = fork;
          saved.length = 0;
        } else fork.set(Uint8Array.of(0x99), Uint8Array.of(2));
      } else {
        const key = randomKey();
        expect(state.get(key)).toEqual(model.get(hex(key)));
      }
    }
    expect(state.checkpointDepth).toBe(saved.length);
  });
});

describe('fork chains', () => {
  it('stay independent through many generations (the flat index is flattened along the way)', () => {
    let s: State = backends[0]!.create();
    const generations: State[] = [];
    for (let g = 0; g < 12; g++) {
      s.set(utf8(`g${g}`), utf8(`${g}`));
      if (g > 0) s.remove(utf8(`g${g - 1}`));
      s.commitBlock(BigInt(g + 1));
      generations.push(s);
      s = s.fork();
    }
    for (const [g, state] of generations.entries()) {
      expect(contents(state)).toEqual([`g${g}=${g}`]);
      expect(state.get(utf8(`g${g}`))).toEqual(utf8(`${g}`));
      expect(state.has(utf8(`g${g - 1}`))).toBe(false);
    }
    // The parents keep working after their forks diverged.
    generations[3]!.set(utf8('late'), utf8('x'));
    generations[3]!.commitBlock(100n);
    expect(contents(generations[3]!)).toEqual(['g3=3', 'late=x']);
    expect(generations[4]!.has(utf8('late'))).toBe(false);
  });
});
