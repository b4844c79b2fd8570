// The cheapest host a NEAR contract can run on, for floors measured next to nearts: registers,
// storage in a Map, a fixed context; no gas, no fees, no limits, no checks. Also the original
// module rewritten to import a shared memory, as preparation makes it, without any metering.
import { createHash } from 'node:crypto';
import { appendToVector, sections, uleb } from './contracts.mjs';

const U64_MAX = 0xffff_ffff_ffff_ffffn;

/**
 * The original module with its own memory replaced by an imported shared memory
 * (`env.memory`, `initial`…`maximum` pages), as preparation imports it: the token unmetered,
 * over the memory this design gives every call. Section-level rewrite: the memory section goes,
 * one import is appended to the import section.
 */
export function withImportedSharedMemory(code, initial, maximum) {
  const out = [code.subarray(0, 8)];
  const name = (s) => [...uleb(s.length), ...Buffer.from(s)];
  const memoryImport = [...name('env'), ...name('memory'), 0x02, 0x03, ...uleb(initial), ...uleb(maximum)];
  for (const { id, body: original } of sections(code)) {
    if (id === 5) continue;
    const body = id === 2 ? appendToVector(original, [memoryImport]) : original;
    out.push(Buffer.from([id, ...uleb(body.length)]), body);
  }
  return new Uint8Array(Buffer.concat(out));
}

/**
 * The cheapest host the token runs on: registers, storage in a Map (latin1 keys), a fixed
 * context, no gas, no fees, no limits. `memory()` is the running instance's memory.
 */
export function stubHost(memory, storage, ctx) {
  const registers = new Map();
  const bytes = () => new Uint8Array(memory().buffer);
  const read = (len, ptr) => Buffer.from(bytes().slice(Number(ptr), Number(ptr) + Number(len)));
  const u128 = (ptr, v) => {
    const b = bytes();
    for (let i = 0; i < 16; i++) b[Number(ptr) + i] = Number((v >> BigInt(8 * i)) & 0xffn);
  };
  const fail = (name) => () => {
    throw new Error(`stub host: ${name} not expected`);
  };
  const env = {
    read_register: (reg, ptr) => void bytes().set(registers.get(reg), Number(ptr)),
    register_len: (reg) => (registers.has(reg) ? BigInt(registers.get(reg).length) : U64_MAX),
    current_account_id: (reg) => void registers.set(reg, ctx.current),
    signer_account_id: (reg) => void registers.set(reg, ctx.signer),
    signer_account_pk: (reg) => void registers.set(reg, new Uint8Array(33)),
    predecessor_account_id: (reg) => void registers.set(reg, ctx.predecessor),
    input: (reg) => void registers.set(reg, ctx.input),
    block_index: () => 1n,
    block_timestamp: () => 1n,
    epoch_height: () => 1n,
    storage_usage: () => ctx.usage,
    account_balance: (ptr) => u128(ptr, 10n ** 26n),
    account_locked_balance: (ptr) => u128(ptr, 0n),
    attached_deposit: (ptr) => u128(ptr, ctx.deposit),
    prepaid_gas: () => 30n * 10n ** 12n,
    used_gas: () => 0n,
    random_seed: (reg) => void registers.set(reg, new Uint8Array(32)),
    sha256: (len, ptr, reg) => void registers.set(reg, createHash('sha256').update(read(len, ptr)).digest()),
    value_return: (len, ptr) => void (ctx.returned = read(len, ptr)),
    panic: fail('panic'),
    panic_utf8: (len, ptr) => {
      throw new Error(`stub host: panic ${read(len, ptr).toString()}`);
    },
    log_utf8: (len, ptr) => void ctx.logs.push(read(len, ptr).toString()),
    promise_batch_create: () => 0n,
    promise_batch_action_transfer: () => undefined,
    storage_write: (klen, kptr, vlen, vptr, reg) => {
      const key = read(klen, kptr).toString('latin1');
      const value = read(vlen, vptr);
      const old = storage.get(key);
      storage.set(key, value);
      if (old === undefined) {
        ctx.usage += BigInt(key.length + value.length + 40);
        return 0n;
      }
      ctx.usage += BigInt(value.length - old.length);
      registers.set(reg, old);
      return 1n;
    },
    storage_read: (klen, kptr, reg) => {
      const value = storage.get(read(klen, kptr).toString('latin1'));
      if (value === undefined) return 0n;
      registers.set(reg, value);
      return 1n;
    },
    storage_remove: fail('storage_remove'),
    storage_has_key: (klen, kptr) => (storage.has(read(klen, kptr).toString('latin1')) ? 1n : 0n),
  };
  for (const name of ['keccak256', 'keccak512', 'log_utf16', 'promise_create', 'promise_then', 'promise_and', 'promise_batch_then', 'promise_results_count', 'promise_result', 'promise_return', 'validator_stake', 'validator_total_stake'])
    env[name] = fail(name);
  for (const name of ['create_account', 'deploy_contract', 'function_call', 'stake', 'add_key_with_full_access', 'add_key_with_function_call', 'delete_key', 'delete_account'])
    env[`promise_batch_action_${name}`] = fail(name);
  return env;
}
