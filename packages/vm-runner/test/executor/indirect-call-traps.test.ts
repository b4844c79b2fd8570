/**
 * `call_indirect` traps as nearcore (Wasmtime) reports them: an empty table slot is
 * IndirectCallToNull, a function of the wrong type IncorrectCallIndirectSignature, an index past
 * the table MemoryOutOfBounds. V8 uses one message for the first two; the prepared module's
 * `indirect_call_slot` lets the executor tell them apart, also in a second table.
 */
import { describe, expect, it } from 'vitest';
import { applyParameterOverrides, runtimeConfig } from '@nearts/runtime-fees';
import { displayFunctionCallError } from '@nearts/vm-errors';
import { MockedExternal, testContext } from '@nearts/vm-logic';
import { LruContractCache, runContract } from '../../src/index.js';
import { wat } from '../prepare/harness.js';

const contract = `(module
  (type $v (func))
  (type $i (func (param i32)))
  (table $t0 4 funcref)
  (table $t1 3 funcref)
  (elem (table $t0) (i32.const 0) func $f)
  (elem (table $t1) (i32.const 2) func $f)
  (func $f)
  (func (export "null_slot") (call_indirect $t0 (type $v) (i32.const 1)))
  (func (export "wrong_type") (call_indirect $t0 (type $i) (i32.const 7) (i32.const 0)))
  (func (export "past_the_table") (call_indirect $t0 (type $v) (i32.const 4)))
  (func (export "ok_then_null")
    (call_indirect $t0 (type $v) (i32.const 0))
    (call_indirect $t0 (type $v) (i32.const 3)))
  (func (export "second_table_null") (call_indirect $t1 (type $v) (i32.const 0)))
  (func (export "second_table_wrong_type") (call_indirect $t1 (type $i) (i32.const 7) (i32.const 2)))
  (func (export "filled_later")
    (table.set $t0 (i32.const 1) (ref.func $f))
    (call_indirect $t0 (type $i) (i32.const 7) (i32.const 1))))`;

/** Protocol 86 allows one table; the second-table cases raise the limit by parameter override. */
const twoTables = applyParameterOverrides(runtimeConfig(86), { max_tables_per_contract: 2 });

async function abortOf(method: string, source = contract, config = twoTables): Promise<string> {
  const outcome = runContract({
    code: await wat(source),
    method,
    context: testContext(),
    config,
    external: new MockedExternal(),
    cache: new LruContractCache(),
  });
  expect(outcome.aborted).not.toBeNull();
  return displayFunctionCallError(outcome.aborted!);
}

describe('call_indirect traps', () => {
  it('at protocol 86 (one table): an empty slot is IndirectCallToNull', async () => {
    const oneTable = `(module (type $v (func)) (table 2 funcref) (func (export "main") (call_indirect (type $v) (i32.const 1))))`;
    expect(await abortOf('main', oneTable, runtimeConfig(86))).toBe('WebAssembly trap: Indirect call to null.');
  });

  it('an empty slot is IndirectCallToNull, a wrong type IncorrectCallIndirectSignature', async () => {
    expect(await abortOf('null_slot')).toBe('WebAssembly trap: Indirect call to null.');
    expect(await abortOf('wrong_type')).toBe('WebAssembly trap: Call indirect incorrect signature trap.');
    expect(await abortOf('ok_then_null')).toBe('WebAssembly trap: Indirect call to null.');
    expect(await abortOf('filled_later')).toBe('WebAssembly trap: Call indirect incorrect signature trap.');
  });

  it('an index past the table is MemoryOutOfBounds', async () => {
    expect(await abortOf('past_the_table')).toBe('WebAssembly trap: Memory out of bounds trap.');
  });

  it('tells the two apart in a second table', async () => {
    expect(await abortOf('second_table_null')).toBe('WebAssembly trap: Indirect call to null.');
    expect(await abortOf('second_table_wrong_type')).toBe('WebAssembly trap: Call indirect incorrect signature trap.');
  });

  it('burns the gas of the instructions up to the trap, like a signature mismatch', async () => {
    const burnt = async (method: string) =>
      runContract({
        code: await wat(contract),
        method,
        context: testContext(),
        config: twoTables,
        external: new MockedExternal(),
        cache: new LruContractCache(),
      }).burntGas;
    // wrong_type pushes one more operand (i32.const 7) than null_slot; nothing else differs.
    expect((await burnt('wrong_type')) - (await burnt('null_slot'))).toBe(runtimeConfig(86).wasmConfig.regularOpCost);
  });
});
