/** nearcore runtime/near-vm-runner/src/logic/tests/ed25519_verify.rs, translated. */
import type { HostErrorData } from '@nearts/vm-errors';
import { describe, it } from 'vitest';
import { U64_MAX } from './logic-builder.js';
import { checkSignatureHostCall } from './signature-host-call.js';

const SIGNATURE = new Uint8Array([
  145, 193, 203, 18, 114, 227, 14, 117, 33, 213, 121, 66, 130, 14, 25, 4, 36, 120, 46, 142, 226, 215, 7, 66, 122, 112, 97, 30, 249, 135, 61, 165, 221, 249,
  252, 23, 105, 40, 56, 70, 31, 152, 236, 141, 154, 122, 207, 20, 75, 118, 79, 90, 168, 6, 221, 122, 213, 29, 126, 196, 216, 104, 191, 6,
]);
const BAD_SIGNATURE = new Uint8Array(64).fill(1);
/** `s` not reduced: the signature check fails before reading the message. */
const FORGED_SIGNATURE = SIGNATURE.slice();
FORGED_SIGNATURE[63] = 0b1110_0001;
const PUBLIC_KEY = new Uint8Array([
  32, 122, 6, 120, 146, 130, 30, 37, 215, 112, 241, 251, 160, 196, 124, 17, 255, 75, 129, 62, 84, 22, 46, 206, 158, 184, 57, 224, 118, 35, 26, 182,
]);
/** Not a point: decompression fails. */
const FORGED_PUBLIC_KEY = PUBLIC_KEY.slice();
FORGED_PUBLIC_KEY[31] = 0b1110_0001;
const MESSAGE = new Uint8Array([
  107, 97, 106, 100, 108, 102, 107, 106, 97, 108, 107, 102, 106, 97, 107, 108, 102, 106, 100, 107, 108, 97, 100, 106, 102, 107, 108, 106, 97, 100, 115, 107,
]);

const len = (b: Uint8Array): bigint => BigInt(b.length);

function check(
  sigLen: bigint,
  sig: Uint8Array,
  msgLen: bigint,
  msg: Uint8Array,
  pkLen: bigint,
  pk: Uint8Array,
  want: bigint | HostErrorData,
  wantCosts: Record<string, bigint | number>,
): void {
  checkSignatureHostCall('ed25519_verify', { sigLen, sig, msgLen, msg, pkLen, pk }, want, wantCosts);
}

const invalid = (msg: string): HostErrorData => ({ kind: 'Ed25519VerifyInvalidInput', msg });
const FULL = { read_memory_byte: 128, read_memory_base: 3, ed25519_verify_base: 1, ed25519_verify_byte: 32 };

describe('nearcore logic tests: ed25519_verify', () => {
  it('behaviour and errors, from memory', () => {
    check(len(SIGNATURE), SIGNATURE, len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, 1n, FULL);
    check(len(SIGNATURE), SIGNATURE, len(MESSAGE), MESSAGE, len(PUBLIC_KEY), FORGED_PUBLIC_KEY, 0n, FULL);
    check(len(SIGNATURE), SIGNATURE, len(MESSAGE), MESSAGE, len(PUBLIC_KEY) - 1n, PUBLIC_KEY, invalid('invalid public key length'), {
      ...FULL,
      read_memory_byte: 127,
    });
    check(len(BAD_SIGNATURE), BAD_SIGNATURE, len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, 0n, FULL);
    check(len(SIGNATURE) - 1n, SIGNATURE, len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, invalid('invalid signature length'), {
      read_memory_base: 1,
      read_memory_byte: 63,
      ed25519_verify_base: 1,
    });
    check(len(FORGED_SIGNATURE), FORGED_SIGNATURE, len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, 0n, {
      read_memory_base: 1,
      read_memory_byte: 64,
      ed25519_verify_base: 1,
    });
    check(len(FORGED_SIGNATURE), FORGED_SIGNATURE, 0n, new Uint8Array(0), len(PUBLIC_KEY), PUBLIC_KEY, 0n, {
      read_memory_base: 1,
      read_memory_byte: 64,
      ed25519_verify_base: 1,
    });
    check(len(SIGNATURE), SIGNATURE, 0n, new Uint8Array(0), len(PUBLIC_KEY), PUBLIC_KEY, 0n, {
      read_memory_base: 3,
      read_memory_byte: 96,
      ed25519_verify_base: 1,
      ed25519_verify_byte: 0,
    });
  });

  it('inputs from registers', () => {
    check(U64_MAX, SIGNATURE, len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, 1n, {
      write_register_base: 1,
      write_register_byte: 64,
      read_register_base: 1,
      read_register_byte: 64,
      read_memory_base: 2,
      read_memory_byte: 64,
      ed25519_verify_base: 1,
      ed25519_verify_byte: 32,
    });
    check(len(SIGNATURE), SIGNATURE, U64_MAX, MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, 1n, {
      write_register_base: 1,
      write_register_byte: 32,
      read_register_base: 1,
      read_register_byte: 32,
      read_memory_base: 2,
      read_memory_byte: 96,
      ed25519_verify_base: 1,
      ed25519_verify_byte: 32,
    });
    check(len(SIGNATURE), SIGNATURE, len(MESSAGE), MESSAGE, U64_MAX, PUBLIC_KEY, 1n, {
      write_register_base: 1,
      write_register_byte: 32,
      read_register_byte: 32,
      read_register_base: 1,
      read_memory_base: 2,
      read_memory_byte: 96,
      ed25519_verify_base: 1,
      ed25519_verify_byte: 32,
    });
    check(U64_MAX, BAD_SIGNATURE, len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, 0n, {
      write_register_base: 1,
      write_register_byte: 64,
      read_register_base: 1,
      read_register_byte: 64,
      read_memory_base: 2,
      read_memory_byte: 64,
      ed25519_verify_byte: 32,
      ed25519_verify_base: 1,
    });
    check(U64_MAX, FORGED_SIGNATURE, len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, 0n, {
      write_register_base: 1,
      write_register_byte: 64,
      read_register_base: 1,
      read_register_byte: 64,
      ed25519_verify_base: 1,
    });
    check(U64_MAX, new Uint8Array([0]), len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, invalid('invalid signature length'), {
      write_register_base: 1,
      write_register_byte: 1,
      read_register_base: 1,
      read_register_byte: 1,
      ed25519_verify_base: 1,
    });
    check(len(SIGNATURE), SIGNATURE, len(MESSAGE), MESSAGE, U64_MAX, new Uint8Array([0]), invalid('invalid public key length'), {
      write_register_base: 1,
      write_register_byte: 1,
      read_register_base: 1,
      read_register_byte: 1,
      read_memory_base: 2,
      read_memory_byte: 96,
      ed25519_verify_byte: 32,
      ed25519_verify_base: 1,
    });
  });
});
