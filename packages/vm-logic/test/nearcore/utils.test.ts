/**
 * nearcore runtime/near-vm-runner/src/logic/utils.rs and errors.rs `mod tests`, translated.
 * `split_method_names` / `null_terminated_method_names_len` are internal here, so they are
 * checked through `promise_batch_action_add_key_with_function_call`: the method names that reach
 * the action, EmptyMethodName, and the add_function_call_key_byte fee (Σ (name + 1) bytes).
 */
import { PublicKey } from '@nearts/primitives';
import { displayFunctionCallError } from '@nearts/vm-errors';
import { describe, expect, it } from 'vitest';
import { VMLogicBuilder, hostErrorOf, utf8 } from './logic-builder.js';
import { promiseBatchActionAddKeyWithFunctionCall, promiseBatchCreate } from './promise-helpers.js';

const PK = PublicKey.fromString('ed25519:5do5nkAEVhL8iteDvXNgxi4pWK78Y7DDadX11ArFNyrf');
const PK_BORSH = new Uint8Array([PK.keyType, ...PK.data]);

function addKey(methodNames: string): { names: Uint8Array[]; byteFee: bigint } {
  const b = VMLogicBuilder.default();
  const t = b.build();
  const idx = promiseBatchCreate(t, 'rick.test');
  promiseBatchActionAddKeyWithFunctionCall(t, idx, PK_BORSH, 0n, 0n, 'sam', methodNames);
  const action = b.ext.actionLog.at(-1)!;
  if (action.kind !== 'AddKeyWithFunctionCall') throw new Error(`unexpected ${action.kind}`);
  return { names: action.methodNames, byteFee: t.gas.profileData().getActionCost('add_function_call_key_byte') };
}

/** send_not_sir of add_function_call_key_byte in the test fees. */
const PER_BYTE = 1925331n;

describe('nearcore logic utils: method names', () => {
  it('an empty list is no names and no bytes', () => {
    expect(addKey('')).toEqual({ names: [], byteFee: 0n });
  });

  it('one name: its bytes + a NUL', () => {
    expect(addKey('hello')).toEqual({ names: [utf8('hello')], byteFee: 6n * PER_BYTE });
  });

  it('two names: 12 bytes', () => {
    expect(addKey('hello,world')).toEqual({ names: [utf8('hello'), utf8('world')], byteFee: 12n * PER_BYTE });
  });

  it.each(['hello,,world', ',world', 'world,', ','])('%s has an empty name: EmptyMethodName', (names) => {
    expect(hostErrorOf(() => addKey(names))).toEqual({ kind: 'EmptyMethodName' });
  });
});

describe('nearcore logic errors: Display', () => {
  it('MethodInvalidSignature and PrepareError(StackHeightInstrumentation)', () => {
    expect(displayFunctionCallError({ kind: 'MethodResolveError', error: 'MethodInvalidSignature' })).toBe('MethodInvalidSignature');
    expect(displayFunctionCallError({ kind: 'CompilationError', error: { kind: 'PrepareError', error: 'StackHeightInstrumentation' } })).toBe(
      'PrepareError: Stack instrumentation failed.',
    );
  });
});
