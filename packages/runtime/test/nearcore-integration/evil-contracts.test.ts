/**
 * nearcore integration-tests/src/tests/runtime/test_evil_contracts.rs (f0c7706), translated: a
 * deep trie of contract data written and removed again, deep wasm recursion (fine at 1000 frames,
 * a failure from 10000), `abort` with a null message pointer, and the self-recursion delay through
 * promises. The rs_contract methods are WAT with the same host calls (the recursion's frames are
 * of a similar size: eight i64 locals); `max_self_recursion_delay` is the host-call stand-in of
 * ../nearcore/test-contract.ts, which burns no wasm gas, so its depth is only checked against
 * nearcore's wide range.
 */
import { describe, expect, it } from 'vitest';
import { RS_CONTRACT_WAT, withTestContract } from '../nearcore/test-contract.js';
import { ALICE, TEST_CONTRACT, TGAS, setupTestContract, successValue, u64le, wat2wasm } from './runtime-node.js';

const MAX_GAS = 300n * TGAS;

const EVIL_WAT = `(module
  (import "env" "input" (func $input (param i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (import "env" "panic" (func $panic))
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))
  (import "env" "storage_remove" (func $storage_remove (param i64 i64 i64) (result i64)))
  (memory 2)
  (data (i32.const 8) "x")
  ;; reads (from, to) as two u64 into 16..32 and lays out "a" × to followed by "b" at 4096
  (func $strings
    (local $i i64)
    (call $input (i64.const 0))
    (if (i64.ne (call $register_len (i64.const 0)) (i64.const 16)) (then (call $panic)))
    (call $read_register (i64.const 0) (i64.const 16))
    (local.set $i (i64.const 0))
    (block $done (loop $fill
      (br_if $done (i64.ge_u (local.get $i) (i64.load (i32.const 24))))
      (i64.store8 (i32.add (i32.const 4096) (i32.wrap_i64 (local.get $i))) (i64.const 0x61))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $fill)))
    (i64.store8 (i32.add (i32.const 4096) (i32.wrap_i64 (i64.load (i32.const 24)))) (i64.const 0x62)))
  (func (export "insert_strings") (local $i i64) (local $to i64)
    (call $strings) (local.set $i (i64.load (i32.const 16))) (local.set $to (i64.load (i32.const 24)))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $to)))
      (drop (call $storage_write (i64.add (local.get $i) (i64.const 1))
        (i64.sub (i64.add (i64.const 4096) (local.get $to)) (local.get $i)) (i64.const 1) (i64.const 8) (i64.const 0)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))
  (func (export "delete_strings") (local $i i64) (local $to i64)
    (call $strings) (local.set $i (i64.load (i32.const 16))) (local.set $to (i64.load (i32.const 24)))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $to)))
      (drop (call $storage_remove (i64.add (local.get $i) (i64.const 1))
        (i64.sub (i64.add (i64.const 4096) (local.get $to)) (local.get $i)) (i64.const 0)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))
  (func $internal_recurse (param $n i64) (result i64)
    (local $a i64) (local $b i64) (local $c i64) (local $d i64) (local $e i64) (local $f i64) (local $g i64)
    (if (result i64) (i64.le_u (local.get $n) (i64.const 1))
      (then (local.get $n))
      (else
        (local.set $a (i64.add (call $internal_recurse (i64.sub (local.get $n) (i64.const 1))) (i64.const 1)))
        (if (result i64) (i64.eq (i64.rem_u (local.get $a) (i64.const 2)) (i64.const 1))
          (then (i64.div_u (i64.add (local.get $a) (local.get $n)) (i64.const 2)))
          (else (local.get $a))))))
  (func (export "recurse")
    (call $input (i64.const 0))
    (if (i64.ne (call $register_len (i64.const 0)) (i64.const 8)) (then (call $panic)))
    (call $read_register (i64.const 0) (i64.const 0))
    (i64.store (i32.const 0) (call $internal_recurse (i64.load (i32.const 0))))
    (call $value_return (i64.const 8) (i64.const 0)))
  (func (export "abort_with_zero") (call $abort (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))))`;

/** `code` with a custom section of `size` zero bytes appended (LEB128 section and name lengths). */
function withCustomSection(code: Uint8Array, size: number): Uint8Array {
  const leb = (n: number) => {
    const out: number[] = [];
    do {
      out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
      n >>>= 7;
    } while (n > 0);
    return out;
  };
  const name = [1, 0x70];
  return new Uint8Array([...code, 0, ...leb(name.length + size), ...name, ...new Uint8Array(size)]);
}

describe('evil contracts (test_evil_contracts.rs)', () => {
  it('slow_test_evil_deep_trie: 500 keys up to 500 bytes long, written and removed again', { timeout: 60_000 }, async () => {
    const node = await setupTestContract(await wat2wasm(EVIL_WAT));
    for (let i = 0n; i < 50n; i++) {
      const r = node.functionCall(ALICE, TEST_CONTRACT, 'insert_strings', u64le(i * 10n, (i + 1n) * 10n), MAX_GAS, 0n);
      expect(r.status).toEqual(successValue());
    }
    expect(node.chain.viewState(TEST_CONTRACT).length).toBe(500);
    for (let i = 49n; i >= 0n; i--) {
      const r = node.functionCall(ALICE, TEST_CONTRACT, 'delete_strings', u64le(i * 10n, (i + 1n) * 10n), MAX_GAS, 0n);
      expect(r.status).toEqual(successValue());
    }
    expect(node.chain.viewState(TEST_CONTRACT)).toEqual([]);
  });

  it('test_evil_deep_recursion: up to 1000 frames return n, deeper fails', async () => {
    const node = await setupTestContract(await wat2wasm(EVIL_WAT));
    for (const n of [100n, 1000n, 10_000n, 100_000n, 1_000_000n]) {
      const r = node.functionCall(ALICE, TEST_CONTRACT, 'recurse', u64le(n), MAX_GAS, 0n);
      if (n <= 1000n) expect(r.status).toEqual(successValue(u64le(n)));
      else expect(Object.keys(r.status as object)).toEqual(['Failure']);
    }
  });

  it('test_evil_abort: abort with a null message is bad UTF-16', async () => {
    const node = await setupTestContract(await wat2wasm(EVIL_WAT));
    const r = node.functionCall(ALICE, TEST_CONTRACT, 'abort_with_zero', new Uint8Array(0), MAX_GAS, 0n);
    expect(r.status).toEqual({
      Failure: { ActionError: { index: 0, kind: { FunctionCallError: { ExecutionError: 'String encoding is bad UTF-16 sequence.' } } } },
    });
  });

  it('slow_test_self_delay: the promise chain recurses within nearcore range', async () => {
    // rs_contract is ~100 KB (nearcore's legacy build of it is 98,967 bytes) and loading charges
    // per byte; a custom section gives the stand-in that size.
    const code = withCustomSection(await wat2wasm(RS_CONTRACT_WAT), 100_000);
    const node = await setupTestContract(code);
    const depth = withTestContract(code, () => {
      const r = node.functionCall(ALICE, TEST_CONTRACT, 'max_self_recursion_delay', new Uint8Array(4), MAX_GAS, 0n);
      const value = (r.status as { SuccessValue?: string }).SuccessValue;
      expect(value).toBeDefined();
      return Buffer.from(value!, 'base64').readUInt32BE(0);
    });
    expect(depth).toBeGreaterThanOrEqual(56);
    expect(depth).toBeLessThanOrEqual(221);
  });
});
