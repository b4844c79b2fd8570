import { describe, expect, it } from 'vitest';
import { HEAP_BYTES_PER_VISIT, MIN_VISITS, SharedMemoryPressure, sharedMemoryPressure } from '../../src/executor/shared-memory-pressure.js';
import { runtimeConfig } from '@nearts/runtime-fees';
import { MockedExternal, testContext } from '@nearts/vm-logic';
import { LruContractCache, runContract, type LoadResult } from '../../src/index.js';
import { wat } from '../prepare/harness.js';

function counting(heapBytes: number) {
  let started = 0;
  const p = new SharedMemoryPressure(() => heapBytes, () => started++);
  return { p, started: () => started };
}

describe('SharedMemoryPressure', () => {
  it('never starts a collection while no call grows its memory', () => {
    const { p, started } = counting(1e9);
    for (let i = 0; i < 100_000; i++) p.memoryCreated();
    expect(started()).toBe(0);
  });

  it('starts one once the grow bookkeeping passes the cost of marking the heap, then counts afresh', () => {
    const heap = 2 * MIN_VISITS * HEAP_BYTES_PER_VISIT; // threshold = 2 × MIN_VISITS visits
    const { p, started } = counting(heap);
    let calls = 0;
    // Every call makes a memory and grows it: visits after n calls = n(n+1)/2.
    while (started() === 0) {
      p.memoryCreated();
      p.callGrewMemory();
      calls++;
    }
    expect(calls).toBe(Math.ceil((Math.sqrt(1 + 16 * MIN_VISITS) - 1) / 2));
    expect(p.collections).toBe(1);
    // The count restarts: the same number of calls again before the next one.
    for (let i = 0; i < calls - 1; i++) {
      p.memoryCreated();
      p.callGrewMemory();
    }
    expect(started()).toBe(1);
    p.memoryCreated();
    p.callGrewMemory();
    expect(started()).toBe(2);
  });

  it('the executor counts the memories it creates and the calls that grew theirs', async () => {
    const code = await wat(`(module (memory 1)
      (func (export "grow") (drop (memory.grow (i32.const 1))))
      (func (export "stay")))`);
    const cache = new LruContractCache<LoadResult<unknown>>();
    const call = (method: string) => runContract({ code, method, context: testContext(), config: runtimeConfig(86), external: new MockedExternal(), cache });
    const { created, visits } = sharedMemoryPressure;
    expect(call('stay').aborted).toBeNull();
    expect([sharedMemoryPressure.created, sharedMemoryPressure.visits]).toEqual([created + 1, visits]);
    expect(call('grow').aborted).toBeNull();
    expect([sharedMemoryPressure.created, sharedMemoryPressure.visits]).toEqual([created + 2, visits + created + 2]);
  });
});
