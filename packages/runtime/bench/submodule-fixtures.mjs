// Contracts of the submodules benchmark, and a fast generator of distinct submodules.
//
// ENGINE (the account contract):
//   call_subs   input = [u64 gas per call][u32 BE key]…   calls `add` of each submodule, with
//               (a, b) = (40, 2); panics unless every call returns status 0; returns Σ results.
//   call_local  input = [u32 n]                          runs the same `add` code as a function
//               of the contract n times (same memory traffic: input words, constant, result).
//   call_cb     input = [u32 n]                          calls submodule "cb" once; it calls the
//               contract's export `h` n times.
//   call_h      input = [u32 n]                          calls the contract's own `h` n times.
// SUB (template of the million submodules): `add` returns a + b + K, where K is 8 bytes in a data
// segment; `instantiate(i)` copies the compiled template and writes i into K, so every submodule
// has distinct code (its own code hash, its own compiled artifact) at the cost of a byte copy.
import wabtInit from 'wabt';

export const ENGINE = `(module
  (import "env" "submodule_call" (func $sc (param i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "input" (func $input (param i64)))
  (import "env" "register_len" (func $rl (param i64) (result i64)))
  (import "env" "read_register" (func $rr (param i64 i64)))
  (import "env" "value_return" (func $vr (param i64 i64)))
  (import "env" "panic" (func $panic))
  (memory 1)
  (data (i32.const 16) "addloop")
  (data (i32.const 32) "cb")
  (data (i32.const 64) "\\28\\00\\00\\00\\00\\00\\00\\00\\02\\00\\00\\00\\00\\00\\00\\00")
  (func $add (param $a i64) (param $b i64) (result i64)
    (i64.add (i64.add (local.get $a) (local.get $b)) (i64.load (i32.const 1024))))
  (func $h (export "h") (param i64) (result i64) (i64.add (local.get 0) (i64.const 1)))
  (func (export "call_subs")
    (local $len i32) (local $p i32) (local $acc i64)
    (call $input (i64.const 0))
    (local.set $len (i32.wrap_i64 (call $rl (i64.const 0))))
    (call $rr (i64.const 0) (i64.const 4096))
    (local.set $p (i32.const 4104))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $p) (i32.add (i32.const 4096) (local.get $len))))
      (if (i64.ne (call $sc (i64.const 4) (i64.extend_i32_u (local.get $p)) (i64.const 3) (i64.const 16)
                            (i64.const 16) (i64.const 64) (i64.load (i32.const 4096)) (i64.const 1))
                  (i64.const 0))
        (then (call $panic)))
      (call $rr (i64.const 1) (i64.const 96))
      (local.set $acc (i64.add (local.get $acc) (i64.load (i32.const 96))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $next)))
    (i64.store (i32.const 128) (local.get $acc))
    (call $vr (i64.const 8) (i64.const 128)))
  (func (export "call_local")
    (local $n i32) (local $acc i64)
    (call $input (i64.const 0))
    (call $rr (i64.const 0) (i64.const 4096))
    (local.set $n (i32.load (i32.const 4096)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (i64.store (i32.const 96) (call $add (i64.load (i32.const 64)) (i64.load (i32.const 72))))
      (local.set $acc (i64.add (local.get $acc) (i64.load (i32.const 96))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (i64.store (i32.const 128) (local.get $acc))
    (call $vr (i64.const 8) (i64.const 128)))
  (func (export "call_cb")
    (call $input (i64.const 0))
    (call $rr (i64.const 0) (i64.const 4096))
    (if (i64.ne (call $sc (i64.const 2) (i64.const 32) (i64.const 4) (i64.const 19) (i64.const 4) (i64.const 4096)
                          (i64.const 250000000000000) (i64.const 1))
                (i64.const 0))
      (then (call $panic)))
    (call $rr (i64.const 1) (i64.const 128))
    (call $vr (i64.const 8) (i64.const 128)))
  (func (export "call_h")
    (local $n i32) (local $x i64)
    (call $input (i64.const 0))
    (call $rr (i64.const 0) (i64.const 4096))
    (local.set $n (i32.load (i32.const 4096)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $x (call $h (local.get $x)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (i64.store (i32.const 128) (local.get $x))
    (call $vr (i64.const 8) (i64.const 128)))
)`;

export const SUB = `(module
  (import "env" "input" (func $input (param i64)))
  (import "env" "read_register" (func $rr (param i64 i64)))
  (import "env" "value_return" (func $vr (param i64 i64)))
  (memory 1)
  (data (i32.const 1024) "\\ef\\cd\\ab\\89\\67\\45\\23\\01")
  (func (export "add")
    (call $input (i64.const 0))
    (call $rr (i64.const 0) (i64.const 0))
    (i64.store (i32.const 16) (i64.add (i64.add (i64.load (i32.const 0)) (i64.load (i32.const 8))) (i64.load (i32.const 1024))))
    (call $vr (i64.const 8) (i64.const 16)))
)`;

/** The callback submodule: `loop` with input [u32 n] sets x = h(x) n times, returns x. */
export const CALLBACK_SUB = `(module
  (import "env" "input" (func $input (param i64)))
  (import "env" "read_register" (func $rr (param i64 i64)))
  (import "env" "value_return" (func $vr (param i64 i64)))
  (import "parent" "h" (func $h (param i64) (result i64)))
  (memory 1)
  (func (export "loop")
    (local $n i32) (local $x i64)
    (call $input (i64.const 0))
    (call $rr (i64.const 0) (i64.const 0))
    (local.set $n (i32.load (i32.const 0)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $x (call $h (local.get $x)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (i64.store (i32.const 16) (local.get $x))
    (call $vr (i64.const 8) (i64.const 16)))
)`;

export async function compileAll() {
  const wabt = await wabtInit();
  const build = (name, src) => {
    const m = wabt.parseWat(`${name}.wat`, src);
    try {
      return new Uint8Array(m.toBinary({}).buffer);
    } finally {
      m.destroy();
    }
  };
  const engine = build('engine', ENGINE);
  const sub = build('sub', SUB);
  const callback = build('callback', CALLBACK_SUB);
  const sentinel = [0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01];
  const at = sub.findIndex((_, i) => sentinel.every((b, j) => sub[i + j] === b));
  if (at < 0) throw new Error('sentinel not found in the submodule template');
  /** Submodule i: the template with K = i. */
  const instantiate = (i) => {
    const code = sub.slice();
    new DataView(code.buffer).setBigUint64(at, BigInt(i), true);
    return code;
  };
  return { engine, callback, instantiate, templateSize: sub.length };
}

/** Submodule keys: the index as 4 bytes, big-endian (binary keys, sorted like the indices). */
export function keyOf(i) {
  const k = new Uint8Array(4);
  new DataView(k.buffer).setUint32(0, i, false);
  return k;
}
