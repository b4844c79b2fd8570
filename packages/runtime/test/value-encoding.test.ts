/**
 * State records encoded into shared slabs: the same bytes as `encode`, each in a region of its
 * own, so a later record never changes an earlier one.
 */
import { AccessKeyCodec, AccountCodec, encode, newAccount, type Account } from '@nearts/primitives';
import { describe, expect, it } from 'vitest';
import { encodeStateValue } from '../src/state/value-encoding.js';

describe('encodeStateValue', () => {
  it('gives the bytes of encode() for accounts (V1 and V2) and access keys', () => {
    const accounts: Account[] = [
      newAccount(10n ** 27n, 5n, { type: 'None' }, 182n),
      newAccount(1n, 0n, { type: 'Local', hash: new Uint8Array(32).fill(7) }, 500n),
      newAccount(3n, 0n, { type: 'GlobalByAccount', accountId: 'code.near' }, 250n),
    ];
    for (const a of accounts) expect(encodeStateValue(AccountCodec, a)).toEqual(encode(AccountCodec, a));
    const key = { nonce: 9n, permission: { type: 'FullAccess' as const } };
    expect(encodeStateValue(AccessKeyCodec, key)).toEqual(encode(AccessKeyCodec, key));
  });

  it('keeps every record in its own bytes', () => {
    const made = Array.from({ length: 2000 }, (_, i) => newAccount(BigInt(i), 0n, { type: 'None' }, 182n));
    const bytes = made.map((a) => encodeStateValue(AccountCodec, a));
    expect(bytes[0]!.buffer).toBe(bytes[1]!.buffer);
    bytes.forEach((b, i) => expect(b).toEqual(encode(AccountCodec, made[i]!)));
  });
});
