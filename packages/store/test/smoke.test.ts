import { describe, expect, it } from 'vitest';
import { MemoryState } from '../src/index.js';
const b = (s: string) => new TextEncoder().encode(s);
describe('smoke', () => {
  it('works', () => {
    const s = new MemoryState();
    s.set(b('aaa'), b('x'));
    s.set(b('abb'), b('y'));
    s.set(b('baa'), b('z'));
    expect(s.get(b('abb'))).toEqual(b('y'));
    const r1 = s.commitBlock(1n);
    s.remove(b('abb'));
    expect([...s.iter()].map(([k]) => new TextDecoder().decode(k))).toEqual(['aaa', 'baa']);
    const t = new MemoryState();
    t.set(b('baa'), b('z'));
    t.set(b('aaa'), b('x'));
    expect(t.stateRoot()).toEqual(s.stateRoot());
    expect(r1).not.toEqual(s.stateRoot());
    expect([...s.iter()].length).toBe(2);
  });
});
