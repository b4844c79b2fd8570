/** WAT of the runtime's submodule tests: the engine contract (as in vm-runner's tests, plus `deploy_sub`) and two submodules. */

/** submodule_call(key_len, key_ptr, method_len, method_ptr, input_len, input_ptr, gas, register) -> status */
const SC = '(import "env" "submodule_call" (func $sc (param i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))';

/**
 * The engine contract. Method `call`: input = [u8 repeat][u8 key_len][key][u8 method_len][method]
 * [u64 gas][sub input…]; calls the submodule `repeat` times and returns the u64 status of each
 * call followed by the contents of the result register of the last one.
 * Exports for submodules: `double(i64) -> i64`, `bump() -> i32` (a counter in a global),
 * `boom()` (traps), `spin()` (loops forever), `make_receipt()` (promise_batch_create).
 */
export const ENGINE = `(module
  ${SC}
  (import "env" "input" (func $input (param i64)))
  (import "env" "register_len" (func $rl (param i64) (result i64)))
  (import "env" "read_register" (func $rr (param i64 i64)))
  (import "env" "value_return" (func $vr (param i64 i64)))
  (import "env" "promise_batch_create" (func $pbc (param i64 i64) (result i64)))
  (import "env" "current_account_id" (func $me (param i64)))
  (import "env" "promise_batch_action_deploy_submodule" (func $deploy (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)))
  (memory 1)
  (data (i32.const 60000) "bob.near")
  (global $bumps (mut i32) (i32.const 0))
  (func (export "double") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 2)))
  (func (export "bump") (result i32) (global.set $bumps (i32.add (global.get $bumps) (i32.const 1))) (global.get $bumps))
  (func (export "boom") unreachable)
  (func (export "spin") (loop (br 0)))
  (func (export "make_receipt") (drop (call $pbc (i64.const 8) (i64.const 60000))))
  (func (export "bumps") (i64.store (i32.const 0) (i64.extend_i32_u (global.get $bumps))) (call $vr (i64.const 8) (i64.const 0)))
  (data (i32.const 61000) "input,register_len,read_register,value_return,storage_read,storage_write")
  ;; deploy_sub: input = [u8 key_len][key][code…]; deploys it to this account (whole-account scope).
  (func (export "deploy_sub")
    (local $len i64) (local $kl i64) (local $idx i64)
    (call $input (i64.const 0))
    (local.set $len (call $rl (i64.const 0)))
    (call $rr (i64.const 0) (i64.const 0))
    (local.set $kl (i64.load8_u (i32.const 0)))
    (call $me (i64.const 5))
    (call $rr (i64.const 5) (i64.const 50000))
    (local.set $idx (call $pbc (call $rl (i64.const 5)) (i64.const 50000)))
    (call $deploy (local.get $idx)
      (local.get $kl) (i64.const 1)
      (i64.sub (local.get $len) (i64.add (local.get $kl) (i64.const 1))) (i64.add (local.get $kl) (i64.const 1))
      (i64.const 0) (i64.const 0)
      (i64.const 0) (i64.const 0)
      (i64.const 72) (i64.const 61000)))
  (func (export "call")
    (local $n i32) (local $kl i32) (local $ml i32) (local $in i32) (local $len i64) (local $out i32) (local $i i32)
    (call $input (i64.const 0))
    (local.set $len (call $rl (i64.const 0)))
    (call $rr (i64.const 0) (i64.const 0))
    (local.set $n (i32.load8_u (i32.const 0)))
    (local.set $kl (i32.load8_u (i32.const 1)))
    (local.set $ml (i32.load8_u (i32.add (local.get $kl) (i32.const 2))))
    (local.set $in (i32.add (i32.add (local.get $kl) (local.get $ml)) (i32.const 11)))
    (local.set $out (i32.const 32768))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i64.store (local.get $out)
        (call $sc
          (i64.extend_i32_u (local.get $kl)) (i64.const 2)
          (i64.extend_i32_u (local.get $ml)) (i64.extend_i32_u (i32.add (local.get $kl) (i32.const 3)))
          (i64.sub (local.get $len) (i64.extend_i32_u (local.get $in))) (i64.extend_i32_u (local.get $in))
          (i64.load (i32.add (i32.add (local.get $kl) (local.get $ml)) (i32.const 3)))
          (i64.const 1)))
      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.set $len (call $rl (i64.const 1)))
    (if (i64.ne (local.get $len) (i64.const -1)) (then
      (call $rr (i64.const 1) (i64.extend_i32_u (local.get $out)))
      (local.set $out (i32.add (local.get $out) (i32.wrap_i64 (local.get $len))))))
    (call $vr (i64.extend_i32_u (i32.sub (local.get $out) (i32.const 32768))) (i64.const 32768)))
)`;

// The two submodules are the same as vm-runner's submodule tests use.
export { COUNTER, ECHO } from '../../vm-runner/test/submodules/fixtures.js';
