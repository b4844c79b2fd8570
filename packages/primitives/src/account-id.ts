/**
 * Account ids, validated exactly like the `near-account-id` crate (2.x) that nearcore uses:
 * 2..=64 bytes, characters `a-z 0-9 - _ .`, and a separator (`-`, `_`, `.`) may not start or
 * end the id or follow another separator.
 */
import { BorshError } from './borsh/errors.js';
import type { Codec } from './borsh/codec.js';

/** A validated account id. Plain string so it can be used as a map key and printed as is. */
export type AccountId = string;

export const ACCOUNT_ID_MIN_LEN = 2;
export const ACCOUNT_ID_MAX_LEN = 64;

export type AccountIdErrorKind = 'TooLong' | 'TooShort' | 'RedundantSeparator' | 'InvalidChar';

const KIND_TEXT: Record<AccountIdErrorKind, string> = {
  TooLong: 'the Account ID is too long',
  TooShort: 'the Account ID is too short',
  RedundantSeparator: 'the Account ID has a redundant separator',
  InvalidChar: 'the Account ID contains an invalid character',
};

/**
 * Why a string is not an account id. `kind` and the message follow near-account-id's
 * `ParseErrorKind` and its Display text (`… 'x' at index N`, N counted in characters).
 */
export class AccountIdError extends Error {
  override readonly name = 'AccountIdError';
  readonly kind: AccountIdErrorKind;
  /** The offending character and its index (in Unicode scalar values), if any. */
  readonly char: { index: number; char: string } | undefined;
  readonly accountId: string;

  constructor(kind: AccountIdErrorKind, accountId: string, char?: { index: number; char: string }) {
    super(KIND_TEXT[kind] + (char ? ` ${rustCharDebug(char.char)} at index ${char.index}` : ''));
    this.kind = kind;
    this.char = char;
    this.accountId = accountId;
  }
}

/** Rust's `{:?}` of a char: quoted, with the usual escapes for quotes, backslash and controls. */
function rustCharDebug(c: string): string {
  switch (c) {
    case "'":
      return "'\\''";
    case '\\':
      return "'\\\\'";
    case '\n':
      return "'\\n'";
    case '\r':
      return "'\\r'";
    case '\t':
      return "'\\t'";
    case '\0':
      return "'\\0'";
  }
  const cp = c.codePointAt(0) ?? 0;
  if (cp < 0x20 || cp === 0x7f) return `'\\u{${cp.toString(16)}}'`;
  return `'${c}'`;
}

function isSeparatorCode(c: number): boolean {
  return c === 0x2d || c === 0x5f || c === 0x2e; // - _ .
}

function isAlnumCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** Byte length of a string in UTF-8 (nearcore measures ids in bytes). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Returns the reason `id` is invalid, or `undefined` when it is a valid account id. */
export function accountIdError(id: string): AccountIdError | undefined {
  const len = utf8Length(id);
  if (len < ACCOUNT_ID_MIN_LEN) return new AccountIdError('TooShort', id);
  if (len > ACCOUNT_ID_MAX_LEN) return new AccountIdError('TooLong', id);
  let lastWasSeparator = true; // so a leading separator counts as redundant
  let index = 0;
  let lastChar = '';
  for (const ch of id) {
    const c = ch.length === 1 ? ch.charCodeAt(0) : -1;
    let sep: boolean;
    if (c >= 0 && isAlnumCode(c)) sep = false;
    else if (c >= 0 && isSeparatorCode(c)) sep = true;
    else return new AccountIdError('InvalidChar', id, { index, char: ch });
    if (sep && lastWasSeparator) return new AccountIdError('RedundantSeparator', id, { index, char: ch });
    lastWasSeparator = sep;
    lastChar = ch;
    index++;
  }
  if (lastWasSeparator) return new AccountIdError('RedundantSeparator', id, { index: index - 1, char: lastChar });
  return undefined;
}

