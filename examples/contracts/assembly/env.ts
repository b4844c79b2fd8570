// Raw NEAR host-function imports used by the example contracts (no SDK: every byte is ours).
@external("env", "read_register") export declare function read_register(register_id: u64, ptr: u64): void;
@external("env", "register_len") export declare function register_len(register_id: u64): u64;
@external("env", "input") export declare function input(register_id: u64): void;
@external("env", "value_return") export declare function value_return(len: u64, ptr: u64): void;
@external("env", "log_utf8") export declare function log_utf8(len: u64, ptr: u64): void;
@external("env", "panic_utf8") export declare function panic_utf8(len: u64, ptr: u64): void;
@external("env", "storage_write") export declare function storage_write(key_len: u64, key_ptr: u64, value_len: u64, value_ptr: u64, register_id: u64): u64;
@external("env", "storage_read") export declare function storage_read(key_len: u64, key_ptr: u64, register_id: u64): u64;
@external("env", "storage_remove") export declare function storage_remove(key_len: u64, key_ptr: u64, register_id: u64): u64;
@external("env", "predecessor_account_id") export declare function predecessor_account_id(register_id: u64): void;
@external("env", "current_account_id") export declare function current_account_id(register_id: u64): void;
@external("env", "attached_deposit") export declare function attached_deposit(balance_ptr: u64): void;
@external("env", "promise_create") export declare function promise_create(account_id_len: u64, account_id_ptr: u64, method_name_len: u64, method_name_ptr: u64, arguments_len: u64, arguments_ptr: u64, amount_ptr: u64, gas: u64): u64;
@external("env", "promise_then") export declare function promise_then(promise_index: u64, account_id_len: u64, account_id_ptr: u64, method_name_len: u64, method_name_ptr: u64, arguments_len: u64, arguments_ptr: u64, amount_ptr: u64, gas: u64): u64;
@external("env", "promise_return") export declare function promise_return(promise_id: u64): void;
@external("env", "promise_results_count") export declare function promise_results_count(): u64;
@external("env", "promise_result") export declare function promise_result(result_idx: u64, register_id: u64): u64;

const SCRATCH: u64 = 0;

/** Bytes of register `id` (empty when unset). */
export function readRegister(id: u64): Uint8Array {
  const len = register_len(id);
  if (len == u64.MAX_VALUE) return new Uint8Array(0);
  const out = new Uint8Array(<i32>len);
  read_register(id, <u64>out.dataStart);
  return out;
}

export function inputBytes(): Uint8Array {
  input(SCRATCH);
  return readRegister(SCRATCH);
}

export function inputString(): string {
  return String.UTF8.decode(inputBytes().buffer);
}

export function utf8(s: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(s));
}

export function returnBytes(b: Uint8Array): void {
  value_return(<u64>b.length, <u64>b.dataStart);
}

export function returnString(s: string): void {
  returnBytes(utf8(s));
}

export function log(s: string): void {
  const b = utf8(s);
  log_utf8(<u64>b.length, <u64>b.dataStart);
}

export function fail(s: string): void {
  const b = utf8(s);
  panic_utf8(<u64>b.length, <u64>b.dataStart);
}

export function storageWrite(key: Uint8Array, value: Uint8Array): bool {
  return storage_write(<u64>key.length, <u64>key.dataStart, <u64>value.length, <u64>value.dataStart, SCRATCH) == 1;
}

/** Value under `key`, or null when absent. */
export function storageRead(key: Uint8Array): Uint8Array | null {
  if (storage_read(<u64>key.length, <u64>key.dataStart, SCRATCH) == 0) return null;
  return readRegister(SCRATCH);
}

export function storageRemove(key: Uint8Array): bool {
  return storage_remove(<u64>key.length, <u64>key.dataStart, SCRATCH) == 1;
}

export function predecessor(): string {
  predecessor_account_id(SCRATCH);
  return String.UTF8.decode(readRegister(SCRATCH).buffer);
}

export function currentAccount(): string {
  current_account_id(SCRATCH);
  return String.UTF8.decode(readRegister(SCRATCH).buffer);
}
