/**
 * The import object of a cached contract is built once and reused: every call must still see
 * only its own logic, gas and memory — after a failed call, and when a host function of one call
 * runs the same contract again before it returns.
 */
import { describe, expect, it } from 'vitest';
import { runtimeConfig } from '@nearts/runtime-fees';
import { MockedExternal, testContext, type StorageAccessTracker, type VMOutcome } from '@nearts/vm-logic';
import { LruContractCache, runContract, type ContractCache, type LoadResult } from '../../src/index.js';
import { wat } from '../prepare/harness.js';

const source = `(module
  (import "env" "storage_read" (func $read (param i64 i64 i64) (result i64)))
  (import "env" "log_utf8" (func $log (param i64 i64)))
  (import "env" "panic" (func $panic))
  (memory 1)
  (data (i32.const 0) "key")
  (global $calls (mut i32) (i32.const 0))
  (func (export "main")
    ;; a store that a fresh instance and memory must not see again
    (i32.store (i32.const 100) (i32.add (i32.load (i32.const 100)) (i32.const 1)))
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (drop (call $read (i64.const 3) (i64.const 0) (i64.const 0)))
    ;; logs "key" once on a fresh memory and global; anything else means state leaked
    (if (i32.and (i32.eq (i32.load (i32.const 100)) (i32.const 1)) (i32.eq (global.get $calls) (i32.const 1)))
      (then (call $log (i64.const 3) (i64.const 0)))))
  (func (export "fail") (call $log (i64.const 3) (i64.const 0)) (call $panic)))`;

const config = runtimeConfig(86);

function call(code: Uint8Array, method: string, cache: ContractCache<LoadResult<unknown>>, external = new MockedExternal()): VMOutcome {
  return runContract({ code, method, context: testContext(), config, external, cache });
}

/** A state whose reads run the same contract again (once) before answering. */
class ReentrantExternal extends MockedExternal {
  inner: VMOutcome | undefined;

  constructor(
    private readonly code: Uint8Array,
    private readonly cache: ContractCache<LoadResult<unknown>>,
  ) {
    super();
  }

  override storageGet(tracker: StorageAccessTracker, key: Uint8Array) {
    if (this.inner === undefined) this.inner = call(this.code, 'main', this.cache);
    return super.storageGet(tracker, key);
  }
}

describe('import object reused across calls of a cached contract', () => {
  it('repeat calls, and a call after a failed one, give the first call outcome', async () => {
    const code = await wat(source);
    const cache = new LruContractCache<LoadResult<unknown>>();
    const first = call(code, 'main', cache);
    expect(first.aborted).toBeNull();
    expect(first.logs).toEqual(['key']);
    const failed = call(code, 'fail', cache);
    expect(failed.aborted).toEqual({ kind: 'HostError', error: { kind: 'GuestPanic', panic_msg: 'explicit guest panic' } });
    expect(failed.logs).toEqual(['key']);
    for (let i = 0; i < 3; i++) {
      const again = call(code, 'main', cache);
      expect(again).toEqual(first);
    }
    expect(cache.stats.misses).toBe(1);
  });

  it('a call made from inside a host function of the same contract is independent of the outer one', async () => {
    const code = await wat(source);
    const cache = new LruContractCache<LoadResult<unknown>>();
    const plain = call(code, 'main', cache);
    const external = new ReentrantExternal(code, cache);
    const outer = call(code, 'main', cache, external);
    expect(external.inner).toEqual(plain);
    expect(outer).toEqual(plain);
    expect(call(code, 'main', cache)).toEqual(plain);
  });
});
