/** nearcore runtime/near-vm-runner/src/logic/tests/miscs.rs, translated. */
import { readFileSync } from 'node:fs';
import { sha256 } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { U64_MAX, VMLogicBuilder, hostErrorOf, le64, utf8 } from './logic-builder.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
/** `CryptoHash::hash_borsh(s)` of a string: sha256 of its borsh (u32 length + bytes). */
function hashBorshString(s: string): Uint8Array {
  const b = utf8(s);
  const out = new Uint8Array(4 + b.length);
  new DataView(out.buffer).setUint32(0, b.length, true);
  out.set(b, 4);
  return sha256(out);
}

const SHA256_TESDSST = [
  18, 176, 115, 156, 45, 100, 241, 132, 180, 134, 77, 42, 105, 111, 199, 127, 118, 112, 92, 255, 88, 43, 83, 147, 122, 55, 26, 36, 42, 156, 160, 158,
];

describe('nearcore logic tests: miscs', () => {
  const hashCases: [string, number[], string, Record<string, number>][] = [
    ['sha256', SHA256_TESDSST, 'sha256', { sha256_byte: 7 }],
    [
      'keccak256',
      [104, 110, 58, 122, 230, 181, 215, 145, 231, 229, 49, 162, 123, 167, 177, 58, 26, 142, 129, 173, 7, 37, 9, 26, 233, 115, 64, 102, 61, 85, 10, 159],
      'keccak256',
      { keccak256_byte: 7 },
    ],
    [
      'keccak512',
      [
        55, 134, 96, 137, 168, 122, 187, 95, 67, 76, 18, 122, 146, 11, 225, 106, 117, 194, 154, 157, 48, 160, 90, 146, 104, 209, 118, 126, 222, 230, 200, 125,
        48, 73, 197, 236, 123, 173, 192, 197, 90, 153, 167, 121, 100, 88, 209, 240, 137, 86, 239, 41, 87, 128, 219, 249, 136, 203, 220, 109, 46, 168, 234, 190,
      ],
      'keccak512',
      { keccak512_byte: 7 },
    ],
    [
      'ripemd160',
      [21, 102, 156, 115, 232, 3, 58, 215, 35, 84, 129, 30, 143, 86, 212, 104, 70, 97, 14, 225],
      'ripemd160',
      { ripemd160_block: 1 },
    ],
  ];
  it.each(hashCases)('%s of "tesdsst" and its costs', (name, want, costPrefix, perByte) => {
    const t = VMLogicBuilder.default().build();
    const data = t.memWrite('tesdsst');
    t.call(name, data.len, data.ptr, 0n);
    t.assertReadRegister(new Uint8Array(want), 0n);
    const n = want.length;
    t.assertCosts({
      base: 1,
      read_memory_base: 1,
      read_memory_byte: data.len,
      write_memory_base: 1,
      write_memory_byte: n,
      read_register_base: 1,
      read_register_byte: n,
      write_register_base: 1,
      write_register_byte: n,
      [`${costPrefix}_base`]: 1,
      ...perByte,
    });
  });

  it('ecrecover over ecrecover-tests.json: result and costs', () => {
    const cases = JSON.parse(readFileSync(new URL('../crypto/vectors/ecrecover-tests.json', import.meta.url), 'utf8')) as {
      m: string;
      v: number;
      sig: string;
      mc: boolean;
      res: string | null;
    }[];
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const t = VMLogicBuilder.default().build();
      const m = t.memWrite(hex(c.m));
      const sig = t.memWrite(hex(c.sig));
      const r = t.call('ecrecover', m.len, m.ptr, sig.len, sig.ptr, BigInt(c.v), c.mc ? 1n : 0n, 1n);
      expect(r).toBe(c.res !== null ? 1n : 0n);
      if (c.res !== null) {
        t.assertCosts({ read_memory_base: 2, read_memory_byte: 96, write_register_base: 1, write_register_byte: 64, ecrecover_base: 1 });
        t.assertReadRegister(hex(c.res), 1n);
      } else {
        t.assertCosts({ read_memory_base: 2, read_memory_byte: 96, ecrecover_base: 1 });
      }
    }
  });

  it('sha256 of a register', () => {
    const t = VMLogicBuilder.default().build();
    t.writeRegister(1n, 'tesdsst');
    t.call('sha256', U64_MAX, 1n, 0n);
    t.assertReadRegister(new Uint8Array(SHA256_TESDSST), 0n);
    const len = 7n;
    t.assertCosts({
      base: 1,
      write_memory_base: 1,
      write_memory_byte: 32,
      read_register_base: 2,
      read_register_byte: 32n + len,
      write_register_base: 2,
      write_register_byte: 32n + len,
      sha256_base: 1,
      sha256_byte: len,
    });
  });

  it('max_length_storage_key applies to has_key, write, read and remove', () => {
    const b = VMLogicBuilder.default();
    const limit = 1024n;
    b.config.limitConfig.maxLengthStorageKey = limit;
    const t = b.build();
    t.call('storage_has_key', limit, 0n);
    t.call('storage_write', limit, 0n, 5n, 0n, 0n);
    t.call('storage_read', limit, 0n, 0n);
    t.call('storage_remove', limit, 0n, 0n);
    const err = { kind: 'KeyLengthExceeded', length: limit + 1n, limit };
    expect(hostErrorOf(() => t.call('storage_has_key', limit + 1n, 0n))).toEqual(err);
    expect(hostErrorOf(() => t.call('storage_write', limit + 1n, 0n, 5n, 0n, 0n))).toEqual(err);
    expect(hostErrorOf(() => t.call('storage_read', limit + 1n, 0n, 0n))).toEqual(err);
    expect(hostErrorOf(() => t.call('storage_remove', limit + 1n, 0n, 0n))).toEqual(err);
  });

  it('max_length_storage_value', () => {
    const b = VMLogicBuilder.default();
    const limit = 1024n;
    b.config.limitConfig.maxLengthStorageValue = limit;
    const t = b.build();
    const key = t.memWrite('hello');
    t.call('storage_write', key.len, key.ptr, limit / 2n, 0n, 0n);
    t.call('storage_write', key.len, key.ptr, limit, 0n, 0n);
    expect(hostErrorOf(() => t.call('storage_write', key.len, key.ptr, limit + 1n, 0n, 0n))).toEqual({ kind: 'ValueLengthExceeded', length: limit + 1n, limit });
  });

  it('max_promises_per_function_call_action', () => {
    const b = VMLogicBuilder.default();
    const n = 10n;
    b.config.limitConfig.maxPromisesPerFunctionCallAction = n;
    const t = b.build();
    const account = t.memWrite('alice');
    for (let i = 0n; i < n; i++) t.call('promise_batch_create', account.len, account.ptr);
    expect(hostErrorOf(() => t.call('promise_batch_create', account.len, account.ptr))).toEqual({
      kind: 'NumberPromisesExceeded',
      number_of_promises: n + 1n,
      limit: n,
    });
  });

  it('max_number_input_data_dependencies on promise_and', () => {
    const b = VMLogicBuilder.default();
    const n = 10n;
    b.config.limitConfig.maxNumberInputDataDependencies = n;
    const t = b.build();
    const account = t.memWrite('alice');
    const id = t.call('promise_batch_create', account.len, account.ptr) as bigint;
    const one = le64(id);
    const promises = t.memWrite(new Uint8Array(Array.from({ length: Number(n) + 1 }, () => [...one]).flat()));
    for (let k = 0n; k < n; k++) t.call('promise_and', promises.ptr, k);
    expect(hostErrorOf(() => t.call('promise_and', promises.ptr, n + 1n))).toEqual({
      kind: 'NumberInputDataDependenciesExceeded',
      number_of_input_data_dependencies: n + 1n,
      limit: n,
    });
  });

  it('input data dependencies of nested promise_and are counted recursively', () => {
    const b = VMLogicBuilder.default();
    const steps = 10;
    b.config.limitConfig.maxNumberInputDataDependencies = 1n << BigInt(steps);
    const limit = b.config.limitConfig.maxNumberInputDataDependencies;
    const t = b.build();
    const account = t.memWrite('alice');
    const original = t.call('promise_batch_create', account.len, account.ptr) as bigint;
    let id = original;
    for (let i = 1; i < steps; i++) {
      const ptr = t.memWrite(le64(id)).ptr;
      t.memWrite(le64(id));
      id = t.call('promise_and', ptr, 2n) as bigint;
    }
    let ptr = t.memWrite(le64(id)).ptr;
    t.memWrite(le64(id));
    t.call('promise_and', ptr, 2n);
    ptr = t.memWrite(le64(id)).ptr;
    t.memWrite(le64(id));
    t.memWrite(le64(original));
    expect(hostErrorOf(() => t.call('promise_and', ptr, 3n))).toEqual({
      kind: 'NumberInputDataDependenciesExceeded',
      number_of_input_data_dependencies: limit + 1n,
      limit,
    });
  });

  it('max_length_returned_data', () => {
    const b = VMLogicBuilder.default();
    const limit = 1024n;
    b.config.limitConfig.maxLengthReturnedData = limit;
    const t = b.build();
    t.call('value_return', limit, 0n);
    expect(hostErrorOf(() => t.call('value_return', limit + 1n, 0n))).toEqual({ kind: 'ReturnedValueLengthExceeded', length: limit + 1n, limit });
  });

  it('max_contract_size on deploy_contract and deploy_global_contract', () => {
    const b = VMLogicBuilder.default();
    const limit = 1024n;
    b.config.limitConfig.maxContractSize = limit;
    const t = b.build();
    const account = t.memWrite('alice');
    const id = t.call('promise_batch_create', account.len, account.ptr) as bigint;
    t.call('promise_batch_action_deploy_contract', id, limit, 0n);
    expect(hostErrorOf(() => t.call('promise_batch_action_deploy_contract', id, limit + 1n, 0n))).toEqual({ kind: 'ContractSizeExceeded', size: limit + 1n, limit });
    t.call('promise_batch_action_deploy_global_contract', id, limit, 0n);
    expect(hostErrorOf(() => t.call('promise_batch_action_deploy_global_contract', id, limit + 1n, 0n))).toEqual({
      kind: 'ContractSizeExceeded',
      size: limit + 1n,
      limit,
    });
  });

  it('current_contract_code: 0 and no register without a contract', () => {
    const t = VMLogicBuilder.default().build();
    expect(t.call('current_contract_code', 0n)).toBe(0n);
    expect(t.logic.registers.peek(0n)).toBeUndefined();
  });

  it('current_contract_code: 1 and the hash of a local contract', () => {
    const b = VMLogicBuilder.default();
    const codeHash = hashBorshString('seed');
    b.context.accountContract = { kind: 'Local', codeHash };
    const t = b.build();
    expect(t.call('current_contract_code', 0n)).toBe(1n);
    t.assertReadRegister(codeHash, 0n);
  });

  it('current_contract_code: 2 and the hash of a global contract', () => {
    const b = VMLogicBuilder.default();
    const codeHash = hashBorshString('seed2');
    b.context.accountContract = { kind: 'Global', codeHash };
    const t = b.build();
    expect(t.call('current_contract_code', 0n)).toBe(2n);
    t.assertReadRegister(codeHash, 0n);
  });

  it('current_contract_code: 3 and the account of a global contract by account', () => {
    const b = VMLogicBuilder.default();
    b.context.accountContract = { kind: 'GlobalByAccount', accountId: 'alice.near' };
    const t = b.build();
    expect(t.call('current_contract_code', 0n)).toBe(3n);
    t.assertReadRegister('alice.near', 0n);
  });
});