export function isValidAccountId(id: string): boolean {
  // Fast path without allocating an error object.
  const n = id.length;
  if (n < ACCOUNT_ID_MIN_LEN || n > ACCOUNT_ID_MAX_LEN) return accountIdError(id) === undefined;
  let lastWasSeparator = true;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i);
    if (isAlnumCode(c)) lastWasSeparator = false;
    else if (isSeparatorCode(c)) {
      if (lastWasSeparator) return false;
      lastWasSeparator = true;
    } else return false;
  }
  return !lastWasSeparator;
}

/** Validates and returns `id`; throws AccountIdError otherwise. */
export function parseAccountId(id: string): AccountId {
  if (isValidAccountId(id)) return id;
  throw accountIdError(id) ?? new AccountIdError('InvalidChar', id);
}

/** `system`: predecessor of refund receipts, receiver of global-contract distribution. */
export const SYSTEM_ACCOUNT_ID: AccountId = 'system';

export function isSystemAccount(id: AccountId): boolean {
  return id === SYSTEM_ACCOUNT_ID;
}

/** No dot and not `system` (near-account-id `is_top_level`). */
export function isTopLevelAccount(id: AccountId): boolean {
  return id !== SYSTEM_ACCOUNT_ID && !id.includes('.');
}

/** `id` is `<label>.<parent>` where `<label>` has no dot (a direct sub-account). */
export function isSubAccountOf(id: AccountId, parent: AccountId): boolean {
  if (!id.endsWith(parent)) return false;
  const head = id.slice(0, id.length - parent.length);
  if (!head.endsWith('.')) return false;
  return !head.slice(0, -1).includes('.');
}

/** The part after the first dot, or undefined for ids without a dot. */
export function parentAccountId(id: AccountId): AccountId | undefined {
  const i = id.indexOf('.');
  return i < 0 ? undefined : id.slice(i + 1);
}

export type AccountType = 'NamedAccount' | 'NearImplicitAccount' | 'EthImplicitAccount' | 'NearDeterministicAccount';

function allLowerHex(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** `0x` + 40 lowercase hex chars. */
export function isEthImplicitAccount(id: string): boolean {
  return id.length === 42 && id.startsWith('0x') && allLowerHex(id, 2);
}

/** Exactly 64 lowercase hex chars (an ed25519 public key). */
export function isNearImplicitAccount(id: string): boolean {
  return id.length === 64 && allLowerHex(id, 0);
}

/** `0s` + 40 lowercase hex chars (NEP-616 deterministic account, protocol 82+). */
export function isNearDeterministicAccount(id: string): boolean {
  return id.length === 42 && id.startsWith('0s') && allLowerHex(id, 2);
}

/** near-account-id `get_account_type` (same check order). */
export function accountType(id: AccountId): AccountType {
  if (isEthImplicitAccount(id)) return 'EthImplicitAccount';
  if (isNearImplicitAccount(id)) return 'NearImplicitAccount';
  if (isNearDeterministicAccount(id)) return 'NearDeterministicAccount';
  return 'NamedAccount';
}

/** Any implicit kind (NEAR, ETH or deterministic). */
export function isImplicitAccount(id: AccountId): boolean {
  return accountType(id) !== 'NamedAccount';
}

/**
 * Borsh `AccountId`: a `String` that must validate. Failure is a BorshError with reason
 * `invalid_account_id` (its `cause` is the AccountIdError).
 */
export const AccountIdCodec: Codec<AccountId> = {
  name: 'AccountId',
  minSize: 4,
  write: (w, v) => {
    if (!isValidAccountId(v)) {
      const err = accountIdError(v);
      throw new BorshError('invalid_account_id', `cannot encode invalid account id ${JSON.stringify(v)}: ${err?.message}`, -1, { cause: err });
    }
    w.string(v);
  },
  read: (r) => {
    const at = r.offset;
    const s = r.string();
    if (!isValidAccountId(s)) {
      const err = accountIdError(s);
      throw new BorshError('invalid_account_id', `${JSON.stringify(s)}: ${err?.message}`, at, { cause: err });
    }
    return s;
  },
};
