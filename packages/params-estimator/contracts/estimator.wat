;; The estimator's test contract: one exported method per measured host function, each calling
;; it in a loop (nearcore's runtime-params-estimator does the same with its Rust test contract).
;;
;; Every method (except `noop`) reads its arguments from the call input, copied to offset 0:
;;   0: N (u64)  how many times to call the host function
;;   8: X (u64)  the size being varied (bytes, elements, key length, ...)
;;  16: Y (u64)  a second size or a gas amount
;;  24: Z (u64)  a seed that keeps keys and yield ids unique between calls on one account
;;  32: payload  inputs that must be valid (signatures, curve points, data ids, keys)
;; A call with N = 0 does all the setup and no host-function call: the estimator subtracts it.
;;
;; Memory map: ARGS 0x000000 (1 MiB) · BUF 0x100000 (2 MiB, filled with 'a' up to X bytes) ·
;; KEY 0x300000 · ACC 0x310000 (own account id) · MISC 0x320000 (zero amount, method names,
;; yield ids, stake output) · IDS 0x330000 (promise indices, data ids).
;; Build: node scripts/build-contract.mjs (wabt) → src/contracts/estimator-wasm.ts
(module
  (import "env" "input" (func $input (param i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "write_register" (func $write_register (param i64 i64 i64)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (import "env" "current_account_id" (func $current_account_id (param i64)))
  (import "env" "block_index" (func $block_index (result i64)))
  (import "env" "log_utf8" (func $log_utf8 (param i64 i64)))
  (import "env" "log_utf16" (func $log_utf16 (param i64 i64)))
  (import "env" "sha256" (func $sha256 (param i64 i64 i64)))
  (import "env" "keccak256" (func $keccak256 (param i64 i64 i64)))
  (import "env" "keccak512" (func $keccak512 (param i64 i64 i64)))
  (import "env" "ripemd160" (func $ripemd160 (param i64 i64 i64)))
  (import "env" "ecrecover" (func $ecrecover (param i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "ed25519_verify" (func $ed25519_verify (param i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "p256_verify" (func $p256_verify (param i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "alt_bn128_g1_multiexp" (func $alt_bn128_g1_multiexp (param i64 i64 i64)))
  (import "env" "alt_bn128_g1_sum" (func $alt_bn128_g1_sum (param i64 i64 i64)))
  (import "env" "alt_bn128_pairing_check" (func $alt_bn128_pairing_check (param i64 i64) (result i64)))
  (import "env" "bls12381_p1_sum" (func $bls12381_p1_sum (param i64 i64 i64) (result i64)))
  (import "env" "bls12381_p2_sum" (func $bls12381_p2_sum (param i64 i64 i64) (result i64)))
  (import "env" "bls12381_g1_multiexp" (func $bls12381_g1_multiexp (param i64 i64 i64) (result i64)))
  (import "env" "bls12381_g2_multiexp" (func $bls12381_g2_multiexp (param i64 i64 i64) (result i64)))
  (import "env" "bls12381_map_fp_to_g1" (func $bls12381_map_fp_to_g1 (param i64 i64 i64) (result i64)))
  (import "env" "bls12381_map_fp2_to_g2" (func $bls12381_map_fp2_to_g2 (param i64 i64 i64) (result i64)))
  (import "env" "bls12381_pairing_check" (func $bls12381_pairing_check (param i64 i64) (result i64)))
  (import "env" "bls12381_p1_decompress" (func $bls12381_p1_decompress (param i64 i64 i64) (result i64)))
  (import "env" "bls12381_p2_decompress" (func $bls12381_p2_decompress (param i64 i64 i64) (result i64)))
  (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))
  (import "env" "storage_read" (func $storage_read (param i64 i64 i64) (result i64)))
  (import "env" "storage_remove" (func $storage_remove (param i64 i64 i64) (result i64)))
  (import "env" "storage_has_key" (func $storage_has_key (param i64 i64) (result i64)))
  (import "env" "promise_create" (func $promise_create (param i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "promise_then" (func $promise_then (param i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "promise_and" (func $promise_and (param i64 i64) (result i64)))
  (import "env" "promise_batch_create" (func $promise_batch_create (param i64 i64) (result i64)))
  (import "env" "promise_return" (func $promise_return (param i64)))
  (import "env" "validator_stake" (func $validator_stake (param i64 i64 i64)))
  (import "env" "validator_total_stake" (func $validator_total_stake (param i64)))
  (import "env" "promise_yield_create" (func $promise_yield_create (param i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "promise_yield_create_with_id" (func $promise_yield_create_with_id (param i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "promise_yield_resume" (func $promise_yield_resume (param i64 i64 i64 i64) (result i32)))
  (memory 64)

  ;; Method names used by promises and yields, and a zero u128 amount at MISC.
  (data (i32.const 0x320010) "noop")
  (data (i32.const 0x320020) "produce")

  ;; ---- helpers ------------------------------------------------------------------------------
  (func $args
    (call $input (i64.const 0))
    (call $read_register (i64.const 0) (i64.const 0)))
  (func $arg_n (result i64) (i64.load (i32.const 0)))
  (func $arg_x (result i64) (i64.load (i32.const 8)))
  (func $arg_y (result i64) (i64.load (i32.const 16)))
  (func $arg_z (result i64) (i64.load (i32.const 24)))
  ;; BUF[0..len) = 'a' (valid UTF-8 and, in pairs, valid UTF-16: U+6161).
  (func $fill (param $len i64)
    (memory.fill (i32.const 0x100000) (i32.const 0x61) (i32.wrap_i64 (local.get $len))))
  (func $check (param $ok i32)
    (if (i32.eqz (local.get $ok)) (then unreachable)))
  ;; Own account id → ACC; returns its length.
  (func $own_account (result i64)
    (call $current_account_id (i64.const 1))
    (call $read_register (i64.const 1) (i64.const 0x310000))
    (call $register_len (i64.const 1)))
  ;; KEY = 8-byte LE (seed << 32 | i) followed by 'k' up to len bytes (len ≥ 8).
  (func $make_key (param $len i64) (param $i i64)
    (memory.fill (i32.const 0x300000) (i32.const 0x6b) (i32.wrap_i64 (local.get $len)))
    (i64.store (i32.const 0x300000)
      (i64.or (i64.shl (call $arg_z) (i64.const 32)) (local.get $i))))

  ;; ---- baselines ----------------------------------------------------------------------------
  (func (export "noop"))

  ;; `produce`: returns X bytes (the data of a data receipt).
  (func (export "produce")
    (call $args)
    (call $fill (call $arg_x))
    (call $value_return (call $arg_x) (i64.const 0x100000)))

  ;; ---- host call and wasm ---------------------------------------------------------------------
  (func (export "base") (local $i i64) (local $n i64)
    (call $args) (local.set $n (call $arg_n))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (drop (call $block_index))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; Plain wasm work: arithmetic, a load and a store per iteration.
  (func (export "cpu") (local $i i64) (local $n i64) (local $acc i64)
    (call $args) (local.set $n (call $arg_n))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 6364136223846793005)) (local.get $i)))
      (i64.store (i32.const 0x100000) (i64.xor (local.get $acc) (i64.load (i32.const 0x100008))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; ---- memory and registers -----------------------------------------------------------------
  (func (export "read_memory") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (call $fill (local.get $x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $value_return (local.get $x) (i64.const 0x100000))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "write_memory") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (call $fill (local.get $x))
    (call $write_register (i64.const 1) (local.get $x) (i64.const 0x100000))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $read_register (i64.const 1) (i64.const 0x100000))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "read_register") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (call $fill (local.get $x))
    (call $write_register (i64.const 1) (local.get $x) (i64.const 0x100000))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $value_return (i64.const -1) (i64.const 1))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "write_register") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (call $fill (local.get $x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $write_register (i64.const 1) (local.get $x) (i64.const 0x100000))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; ---- logs ------------------------------------------------------------------------------------
  (func (export "log_utf8") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (call $fill (local.get $x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $log_utf8 (local.get $x) (i64.const 0x100000))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "log_utf16") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (call $fill (local.get $x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $log_utf16 (local.get $x) (i64.const 0x100000))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; ---- hashes (result in register 1) ------------------------------------------------------------
  (func (export "sha256") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (call $fill (local.get $x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $sha256 (local.get $x) (i64.const 0x100000) (i64.const 1))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "keccak256") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (call $fill (local.get $x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $keccak256 (local.get $x) (i64.const 0x100000) (i64.const 1))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "keccak512") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (call $fill (local.get $x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $keccak512 (local.get $x) (i64.const 0x100000) (i64.const 1))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "ripemd160") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (call $fill (local.get $x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $ripemd160 (local.get $x) (i64.const 0x100000) (i64.const 1))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; ---- signatures (payload prepared by the estimator; a false result would be a cheaper path) ---
  ;; payload: hash (32) at 32, signature (64) at 64; Y = v.
  (func (export "ecrecover") (local $i i64) (local $n i64)
    (call $args) (local.set $n (call $arg_n))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $check (i64.eq (call $ecrecover (i64.const 32) (i64.const 32) (i64.const 64) (i64.const 64)
        (call $arg_y) (i64.const 0) (i64.const 1)) (i64.const 1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; payload: signature (64) at 32, public key (32) at 96, message (X) at 128.
  (func (export "ed25519_verify") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $check (i64.eq (call $ed25519_verify (i64.const 64) (i64.const 32) (local.get $x) (i64.const 128)
        (i64.const 32) (i64.const 96)) (i64.const 1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; payload: signature (64) at 32, compressed public key (33) at 96, prehash (X) at 129.
  (func (export "p256_verify") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $check (i64.eq (call $p256_verify (i64.const 64) (i64.const 32) (local.get $x) (i64.const 129)
        (i64.const 33) (i64.const 96)) (i64.const 1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; ---- curves: payload of X bytes at 32 -------------------------------------------------------------
  (func (export "alt_bn128_g1_multiexp") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $alt_bn128_g1_multiexp (local.get $x) (i64.const 32) (i64.const 1))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "alt_bn128_g1_sum") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $alt_bn128_g1_sum (local.get $x) (i64.const 32) (i64.const 1))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "alt_bn128_pairing_check") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (drop (call $alt_bn128_pairing_check (local.get $x) (i64.const 32)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; The BLS12-381 functions return 0 on success (1 = bad input, which must not happen here).
  (func (export "bls12381_p1_sum") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $check (i64.eqz (call $bls12381_p1_sum (local.get $x) (i64.const 32) (i64.const 1))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "bls12381_p2_sum") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $check (i64.eqz (call $bls12381_p2_sum (local.get $x) (i64.const 32) (i64.const 1))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "bls12381_g1_multiexp") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $check (i64.eqz (call $bls12381_g1_multiexp (local.get $x) (i64.const 32) (i64.const 1))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "bls12381_g2_multiexp") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $check (i64.eqz (call $bls12381_g2_multiexp (local.get $x) (i64.const 32) (i64.const 1))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "bls12381_map_fp_to_g1") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $check (i64.eqz (call $bls12381_map_fp_to_g1 (local.get $x) (i64.const 32) (i64.const 1))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "bls12381_map_fp2_to_g2") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $check (i64.eqz (call $bls12381_map_fp2_to_g2 (local.get $x) (i64.const 32) (i64.const 1))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "bls12381_pairing_check") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $check (i64.ne (call $bls12381_pairing_check (local.get $x) (i64.const 32)) (i64.const 1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "bls12381_p1_decompress") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $check (i64.eqz (call $bls12381_p1_decompress (local.get $x) (i64.const 32) (i64.const 1))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "bls12381_p2_decompress") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $check (i64.eqz (call $bls12381_p2_decompress (local.get $x) (i64.const 32) (i64.const 1))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; ---- storage: N distinct keys of X bytes (see $make_key), values of Y bytes ---------------------
  (func (export "storage_write") (local $i i64) (local $n i64)
    (call $args) (local.set $n (call $arg_n))
    (call $fill (call $arg_y))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $make_key (call $arg_x) (local.get $i))
      (drop (call $storage_write (call $arg_x) (i64.const 0x300000) (call $arg_y) (i64.const 0x100000) (i64.const 1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "storage_read") (local $i i64) (local $n i64)
    (call $args) (local.set $n (call $arg_n))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $make_key (call $arg_x) (local.get $i))
      (call $check (i64.eq (call $storage_read (call $arg_x) (i64.const 0x300000) (i64.const 1)) (i64.const 1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "storage_has_key") (local $i i64) (local $n i64)
    (call $args) (local.set $n (call $arg_n))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $make_key (call $arg_x) (local.get $i))
      (call $check (i64.eq (call $storage_has_key (call $arg_x) (i64.const 0x300000)) (i64.const 1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "storage_remove") (local $i i64) (local $n i64)
    (call $args) (local.set $n (call $arg_n))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $make_key (call $arg_x) (local.get $i))
      (call $check (i64.eq (call $storage_remove (call $arg_x) (i64.const 0x300000) (i64.const 1)) (i64.const 1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; Trie depth: keys 'k', 'kk', ..., X×'k' — each a prefix of the next, so the last one sits
  ;; about 2·X trie nodes deep.
  (func (export "storage_write_chain") (local $l i64) (local $x i64)
    (call $args) (local.set $x (call $arg_x))
    (memory.fill (i32.const 0x300000) (i32.const 0x6b) (i32.wrap_i64 (local.get $x)))
    (local.set $l (i64.const 1))
    (block $done (loop $next
      (br_if $done (i64.gt_u (local.get $l) (local.get $x)))
      (drop (call $storage_write (local.get $l) (i64.const 0x300000) (i64.const 1) (i64.const 0x100000) (i64.const 1)))
      (local.set $l (i64.add (local.get $l) (i64.const 1)))
      (br $next))))

  ;; N writes (X = 1) or N reads (X = 0) of the key in the payload (Y bytes at 32).
  (func (export "storage_key_access") (local $i i64) (local $n i64)
    (call $args) (local.set $n (call $arg_n))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (if (i64.eqz (call $arg_x))
        (then (drop (call $storage_read (call $arg_y) (i64.const 32) (i64.const 1))))
        (else (drop (call $storage_write (call $arg_y) (i64.const 32) (i64.const 8)
          (i64.const 0x100000) (i64.const 1)))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; ---- promises, validators, yields --------------------------------------------------------------
  ;; X empty receipts to self, then N joins of all of them.
  (func (export "promise_and") (local $i i64) (local $n i64) (local $x i64) (local $len i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (local.set $len (call $own_account))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $x)))
      (i64.store (i32.add (i32.const 0x330000) (i32.wrap_i64 (i64.mul (local.get $i) (i64.const 8))))
        (call $promise_batch_create (local.get $len) (i64.const 0x310000)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next)))
    (local.set $i (i64.const 0))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (drop (call $promise_and (i64.const 0x330000) (local.get $x)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "promise_return") (local $i i64) (local $n i64) (local $p i64)
    (call $args) (local.set $n (call $arg_n))
    (local.set $p (call $promise_batch_create (call $own_account) (i64.const 0x310000)))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $promise_return (local.get $p))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; payload: a validator's account id (X bytes) at 32.
  (func (export "validator_stake") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $validator_stake (local.get $x) (i64.const 32) (i64.const 0x320100))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  (func (export "validator_total_stake") (local $i i64) (local $n i64)
    (call $args) (local.set $n (call $arg_n))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $validator_total_stake (i64.const 0x320100))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; N yields calling back `noop` with X bytes of arguments and Y gas.
  (func (export "yield_create") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (call $fill (local.get $x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (drop (call $promise_yield_create (i64.const 4) (i64.const 0x320010) (local.get $x) (i64.const 0x100000)
        (call $arg_y) (i64.const 0) (i64.const 1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; N yields with 32-byte ids (seed << 32 | i, zero padded) and Y gas each.
  (func (export "yield_create_with_id") (local $i i64) (local $n i64)
    (call $args) (local.set $n (call $arg_n))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (i64.store (i32.const 0x320040) (i64.or (i64.shl (call $arg_z) (i64.const 32)) (local.get $i)))
      (call $check (i64.ne (call $promise_yield_create_with_id (i64.const 4) (i64.const 0x320010) (i64.const 0)
        (i64.const 0x100000) (i64.const 0x320000) (call $arg_y) (i64.const 0) (i64.const 32) (i64.const 0x320040))
        (i64.const -1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; Setup for `yield_resume`: N yields with Y gas each; returns their data ids (32·N bytes).
  (func (export "yield_setup") (local $i i64) (local $n i64)
    (call $args) (local.set $n (call $arg_n))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (drop (call $promise_yield_create (i64.const 4) (i64.const 0x320010) (i64.const 0) (i64.const 0x100000)
        (call $arg_y) (i64.const 0) (i64.const 1)))
      (call $read_register (i64.const 1)
        (i64.add (i64.const 0x330000) (i64.mul (local.get $i) (i64.const 32))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next)))
    (call $value_return (i64.mul (local.get $n) (i64.const 32)) (i64.const 0x330000)))

  ;; payload: N data ids at 32; resumes each with X bytes.
  (func (export "yield_resume") (local $i i64) (local $n i64) (local $x i64)
    (call $args) (local.set $n (call $arg_n)) (local.set $x (call $arg_x))
    (call $fill (local.get $x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (call $check (i32.eq (call $promise_yield_resume (i64.const 32)
        (i64.add (i64.const 32) (i64.mul (local.get $i) (i64.const 32))) (local.get $x) (i64.const 0x100000))
        (i32.const 1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))

  ;; ---- data receipts ---------------------------------------------------------------------------------
  ;; N calls of `produce` (X bytes each, Y gas each) joined into one callback to `noop`: N data receipts.
  (func (export "data_receipts") (local $i i64) (local $n i64) (local $len i64)
    (call $args) (local.set $n (call $arg_n))
    (local.set $len (call $own_account))
    (call $produce_calls (local.get $n) (local.get $len))
    (drop (call $promise_then (call $promise_and (i64.const 0x330000) (local.get $n))
      (local.get $len) (i64.const 0x310000) (i64.const 4) (i64.const 0x320010) (i64.const 0) (i64.const 0)
      (i64.const 0x320000) (call $arg_y))))

  ;; The same calls without the callback: no data receipts.
  (func (export "data_receipts_base") (local $len i64)
    (call $args)
    (local.set $len (call $own_account))
    (call $produce_calls (call $arg_n) (local.get $len)))

  (func $produce_calls (param $n i64) (param $len i64) (local $i i64)
    ;; `produce` arguments at MISC+0x80: N = 0, X.
    (i64.store (i32.const 0x320080) (i64.const 0))
    (i64.store (i32.const 0x320088) (call $arg_x))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (i64.store (i32.add (i32.const 0x330000) (i32.wrap_i64 (i64.mul (local.get $i) (i64.const 8))))
        (call $promise_create (local.get $len) (i64.const 0x310000) (i64.const 7) (i64.const 0x320020)
          (i64.const 16) (i64.const 0x320080) (i64.const 0x320000) (call $arg_y)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))))
)
