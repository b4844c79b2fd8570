import { describe, expect, it } from 'vitest';
import {
  AccountIdError,
  accountType,
  isSubAccountOf,
  isTopLevelAccount,
  isValidAccountId,
  parentAccountId,
  parseAccountId,
} from '@nearts/primitives';

// OK_ACCOUNT_IDS / BAD_ACCOUNT_IDS of near-account-id's test data.
const OK = [
  'aa', 'a-a', 'a-aa', '100', '0o', 'com', 'near', 'bowen', 'b-o_w_e-n', 'b.owen', 'bro.wen', 'a.ha', 'a.b-a.ra',
  'system', 'over.9000', 'google.com', 'illia.cheapaccounts.near', '0o0ooo00oo00o', 'alex-skidanov', '10-4.8-2',
  'b-o_w_e-n', 'no_lols', '0123456789012345678901234567890123456789012345678901234567890123', 'near.a',
];
const BAD = [
  'a', 'A', 'Abc', '-near', 'near-', '-near-', 'near.', '.near', 'near@', '@near', 'неар', '@@@@@', '0__0', '0_-_0',
  '0_-_0', '..', 'a..near', 'nEar', '_bowen', 'hello world',
  'abcdefghijklmnopqrstuvwxyz.abcdefghijklmnopqrstuvwxyz.abcdefghijklmnopqrstuvwxyz',
  '01234567890123456789012345678901234567890123456789012345678901234',
  'some-complex-address@gmail.com', 'sub.buy_d1gitz@atata@b0-rg.c_0_m',
];

function errorOf(id: string): AccountIdError {
  try {
    parseAccountId(id);
  } catch (e) {
    expect(e).toBeInstanceOf(AccountIdError);
    return e as AccountIdError;
  }
  throw new Error(`${id} was accepted`);
}

describe('account id validation (near-account-id 2.x)', () => {
  it.each(OK)('accepts %j', (id) => {
    expect(isValidAccountId(id)).toBe(true);
    expect(parseAccountId(id)).toBe(id);
  });
  it.each(BAD)('rejects %j', (id) => {
    expect(isValidAccountId(id)).toBe(false);
    expect(errorOf(id)).toBeInstanceOf(AccountIdError);
  });

  it('classifies errors like near-account-id, with its Display text', () => {
    const e1 = errorOf('ErinMoriarty.near');
    expect([e1.kind, e1.char]).toEqual(['InvalidChar', { index: 0, char: 'E' }]);
    expect(e1.message).toBe("the Account ID contains an invalid character 'E' at index 0");
    const e2 = errorOf('-KarlUrban.near');
    expect([e2.kind, e2.char]).toEqual(['RedundantSeparator', { index: 0, char: '-' }]);
    expect(e2.message).toBe("the Account ID has a redundant separator '-' at index 0");
    const e3 = errorOf('anthonystarr.');
    expect([e3.kind, e3.char]).toEqual(['RedundantSeparator', { index: 12, char: '.' }]);
    const e4 = errorOf('jack__Quaid.near');
    expect([e4.kind, e4.char]).toEqual(['RedundantSeparator', { index: 5, char: '_' }]);
    expect(errorOf('a').message).toBe('the Account ID is too short');
    expect(errorOf('a'.repeat(65)).kind).toBe('TooLong');
    // length is counted in UTF-8 bytes, the index in characters
    expect(errorOf('ы').char).toEqual({ index: 0, char: 'ы' }); // 2 bytes: long enough, invalid char
    expect(errorOf('ы'.repeat(33)).kind).toBe('TooLong'); // 33 characters but 66 bytes
    expect(errorOf('aы').char).toEqual({ index: 1, char: 'ы' });
    expect(errorOf('a b').message).toBe("the Account ID contains an invalid character ' ' at index 1");
  });

  it('top-level ids: no dot and not "system"', () => {
    for (const id of ['aa', 'near', 'b-o_w_e-n', '0xb794f5ea0ba39494ce839613fffba74279579268', '0123456789012345678901234567890123456789012345678901234567890123']) {
      expect(isTopLevelAccount(id)).toBe(true);
    }
    for (const id of ['near.a', 'b.owen', 'illia.cheapaccounts.near', 'system']) expect(isTopLevelAccount(id)).toBe(false);
  });

  it('direct sub-accounts only', () => {
    const ok: Array<[string, string]> = [
      ['test', 'a.test'], ['test-me', 'abc.test-me'], ['gmail.com', 'abc.gmail.com'], ['gmail.com', 'abc-lol.gmail.com'],
      ['gmail.com', 'abc_lol.gmail.com'], ['gmail.com', 'bro-abc_lol.gmail.com'], ['g0', '0g.g0'], ['1g', '1g.1g'], ['5-3', '4_2.5-3'],
    ];
    for (const [parent, child] of ok) expect(isSubAccountOf(child, parent)).toBe(true);
    const bad: Array<[string, string]> = [
      ['test', 'test'], ['test', 'a1.a.test'], ['test', 'est'], ['test', 'a-test'], ['test', 'etest'], ['test', 'a.etest'], ['test', 'retest'],
    ];
    for (const [parent, child] of bad) expect(isSubAccountOf(child, parent)).toBe(false);
    expect(parentAccountId('app.alice.near')).toBe('alice.near');
    expect(parentAccountId('near')).toBeUndefined();
  });

  it('account types', () => {
    expect(accountType('alice.near')).toBe('NamedAccount');
    expect(accountType('0xb794f5ea0ba39494ce839613fffba74279579268')).toBe('EthImplicitAccount');
    expect(accountType('98793cd91a3f870fb126f66285808c7e094afcfc4eda8a970f6648cdf0dbd6de')).toBe('NearImplicitAccount');
    expect(accountType('0s' + 'ab'.repeat(20))).toBe('NearDeterministicAccount');
    // uppercase hex is not an ETH address (and not valid anyway); 63 hex chars is a named account
    expect(accountType('0xB794F5EA0BA39494CE839613FFFBA74279579268')).toBe('NamedAccount');
    expect(accountType('a'.repeat(63))).toBe('NamedAccount');
    expect(accountType('0s' + 'ab'.repeat(19) + 'ag')).toBe('NamedAccount');
  });
});
