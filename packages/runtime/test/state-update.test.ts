/**
 * StateUpdate's record of the keys written in a chunk: what `writtenInChunk` answers (storage
 * gas depends on it) and what `touchedKeys` hands the chain, across commits, rollbacks and
 * nested checkpoints.
 */
import { latin1 } from '@nearts/primitives';
import { MemoryState } from '@nearts/store';
import { describe, expect, it } from 'vitest';
import { StateUpdate } from '../src/index.js';

const k = (s: string) => new TextEncoder().encode(s);
const v = Uint8Array.of(1);
const names = (keys: Uint8Array[]) => keys.map(latin1);

describe('StateUpdate written keys', () => {
  it('keeps committed writes, forgets rolled-back ones, and lists only committed keys in first-write order', () => {
    const su = new StateUpdate(new MemoryState());
    su.set(k('b'), v);
    su.set(k('a'), v);
    su.commit();
    su.set(k('c'), v);
    su.remove(k('a'));
    expect(su.writtenInChunk(k('c'))).toBe(true);
    expect(names(su.touchedKeys())).toEqual(['b', 'a']);
    su.rollback();
    expect(su.writtenInChunk(k('c'))).toBe(false);
    // 'a' was committed before the rolled-back write touched it again.
    expect(su.writtenInChunk(k('a'))).toBe(true);
    su.set(k('d'), v);
    su.set(k('c'), v);
    su.commit();
    su.finish();
    expect(names(su.touchedKeys())).toEqual(['b', 'a', 'd', 'c']);
  });

  it('a nested rollback forgets only the keys first written inside it', () => {
    const su = new StateUpdate(new MemoryState());
    su.set(k('outer'), v);
    su.checkpointNested();
    su.set(k('outer'), v);
    su.set(k('inner'), v);
    su.rollbackNested();
    expect(su.writtenInChunk(k('outer'))).toBe(true);
    expect(su.writtenInChunk(k('inner'))).toBe(false);
    su.checkpointNested();
    su.checkpointNested();
    su.set(k('kept'), v);
    su.commitNested();
    expect(su.writtenInChunk(k('kept'))).toBe(true);
    su.rollbackNested();
    expect(su.writtenInChunk(k('kept'))).toBe(false);
    su.set(k('inner'), v);
    su.commit();
    su.finish();
    expect(names(su.touchedKeys())).toEqual(['outer', 'inner']);
  });

  it('a key written again after its nested rollback is forgotten by the prospective rollback', () => {
    const su = new StateUpdate(new MemoryState());
    su.checkpointNested();
    su.set(k('x'), v);
    su.rollbackNested();
    su.set(k('x'), v);
    expect(su.writtenInChunk(k('x'))).toBe(true);
    su.rollback();
    expect(su.writtenInChunk(k('x'))).toBe(false);
    su.finish();
    expect(su.touchedKeys()).toEqual([]);
  });
});
