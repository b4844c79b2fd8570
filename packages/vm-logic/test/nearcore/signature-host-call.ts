/**
 * The call shape nearcore's ed25519_verify.rs and p256_verify.rs tests share: signature, message
 * and key each placed in guest memory, or in a register when its length is u64::MAX; then the
 * result (or HostError) and the ExtCosts counts of the one call.
 */
import type { HostErrorData } from '@nearts/vm-errors';
import { expect } from 'vitest';
import { U64_MAX, VMLogicBuilder, hostErrorOf } from './logic-builder.js';

export interface SignatureCall {
  readonly sigLen: bigint;
  readonly sig: Uint8Array;
  readonly msgLen: bigint;
  readonly msg: Uint8Array;
  readonly pkLen: bigint;
  readonly pk: Uint8Array;
}

export function checkSignatureHostCall(
  hostFunction: 'ed25519_verify' | 'p256_verify',
  { sigLen, sig, msgLen, msg, pkLen, pk }: SignatureCall,
  want: bigint | HostErrorData,
  wantCosts: Record<string, bigint | number>,
): void {
  const t = VMLogicBuilder.default().build();
  const place = (l: bigint, data: Uint8Array, register: bigint): bigint => {
    if (l === U64_MAX) {
      t.writeRegister(register, data);
      return register;
    }
    return t.memWrite(data).ptr;
  };
  const sigPtr = place(sigLen, sig, 1n);
  const msgPtr = place(msgLen, msg, 2n);
  const pkPtr = place(pkLen, pk, 3n);
  const call = (): unknown => t.call(hostFunction, sigLen, sigPtr, msgLen, msgPtr, pkLen, pkPtr);
  if (typeof want === 'bigint') expect(call()).toBe(want);
  else expect(hostErrorOf(call)).toEqual(want);
  t.assertCosts(wantCosts);
}
