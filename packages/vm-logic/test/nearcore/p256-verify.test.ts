/** nearcore runtime/near-vm-runner/src/logic/tests/p256_verify.rs, translated. */
import { p256 } from '@noble/curves/nist.js';
import type { HostErrorData } from '@nearts/vm-errors';
import { describe, it } from 'vitest';
import { U64_MAX } from './logic-builder.js';
import { checkSignatureHostCall } from './signature-host-call.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));

// nearcore's key pair and a 32-byte prehash of 7s, signed raw (RFC 6979, no hashing: the host
// function takes the prehash). Any valid signature of these bytes does for these tests.
const SECRET = hex('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721');
const PUBLIC_KEY = p256.getPublicKey(SECRET, true);
const MESSAGE = new Uint8Array(32).fill(7);
const SIGNATURE = p256.sign(MESSAGE, SECRET, { prehash: false });

const len = (b: Uint8Array): bigint => BigInt(b.length);
const invalid = (msg: string): HostErrorData => ({ kind: 'P256VerifyInvalidInput', msg });

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
  checkSignatureHostCall('p256_verify', { sigLen, sig, msgLen, msg, pkLen, pk }, want, wantCosts);
}

const allRead = (sig: Uint8Array, msg: Uint8Array, pk: Uint8Array): Record<string, bigint | number> => ({
  read_memory_byte: len(sig) + len(msg) + len(pk),
  read_memory_base: 3,
  p256_verify_base: 1,
  p256_verify_byte: len(msg),
});

describe('nearcore logic tests: p256_verify', () => {
  it('a valid signature', () => {
    check(len(SIGNATURE), SIGNATURE, len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, 1n, allRead(SIGNATURE, MESSAGE, PUBLIC_KEY));
  });

  it('an all-zero signature fails to parse: 0 before the message is read', () => {
    const bad = new Uint8Array(64);
    check(len(bad), bad, len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, 0n, { read_memory_base: 1, read_memory_byte: 64, p256_verify_base: 1 });
  });

  it('a tampered message', () => {
    const bad = MESSAGE.slice();
    bad[0] ^= 1;
    check(len(SIGNATURE), SIGNATURE, len(bad), bad, len(PUBLIC_KEY), PUBLIC_KEY, 0n, allRead(SIGNATURE, bad, PUBLIC_KEY));
  });

  it('an unrelated public key', () => {
    const other = p256.getPublicKey(hex('112233445566778899aabbccddeeff0102030405060708090a0b0c0d0e0f1021'), true);
    check(len(SIGNATURE), SIGNATURE, len(MESSAGE), MESSAGE, len(other), other, 0n, allRead(SIGNATURE, MESSAGE, other));
  });

  it('a 63-byte signature is invalid input', () => {
    check(63n, SIGNATURE, len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, invalid('invalid signature length'), {
      read_memory_base: 1,
      read_memory_byte: 63,
      p256_verify_base: 1,
    });
  });

  it('an empty signature is invalid input', () => {
    check(0n, new Uint8Array(0), len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, invalid('invalid signature length'), {
      read_memory_base: 1,
      read_memory_byte: 0,
      p256_verify_base: 1,
    });
  });

  it('a 32-byte public key is invalid input after the message was charged', () => {
    check(len(SIGNATURE), SIGNATURE, len(MESSAGE), MESSAGE, len(PUBLIC_KEY) - 1n, PUBLIC_KEY, invalid('invalid public key length'), {
      ...allRead(SIGNATURE, MESSAGE, PUBLIC_KEY),
      read_memory_byte: len(SIGNATURE) + len(MESSAGE) + len(PUBLIC_KEY) - 1n,
    });
  });

  it('an all-zero 33-byte public key is not a point: 0', () => {
    const bad = new Uint8Array(33);
    check(len(SIGNATURE), SIGNATURE, len(MESSAGE), MESSAGE, len(bad), bad, 0n, allRead(SIGNATURE, MESSAGE, bad));
  });

  it('an empty message: 0, no per-byte fee', () => {
    const empty = new Uint8Array(0);
    check(len(SIGNATURE), SIGNATURE, 0n, empty, len(PUBLIC_KEY), PUBLIC_KEY, 0n, allRead(SIGNATURE, empty, PUBLIC_KEY));
  });

  it('a 256-byte prehash is truncated to the field size but charged in full', () => {
    const message = Uint8Array.from({ length: 256 }, (_, i) => i & 0xff);
    const signature = p256.sign(message, SECRET, { prehash: false });
    check(len(signature), signature, len(message), message, len(PUBLIC_KEY), PUBLIC_KEY, 1n, allRead(signature, message, PUBLIC_KEY));
  });

  it('the signature from a register', () => {
    check(U64_MAX, SIGNATURE, len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, 1n, {
      write_register_base: 1,
      write_register_byte: len(SIGNATURE),
      read_register_base: 1,
      read_register_byte: len(SIGNATURE),
      read_memory_base: 2,
      read_memory_byte: len(MESSAGE) + len(PUBLIC_KEY),
      p256_verify_base: 1,
      p256_verify_byte: len(MESSAGE),
    });
  });

  it('the message from a register', () => {
    check(len(SIGNATURE), SIGNATURE, U64_MAX, MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, 1n, {
      write_register_base: 1,
      write_register_byte: len(MESSAGE),
      read_register_base: 1,
      read_register_byte: len(MESSAGE),
      read_memory_base: 2,
      read_memory_byte: len(SIGNATURE) + len(PUBLIC_KEY),
      p256_verify_base: 1,
      p256_verify_byte: len(MESSAGE),
    });
  });

  it('the public key from a register', () => {
    check(len(SIGNATURE), SIGNATURE, len(MESSAGE), MESSAGE, U64_MAX, PUBLIC_KEY, 1n, {
      write_register_base: 1,
      write_register_byte: len(PUBLIC_KEY),
      read_register_base: 1,
      read_register_byte: len(PUBLIC_KEY),
      read_memory_base: 2,
      read_memory_byte: len(SIGNATURE) + len(MESSAGE),
      p256_verify_base: 1,
      p256_verify_byte: len(MESSAGE),
    });
  });

  it('every input from registers', () => {
    const total = len(SIGNATURE) + len(MESSAGE) + len(PUBLIC_KEY);
    check(U64_MAX, SIGNATURE, U64_MAX, MESSAGE, U64_MAX, PUBLIC_KEY, 1n, {
      write_register_base: 3,
      write_register_byte: total,
      read_register_base: 3,
      read_register_byte: total,
      p256_verify_base: 1,
      p256_verify_byte: len(MESSAGE),
    });
  });

  it('a 1-byte signature in a register is invalid input', () => {
    check(U64_MAX, new Uint8Array([0]), len(MESSAGE), MESSAGE, len(PUBLIC_KEY), PUBLIC_KEY, invalid('invalid signature length'), {
      write_register_base: 1,
      write_register_byte: 1,
      read_register_base: 1,
      read_register_byte: 1,
      p256_verify_base: 1,
    });
  });
});
